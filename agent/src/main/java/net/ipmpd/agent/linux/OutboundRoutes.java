package net.ipmpd.agent.linux;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import net.ipmpd.agent.linux.netlink.RtnetlinkRequests;
import net.ipmpd.agent.linux.netlink.RtnetlinkSocket;
import net.ipmpd.agent.linux.netlink.Rtnl;
import net.ipmpd.engine.config.DataAddressConfig;
import net.ipmpd.engine.config.EngineConfig;
import net.ipmpd.engine.config.Family;
import net.ipmpd.engine.config.GroupConfig;

/**
 * Outbound load spreading: ipmpd owns one route per data subnet of a group (every address has
 * IFA_F_NOPREFIXROUTE, because the kernel's prefix routes pick the first member whichever holds
 * the data address and stay valid on a probe-detected failure). IPv4: one RTA_MULTIPATH route
 * over the usable members (hashed on L4 with fib_multipath_hash_policy=1), replaced atomically.
 * IPv6: Linux refuses device-only multipath routes ("Device only routes can not be added for
 * IPv6 using the multipath API", observed on 6.18), so the IPv6 route goes out of the first
 * usable member only: failover, no spreading. Both carry a data address as preferred source so
 * that new connections do not leave from a test address.
 */
public final class OutboundRoutes {

    /** A data subnet of a group. */
    public record Subnet(Family family, InetAddress network, int prefixLength) {
        @Override
        public String toString() {
            return network.getHostAddress() + "/" + prefixLength;
        }
    }

    private final RtnetlinkSocket requests;
    private final InterfaceTable table;
    private volatile Map<String, GroupConfig> groups = Map.of();
    private final Map<String, List<String>> outbound = new ConcurrentHashMap<>();
    /** The subnets routed per group, remembered so that a group's routes can go with the group's configuration. */
    private final Map<String, List<Subnet>> installed = new ConcurrentHashMap<>();
    private final GatewayRoutes gatewayRoutes;

    public OutboundRoutes(RtnetlinkSocket requests, InterfaceTable table) {
        this.requests = requests;
        this.table = table;
        this.gatewayRoutes = new GatewayRoutes(requests);
    }

    public synchronized void configure(EngineConfig config) {
        Map<String, GroupConfig> m = new ConcurrentHashMap<>();
        config.groups().forEach(g -> m.put(g.name(), g));
        groups = m;
    }

    /** The distinct subnets of the group's data addresses, in configuration order. */
    public static List<Subnet> subnets(GroupConfig group) {
        Set<Subnet> out = new LinkedHashSet<>();
        for (DataAddressConfig d : group.dataAddresses()) {
            out.add(new Subnet(d.family(), RtnetlinkRequests.network(d.address(), d.prefixLength()), d.prefixLength()));
        }
        return new ArrayList<>(out);
    }

    /** The first configured data address of the subnet that is local now (a route's RTA_PREFSRC must be). */
    public static InetAddress preferredSource(GroupConfig group, Subnet subnet, Predicate<InetAddress> isLocal) {
        for (DataAddressConfig d : group.dataAddresses()) {
            if (d.family() == subnet.family() && d.prefixLength() == subnet.prefixLength()
                    && RtnetlinkRequests.network(d.address(), d.prefixLength()).equals(subnet.network())
                    && isLocal.test(d.address())) {
                return d.address();
            }
        }
        return null;
    }

    /**
     * The members that carry the group's outbound traffic now. The engine never sends an empty
     * list for a live group (the last working set stays while no member is usable); an empty list
     * means the group left the configuration: its routes are deleted.
     */
    public synchronized void setOutbound(String group, List<String> members) throws NativeException {
        if (members.isEmpty()) {
            removeGroup(group);
            return;
        }
        outbound.put(group, List.copyOf(members));
        refresh(group);
    }

    private void removeGroup(String group) throws NativeException {
        outbound.remove(group);
        gatewayRoutes.forget(group);
        List<Subnet> subnets = installed.remove(group);
        if (subnets == null) {
            return;
        }
        for (Subnet s : subnets) {
            try {
                requests.request(seq -> RtnetlinkRequests.deleteSubnetRoute(seq, s.network(), s.prefixLength(), Rtnl.RTPROT_IPMPD, 0),
                        "delete route " + s + " of removed group " + group);
            } catch (NativeException e) {
                if (e.errno() != LibC.ESRCH) {   // already gone (its preferred source left with the addresses)
                    throw e;
                }
            }
        }
    }

    /** Re-installs the group's routes (after an address change: a new preferred source, or one that left). */
    public synchronized void refresh(String group) throws NativeException {
        GroupConfig g = groups.get(group);
        List<String> members = outbound.get(group);
        if (g == null || members == null) {
            return;
        }
        List<Integer> indexes = new ArrayList<>();
        for (String m : members) {
            table.index(m).ifPresent(indexes::add);
        }
        if (indexes.isEmpty()) {
            return;
        }
        installed.put(group, subnets(g));
        for (Subnet s : subnets(g)) {
            List<Integer> hops = s.family() == Family.IPV4 ? indexes : indexes.subList(0, 1);
            InetAddress src = preferredSource(g, s, table::isLocal);
            requests.request(seq -> RtnetlinkRequests.replaceSubnetRoute(seq, s.network(), s.prefixLength(), src, hops,
                    Rtnl.RTPROT_IPMPD, 0), "replace route " + s + " of group " + group + " via " + members);
        }
        gatewayRoutes.refresh(view(g, indexes));
    }

    /** Re-installs every group's routes (a route we follow was deleted by the kernel). */
    public synchronized void refreshAll() throws NativeException {
        for (String group : List.copyOf(outbound.keySet())) {
            refresh(group);
        }
    }

    /** Whether the route is one ipmpd keeps following a group. */
    public boolean follows(net.ipmpd.agent.linux.netlink.RtnetlinkMessage.Route r) {
        return gatewayRoutes.follows(r);
    }

    private GatewayRoutes.GroupView view(GroupConfig g, List<Integer> outboundIndexes) {
        Set<Integer> memberIndexes = new java.util.HashSet<>();
        g.members().forEach(m -> table.index(m.interfaceName()).ifPresent(memberIndexes::add));
        InetAddress v4 = null;
        InetAddress v6 = null;
        for (Subnet s : subnets(g)) {
            InetAddress src = preferredSource(g, s, table::isLocal);
            if (s.family() == Family.IPV4 && v4 == null) {
                v4 = src;
            } else if (s.family() == Family.IPV6 && v6 == null) {
                v6 = src;
            }
        }
        return new GatewayRoutes.GroupView(g.name(), memberIndexes, outboundIndexes, subnets(g), v4, v6);
    }

    public synchronized List<String> outbound(String group) {
        return outbound.getOrDefault(group, List.of());
    }
}
