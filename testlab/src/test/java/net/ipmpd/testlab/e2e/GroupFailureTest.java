package net.ipmpd.testlab.e2e;

import net.ipmpd.engine.state.GroupState;
import net.ipmpd.engine.state.MemberState;
import net.ipmpd.testlab.Lab;
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
 * Scenario 6: every member's switch port stops forwarding. The group fails; the data address stays configured on a
 * member (in.mpathd never takes a data address down: when the network comes back it must answer at once); the
 * unblock repairs the group.
 */
@RequiresRoot
class GroupFailureTest {
    private static final Logger LOG = LogManager.getLogger(GroupFailureTest.class);

    @TempDir
    Path dir;

    @Test
    void everyTargetDeadIsAGroupFailureThatKeepsTheAddress() {
        try (Lab lab = Lab.start(E2eLabs.spec(2, false));
             DaemonFixture ipmpd = DaemonFixture.start(lab, dir, E2eLabs.oneGroup(2, 1000, true))) {
            lab.awaitAddress(lab.hostNs(), "m0", DATA, true, Duration.ofSeconds(5));
            E2eLabs.awaitProbesAnswered(ipmpd, Duration.ofSeconds(10), "m0", "m1");

            long mark = ipmpd.logMark();
            lab.faults().killTarget("t1");
            lab.faults().killTarget("t2");
            E2eLabs.awaitProbing(ipmpd, "group " + GROUP + " failed", E2eLabs::failoverWait,
                    () -> ipmpd.group(GROUP).state() == GroupState.FAILED);
            ipmpd.awaitLog(mark, Duration.ofSeconds(1), "All IP interfaces in group " + GROUP + " are now unusable");
            // Both members lost every probe at once: the fault is beyond the group, so nothing moves
            // (in.mpathd's group failure: moving to an equally dead member gains nothing).
            assertThat(lab.hasAddress(lab.hostNs(), "m0", DATA)).as("data address kept on m0").isTrue();
            assertThat(lab.hasAddress(lab.hostNs(), "m1", DATA)).isFalse();
            // The client still reaches the address: the links work, only the targets are gone.
            E2eLabs.clientTalksTo(lab, DATA, Duration.ofSeconds(2));

            mark = ipmpd.logMark();
            lab.faults().reviveTarget("t1");
            lab.faults().reviveTarget("t2");
            ipmpd.awaitSnapshot("group " + GROUP + " ok", Duration.ofSeconds(8),
                    s -> s.group(GROUP).orElseThrow().state() == GroupState.OK);
            ipmpd.awaitLog(mark, Duration.ofSeconds(1), "in group " + GROUP + " is now usable");
            assertThat(lab.hasAddress(lab.hostNs(), "m0", DATA)).isTrue();
        }
    }

    @Test
    void allMembersFailedKeepsTheAddressAndRepairs() {
        try (Lab lab = Lab.start(E2eLabs.spec(2, false));
             DaemonFixture ipmpd = DaemonFixture.start(lab, dir, E2eLabs.oneGroup(2, 1000, true))) {
            lab.awaitAddress(lab.hostNs(), "m0", DATA, true, Duration.ofSeconds(5));
            E2eLabs.awaitProbesAnswered(ipmpd, Duration.ofSeconds(10), "m0", "m1");

            long mark = ipmpd.logMark();
            long t0 = System.nanoTime();
            lab.faults().blockPort("m0");
            lab.faults().blockPort("m1");
            E2eLabs.awaitProbing(ipmpd, "group " + GROUP + " failed", E2eLabs::failoverWait,
                    () -> ipmpd.group(GROUP).state() == GroupState.FAILED);
            long failedMs = E2eLabs.millisSince(t0);
            ipmpd.awaitLog(mark, Duration.ofSeconds(1), "All IP interfaces in group " + GROUP + " are now unusable");
            var g = ipmpd.group(GROUP);
            assertThat(g.members()).allSatisfy(m -> assertThat(m.state()).isEqualTo(MemberState.FAILED));
            // The address is kept, on exactly one member, in the kernel and in the daemon's view.
            boolean on0 = lab.hasAddress(lab.hostNs(), "m0", DATA);
            boolean on1 = lab.hasAddress(lab.hostNs(), "m1", DATA);
            assertThat(on0 ^ on1).as("data address on exactly one member (m0 %s, m1 %s)", on0, on1).isTrue();
            var d = ipmpd.dataAddress(GROUP, DATA);
            assertThat(d.currentMember()).contains(on0 ? "m0" : "m1");
            assertThat(d.up()).as("ipmpstat -a STATE down while no member is usable").isFalse();

            assertThat(new OperatorTools(ipmpd.socket()).parsable("-g", "GROUP,STATE")).contains(List.of(GROUP, "failed"));
            // Hold the failure a little longer: still there (nothing deletes it later).
            Thread.sleep(300);
            assertThat(lab.hasAddress(lab.hostNs(), on0 ? "m0" : "m1", DATA)).isTrue();

            mark = ipmpd.logMark();
            t0 = System.nanoTime();
            lab.faults().unblockPort("m0");
            lab.faults().unblockPort("m1");
            ipmpd.awaitSnapshot("group " + GROUP + " ok", Duration.ofSeconds(8),
                    s -> s.group(GROUP).orElseThrow().state() == GroupState.OK);
            long repairedMs = E2eLabs.millisSince(t0);
            ipmpd.awaitLog(mark, Duration.ofSeconds(1), "in group " + GROUP + " is now usable");
            lab.awaitAddress(lab.hostNs(), "m0", DATA, true, Duration.ofSeconds(3));
            assertThat(ipmpd.dataAddress(GROUP, DATA).up()).isTrue();
            E2eLabs.clientTalksTo(lab, DATA, Duration.ofSeconds(2));
            LOG.warn("scenario 6: group failed {} ms after both ports were blocked (address kept on {}); ok again "
                    + "{} ms after unblocking", failedMs, on0 ? "m0" : "m1", repairedMs);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
