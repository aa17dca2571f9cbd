package net.ipmpd.testlab.e2e;

import net.ipmpd.engine.state.GroupState;
import net.ipmpd.engine.state.MemberState;
import net.ipmpd.testlab.Lab;
import net.ipmpd.testlab.LabSpec;
import net.ipmpd.testlab.junit.RequiresRoot;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Beyond the list of issue 3: two groups in one daemon, each on its own subnet (its own IP link in Solaris terms,
 * here one bridge carrying two prefixes). A failure in one group moves only that group's address and leaves the
 * other group, its routes and its address alone.
 */
@RequiresRoot
class TwoGroupsTest {
    private static final String A = "198.18.0.100";
    private static final String B = "198.18.1.100";

    @TempDir
    Path dir;

    @Test
    void aFailureInOneGroupLeavesTheOtherAlone() {
        LabSpec spec = LabSpec.builder().member("m0").member("m1").member("m2").member("m3")
                .target("t1", "198.18.0.1/24", "198.18.1.1/24").target("t2", "198.18.0.2/24", "198.18.1.2/24")
                .client("c", "198.18.0.200/24", "198.18.1.200/24").build();
        ConfigJson cfg = new ConfigJson().fdt(1000).failback(true);
        cfg.group("ipmp0").member("m0", "198.18.0.10/24").member("m1", "198.18.0.11/24")
                .data(A + "/24", "m0").target("198.18.0.1").target("198.18.0.2");
        cfg.group("ipmp1").member("m2", "198.18.1.12/24").member("m3", "198.18.1.13/24")
                .data(B + "/24", "m2").target("198.18.1.1").target("198.18.1.2");
        try (Lab lab = Lab.start(spec);
             DaemonFixture ipmpd = DaemonFixture.start(lab, dir, cfg)) {
            lab.awaitAddress(lab.hostNs(), "m0", A, true, Duration.ofSeconds(5));
            lab.awaitAddress(lab.hostNs(), "m2", B, true, Duration.ofSeconds(5));
            E2eLabs.awaitProbesAnswered(ipmpd, Duration.ofSeconds(10), "m0", "m1", "m2", "m3");
            E2eLabs.clientTalksTo(lab, A, Duration.ofSeconds(2));
            E2eLabs.clientTalksTo(lab, B, Duration.ofSeconds(2));

            long mark = ipmpd.logMark();
            lab.faults().blockPort("m2");
            E2eLabs.awaitAddress(lab, ipmpd, "m3", B, E2eLabs::failoverWait);
            ipmpd.awaitLog(mark, Duration.ofSeconds(1), "Data address " + B + " of group ipmp1 moved from m2 to m3");
            var s = ipmpd.snapshot();
            assertThat(s.group("ipmp1").orElseThrow().state()).isEqualTo(GroupState.DEGRADED);
            assertThat(s.group("ipmp0").orElseThrow().state()).isEqualTo(GroupState.OK);
            assertThat(s.member("m0").orElseThrow().state()).isEqualTo(MemberState.OK);
            // no event and no address action for ipmp0 (the dataplane may re-apply every group's unchanged
            // multicast nominees; that is not an event of ipmp0)
            assertThat(ipmpd.logLinesSince(mark, "ipmp0").stream()
                    .filter(l -> l.contains(" events: ") || l.contains("data address")).toList())
                    .as("nothing happened to ipmp0").isEmpty();
            assertThat(lab.hasAddress(lab.hostNs(), "m0", A)).isTrue();
            E2eLabs.clientTalksTo(lab, A, Duration.ofSeconds(2));
            E2eLabs.clientTalksTo(lab, B, Duration.ofSeconds(2));

            lab.faults().carrierDown("m0");
            lab.awaitAddress(lab.hostNs(), "m1", A, true, Duration.ofSeconds(1));
            assertThat(lab.hasAddress(lab.hostNs(), "m3", B)).isTrue();
            E2eLabs.clientTalksTo(lab, A, Duration.ofSeconds(2));
            E2eLabs.clientTalksTo(lab, B, Duration.ofSeconds(2));
        }
    }
}
