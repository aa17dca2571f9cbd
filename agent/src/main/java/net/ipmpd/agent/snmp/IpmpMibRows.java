package net.ipmpd.agent.snmp;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import net.ipmpd.engine.state.DataAddressSnapshot;
import net.ipmpd.engine.state.EngineSnapshot;
import net.ipmpd.engine.state.GroupSnapshot;
import net.ipmpd.engine.state.MemberSnapshot;
import net.ipmpd.engine.state.ProbeInstanceSnapshot;
import net.ipmpd.engine.state.TargetSnapshot;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.snmp4j.smi.OID;

/** The rows of IPMP-MIB's tables, taken from one snapshot, with their index OIDs. */
final class IpmpMibRows {
    private static final Logger LOG = LogManager.getLogger(IpmpMibRows.class);
    /** IpmpGroupNameString: Solaris LIFGRNAMSIZ - 1. */
    static final int MAX_GROUP_NAME = 31;
    /** IpmpInterfaceName: Linux IFNAMSIZ - 1. */
    static final int MAX_MEMBER_NAME = 15;

    record GroupRow(GroupSnapshot group) {
    }

    record MemberRow(GroupSnapshot group, MemberSnapshot member) {
    }

    record DataAddressRow(GroupSnapshot group, DataAddressSnapshot address) {
    }

    record ProbeRow(GroupSnapshot group, MemberSnapshot member, ProbeInstanceSnapshot probe) {
    }

    record TargetRow(GroupSnapshot group, MemberSnapshot member, TargetSnapshot target) {
    }

    private static volatile String lastWarned = "";

    private IpmpMibRows() {
    }

    /** Every group the MIB can name (the anonymous group last, under the empty name). */
    static List<GroupSnapshot> groups(EngineSnapshot s) {
        List<GroupSnapshot> all = new ArrayList<>(s.groups().size() + 1);
        for (GroupSnapshot g : s.groups()) {
            if (fits(g.name(), MAX_GROUP_NAME)) {
                all.add(g);
            } else {
                warnOnce("group " + g.name() + " is not in IPMP-MIB: its name is longer than "
                        + MAX_GROUP_NAME + " bytes (IpmpGroupNameString)");
            }
        }
        s.anonymous().ifPresent(all::add);
        return all;
    }

    static boolean fits(String name, int max) {
        return name.getBytes(StandardCharsets.UTF_8).length <= max;
    }

    private static void warnOnce(String message) {
        if (!message.equals(lastWarned)) {
            lastWarned = message;
            LOG.warn(message);
        }
    }

    static List<MemberSnapshot> members(GroupSnapshot g) {
        return g.members().stream().filter(m -> fits(m.name(), MAX_MEMBER_NAME)).toList();
    }

    static List<LiveTable.Row<GroupRow>> groupRows(EngineSnapshot s) {
        List<LiveTable.Row<GroupRow>> rows = new ArrayList<>();
        for (GroupSnapshot g : groups(s)) {
            rows.add(new LiveTable.Row<>(groupIndex(g).build(), new GroupRow(g)));
        }
        return rows;
    }

    static List<LiveTable.Row<MemberRow>> memberRows(EngineSnapshot s) {
        List<LiveTable.Row<MemberRow>> rows = new ArrayList<>();
        for (GroupSnapshot g : groups(s)) {
            for (MemberSnapshot m : members(g)) {
                rows.add(new LiveTable.Row<>(memberIndex(g, m).build(), new MemberRow(g, m)));
            }
        }
        return rows;
    }

    static List<LiveTable.Row<DataAddressRow>> dataAddressRows(EngineSnapshot s) {
        List<LiveTable.Row<DataAddressRow>> rows = new ArrayList<>();
        for (GroupSnapshot g : groups(s)) {
            for (DataAddressSnapshot a : g.dataAddresses()) {
                var b = groupIndex(g);
                Indexes.address(b, a.address());
                rows.add(new LiveTable.Row<>(b.build(), new DataAddressRow(g, a)));
            }
        }
        return rows;
    }

    static List<LiveTable.Row<ProbeRow>> probeRows(EngineSnapshot s) {
        List<LiveTable.Row<ProbeRow>> rows = new ArrayList<>();
        for (GroupSnapshot g : groups(s)) {
            for (MemberSnapshot m : members(g)) {
                for (ProbeInstanceSnapshot p : m.probing()) {
                    if (p.testAddress() == null) {
                        continue;
                    }
                    OID index = memberIndex(g, m).add(Indexes.addressType(p.testAddress().address())).build();
                    rows.add(new LiveTable.Row<>(index, new ProbeRow(g, m, p)));
                }
            }
        }
        return rows;
    }

    static List<LiveTable.Row<TargetRow>> targetRows(EngineSnapshot s) {
        List<LiveTable.Row<TargetRow>> rows = new ArrayList<>();
        for (GroupSnapshot g : groups(s)) {
            for (MemberSnapshot m : members(g)) {
                for (ProbeInstanceSnapshot p : m.probing()) {
                    for (TargetSnapshot t : p.targets()) {
                        var b = memberIndex(g, m);
                        Indexes.address(b, t.address());
                        rows.add(new LiveTable.Row<>(b.build(), new TargetRow(g, m, t)));
                    }
                }
            }
        }
        return rows;
    }

    static Indexes.IndexBuilder groupIndex(GroupSnapshot g) {
        var b = Indexes.builder();
        Indexes.string(b, g.name());
        return b;
    }

    static Indexes.IndexBuilder memberIndex(GroupSnapshot g, MemberSnapshot m) {
        var b = groupIndex(g);
        Indexes.string(b, m.name());
        return b;
    }
}
