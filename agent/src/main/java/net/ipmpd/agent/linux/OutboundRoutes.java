package net.ipmpd.agent.linux;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import net.ipmpd.agent.linux.netlink.RtnetlinkMessage;
import net.ipmpd.agent.linux.netlink.RtnetlinkRequests;
import net.ipmpd.agent.linux.netlink.Rtnl;
import net.ipmpd.engine.action.Action.SetOutbound;
import net.ipmpd.engine.action.Action.Subnet;
import net.ipmpd.engine.config.Family;
import net.ipmpd.engine.event.EngineEvent;

/**
 * Outbound load spreading, as the engine's {@link SetOutbound} says: ipmpd owns one route per
 * data subnet of a group (every address has IFA_F_NOPREFIXROUTE, because the kernel's prefix
 * routes pick the first member whichever holds the data address and stay valid on a
 * probe-detected failure). IPv4: one RTA_MULTIPATH route over the outbound members (hashed on L4
 * with fib_multipath_hash_policy=1), replaced atomically. IPv6: Linux refuses device-only
 * multipath routes ("Device only routes can not be added for IPv6 using the multipath API",
 * observed on 6.18), so the IPv6 route goes out of the first outbound member only: failover, no
 * spreading. Both carry the engine's preferred source (a data address) so that new connections do
 * not leave from a test address. The last action per group is kept only to put a route back that
 * the kernel dropped.
 */
public final class OutboundRoutes {
    private final RtnetlinkSocket requests;
    private final InterfaceTable table;
    private final Map<String, SetOutbound> outbound = new ConcurrentHashMap<>();
    /** The subnets routed per group, so that a subnet the group no longer has loses its route. */
    private final Map<String, List<Subnet>> installed = new ConcurrentHashMap<>();
    /** Our subnet routes as the kernel reports them, for the monitor thread: a deleted one is put back. */
    private volatile Set<List<Object>> ownRoutes = Set.of();
    private final GatewayRoutes gatewayRoutes;
    /** Subnet route requests sent (replace and delete), for tests that count rewrites. */
    private final AtomicInteger subnetRouteRequests = new AtomicInteger();

    private final RoutesReport report;

    /** {@code sink} gets the routes kept per group ({@link EngineEvent.RoutesKept}) whenever they change. */
    public OutboundRoutes(RtnetlinkSocket requests, InterfaceTable table, Consumer<EngineEvent> sink) {
        this.requests = requests;
        this.table = table;
        this.gatewayRoutes = new GatewayRoutes(requests);
        this.report = new RoutesReport(sink);
    }

    /**
     * Writes the group's routes. The engine never sends an empty member list for a live group
     * (the last working set stays while no member is usable); an empty list means the group left
     * the configuration: its routes are deleted.
     */
    public synchronized void setOutbound(SetOutbound action) throws NativeException {
        if (action.members().isEmpty()) {
            removeGroup(action.group());
            return;
        }
        outbound.put(action.group(), action);
        write(action);
    }

    private void removeGroup(String group) throws NativeException {
        outbound.remove(group);
        gatewayRoutes.forget(group);
        List<Subnet> subnets = installed.remove(group);
        publishOwnRoutes();
        report.kept(group, List.of());
        if (subnets != null) {
            delete(subnets, "of removed group " + group);
        }
    }

    private void delete(List<Subnet> subnets, String why) throws NativeException {
        for (Subnet s : subnets) {
            try {
                subnetRouteRequests.incrementAndGet();
                requests.request(seq -> RtnetlinkRequests.deleteSubnetRoute(seq, s.network(), s.prefixLength(), Rtnl.RTPROT_IPMPD, 0),
                        "delete route " + s + " " + why);
            } catch (NativeException e) {
                if (e.errno() != LibC.ESRCH) {   // already gone (its preferred source left with the addresses)
                    throw e;
                }
            }
        }
    }

    private void write(SetOutbound a) throws NativeException {
        List<Integer> indexes = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (String m : a.members()) {
            table.index(m).ifPresent(i -> {
                indexes.add(i);
                names.add(m);
            });
        }
        if (indexes.isEmpty()) {
            return;
        }
        List<Subnet> before = installed.put(a.group(), a.subnets());
        publishOwnRoutes();
        if (before != null) {
            List<Subnet> gone = new ArrayList<>();
            for (Subnet s : before) {
                if (a.subnets().stream().noneMatch(n -> sameRoute(n, s))) {
                    gone.add(s);
                }
            }
            delete(gone, "no longer a data subnet of group " + a.group());
        }
        for (Subnet s : a.subnets()) {
            List<Integer> hops = s.family() == Family.IPV4 ? indexes : indexes.subList(0, 1);
            // the kernel refuses a preferred source that is not local (the engine's add failed)
            InetAddress src = s.source() != null && table.isLocal(s.source()) ? s.source() : null;
            subnetRouteRequests.incrementAndGet();
            requests.request(seq -> RtnetlinkRequests.replaceSubnetRoute(seq, s.network(), s.prefixLength(), src, hops,
                    Rtnl.RTPROT_IPMPD, 0), "replace route " + s + " of group " + a.group() + " via " + a.members());
        }
        gatewayRoutes.refresh(view(a, indexes));
        report.kept(a.group(), RoutesReport.routes(a.subnets(), indexes, names, gatewayRoutes.kept(a.group())));
    }

    private static boolean sameRoute(Subnet a, Subnet b) {
        return a.network().equals(b.network()) && a.prefixLength() == b.prefixLength();
    }

    private void publishOwnRoutes() {
        Set<List<Object>> all = new HashSet<>();
        installed.values().forEach(l -> l.forEach(s -> all.add(List.of(s.network(), s.prefixLength()))));
        ownRoutes = Set.copyOf(all);
    }

    /** Puts every group's routes back as last asked (the kernel dropped one). */
    public synchronized void refreshAll() throws NativeException {
        for (SetOutbound a : List.copyOf(outbound.values())) {
            write(a);
        }
    }

    /** Whether the route is one ipmpd keeps: a group's subnet route, or one following a group. */
    public boolean follows(RtnetlinkMessage.Route r) {
        if (r.protocol() == Rtnl.RTPROT_IPMPD && r.destination() != null
                && ownRoutes.contains(List.of(InterfaceTable.plain(r.destination()), r.destinationLength()))) {
            return true;
        }
        return gatewayRoutes.follows(r);
    }

    private GatewayRoutes.GroupView view(SetOutbound a, List<Integer> outboundIndexes) {
        Set<Integer> memberIndexes = new HashSet<>();
        a.groupMembers().forEach(m -> table.index(m).ifPresent(memberIndexes::add));
        InetAddress v4 = null;
        InetAddress v6 = null;
        for (Subnet s : a.subnets()) {
            InetAddress src = s.source() != null && table.isLocal(s.source()) ? s.source() : null;
            if (s.family() == Family.IPV4 && v4 == null) {
                v4 = src;
            } else if (s.family() == Family.IPV6 && v6 == null) {
                v6 = src;
            }
        }
        return new GatewayRoutes.GroupView(a.group(), memberIndexes, outboundIndexes, a.subnets(), v4, v6);
    }

    public synchronized List<String> outbound(String group) {
        SetOutbound a = outbound.get(group);
        return a == null ? List.of() : a.members();
    }

    /** Subnet route requests sent so far. */
    int subnetRouteRequests() {
        return subnetRouteRequests.get();
    }
}
