package net.ipmpd.agent.snmp;

import static net.ipmpd.agent.snmp.LiveTable.Column.readOnly;

import java.time.Duration;
import java.util.List;
import net.ipmpd.agent.snmp.IpmpMibRows.DataAddressRow;
import net.ipmpd.agent.snmp.IpmpMibRows.GroupRow;
import net.ipmpd.agent.snmp.IpmpMibRows.MemberRow;
import net.ipmpd.agent.snmp.IpmpMibRows.ProbeRow;
import net.ipmpd.agent.snmp.IpmpMibRows.TargetRow;
import net.ipmpd.engine.IpmpService;
import net.ipmpd.engine.state.EngineSnapshot;
import net.ipmpd.engine.state.GroupSnapshot;
import net.ipmpd.engine.state.MemberSnapshot;
import net.ipmpd.engine.state.MemberState;
import org.snmp4j.smi.Counter32;
import org.snmp4j.smi.Counter64;
import org.snmp4j.smi.Gauge32;
import org.snmp4j.smi.Integer32;
import org.snmp4j.smi.OID;
import org.snmp4j.smi.UnsignedInteger32;
import org.snmp4j.smi.Variable;

/** IPMP-MIB's managed objects, each read live from the engine's snapshot. */
final class IpmpMib {
    /** IPMPD-ROOT-MIB ipmpdRoot: enterprises.32473 (RFC 5612 documentation PEN). */
    static final OID IPMPD_ROOT = new OID("1.3.6.1.4.1.32473");
    static final OID IPMP_MIB = new OID("1.3.6.1.4.1.32473.1");
    static final OID NOTIFICATIONS = new OID("1.3.6.1.4.1.32473.1.0");
    static final OID OBJECTS = new OID("1.3.6.1.4.1.32473.1.1");
    static final OID GLOBALS = child(OBJECTS, 1);
    static final OID GROUP_ENTRY = child(OBJECTS, 2, 1);
    static final OID MEMBER_ENTRY = child(OBJECTS, 3, 1);
    static final OID DATA_ADDRESS_ENTRY = child(OBJECTS, 4, 1);
    static final OID TEST_ADDRESS_ENTRY = child(OBJECTS, 5, 1);
    static final OID PROBE_STATS_ENTRY = child(OBJECTS, 6, 1);
    static final OID TARGET_ENTRY = child(OBJECTS, 7, 1);
    static final OID NOTIFY_OBJECTS = child(OBJECTS, 8);
    /** ipmpMemberAdminStatus column. */
    static final int COL_MEMBER_ADMIN_STATUS = 15;

    private final IpmpService ipmp;
    private final AgentClock clock;
    private final String agentVersion;
    private final Duration commandTimeout;

    IpmpMib(IpmpService ipmp, AgentClock clock, String agentVersion, Duration commandTimeout) {
        this.ipmp = ipmp;
        this.clock = clock;
        this.agentVersion = agentVersion;
        this.commandTimeout = commandTimeout;
    }

    static OID child(OID parent, int... sub) {
        OID o = new OID(parent);
        for (int s : sub) {
            o.append(s);
        }
        return o;
    }

    List<LiveTable<?>> managedObjects() {
        return List.of(globals(), groupTable(), memberTable(), dataAddressTable(), testAddressTable(),
                probeStatsTable(), targetTable(), RouteTable.table(ipmp::snapshot));
    }

    LiveTable<EngineSnapshot> globals() {
        TunablesWriter tunables = new TunablesWriter(ipmp, commandTimeout);
        return new LiveTable<>(GLOBALS, List.of(
                readOnly(1, s -> Indexes.text(agentVersion)),
                new LiveTable.Column<>(2, s -> new UnsignedInteger32(s.config().failureDetectionTimeMs()),
                        tunables.failureDetectionTime()),
                new LiveTable.Column<>(3, s -> new Integer32(MibCodes.truth(s.config().failback())),
                        tunables.failback()),
                new LiveTable.Column<>(4, s -> new Integer32(MibCodes.truth(s.config().trackInterfacesOnlyWithGroups())),
                        tunables.trackInterfacesOnlyWithGroups()),
                readOnly(5, s -> new Gauge32(IpmpMibRows.groups(s).size())),
                readOnly(6, s -> new Gauge32(IpmpMibRows.groups(s).stream().mapToLong(g -> IpmpMibRows.members(g).size()).sum())),
                readOnly(7, s -> new Gauge32(IpmpMibRows.groups(s).stream().flatMap(g -> IpmpMibRows.members(g).stream())
                        .filter(MemberSnapshot::usable).count())),
                readOnly(8, s -> new Gauge32(IpmpMibRows.groups(s).stream().mapToLong(g -> g.dataAddresses().size()).sum())),
                readOnly(9, s -> new Counter64(s.version()))),
                ipmp::snapshot, s -> List.of(new LiveTable.Row<>(new OID(new int[] {0}), s)));
    }

    LiveTable<GroupRow> groupTable() {
        return new LiveTable<>(GROUP_ENTRY, List.of(
                readOnly(2, r -> new Integer32(MibCodes.groupState(r.group().state()))),
                readOnly(3, r -> new UnsignedInteger32(r.group().configuredFdtMs())),
                readOnly(4, r -> new UnsignedInteger32(r.group().effectiveFdtMs())),
                readOnly(5, r -> new UnsignedInteger32(r.group().probeIntervalMs())),
                readOnly(6, r -> new Gauge32(IpmpMibRows.members(r.group()).size())),
                readOnly(7, r -> countIn(r.group(), MemberState.OK)),
                readOnly(8, r -> countIn(r.group(), MemberState.FAILED)),
                readOnly(9, r -> countIn(r.group(), MemberState.OFFLINE)),
                readOnly(10, r -> countIn(r.group(), MemberState.UNKNOWN)),
                readOnly(11, r -> new Gauge32(r.group().members().stream().filter(MemberSnapshot::active).count())),
                readOnly(12, r -> counter32(r.group().counters().failures())),
                readOnly(13, r -> counter32(r.group().counters().repairs())),
                readOnly(14, r -> counter32(r.group().counters().failovers())),
                readOnly(15, r -> clock.timeStamp(r.group().lastChangeNanos()))),
                ipmp::snapshot, IpmpMibRows::groupRows);
    }

    private static Gauge32 countIn(GroupSnapshot g, MemberState state) {
        return new Gauge32(g.members().stream().filter(m -> m.state() == state).count());
    }

    /** Counter32 wraps modulo 2^32 (RFC 2578 7.1.6). */
    static Counter32 counter32(long v) {
        return new Counter32(v & 0xffff_ffffL);
    }

    LiveTable<MemberRow> memberTable() {
        return new LiveTable<>(MEMBER_ENTRY, List.of(
                readOnly(2, r -> new Integer32(r.member().ifIndex())),
                readOnly(3, r -> new Integer32(MibCodes.memberState(r.member().state()))),
                readOnly(4, r -> MibCodes.memberFlags(r.member())),
                readOnly(5, r -> new Integer32(MibCodes.linkState(r.member().link()))),
                readOnly(6, r -> new Integer32(MibCodes.probeState(r.member().probe()))),
                readOnly(7, r -> new Integer32(MibCodes.truth(r.member().presence() == net.ipmpd.engine.state.Presence.PRESENT))),
                readOnly(8, r -> counter32(r.member().counters().failures())),
                readOnly(9, r -> counter32(r.member().counters().repairs())),
                readOnly(10, r -> counter32(r.member().counters().failovers())),
                readOnly(11, r -> counter32(r.member().counters().flaps())),
                readOnly(12, r -> new Gauge32(Math.max(0, r.member().flapPenalty()))),
                readOnly(13, r -> clock.timeStamp(r.member().lastChangeNanos())),
                readOnly(14, r -> new Integer32(MibCodes.cause(r.member().lastCause()))),
                new LiveTable.Column<>(COL_MEMBER_ADMIN_STATUS,
                        r -> new Integer32(r.member().state() == MemberState.OFFLINE ? MemberAdminWriter.OFFLINE
                                : MemberAdminWriter.ONLINE),
                        new MemberAdminWriter(ipmp, commandTimeout))),
                ipmp::snapshot, IpmpMibRows::memberRows);
    }

    LiveTable<DataAddressRow> dataAddressTable() {
        return new LiveTable<>(DATA_ADDRESS_ENTRY, List.of(
                readOnly(3, r -> new UnsignedInteger32(r.address().prefixLength())),
                readOnly(4, r -> Indexes.text(r.address().homeMember())),
                readOnly(5, r -> Indexes.text(r.address().currentMember().orElse(""))),
                readOnly(6, r -> new Integer32(MibCodes.truth(r.address().up())))),
                ipmp::snapshot, IpmpMibRows::dataAddressRows);
    }

    LiveTable<ProbeRow> testAddressTable() {
        return new LiveTable<>(TEST_ADDRESS_ENTRY, List.of(
                readOnly(2, r -> Indexes.addressValue(r.probe().testAddress().address())),
                readOnly(3, r -> new UnsignedInteger32(r.probe().testAddress().prefixLength())),
                readOnly(4, r -> new Integer32(MibCodes.targetMode(r.probe().mode()))),
                readOnly(5, r -> new Integer32(MibCodes.probeState(r.probe().state())))),
                ipmp::snapshot, IpmpMibRows::probeRows);
    }

    LiveTable<ProbeRow> probeStatsTable() {
        return new LiveTable<>(PROBE_STATS_ENTRY, List.of(
                readOnly(1, r -> new Counter64(r.probe().stats().sent())),
                readOnly(2, r -> new Counter64(r.probe().stats().answered())),
                readOnly(3, r -> new Counter64(r.probe().stats().lost()))),
                ipmp::snapshot, IpmpMibRows::probeRows);
    }

    LiveTable<TargetRow> targetTable() {
        return new LiveTable<>(TARGET_ENTRY, List.of(
                readOnly(3, r -> new Integer32(MibCodes.targetMode(r.target().mode()))),
                readOnly(4, r -> new Integer32(MibCodes.targetState(r.target().state()))),
                readOnly(5, r -> unsigned32(r.target().rttAverageMicros())),
                readOnly(6, r -> unsigned32(r.target().rttDeviationMicros()))),
                ipmp::snapshot, IpmpMibRows::targetRows);
    }

    private static Variable unsigned32(long v) {
        return new UnsignedInteger32(Math.min(Math.max(0, v), 0xffff_ffffL));
    }
}
