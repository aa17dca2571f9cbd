package net.ipmpd.agent.linux;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.IntFunction;
import net.ipmpd.agent.linux.netlink.RtnetlinkMessage;
import net.ipmpd.agent.linux.netlink.Rtnl;
import net.ipmpd.engine.event.EngineEvent;

/**
 * Probe targets from the routing table, as in.mpathd learns routers from its routing socket:
 * every next hop (RTA_GATEWAY, also inside RTA_MULTIPATH) of a unicast route, with its outgoing
 * interface. The local table holds no gateways and is skipped.
 */
public final class RouterDiscovery {
    private RouterDiscovery() {
    }

    public static List<EngineEvent.Router> routers(List<RtnetlinkMessage> dump, IntFunction<Optional<String>> interfaceName) {
        Set<EngineEvent.Router> out = new LinkedHashSet<>();
        for (RtnetlinkMessage m : dump) {
            if (!(m instanceof RtnetlinkMessage.Route r) || r.deleted() || r.table() == Rtnl.RT_TABLE_LOCAL
                    || r.routeType() != Rtnl.RTN_UNICAST) {
                continue;
            }
            for (RtnetlinkMessage.NextHop hop : r.nextHops()) {
                if (hop.gateway() == null) {
                    continue;
                }
                Optional<String> name = interfaceName.apply(hop.ifIndex());
                if (name.isPresent()) {
                    InetAddress gw = InterfaceTable.plain(hop.gateway());
                    out.add(new EngineEvent.Router(gw, name.get()));
                }
            }
        }
        return new ArrayList<>(out);
    }
}
