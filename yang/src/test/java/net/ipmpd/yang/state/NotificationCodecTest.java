package net.ipmpd.yang.state;

import static net.ipmpd.yang.XmlText.value;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import net.ipmpd.engine.config.Family;
import net.ipmpd.engine.notify.Cause;
import net.ipmpd.engine.notify.Notification;
import net.ipmpd.engine.state.TargetMode;
import net.ipmpd.engine.state.TargetState;
import net.ipmpd.yang.XmlText;
import net.ipmpd.yang.YanglintAccess;
import net.ipmpd.yang.config.ConfigXml;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

class NotificationCodecTest {
    static final long T = Snapshots.T1;

    @TempDir
    Path dir;

    private Element encode(Notification n) throws Exception {
        var node = NotificationCodec.encode(n, Snapshots.CLOCK).orElseThrow();
        Document doc = XmlText.newDocument();
        Element wrapper = doc.createElementNS("urn:ietf:params:xml:ns:netconf:notification:1.0", "notification");
        doc.appendChild(wrapper);
        Element e = ConfigXml.appendNotification(wrapper, node);
        assertThat(e.getNamespaceURI()).isEqualTo("urn:ipmpd:yang:ipmp");
        // libyang checks the notification against the module independently of yangtools
        Path file = dir.resolve(e.getLocalName() + ".xml");
        Files.writeString(file, XmlText.toText(e));
        var r = YanglintAccess.run("-t", "notif", file);
        assertThat(r.stderr()).as(Files.readString(file)).isEmpty();
        assertThat(r.exit()).isZero();
        return wrapper;
    }

    @Test
    void interfaceFailedCarriesGroupMemberCauseAndTime() throws Exception {
        Element n = encode(new Notification.InterfaceFailed(T, "ipmp0", "eth0", Cause.LINK_DOWN));
        assertThat(value(n, "/notification/interface-failed/group")).isEqualTo("ipmp0");
        assertThat(value(n, "/notification/interface-failed/member")).isEqualTo("eth0");
        assertThat(value(n, "/notification/interface-failed/cause")).isEqualTo("link-down");
        assertThat(value(n, "/notification/interface-failed/time")).isEqualTo("2026-11-25T08:01:30Z");
    }

    @Test
    void repairOfflineAndOnlineAreTheirOwnNotifications() throws Exception {
        assertThat(value(encode(new Notification.InterfaceRepaired(T, "ipmp0", "eth0", Cause.REPAIRED)),
                "/notification/interface-repaired/cause")).isEqualTo("repaired");
        assertThat(value(encode(new Notification.InterfaceOffline(T, "ipmp0", "eth1", Cause.ADMIN_OFFLINE)),
                "/notification/interface-offline/cause")).isEqualTo("admin-offline");
        assertThat(value(encode(new Notification.InterfaceOffline(T, "ipmp0", "eth1", Cause.REMOVED)),
                "/notification/interface-offline/cause")).as("hot removal is a DR detach").isEqualTo("removed");
        assertThat(value(encode(new Notification.InterfaceOnline(T, "ipmp0", "eth1", Cause.ADMIN_ONLINE)),
                "/notification/interface-online/member")).isEqualTo("eth1");
    }

    @Test
    void anAnonymousGroupMemberHasNoGroupLeaf() throws Exception {
        Element n = encode(new Notification.InterfaceFailed(T, "", "eth9", Cause.LINK_DOWN));
        assertThat(XmlText.count(n, "group")).isZero();
        assertThat(value(n, "/notification/interface-failed/member")).isEqualTo("eth9");
    }

    @Test
    void groupFailureAndRepair() throws Exception {
        assertThat(value(encode(new Notification.GroupFailed(T, "ipmp0", Cause.GROUP_FAILURE)),
                "/notification/group-failed/cause")).isEqualTo("group-failure");
        Element r = encode(new Notification.GroupRepaired(T, "ipmp0", "eth1", Cause.REPAIRED));
        assertThat(value(r, "/notification/group-repaired/member")).isEqualTo("eth1");
        assertThat(value(r, "/notification/group-repaired/group")).isEqualTo("ipmp0");
    }

    @Test
    void addressMovedNamesBothMembers() throws Exception {
        Element n = encode(new Notification.AddressMoved(T, "ipmp0", Snapshots.ip("2001:2:0:0:0:0:0:100"), "eth0", "eth1",
                Cause.PROBES_LOST));
        assertThat(value(n, "/notification/address-moved/address")).isEqualTo("2001:2::100");
        assertThat(value(n, "/notification/address-moved/from-member")).isEqualTo("eth0");
        assertThat(value(n, "/notification/address-moved/to-member")).isEqualTo("eth1");
        assertThat(value(n, "/notification/address-moved/cause")).isEqualTo("probes-lost");
        Element failback = encode(new Notification.AddressMoved(T, "ipmp0", Snapshots.ip("198.18.0.100"), "", "eth0", Cause.FAILBACK));
        assertThat(XmlText.count(failback, "from-member")).as("first placement: no from").isZero();
    }

    @Test
    void aPutBackAfterAnotherToolDeletedTheAddressIsAMoveWithoutFromMemberAndCauseKernelChange() throws Exception {
        Element n = encode(new Notification.AddressMoved(T, "ipmp0", Snapshots.ip("198.18.0.100"), null, "eth0",
                Cause.KERNEL_CHANGE));
        assertThat(value(n, "/notification/address-moved/cause")).isEqualTo("kernel-change");
        assertThat(XmlText.count(n, "from-member")).isZero();
        assertThat(value(n, "/notification/address-moved/to-member")).isEqualTo("eth0");
    }

    @Test
    void everyEngineCauseIsAValueOfTheModulesCauseType() throws Exception {
        for (Cause c : Cause.values()) {
            // yanglint (inside encode) rejects a cause the module does not define
            Element n = encode(new Notification.InterfaceFailed(T, "ipmp0", "eth0", c));
            assertThat(value(n, "/notification/interface-failed/cause")).isEqualTo(c.yangName());
        }
    }

    @Test
    void flappingSaysWhetherTheMemberIsSuppressed() throws Exception {
        Element n = encode(new Notification.Flapping(T, "ipmp0", "eth0", true, 2600, Cause.FLAPPING));
        assertThat(value(n, "/notification/flapping/suppressed")).isEqualTo("true");
        assertThat(value(n, "/notification/flapping/penalty")).isEqualTo("2600");
        assertThat(value(n, "/notification/flapping/cause")).isEqualTo("flapping");
    }

    @Test
    void engineNotificationsWithoutAYangNotificationGiveNothing() {
        var ip = Snapshots.ip("198.18.0.1");
        assertThat(NotificationCodec.encode(new Notification.LinkChanged(T, "g", "eth0", false, Cause.LINK_DOWN), Snapshots.CLOCK)).isEmpty();
        assertThat(NotificationCodec.encode(new Notification.FlapGuardEngaged(T, "g", "eth0", 3, Cause.FLAPPING), Snapshots.CLOCK)).isEmpty();
        assertThat(NotificationCodec.encode(new Notification.FailureDetectionTimeChanged(T, "g", "eth0", Family.IPV4, ip,
                10_000, 10_000, 12_000, Cause.NONE), Snapshots.CLOCK)).isEmpty();
        assertThat(NotificationCodec.encode(new Notification.TargetChanged(T, "g", "eth0", Family.IPV4, ip, TargetMode.ROUTES,
                TargetState.ACTIVE, false, Cause.NONE), Snapshots.CLOCK)).isEmpty();
        assertThat(NotificationCodec.encode(new Notification.ProbeCompleted(T, "g", "eth0", Family.IPV4, ip, 1, 100, 120, 110, 10,
                Cause.NONE), Snapshots.CLOCK)).isEmpty();
        assertThat(NotificationCodec.encode(new Notification.ConfigWarning(T, "g", "eth0", "no test address", Cause.CONFIG),
                Snapshots.CLOCK)).isEmpty();
    }
}
