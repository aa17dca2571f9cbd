package net.ipmpd.testlab.e2e;

import net.ipmpd.engine.config.Family;
import net.ipmpd.engine.notify.Cause;
import net.ipmpd.engine.state.MemberState;
import net.ipmpd.engine.state.TargetMode;
import net.ipmpd.testlab.Lab;
import net.ipmpd.testlab.junit.RequiresRoot;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;

import static net.ipmpd.testlab.e2e.E2eLabs.GROUP;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Scenario 7: an IPv6 data address (2001:2::/48) on members that probe over IPv6 only, from link-local test
 * addresses (in.mpathd requires link-local IPv6 test addresses) to targets found by ff02::1 echo. A blocked port is
 * detected by IPv6 probes alone; the client's neighbour entry follows the unsolicited NA.
 */
@RequiresRoot
class Ipv6FailoverTest {
    private static final Logger LOG = LogManager.getLogger(Ipv6FailoverTest.class);
    private static final String DATA6 = "2001:2::100";

    @TempDir
    Path dir;

    @Test
    void ipv6DataAddressFailsOverOnIpv6ProbesAndTheClientFollowsTheNa() {
        ConfigJson cfg = new ConfigJson().fdt(1000).failback(true);
        cfg.group(GROUP).v6Member("m0", "fe80::10/64").v6Member("m1", "fe80::11/64").data(DATA6 + "/64", "m0");
        try (Lab lab = Lab.start(E2eLabs.spec(2, false));
             DaemonFixture ipmpd = DaemonFixture.start(lab, dir, cfg)) {
            lab.awaitAddress(lab.hostNs(), "m0", DATA6, true, Duration.ofSeconds(5));
            assertThat(lab.hasAddress(lab.hostNs(), "m0", "fe80::10")).as("IPv6 test address plumbed").isTrue();
            E2eLabs.awaitProbesAnswered(ipmpd, Duration.ofSeconds(10), "m0", "m1");
            var probing = ipmpd.member("m0").probing();
            assertThat(probing).singleElement().satisfies(p -> {
                assertThat(p.family()).isEqualTo(Family.IPV6);
                assertThat(p.mode()).isEqualTo(TargetMode.MULTICAST);
                assertThat(p.targets()).isNotEmpty()
                        .allSatisfy(t -> assertThat(t.address().isLinkLocalAddress()).isTrue());
            });
            E2eLabs.clientTalksTo(lab, DATA6, Duration.ofSeconds(3));
            lab.awaitNeighbour(lab.ns("c"), "c", DATA6, lab.mac("m0"), Duration.ofSeconds(2));

            long fdtBefore = ipmpd.group(GROUP).effectiveFdtMs();
            long mark = ipmpd.logMark();
            lab.faults().blockPort("m0");
            long wall0 = System.currentTimeMillis();
            long t0 = System.nanoTime();
            E2eLabs.awaitAddress(lab, ipmpd, "m1", DATA6, E2eLabs::failoverWait);
            long observedMs = E2eLabs.millisSince(t0);
            String moved = ipmpd.awaitLog(mark, Duration.ofSeconds(1),
                    "Data address " + DATA6 + " of group " + GROUP + " moved from m0 to m1 (cause: probes-lost)");
            long movedMs = DaemonFixture.logTimeMillis(moved) - wall0;
            assertThat(ipmpd.member("m0").lastCause()).isEqualTo(Cause.PROBES_LOST);
            assertThat(ipmpd.member("m0").state()).isEqualTo(MemberState.FAILED);
            assertThat(movedMs).as("block to move, by the daemon's log")
                    .isLessThanOrEqualTo(E2eLabs.detectionBound(E2eLabs.fdtOwed(ipmpd, GROUP, fdtBefore)));
            lab.awaitAddress(lab.hostNs(), "m0", DATA6, false, Duration.ofSeconds(1));
            // The blocked port hides m0 from the client, so only the unsolicited NA from m1 can update the entry.
            lab.awaitNeighbour(lab.ns("c"), "c", DATA6, lab.mac("m1"), Duration.ofSeconds(2));
            long naMs = E2eLabs.millisSince(t0);
            E2eLabs.clientTalksTo(lab, DATA6, Duration.ofSeconds(2));

            // carrier loss of the new holder while m0 is still blocked would fail the group; repair m0 first
            mark = ipmpd.logMark();
            lab.faults().unblockPort("m0");
            E2eLabs.awaitAddress(lab, ipmpd, "m0", DATA6, E2eLabs::repairWait);
            ipmpd.awaitLog(mark, Duration.ofSeconds(1),
                    "Data address " + DATA6 + " of group " + GROUP + " moved from m1 to m0 (cause: failback)");
            lab.awaitNeighbour(lab.ns("c"), "c", DATA6, lab.mac("m0"), Duration.ofSeconds(2));

            t0 = System.nanoTime();
            lab.faults().carrierDown("m0");
            lab.awaitAddress(lab.hostNs(), "m1", DATA6, true, Duration.ofSeconds(1));
            long linkMs = E2eLabs.millisSince(t0);
            lab.awaitNeighbour(lab.ns("c"), "c", DATA6, lab.mac("m1"), Duration.ofSeconds(2));
            E2eLabs.clientTalksTo(lab, DATA6, Duration.ofSeconds(2));
            LOG.warn("scenario 7: IPv6 probe failover: move logged {} ms after the block, seen {} ms, client's "
                    + "neighbour entry on m1 after {} ms; IPv6 link failover seen after {} ms", movedMs, observedMs,
                    naMs, linkMs);
        }
    }
}
