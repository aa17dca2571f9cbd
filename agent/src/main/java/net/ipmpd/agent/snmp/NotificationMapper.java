package net.ipmpd.agent.snmp;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Optional;
import net.ipmpd.engine.IpmpService;
import net.ipmpd.engine.notify.Notification;
import net.ipmpd.engine.state.MemberSnapshot;
import org.snmp4j.smi.Integer32;
import org.snmp4j.smi.OID;
import org.snmp4j.smi.OctetString;
import org.snmp4j.smi.UnsignedInteger32;
import org.snmp4j.smi.VariableBinding;

/**
 * Turns engine notifications into IPMP-MIB notifications, and link changes of present members
 * into the standard linkUp/linkDown (RFC 2863). Notifications without an IPMP-MIB counterpart
 * (probe results, target changes, warnings) go to NETCONF and the logs, not to traps.
 */
final class NotificationMapper {
    /** RFC 3418 snmpTraps: linkDown(3), linkUp(4). */
    static final OID LINK_DOWN = new OID("1.3.6.1.6.3.1.1.5.3");
    static final OID LINK_UP = new OID("1.3.6.1.6.3.1.1.5.4");

    static final OID INTERFACE_FAILED = IpmpMib.child(IpmpMib.NOTIFICATIONS, 1);
    static final OID INTERFACE_REPAIRED = IpmpMib.child(IpmpMib.NOTIFICATIONS, 2);
    static final OID INTERFACE_OFFLINE = IpmpMib.child(IpmpMib.NOTIFICATIONS, 3);
    static final OID INTERFACE_ONLINE = IpmpMib.child(IpmpMib.NOTIFICATIONS, 4);
    static final OID GROUP_FAILED = IpmpMib.child(IpmpMib.NOTIFICATIONS, 5);
    static final OID GROUP_REPAIRED = IpmpMib.child(IpmpMib.NOTIFICATIONS, 6);
    static final OID ADDRESS_MOVED = IpmpMib.child(IpmpMib.NOTIFICATIONS, 7);
    static final OID INTERFACE_FLAPPING = IpmpMib.child(IpmpMib.NOTIFICATIONS, 8);

    private static OID notifyObject(int n) {
        return IpmpMib.child(IpmpMib.NOTIFY_OBJECTS, n, 0);
    }

    private final IpmpService ipmp;

    NotificationMapper(IpmpService ipmp) {
        this.ipmp = ipmp;
    }

    Optional<Trap> map(Notification n) {
        return switch (n) {
            case Notification.InterfaceFailed f -> member(INTERFACE_FAILED, f, f.member());
            case Notification.InterfaceRepaired r -> member(INTERFACE_REPAIRED, r, r.member());
            case Notification.InterfaceOffline o -> member(INTERFACE_OFFLINE, o, o.member());
            case Notification.InterfaceOnline o -> member(INTERFACE_ONLINE, o, o.member());
            case Notification.GroupFailed g -> Optional.of(ipmpTrap("group:" + g.group(), GROUP_FAILED, g, "", List.of()));
            case Notification.GroupRepaired g ->
                    Optional.of(ipmpTrap("group:" + g.group(), GROUP_REPAIRED, g, g.firstUsableMember(), List.of()));
            case Notification.AddressMoved a -> Optional.of(ipmpTrap("address:" + a.address().getHostAddress(),
                    ADDRESS_MOVED, a, a.to(), List.of(
                            new VariableBinding(notifyObject(5), Indexes.text(a.from() == null ? "" : a.from())),
                            new VariableBinding(notifyObject(6), Indexes.addressTypeValue(a.address())),
                            new VariableBinding(notifyObject(7), Indexes.addressValue(a.address())))));
            case Notification.Flapping f -> Optional.of(ipmpTrap("flapping:" + f.group() + "/" + f.member(),
                    INTERFACE_FLAPPING, f, f.member(), List.of(
                            new VariableBinding(notifyObject(8), new Integer32(MibCodes.truth(f.suppressed()))),
                            new VariableBinding(notifyObject(9), new UnsignedInteger32(Math.max(0, f.penalty()))))));
            case Notification.LinkChanged l -> link(l);
            case Notification.FlapGuardEngaged ignored -> Optional.empty();
            case Notification.FailureDetectionTimeChanged ignored -> Optional.empty();
            case Notification.TargetChanged ignored -> Optional.empty();
            case Notification.ProbeCompleted ignored -> Optional.empty();
            case Notification.ConfigWarning ignored -> Optional.empty();
        };
    }

    /** One key per member: under flapping the rate limiter keeps the member's latest state. */
    private Optional<Trap> member(OID oid, Notification n, String member) {
        return Optional.of(ipmpTrap("member:" + n.group() + "/" + member, oid, n, member, List.of()));
    }

    private Trap ipmpTrap(String key, OID oid, Notification n, String member, List<VariableBinding> tail) {
        List<VariableBinding> head = List.of(
                new VariableBinding(notifyObject(1), Indexes.text(n.group())),
                new VariableBinding(notifyObject(2), Indexes.text(member)),
                new VariableBinding(notifyObject(3), new Integer32(MibCodes.cause(n.cause()))),
                new VariableBinding(notifyObject(4), dateAndTime(ipmp.wallClock(n.atNanos()))));
        return new Trap(key, oid, head, tail, true);
    }

    /** linkUp/linkDown OBJECTS { ifIndex, ifAdminStatus, ifOperStatus }, for members with an ifIndex. */
    private Optional<Trap> link(Notification.LinkChanged l) {
        Optional<MemberSnapshot> m = ipmp.snapshot().member(l.member());
        if (m.isEmpty() || m.get().ifIndex() <= 0) {
            return Optional.empty();
        }
        int ifIndex = m.get().ifIndex();
        List<VariableBinding> vbs = List.of(
                new VariableBinding(IpmpMib.child(IfMib.IF_INDEX, ifIndex), new Integer32(ifIndex)),
                new VariableBinding(IpmpMib.child(IfMib.IF_ADMIN_STATUS, ifIndex), new Integer32(IfMib.adminStatus(m.get()))),
                new VariableBinding(IpmpMib.child(IfMib.IF_OPER_STATUS, ifIndex), new Integer32(l.up() ? 1 : 2)));
        return Optional.of(new Trap("link:" + l.member(), l.up() ? LINK_UP : LINK_DOWN, vbs, List.of(), false));
    }

    /** SNMPv2-TC DateAndTime, 11 octets, in UTC. */
    static OctetString dateAndTime(Instant t) {
        ZonedDateTime z = t.atZone(ZoneOffset.UTC);
        return new OctetString(new byte[] {
                (byte) (z.getYear() >> 8), (byte) z.getYear(), (byte) z.getMonthValue(), (byte) z.getDayOfMonth(),
                (byte) z.getHour(), (byte) z.getMinute(), (byte) z.getSecond(), (byte) (z.getNano() / 100_000_000),
                (byte) '+', 0, 0});
    }
}
