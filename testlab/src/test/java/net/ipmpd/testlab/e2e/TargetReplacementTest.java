package net.ipmpd.testlab.e2e;

import net.ipmpd.engine.state.MemberSnapshot;
import net.ipmpd.engine.state.MemberState;
import net.ipmpd.engine.state.TargetMode;
import net.ipmpd.engine.state.TargetSnapshot;
import net.ipmpd.engine.state.TargetState;
import net.ipmpd.testlab.Lab;
import net.ipmpd.testlab.junit.RequiresRoot;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static net.ipmpd.testlab.e2e.E2eLabs.DATA;
import static net.ipmpd.testlab.e2e.E2eLabs.DATA_CIDR;
import static net.ipmpd.testlab.e2e.E2eLabs.GROUP;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Scenario 8: targets found by all-hosts (224.0.0.1) echo; one of them dies. The member keeps working (another target
 * still answers: in.mpathd only fails a member when every target is lost) and the dead target stops being an active
 * target (ipmpstat -t).
 */
@RequiresRoot
class TargetReplacementTest {
    private static final Logger LOG = LogManager.getLogger(TargetReplacementTest.class);
    private static final InetAddress T1 = DaemonFixture.inet("198.18.0.1");
    private static final InetAddress T2 = DaemonFixture.inet("198.18.0.2");

    @TempDir
    Path dir;

    @Test
    void aDeadMulticastTargetIsDroppedAndTheMemberStaysOk() {
        ConfigJson cfg = new ConfigJson().fdt(1000).failback(true);
        cfg.group(GROUP).member("m0", E2eLabs.v4Test(0)).member("m1", E2eLabs.v4Test(1)).data(DATA_CIDR, "m0");
        try (Lab lab = Lab.start(E2eLabs.spec(2, true));
             DaemonFixture ipmpd = DaemonFixture.start(lab, dir, cfg)) {
            lab.awaitAddress(lab.hostNs(), "m0", DATA, true, Duration.ofSeconds(5));
            E2eLabs.awaitProbesAnswered(ipmpd, Duration.ofSeconds(10), "m0", "m1");
            MemberSnapshot m0 = ipmpd.awaitMember("m0", "probing both multicast targets", Duration.ofSeconds(5),
                    m -> activeTargets(m).containsAll(List.of(T1, T2)));
            assertThat(m0.probing().getFirst().mode()).isEqualTo(TargetMode.MULTICAST);
            assertThat(m0.probing().getFirst().targets()).allSatisfy(
                    t -> assertThat(t.mode()).isEqualTo(TargetMode.MULTICAST));
            assertThat(targetsColumn(ipmpd, "m0")).contains("198.18.0.1", "198.18.0.2");

            long mark = ipmpd.logMark();
            long t0 = System.nanoTime();
            lab.faults().killTarget("t1");
            // Watch the member while the dead target is noticed: it must never fail.
            List<MemberState> seen = new ArrayList<>();
            MemberSnapshot after = null;
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (System.nanoTime() < deadline) {
                after = ipmpd.member("m0");
                seen.add(after.state());
                if (!activeTargets(after).contains(T1)) {
                    break;
                }
                sleep(50);
            }
            long droppedMs = E2eLabs.millisSince(t0);
            assertThat(after).isNotNull();
            assertThat(activeTargets(after)).as("t1 no longer an active target of m0: " + after.probing())
                    .doesNotContain(T1).contains(T2);
            // a few more probe rounds: still ok, the address never moved
            sleep(600);
            seen.add(ipmpd.member("m0").state());
            assertThat(seen).as("m0's states while t1 died").containsOnly(MemberState.OK);
            assertThat(ipmpd.logLinesSince(mark, "IP interface failure detected")).isEmpty();
            assertThat(ipmpd.logLinesSince(mark, "moved from")).isEmpty();
            assertThat(lab.hasAddress(lab.hostNs(), "m0", DATA)).isTrue();
            List<String> column = targetsColumn(ipmpd, "m0");
            assertThat(column).as("ipmpstat -t TARGETS of m0").contains("198.18.0.2").doesNotContain("198.18.0.1");
            LOG.warn("scenario 8: target t1 killed; dropped from m0's active targets after {} ms; targets now {} "
                    + "(ipmpstat -t: {})", droppedMs, ipmpd.member("m0").probing().getFirst().targets(), column);
        }
    }

    private static List<InetAddress> activeTargets(MemberSnapshot m) {
        return m.probing().stream().flatMap(p -> p.targets().stream())
                .filter(t -> t.state() == TargetState.ACTIVE).map(TargetSnapshot::address).toList();
    }

    private static List<String> targetsColumn(DaemonFixture ipmpd, String member) {
        return new OperatorTools(ipmpd.socket()).parsable("-t", "INTERFACE,TARGETS").stream()
                .filter(r -> r.get(0).equals(member)).flatMap(r -> List.of(r.get(1).split(" ")).stream()).toList();
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
