package net.ipmpd.testlab.e2e;

import net.ipmpd.engine.notify.Cause;
import net.ipmpd.engine.state.MemberState;
import net.ipmpd.engine.state.Presence;
import net.ipmpd.testlab.Lab;
import net.ipmpd.testlab.junit.RequiresRoot;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;

import static net.ipmpd.testlab.e2e.E2eLabs.DATA;
import static net.ipmpd.testlab.e2e.E2eLabs.GROUP;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Beyond the list of issue 3: the member holding the data address is hot-removed (its interface disappears, as on a
 * DR detach of the NIC) and later re-inserted. in.mpathd handles the removal as an offline and the re-insertion as
 * an online: the address moves away, the re-created interface gets its test address again and the address fails back.
 */
@RequiresRoot
class HotRemovalTest {
    private static final Logger LOG = LogManager.getLogger(HotRemovalTest.class);

    @TempDir
    Path dir;

    @Test
    void removedMemberLosesTheAddressAndGetsItBackWhenReinserted() {
        try (Lab lab = Lab.start(E2eLabs.spec(2, false));
             DaemonFixture ipmpd = DaemonFixture.start(lab, dir, E2eLabs.oneGroup(2, 1000, true))) {
            lab.awaitAddress(lab.hostNs(), "m0", DATA, true, Duration.ofSeconds(5));
            E2eLabs.awaitProbesAnswered(ipmpd, Duration.ofSeconds(10), "m0", "m1");

            long mark = ipmpd.logMark();
            long t0 = System.nanoTime();
            lab.faults().deleteMember("m0");
            lab.awaitAddress(lab.hostNs(), "m1", DATA, true, Duration.ofSeconds(1));
            long movedMs = E2eLabs.millisSince(t0);
            // Deleting a veth first drops its carrier (RTM_NEWLINK without IFF_RUNNING), then RTM_DELLINK: the move
            // is the link-down failover, the removal follows as an offline.
            ipmpd.awaitLog(mark, Duration.ofSeconds(1), "Data address " + DATA + " of group " + GROUP
                    + " moved from m0 to m1");
            ipmpd.awaitLog(mark, Duration.ofSeconds(1), "IP interface m0 of group " + GROUP
                    + " is offline (cause: removed)");
            var m0 = ipmpd.awaitMember("m0", "removed", Duration.ofSeconds(1), m -> m.presence() == Presence.REMOVED);
            assertThat(m0.lastCause()).isEqualTo(Cause.REMOVED);
            assertThat(m0.state()).isNotIn(MemberState.OK, MemberState.UNKNOWN);
            E2eLabs.clientTalksTo(lab, DATA, Duration.ofSeconds(2));

            mark = ipmpd.logMark();
            t0 = System.nanoTime();
            lab.faults().recreateMember("m0");
            lab.awaitAddress(lab.hostNs(), "m0", "198.18.0.10", true, Duration.ofSeconds(2));
            E2eLabs.awaitAddress(lab, ipmpd, "m0", DATA, E2eLabs::repairWait);
            long backMs = E2eLabs.millisSince(t0);
            lab.awaitAddress(lab.hostNs(), "m1", DATA, false, Duration.ofSeconds(1));
            var back = ipmpd.awaitMember("m0", "present and ok", Duration.ofSeconds(2),
                    m -> m.presence() == Presence.PRESENT && m.state() == MemberState.OK && m.active());
            assertThat(back.ifIndex()).as("the re-created interface's new ifindex").isPositive();
            lab.awaitNeighbour(lab.ns("c"), "c", DATA, lab.mac("m0"), Duration.ofSeconds(2));
            E2eLabs.clientTalksTo(lab, DATA, Duration.ofSeconds(2));
            LOG.warn("scenario hot removal: address on m1 {} ms after m0 was deleted; home again {} ms after m0 "
                    + "was re-created", movedMs, backMs);
        }
    }
}
