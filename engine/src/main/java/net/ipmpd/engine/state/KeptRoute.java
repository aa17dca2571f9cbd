package net.ipmpd.engine.state;

import java.net.InetAddress;
import java.util.List;
import net.ipmpd.engine.config.Family;

/**
 * A main-table route that ipmpd keeps pointed at a group's outbound members, as the dataplane
 * last installed it in the kernel (Solaris keeps routes on the IPMP interface; Linux ties them to
 * one member, so ipmpd rewrites them on every failure and repair).
 *
 * @param destination the network; the unspecified address of its family for a default route
 * @param prefixLength 0 for a default route
 * @param metric the route's priority (RTA_PRIORITY; 0 when it has none)
 * @param gateways the next hops' gateways, none for a subnet's on-link route
 * @param members the members the route goes out through now, in order
 */
public record KeptRoute(Family family, InetAddress destination, int prefixLength, long metric,
                        List<InetAddress> gateways, List<String> members, RouteOrigin origin) {
    public KeptRoute {
        gateways = List.copyOf(gateways);
        members = List.copyOf(members);
    }

    public boolean isDefault() {
        return prefixLength == 0;
    }
}
