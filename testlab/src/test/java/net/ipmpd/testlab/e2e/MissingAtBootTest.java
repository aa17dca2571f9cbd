package net.ipmpd.testlab.e2e;

import net.ipmpd.engine.state.GroupState;
import net.ipmpd.engine.state.MemberState;
import net.ipmpd.engine.state.Presence;
import net.ipmpd.testlab.Lab;
import net.ipmpd.testlab.junit.RequiresRoot;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;

import static net.ipmpd.testlab.e2e.E2eLabs.DATA;
import static net.ipmpd.testlab.e2e.E2eLabs.GROUP;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Beyond the list of issue 3: a member's NIC is missing when the daemon starts (in.mpathd: the interface is
 * tracked as absent). A data address homed on it is placed on a member that exists; when the NIC appears it gets
 * its test address and, with FAILBACK=yes, its data address.
 */
@RequiresRoot
class MissingAtBootTest {
    private static final String SECOND = "198.18.0.101";

    @TempDir
    Path dir;

    @Test
    void aMemberMissingAtStartJoinsWhenItAppears() {
        ConfigJson cfg = new ConfigJson().fdt(1000).failback(true);
        cfg.group(GROUP).member("m0", E2eLabs.v4Test(0)).member("m1", E2eLabs.v4Test(1))
                .data(E2eLabs.DATA_CIDR, "m0").data(SECOND + "/24", "m1")
                .target("198.18.0.1").target("198.18.0.2");
        try (Lab lab = Lab.start(E2eLabs.spec(2, false))) {
            lab.faults().deleteMember("m1");
            try (DaemonFixture ipmpd = DaemonFixture.start(lab, dir, cfg)) {
                lab.awaitAddress(lab.hostNs(), "m0", DATA, true, Duration.ofSeconds(5));
                lab.awaitAddress(lab.hostNs(), "m0", SECOND, true, Duration.ofSeconds(2));
                // The dataplane acts before the engine publishes the step's snapshot: wait for the snapshot.
                ipmpd.awaitMember("m1", "not present", Duration.ofSeconds(2),
                        m -> m.presence() == Presence.NOT_PRESENT);
                assertThat(ipmpd.group(GROUP).state()).isEqualTo(GroupState.DEGRADED);
                E2eLabs.clientTalksTo(lab, SECOND, Duration.ofSeconds(2));

                lab.faults().recreateMember("m1");
                lab.awaitAddress(lab.hostNs(), "m1", "198.18.0.11", true, Duration.ofSeconds(2));
                E2eLabs.awaitAddress(lab, ipmpd, "m1", SECOND, E2eLabs::repairWait);
                lab.awaitAddress(lab.hostNs(), "m0", SECOND, false, Duration.ofSeconds(1));
                ipmpd.awaitMember("m1", "present and ok", Duration.ofSeconds(3),
                        m -> m.presence() == Presence.PRESENT && m.state() == MemberState.OK);
                ipmpd.awaitSnapshot("group ok", Duration.ofSeconds(3),
                        s -> s.group(GROUP).orElseThrow().state() == GroupState.OK);
                assertThat(lab.hasAddress(lab.hostNs(), "m0", DATA)).isTrue();
                lab.awaitNeighbour(lab.ns("c"), "c", SECOND, lab.mac("m1"), Duration.ofSeconds(2));
            }
        }
    }
}
