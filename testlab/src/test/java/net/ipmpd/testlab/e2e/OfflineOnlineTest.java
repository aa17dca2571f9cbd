package net.ipmpd.testlab.e2e;

import net.ipmpd.engine.notify.Cause;
import net.ipmpd.engine.state.MemberState;
import net.ipmpd.testlab.Lab;
import net.ipmpd.testlab.junit.RequiresRoot;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static net.ipmpd.testlab.e2e.E2eLabs.DATA;
import static net.ipmpd.testlab.e2e.E2eLabs.GROUP;
import static org.assertj.core.api.Assertions.assertThat;

/** Scenario 5: if_mpadm -d / -r, and the refused offline of the last usable member (in.mpathd's minimum redundancy). */
@RequiresRoot
class OfflineOnlineTest {
    @TempDir
    Path dir;

    @Test
    void offlineMovesAddressesAwayOnlineBringsThemBackAndTheLastOfflineIsRefused() {
        try (Lab lab = Lab.start(E2eLabs.spec(2, false));
             DaemonFixture ipmpd = DaemonFixture.start(lab, dir, E2eLabs.oneGroup(2, 1000, true))) {
            OperatorTools tools = new OperatorTools(ipmpd.socket());
            lab.awaitAddress(lab.hostNs(), "m0", DATA, true, Duration.ofSeconds(5));
            E2eLabs.awaitProbesAnswered(ipmpd, Duration.ofSeconds(10), "m0", "m1");

            long mark = ipmpd.logMark();
            OperatorTools.Result off = tools.ifMpadm("-d", "m0");
            assertThat(off.exitCode()).as(off.toString()).isZero();
            assertThat(off.stderr()).as("if_mpadm is silent on success").isEmpty();
            lab.awaitAddress(lab.hostNs(), "m1", DATA, true, Duration.ofSeconds(1));
            lab.awaitAddress(lab.hostNs(), "m0", DATA, false, Duration.ofSeconds(1));
            ipmpd.awaitLog(mark, Duration.ofSeconds(1), "IP interface m0 of group " + GROUP + " is offline",
                    "(cause: admin-offline)");
            ipmpd.awaitLog(mark, Duration.ofSeconds(1),
                    "Data address " + DATA + " of group " + GROUP + " moved from m0 to m1 (cause: admin-offline)");
            var m0 = ipmpd.member("m0");
            assertThat(m0.state()).isEqualTo(MemberState.OFFLINE);
            assertThat(m0.lastCause()).isEqualTo(Cause.ADMIN_OFFLINE);
            assertThat(tools.parsable("-i", "INTERFACE,STATE")).contains(List.of("m0", "offline"));
            E2eLabs.clientTalksTo(lab, DATA, Duration.ofSeconds(2));

            // m1 is the last usable member: Solaris refuses, and nothing changes
            var before = ipmpd.snapshot();
            mark = ipmpd.logMark();
            OperatorTools.Result refused = tools.ifMpadm("-d", "m1");
            assertThat(refused.exitCode()).as(refused.toString()).isEqualTo(1);
            assertThat(refused.stderr().strip()).isEqualTo(
                    "if_mpadm: fatal: cannot offline m1: no other functioning interfaces are in its IPMP group");
            var after = ipmpd.snapshot();
            assertThat(after.member("m1").orElseThrow().state()).isEqualTo(MemberState.OK);
            assertThat(after.group(GROUP).orElseThrow().dataAddresses())
                    .isEqualTo(before.group(GROUP).orElseThrow().dataAddresses());
            assertThat(lab.hasAddress(lab.hostNs(), "m1", DATA)).isTrue();
            assertThat(ipmpd.logLinesSince(mark, "is offline")).isEmpty();
            assertThat(ipmpd.logLinesSince(mark, "moved from")).isEmpty();

            // undo: the address goes home
            mark = ipmpd.logMark();
            OperatorTools.Result on = tools.ifMpadm("-r", "m0");
            assertThat(on.exitCode()).as(on.toString()).isZero();
            ipmpd.awaitLog(mark, Duration.ofSeconds(1), "IP interface m0 of group " + GROUP + " is online",
                    "(cause: admin-online)");
            E2eLabs.awaitAddress(lab, ipmpd, "m0", DATA, E2eLabs::repairWait);
            lab.awaitAddress(lab.hostNs(), "m1", DATA, false, Duration.ofSeconds(1));
            assertThat(ipmpd.member("m0").state()).isIn(MemberState.OK);
            E2eLabs.clientTalksTo(lab, DATA, Duration.ofSeconds(2));

            // m1 failed: m0 is the last usable member, so it cannot go offline either
            lab.faults().carrierDown("m1");
            ipmpd.awaitMember("m1", "failed", Duration.ofSeconds(2), m -> m.state() == MemberState.FAILED);
            mark = ipmpd.logMark();
            OperatorTools.Result refused2 = tools.ifMpadm("-d", "m0");
            assertThat(refused2.exitCode()).as(refused2.toString()).isEqualTo(1);
            assertThat(refused2.stderr().strip()).isEqualTo(
                    "if_mpadm: fatal: cannot offline m0: no other functioning interfaces are in its IPMP group");
            assertThat(ipmpd.member("m0").state()).isEqualTo(MemberState.OK);
            assertThat(lab.hasAddress(lab.hostNs(), "m0", DATA)).isTrue();
            assertThat(ipmpd.logLinesSince(mark, "is offline")).isEmpty();
            lab.faults().carrierUp("m1");

            // -r of a member that is not offline: Solaris's message, exit 1
            OperatorTools.Result notOffline = tools.ifMpadm("-r", "m1");
            assertThat(notOffline.exitCode()).isEqualTo(1);
            assertThat(notOffline.stderr().strip()).isEqualTo("if_mpadm: fatal: interface m1 is not offline");
        }
    }
}
