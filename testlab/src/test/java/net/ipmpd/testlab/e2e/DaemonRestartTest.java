package net.ipmpd.testlab.e2e;

import net.ipmpd.engine.state.MemberState;
import net.ipmpd.testlab.Lab;
import net.ipmpd.testlab.junit.RequiresRoot;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicBoolean;

import static net.ipmpd.testlab.e2e.E2eLabs.DATA;
import static net.ipmpd.testlab.e2e.E2eLabs.GROUP;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Scenario 9: the daemon is stopped (SIGTERM) and started again in the middle of an outage. The data address must be
 * up on the member that took it over at every moment (a restart adopts the placement it finds) and never moved.
 */
@RequiresRoot
class DaemonRestartTest {
    private static final Logger LOG = LogManager.getLogger(DaemonRestartTest.class);

    @TempDir
    Path dir;

    @Test
    void restartMidOutageKeepsTheAddressUpWhereItIs() throws Exception {
        try (Lab lab = Lab.start(E2eLabs.spec(2, false));
             DaemonFixture ipmpd = DaemonFixture.start(lab, dir, E2eLabs.oneGroup(2, 1000, true))) {
            lab.awaitAddress(lab.hostNs(), "m0", DATA, true, Duration.ofSeconds(5));
            E2eLabs.awaitProbesAnswered(ipmpd, Duration.ofSeconds(10), "m0", "m1");
            lab.faults().carrierDown("m0");
            lab.awaitAddress(lab.hostNs(), "m1", DATA, true, Duration.ofSeconds(1));
            lab.awaitAddress(lab.hostNs(), "m0", DATA, false, Duration.ofSeconds(1));

            // Sample which members hold the address, one `ip addr` per sample, all through the restart.
            List<Set<String>> samples = new ArrayList<>();
            AtomicBoolean polling = new AtomicBoolean(true);
            Thread poller = new Thread(() -> {
                for (int i = 0; i < 2000 && polling.get(); i++) {
                    Set<String> holders = holders(lab);
                    synchronized (samples) {
                        samples.add(holders);
                    }
                }
            }, "e2e-address-poller");
            poller.start();
            try {
                long t0 = System.nanoTime();
                ipmpd.stop();
                long stoppedMs = E2eLabs.millisSince(t0);
                assertThat(ipmpd.process().isAlive()).isFalse();
                assertThat(holders(lab)).as("after SIGTERM the address stays on m1").containsExactly("m1");
                ipmpd.start();
                long restartedMs = E2eLabs.millisSince(t0);
                var snap = ipmpd.awaitSnapshot("m0 failed and the address adopted on m1", Duration.ofSeconds(5),
                        s -> s.member("m0").orElseThrow().state() == MemberState.FAILED
                                && s.group(GROUP).orElseThrow().dataAddresses().getFirst().currentMember()
                                .equals(java.util.Optional.of("m1")));
                assertThat(snap.member("m1").orElseThrow().state()).isIn(MemberState.OK, MemberState.UNKNOWN);
                Thread.sleep(500);   // a few probe intervals of the new daemon
                polling.set(false);
                poller.join(5000);
                List<Set<String>> all;
                synchronized (samples) {
                    all = List.copyOf(samples);
                }
                assertThat(all.size()).as("samples taken during the restart").isGreaterThan(20);
                assertThat(all).as("the address was on m1 (only) in every sample").allSatisfy(
                        h -> assertThat(h).containsExactly("m1"));
                assertThat(ipmpd.logLinesSince(0, "moved from")).as("the new daemon moved nothing").isEmpty();
                assertThat(ipmpd.logLinesSince(0, "placed on")).as("the new daemon placed nothing again").isEmpty();
                LOG.warn("scenario 9: stop took {} ms, stop + start {} ms; {} samples of the address during the "
                        + "restart, all on m1", stoppedMs, restartedMs, all.size());
            } finally {
                polling.set(false);
                poller.join(5000);
            }

            // the restarted daemon still does its job: repair and failback
            long mark = ipmpd.logMark();
            lab.faults().carrierUp("m0");
            E2eLabs.awaitAddress(lab, ipmpd, "m0", DATA, E2eLabs::repairWait);
            ipmpd.awaitLog(mark, Duration.ofSeconds(1),
                    "Data address " + DATA + " of group " + GROUP + " moved from m1 to m0 (cause: failback)");
        }
    }

    @Test
    void restartAfterACrashAdoptsTheAddressAndServesTheControlSocketAgain() {
        try (Lab lab = Lab.start(E2eLabs.spec(2, false));
             DaemonFixture ipmpd = DaemonFixture.start(lab, dir, E2eLabs.oneGroup(2, 1000, true))) {
            lab.awaitAddress(lab.hostNs(), "m0", DATA, true, Duration.ofSeconds(5));
            lab.faults().carrierDown("m0");
            lab.awaitAddress(lab.hostNs(), "m1", DATA, true, Duration.ofSeconds(1));
            // SIGKILL: no shutdown hook runs, the control socket file stays behind
            ipmpd.process().kill();
            assertThat(holders(lab)).containsExactly("m1");
            ipmpd.start();
            var snap = ipmpd.awaitSnapshot("the address adopted on m1", Duration.ofSeconds(5),
                    s -> s.group(GROUP).orElseThrow().dataAddresses().getFirst().currentMember()
                            .equals(java.util.Optional.of("m1")));
            assertThat(snap.member("m0").orElseThrow().state()).isEqualTo(MemberState.FAILED);
            assertThat(holders(lab)).containsExactly("m1");
            assertThat(ipmpd.logLinesSince(0, "moved from")).isEmpty();
            lab.faults().carrierUp("m0");
            E2eLabs.awaitAddress(lab, ipmpd, "m0", DATA, E2eLabs::repairWait);
        }
    }

    /** Members holding the data address, from one `ip -o addr show to ADDR/32` in the host namespace. */
    private static Set<String> holders(Lab lab) {
        Set<String> out = new TreeSet<>();
        for (String line : lab.ip(lab.hostNs(), "-o", "addr", "show", "to", DATA + "/32").stdout().split("\n")) {
            String[] f = line.trim().split("\\s+");
            if (f.length > 1) {
                out.add(f[1]);
            }
        }
        return out;
    }
}
