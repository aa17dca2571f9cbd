package net.ipmpd.testlab.dr;

import net.ipmpd.engine.notify.Cause;
import net.ipmpd.engine.state.GroupState;
import net.ipmpd.engine.state.MemberState;
import net.ipmpd.engine.state.Presence;
import net.ipmpd.testlab.Lab;
import net.ipmpd.testlab.e2e.DaemonFixture;
import net.ipmpd.testlab.e2e.E2eLabs;
import net.ipmpd.testlab.e2e.OperatorTools;
import net.ipmpd.testlab.junit.RequiresRoot;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static net.ipmpd.testlab.e2e.E2eLabs.DATA;
import static net.ipmpd.testlab.e2e.E2eLabs.GROUP;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 6: removing the group's last usable member is a group failure, reported as such (group state failed, the
 * in.mpathd message "All IP interfaces in group ... are now unusable"), not hidden behind the member being merely
 * offline. m1 has lost its carrier, then m0, which carries the data address, is deleted. The data address must not be
 * lost with the interface: when m1's link comes back the group is repaired and the address answers on m1.
 */
@RequiresRoot
class LastMemberRemovedTest {
    private static final Logger LOG = LogManager.getLogger(LastMemberRemovedTest.class);

    @TempDir
    Path dir;

    @Test
    void removingTheLastUsableMemberFailsTheGroupVisibly() {
        try (Lab lab = Lab.start(E2eLabs.spec(2, false));
             DaemonFixture ipmpd = DaemonFixture.start(lab, dir, E2eLabs.oneGroup(2, 1000, true))) {
            OperatorTools tools = new OperatorTools(ipmpd.socket());
            lab.awaitAddress(lab.hostNs(), "m0", DATA, true, Duration.ofSeconds(5));
            E2eLabs.awaitProbesAnswered(ipmpd, Duration.ofSeconds(10), "m0", "m1");

            lab.faults().carrierDown("m1");
            ipmpd.awaitMember("m1", "failed by link-down", Duration.ofSeconds(2),
                    m -> m.state() == MemberState.FAILED && m.lastCause() == Cause.LINK_DOWN);
            assertThat(ipmpd.group(GROUP).state()).isEqualTo(GroupState.DEGRADED);

            long mark = ipmpd.logMark();
            long wall0 = System.currentTimeMillis();
            long t0 = System.nanoTime();
            lab.faults().deleteMember("m0");
            ipmpd.awaitSnapshot("group " + GROUP + " failed", Duration.ofSeconds(3),
                    s -> s.group(GROUP).orElseThrow().state() == GroupState.FAILED);
            long failedMs = DrLabs.millisSince(t0);
            String groupFailed = ipmpd.awaitLog(mark, Duration.ofSeconds(1),
                    "All IP interfaces in group " + GROUP + " are now unusable");
            ipmpd.awaitLog(mark, Duration.ofSeconds(1),
                    "IP interface m0 of group " + GROUP + " is offline (cause: removed)");
            var m0 = ipmpd.member("m0");
            assertThat(m0.state()).isEqualTo(MemberState.OFFLINE);
            assertThat(m0.presence()).isEqualTo(Presence.REMOVED);
            assertThat(ipmpd.member("m1").state()).isEqualTo(MemberState.FAILED);
            assertThat(ipmpd.dataAddress(GROUP, DATA).up()).as("ipmpstat -a STATE down: no usable member").isFalse();
            List<List<String>> groups = tools.parsable("-g", "GROUP,STATE");
            assertThat(groups).as("ipmpstat -g").contains(List.of(GROUP, "failed"));
            DrLabs.InterfaceRow row = DrLabs.ipmpstatI(tools, "m0");
            assertThat(row.state()).isEqualTo("offline");
            assertThat(row.flag(DrLabs.DOWN, 'd')).as("m0 removed: %s", row).isTrue();
            var placed = ipmpd.dataAddress(GROUP, DATA).currentMember();
            boolean onM1 = lab.hasAddress(lab.hostNs(), "m1", DATA);

            // the remaining member's link comes back: the group is repaired and the address answers on it
            mark = ipmpd.logMark();
            t0 = System.nanoTime();
            lab.faults().carrierUp("m1");
            DrLabs.awaitRepair(ipmpd, GROUP, mark, "group " + GROUP + " degraded again (m0 still gone)",
                    () -> ipmpd.group(GROUP).state() == GroupState.DEGRADED);
            long repairedMs = DrLabs.millisSince(t0);
            ipmpd.awaitLog(mark, Duration.ofSeconds(1), "in group " + GROUP + " is now usable");
            lab.awaitAddress(lab.hostNs(), "m1", DATA, true, Duration.ofSeconds(2));
            assertThat(ipmpd.dataAddress(GROUP, DATA).currentMember()).contains("m1");
            assertThat(ipmpd.dataAddress(GROUP, DATA).up()).isTrue();
            E2eLabs.clientTalksTo(lab, DATA, Duration.ofSeconds(3));
            LOG.warn("issue 6 (last usable member removed): group failed {} ms after deleting m0 (logged after {} ms;"
                    + " data address then placed on {} in ipmpd's view, {} on m1 in the kernel); m1's link back -> "
                    + "group usable after {} ms (effective FDT {}), address answering on m1", failedMs,
                    DaemonFixture.logTimeMillis(groupFailed) - wall0, placed.orElse("no member"),
                    onM1 ? "present" : "absent", repairedMs, DrLabs.effectiveFdt(ipmpd, GROUP));
        }
    }
}
