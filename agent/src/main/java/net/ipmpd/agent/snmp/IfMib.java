package net.ipmpd.agent.snmp;

import static net.ipmpd.agent.snmp.LiveTable.Column.readOnly;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.ToLongFunction;
import net.ipmpd.engine.IpmpService;
import net.ipmpd.engine.notify.Notification;
import net.ipmpd.engine.state.EngineSnapshot;
import net.ipmpd.engine.state.LinkState;
import net.ipmpd.engine.state.MemberSnapshot;
import net.ipmpd.engine.state.MemberState;
import net.ipmpd.engine.state.Presence;
import org.snmp4j.smi.Counter32;
import org.snmp4j.smi.Counter64;
import org.snmp4j.smi.Gauge32;
import org.snmp4j.smi.Integer32;
import org.snmp4j.smi.OID;
import org.snmp4j.smi.OctetString;
import org.snmp4j.smi.TimeTicks;
import org.snmp4j.smi.Variable;

/**
 * IF-MIB (RFC 2863) for ipmpd's members: ifNumber, and the ifTable and ifXTable rows of the member
 * interfaces that exist (ifIndex &gt; 0), complete enough for a stock NMS to graph member traffic:
 * type, MTU, speed, hardware address and the kernel's link statistics ({@link LinkFacts}, from
 * sysfs through a {@link LinkFactsCache}); Counter32 columns are the 64-bit kernel counters
 * modulo 2^32, as RFC 2863 3.1.6 has them wrap. What the kernel does not count (broadcast
 * packets, transmitted multicast) is absent (noSuchInstance), not invented. The host's own snmpd
 * remains the place for the interfaces that are not members.
 */
final class IfMib {
    static final OID IF_NUMBER = new OID("1.3.6.1.2.1.2.1");
    static final OID IF_ENTRY = new OID("1.3.6.1.2.1.2.2.1");
    static final OID IF_X_ENTRY = new OID("1.3.6.1.2.1.31.1.1.1");
    /** IANAifType other(1), ethernetCsmacd(6), softwareLoopback(24). */
    static final int IF_TYPE_OTHER = 1;
    static final int IF_TYPE_ETHERNET = 6;
    static final int IF_TYPE_LOOPBACK = 24;
    static final OID IF_INDEX = new OID("1.3.6.1.2.1.2.2.1.1");
    static final OID IF_ADMIN_STATUS = new OID("1.3.6.1.2.1.2.2.1.7");
    static final OID IF_OPER_STATUS = new OID("1.3.6.1.2.1.2.2.1.8");
    private static final int TRUE = 1;
    private static final int FALSE = 2;

    private final IpmpService ipmp;
    private final AgentClock clock;
    private final LinkFactsCache links;
    /** Engine time of each member's last operational status change, learnt from LinkChanged. */
    private final Map<String, Long> operChangeNanos = new ConcurrentHashMap<>();

    IfMib(IpmpService ipmp, AgentClock clock, LinkFactsCache links) {
        this.ipmp = ipmp;
        this.clock = clock;
        this.links = links;
    }

    /** Keeps ifLastChange: the engine reports each carrier change as LinkChanged. */
    void observe(Notification n) {
        if (n instanceof Notification.LinkChanged l) {
            operChangeNanos.put(l.member(), l.atNanos());
        }
    }

    List<LiveTable<?>> managedObjects() {
        LiveTable<EngineSnapshot> ifNumber = new LiveTable<>(new OID("1.3.6.1.2.1.2"), List.of(
                readOnly(1, s -> new Integer32(rows(s).size()))),
                ipmp::snapshot, s -> List.of(new LiveTable.Row<>(new OID(new int[] {0}), s)));
        LiveTable<MemberSnapshot> ifTable = new LiveTable<>(IF_ENTRY, List.of(
                readOnly(1, m -> new Integer32(m.ifIndex())),
                readOnly(2, m -> Indexes.text(m.name())),
                readOnly(3, m -> new Integer32(facts(m).map(f -> ifType(f.arpType())).orElse(IF_TYPE_OTHER))),
                readOnly(4, fact(f -> f.mtu() < 0 ? null : new Integer32(f.mtu()))),
                readOnly(5, fact(f -> new Gauge32(Math.min(4_294_967_295L, Math.max(0, f.speedMbps()) * 1_000_000L)))),
                readOnly(6, fact(f -> new OctetString(f.address()))),
                readOnly(7, m -> new Integer32(adminStatus(m))),
                readOnly(8, m -> new Integer32(operStatus(m))),
                readOnly(9, this::lastChange),
                readOnly(10, counter32(LinkFacts::rxBytes)),
                readOnly(11, counter32(IfMib::rxUnicast)),
                readOnly(13, counter32(LinkFacts::rxDropped)),
                readOnly(14, counter32(LinkFacts::rxErrors)),
                readOnly(15, counter32(LinkFacts::rxNoHandler)),
                readOnly(16, counter32(LinkFacts::txBytes)),
                readOnly(17, counter32(LinkFacts::txPackets)),
                readOnly(19, counter32(LinkFacts::txDropped)),
                readOnly(20, counter32(LinkFacts::txErrors))),
                ipmp::snapshot, IfMib::rows);
        LiveTable<MemberSnapshot> ifXTable = new LiveTable<>(IF_X_ENTRY, List.of(
                readOnly(1, m -> Indexes.text(m.name())),
                readOnly(2, counter32(LinkFacts::rxMulticast)),
                readOnly(6, counter64(LinkFacts::rxBytes)),
                readOnly(7, counter64(IfMib::rxUnicast)),
                readOnly(8, counter64(LinkFacts::rxMulticast)),
                readOnly(10, counter64(LinkFacts::txBytes)),
                readOnly(11, counter64(LinkFacts::txPackets)),
                readOnly(14, m -> new Integer32(1)),   // ifLinkUpDownTrapEnable enabled(1): ipmpd sends them
                readOnly(15, fact(f -> new Gauge32(Math.max(0, f.speedMbps())))),
                readOnly(16, fact(f -> new Integer32((f.flags() & LinkFacts.IFF_PROMISC) != 0 ? TRUE : FALSE))),
                readOnly(17, fact(f -> new Integer32(f.physical() ? TRUE : FALSE))),
                readOnly(18, m -> Indexes.text(m.group().isEmpty() ? "ipmp anonymous group" : "ipmp group " + m.group())),
                // the counters run since the kernel made the link, before this agent started
                readOnly(19, m -> new TimeTicks(0))),
                ipmp::snapshot, IfMib::rows);
        return List.of(ifNumber, ifTable, ifXTable);
    }

    private Optional<LinkFacts> facts(MemberSnapshot m) {
        return links.get(m.name());
    }

    private Function<MemberSnapshot, Variable> fact(Function<LinkFacts, Variable> value) {
        return m -> facts(m).map(value).orElse(null);
    }

    private Function<MemberSnapshot, Variable> counter32(ToLongFunction<LinkFacts> counter) {
        return fact(f -> {
            long v = counter.applyAsLong(f);
            return v < 0 ? null : new Counter32(v & 0xffff_ffffL);
        });
    }

    private Function<MemberSnapshot, Variable> counter64(ToLongFunction<LinkFacts> counter) {
        return fact(f -> {
            long v = counter.applyAsLong(f);
            return v < 0 ? null : new Counter64(v);
        });
    }

    /** The kernel counts received multicast, not unicast: what is neither multicast is counted as unicast (as snmpd does). */
    private static long rxUnicast(LinkFacts f) {
        return f.rxPackets() < 0 ? -1 : Math.max(0, f.rxPackets() - Math.max(0, f.rxMulticast()));
    }

    /** ifLastChange: sysUpTime when the member entered its current operational status, 0 if before the agent started. */
    private TimeTicks lastChange(MemberSnapshot m) {
        Long at = operChangeNanos.get(m.name());
        return at == null ? new TimeTicks(0) : clock.timeStamp(at);
    }

    static int ifType(int arpType) {
        return switch (arpType) {
            case LinkFacts.ARPHRD_ETHER -> IF_TYPE_ETHERNET;
            case LinkFacts.ARPHRD_LOOPBACK -> IF_TYPE_LOOPBACK;
            default -> IF_TYPE_OTHER;
        };
    }

    static List<LiveTable.Row<MemberSnapshot>> rows(EngineSnapshot s) {
        List<LiveTable.Row<MemberSnapshot>> rows = new ArrayList<>();
        for (MemberSnapshot m : s.allMembers()) {
            if (m.ifIndex() > 0 && m.presence() == Presence.PRESENT) {
                rows.add(new LiveTable.Row<>(new OID(new int[] {m.ifIndex()}), m));
            }
        }
        return rows;
    }

    /**
     * ifAdminStatus: the snapshot knows IFF_RUNNING, not IFF_UP, so this reports ipmpd's
     * administrative view: down(2) while the member is offline (if_mpadm -d takes its addresses
     * down), up(1) otherwise.
     */
    static int adminStatus(MemberSnapshot m) {
        return m.state() == MemberState.OFFLINE ? 2 : 1;
    }

    /** ifOperStatus: up(1), down(2), unknown(4), notPresent(6) (RFC 2863). */
    static int operStatus(MemberSnapshot m) {
        if (m.presence() != Presence.PRESENT) {
            return 6;
        }
        return m.link() == LinkState.UP ? 1 : m.link() == LinkState.DOWN ? 2 : 4;
    }
}
