package net.ipmpd.agent.log;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.util.List;
import java.util.Optional;
import net.ipmpd.engine.config.EngineConfig;
import net.ipmpd.engine.config.GroupConfig;
import net.ipmpd.engine.config.MemberConfig;
import net.ipmpd.engine.config.TestAddress;
import net.ipmpd.engine.notify.Cause;
import net.ipmpd.engine.notify.Notification;
import org.apache.logging.log4j.Level;
import org.junit.jupiter.api.Test;

class NotificationLogTest {

    @Test
    void failuresAreErrorsWithInMpathdsWords() {
        LogLine l = NotificationLog.line(new Notification.InterfaceFailed(0, "g0", "m0", Cause.PROBES_LOST));
        assertThat(l.level()).isEqualTo(Level.ERROR);
        assertThat(l.text()).isEqualTo("IP interface failure detected on m0 of group g0 (cause: probes-lost)");
        assertThat(NotificationLog.line(new Notification.LinkChanged(0, "g0", "m0", false, Cause.LINK_DOWN)).level()).isEqualTo(Level.ERROR);
        assertThat(NotificationLog.line(new Notification.GroupFailed(0, "g0", Cause.GROUP_FAILURE)).text())
                .isEqualTo("All IP interfaces in group g0 are now unusable (cause: group-failure)");
    }

    @Test
    void aDuplicateHardwareAddressIsLoggedInInMpathdsWordsBothWays() {
        LogLine off = NotificationLog.line(new Notification.InterfaceOffline(0, "g0", "m1", Cause.DUPLICATE_HARDWARE_ADDRESS));
        assertThat(off.level()).isEqualTo(Level.ERROR);
        assertThat(off.text()).isEqualTo("IP interface m1 has a hardware address which is not unique in group g0; offlining");
        LogLine on = NotificationLog.line(new Notification.InterfaceOnline(0, "g0", "m1", Cause.DUPLICATE_HARDWARE_ADDRESS));
        assertThat(on.text()).isEqualTo("IP interface m1 now has a unique hardware address in group g0; onlining");
        assertThat(NotificationLog.line(new Notification.InterfaceOffline(0, "g0", "m1", Cause.ADMIN_OFFLINE)).text())
                .isEqualTo("IP interface m1 of group g0 is offline (cause: admin-offline)");
    }

    @Test
    void goodNewsIsANoticeNotAnError() {
        LogLine up = NotificationLog.line(new Notification.LinkChanged(0, "g0", "m0", true, Cause.REPAIRED));
        assertThat(up.level()).isEqualTo(Levels.NOTICE);
        assertThat(up.text()).isEqualTo("The link has come up on m0 of group g0");
        assertThat(NotificationLog.line(new Notification.InterfaceRepaired(0, "g0", "m0", Cause.REPAIRED)).level())
                .isEqualTo(Levels.NOTICE);
        assertThat(NotificationLog.line(new Notification.GroupRepaired(0, "g0", "m1", Cause.REPAIRED)).level())
                .isEqualTo(Levels.NOTICE);
        assertThat(Levels.NOTICE.isMoreSpecificThan(Level.INFO)).isTrue();
        assertThat(Levels.NOTICE.isLessSpecificThan(Level.WARN)).isTrue();
    }

    @Test
    void anAddressMoveIsInformationAndLinesAreCountedPerInterfaceOrGroup() throws Exception {
        LogLine moved = NotificationLog.line(new Notification.AddressMoved(0, "g0", InetAddress.getByName("198.18.0.100"), "m0",
                "m1", Cause.PROBES_LOST));
        assertThat(moved.level()).isEqualTo(Level.INFO);
        assertThat(moved.key()).isEqualTo("group g0 (moves)");
        assertThat(NotificationLog.line(new Notification.LinkChanged(0, "g0", "m2", true, Cause.REPAIRED)).key()).isEqualTo("m2 (link)");
    }

    @Test
    void aPutBackSaysSoAndAChangeByAnotherToolIsAWarningOfItsOwnKindPerInterface() throws Exception {
        LogLine back = NotificationLog.line(new Notification.AddressMoved(0, "g0", InetAddress.getByName("198.18.0.100"), null,
                "m0", Cause.KERNEL_CHANGE));
        assertThat(back.text()).isEqualTo("Data address 198.18.0.100 of group g0 put back on m0 (cause: kernel-change)");
        LogLine who = NotificationLog.line(new Notification.ConfigWarning(0, "g0", "m0",
                "data address 198.18.0.100 deleted from m0 by pid 42 (ip), not by ipmpd; putting back ipmpd's placement",
                Cause.KERNEL_CHANGE));
        assertThat(who.level()).isEqualTo(Level.WARN);
        assertThat(who.text()).isEqualTo("m0 of group g0: data address 198.18.0.100 deleted from m0 by pid 42 (ip),"
                + " not by ipmpd; putting back ipmpd's placement");
        assertThat(who.key()).isEqualTo("m0 (changes by others)");
    }

    @Test
    void aMemberWithoutTestAddressIsNotedAsInMpathdAndWarnedWhenItsGroupProbes() throws Exception {
        TestAddress t = new TestAddress(InetAddress.getByName("198.18.0.10"), 24);
        GroupConfig probing = new GroupConfig("g0", java.util.OptionalLong.empty(),
                List.of(new MemberConfig("m0", false, Optional.of(t), Optional.empty()), MemberConfig.linkOnly("m1", false)),
                List.of(), List.of());
        GroupConfig linkOnly = new GroupConfig("g1", java.util.OptionalLong.empty(),
                List.of(MemberConfig.linkOnly("m2", false)), List.of(), List.of());
        EngineConfig c = EngineConfig.defaults().withGroups(List.of(probing, linkOnly));
        assertThat(NotificationLog.testAddressNotices(c)).containsExactly(
                new LogLine(Level.WARN, "m1", "configuration", "No test address configured on interface m1; disabling probe-based failure detection on it"),
                new LogLine(Level.INFO, "m2", "configuration", "No test address configured on interface m2; disabling probe-based failure detection on it"));
    }
}
