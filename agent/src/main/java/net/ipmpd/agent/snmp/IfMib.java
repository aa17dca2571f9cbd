package net.ipmpd.agent.snmp;

import static net.ipmpd.agent.snmp.LiveTable.Column.readOnly;

import java.util.ArrayList;
import java.util.List;
import net.ipmpd.engine.IpmpService;
import net.ipmpd.engine.state.EngineSnapshot;
import net.ipmpd.engine.state.LinkState;
import net.ipmpd.engine.state.MemberSnapshot;
import net.ipmpd.engine.state.MemberState;
import net.ipmpd.engine.state.Presence;
import org.snmp4j.smi.Integer32;
import org.snmp4j.smi.OID;

/**
 * The part of IF-MIB (RFC 2863) an NMS needs to place ipmpd's members: ifNumber, and the ifTable
 * and ifXTable rows of the member interfaces that exist (ifIndex &gt; 0). Only what the engine's
 * snapshot knows is served; ifMtu, ifSpeed, ifPhysAddress and the traffic counters are absent
 * (noSuchInstance) rather than invented. The host's own snmpd remains the place for the full
 * IF-MIB of every interface.
 */
final class IfMib {
    static final OID IF_NUMBER = new OID("1.3.6.1.2.1.2.1");
    static final OID IF_ENTRY = new OID("1.3.6.1.2.1.2.2.1");
    static final OID IF_X_ENTRY = new OID("1.3.6.1.2.1.31.1.1.1");
    /** IANAifType other(1): the snapshot does not know the link type. */
    static final int IF_TYPE_OTHER = 1;
    static final OID IF_INDEX = new OID("1.3.6.1.2.1.2.2.1.1");
    static final OID IF_ADMIN_STATUS = new OID("1.3.6.1.2.1.2.2.1.7");
    static final OID IF_OPER_STATUS = new OID("1.3.6.1.2.1.2.2.1.8");

    private final IpmpService ipmp;
    private final AgentClock clock;

    IfMib(IpmpService ipmp, AgentClock clock) {
        this.ipmp = ipmp;
        this.clock = clock;
    }

    List<LiveTable<?>> managedObjects() {
        LiveTable<EngineSnapshot> ifNumber = new LiveTable<>(new OID("1.3.6.1.2.1.2"), List.of(
                readOnly(1, s -> new Integer32(rows(s).size()))),
                ipmp::snapshot, s -> List.of(new LiveTable.Row<>(new OID(new int[] {0}), s)));
        LiveTable<MemberSnapshot> ifTable = new LiveTable<>(IF_ENTRY, List.of(
                readOnly(1, m -> new Integer32(m.ifIndex())),
                readOnly(2, m -> Indexes.text(m.name())),
                readOnly(3, m -> new Integer32(IF_TYPE_OTHER)),
                readOnly(7, m -> new Integer32(adminStatus(m))),
                readOnly(8, m -> new Integer32(operStatus(m))),
                readOnly(9, m -> clock.timeStamp(m.lastChangeNanos()))),
                ipmp::snapshot, IfMib::rows);
        LiveTable<MemberSnapshot> ifXTable = new LiveTable<>(IF_X_ENTRY, List.of(
                readOnly(1, m -> Indexes.text(m.name())),
                readOnly(18, m -> Indexes.text(m.group().isEmpty() ? "ipmp anonymous group" : "ipmp group " + m.group()))),
                ipmp::snapshot, IfMib::rows);
        return List.of(ifNumber, ifTable, ifXTable);
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
