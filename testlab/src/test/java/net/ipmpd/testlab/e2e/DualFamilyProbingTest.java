package net.ipmpd.testlab.e2e;

import net.ipmpd.engine.config.Family;
import net.ipmpd.engine.state.GroupState;
import net.ipmpd.engine.state.MemberState;
import net.ipmpd.testlab.Lab;
import net.ipmpd.testlab.junit.RequiresRoot;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static net.ipmpd.testlab.e2e.E2eLabs.DATA;
import static net.ipmpd.testlab.e2e.E2eLabs.DATA_CIDR;
import static net.ipmpd.testlab.e2e.E2eLabs.GROUP;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Beyond the list of issue 3: members probing over IPv4 and IPv6 at once. in.mpathd fails an interface only when
 * probing fails in both families (README, "IPv4 and IPv6 both failing for a failure"): the IPv4 targets vanishing
 * while IPv6 still answers changes nothing; a blocked port (both families lost) still fails the member.
 */
@RequiresRoot
class DualFamilyProbingTest {
    @TempDir
    Path dir;

    @Test
    void losingOnlyIpv4TargetsIsNoFailureButLosingBothFamiliesIs() throws Exception {
        ConfigJson cfg = new ConfigJson().fdt(1000).failback(true);
        cfg.group(GROUP).member("m0", E2eLabs.v4Test(0), "fe80::10/64").member("m1", E2eLabs.v4Test(1), "fe80::11/64")
                .data(DATA_CIDR, "m0").target("198.18.0.1").target("198.18.0.2");
        try (Lab lab = Lab.start(E2eLabs.spec(2, false));
             DaemonFixture ipmpd = DaemonFixture.start(lab, dir, cfg)) {
            lab.awaitAddress(lab.hostNs(), "m0", DATA, true, Duration.ofSeconds(5));
            E2eLabs.awaitProbesAnswered(ipmpd, Duration.ofSeconds(10), "m0", "m1");
            assertThat(ipmpd.member("m0").probing()).extracting(p -> p.family())
                    .containsExactlyInAnyOrder(Family.IPV4, Family.IPV6);

            // the IPv4 targets lose their IPv4 addresses: every IPv4 probe of both members is lost
            long mark = ipmpd.logMark();
            lab.deleteAddress(lab.ns("t1"), "t1", "198.18.0.1/24");
            lab.deleteAddress(lab.ns("t2"), "t2", "198.18.0.2/24");
            long v4Lost = ipmpd.member("m0").probing().stream().filter(p -> p.family() == Family.IPV4)
                    .findFirst().orElseThrow().stats().lost();
            List<MemberState> seen = new ArrayList<>();
            long end = System.nanoTime() + Duration.ofMillis(3 * ipmpd.group(GROUP).effectiveFdtMs()).toNanos();
            while (System.nanoTime() < end) {
                var s = ipmpd.snapshot();
                seen.add(s.member("m0").orElseThrow().state());
                seen.add(s.member("m1").orElseThrow().state());
                Thread.sleep(50);
            }
            var m0 = ipmpd.member("m0");
            long v4LostAfter = m0.probing().stream().filter(p -> p.family() == Family.IPV4).findFirst().orElseThrow()
                    .stats().lost();
            assertThat(v4LostAfter - v4Lost).as("IPv4 probes lost meanwhile").isGreaterThanOrEqualTo(5);
            assertThat(seen).as("members' states while only IPv4 probing fails").containsOnly(MemberState.OK);
            assertThat(ipmpd.group(GROUP).state()).isEqualTo(GroupState.OK);
            assertThat(ipmpd.logLinesSince(mark, "failure detected")).isEmpty();
            assertThat(lab.hasAddress(lab.hostNs(), "m0", DATA)).isTrue();

            // now both families on m0: a blocked port
            mark = ipmpd.logMark();
            lab.faults().blockPort("m0");
            E2eLabs.awaitAddress(lab, ipmpd, "m1", DATA, E2eLabs::failoverWait);
            ipmpd.awaitLog(mark, Duration.ofSeconds(1), "IP interface failure detected on m0 of group " + GROUP,
                    "(cause: probes-lost)");
            assertThat(ipmpd.member("m1").state()).isEqualTo(MemberState.OK);
        }
    }
}
