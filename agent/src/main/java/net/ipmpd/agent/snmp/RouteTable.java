package net.ipmpd.agent.snmp;

import static net.ipmpd.agent.snmp.LiveTable.Column.readOnly;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import net.ipmpd.engine.state.EngineSnapshot;
import net.ipmpd.engine.state.GroupSnapshot;
import net.ipmpd.engine.state.KeptRoute;
import net.ipmpd.engine.state.RouteOrigin;
import org.snmp4j.smi.Gauge32;
import org.snmp4j.smi.Integer32;
import org.snmp4j.smi.OID;
import org.snmp4j.smi.OctetString;

/**
 * IPMP-MIB's ipmpRouteTable: the routes each group's snapshot says ipmpd keeps, one row per
 * next hop as in IP-FORWARD-MIB's inetCidrRouteTable (an on-link route: one row, next hop type
 * unknown(0), zero-length next hop).
 */
final class RouteTable {
    static final OID ROUTE_ENTRY = IpmpMib.child(IpmpMib.OBJECTS, 9, 1);
    /** SnmpAdminString's limit for ipmpRouteOutboundMembers. */
    static final int MAX_MEMBERS_TEXT = 255;
    /** InetAddressType unknown(0): no next hop address. */
    private static final int UNKNOWN = 0;

    /** One row: a route of a group through one of its gateways (null: on-link). */
    record RouteRow(GroupSnapshot group, KeptRoute route, InetAddress gateway) {
    }

    private RouteTable() {
    }

    static LiveTable<RouteRow> table(Supplier<EngineSnapshot> snapshots) {
        return new LiveTable<>(ROUTE_ENTRY, List.of(
                readOnly(7, r -> membersText(r.route().members())),
                readOnly(8, r -> new Gauge32(r.route().members().size())),
                readOnly(9, r -> new Integer32(r.route().origin() == RouteOrigin.CREATED ? 1 : 2))),
                snapshots, RouteTable::rows);
    }

    static List<LiveTable.Row<RouteRow>> rows(EngineSnapshot s) {
        List<LiveTable.Row<RouteRow>> rows = new ArrayList<>();
        for (GroupSnapshot g : IpmpMibRows.groups(s)) {
            for (KeptRoute r : g.routes()) {
                List<InetAddress> hops = r.gateways().isEmpty() ? java.util.Collections.singletonList(null) : r.gateways();
                for (InetAddress gw : hops) {
                    rows.add(new LiveTable.Row<>(index(g, r, gw), new RouteRow(g, r, gw)));
                }
            }
        }
        return rows;
    }

    private static OID index(GroupSnapshot g, KeptRoute r, InetAddress gateway) {
        var b = IpmpMibRows.groupIndex(g);
        Indexes.address(b, r.destination());
        b.add(r.prefixLength());
        b.add((int) r.metric());   // Unsigned32: the sub-identifier is the same 32 bits
        if (gateway == null) {
            b.add(UNKNOWN).add(0);
        } else {
            Indexes.address(b, gateway);
        }
        return b.build();
    }

    /** The member names separated by single spaces, as many whole names as fit in 255 octets. */
    static OctetString membersText(List<String> members) {
        StringBuilder text = new StringBuilder();
        for (String m : members) {
            String next = text.isEmpty() ? m : text + " " + m;
            if (next.getBytes(StandardCharsets.UTF_8).length > MAX_MEMBERS_TEXT) {
                break;
            }
            text.setLength(0);
            text.append(next);
        }
        return Indexes.text(text.toString());
    }
}
