package net.ipmpd.agent.linux;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.ipmpd.agent.linux.netlink.RtnetlinkMessage;
import net.ipmpd.agent.linux.netlink.RtnetlinkRequests;
import net.ipmpd.agent.linux.netlink.Rtnl;
import net.ipmpd.engine.action.Action.Subnet;
import net.ipmpd.engine.config.AddressText;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * Routes through a gateway on a group's link follow the group, as on Solaris where routes live
 * on the IPMP interface. Linux ties a route to one member: when that member's link fails the
 * route is dead, and when the member loses its last IPv4 address (a link-only member whose data
 * address moved away) the kernel deletes the route and never brings it back. So every main-table
 * route with a next hop through a member, or with a gateway on a data subnet of the group, is
 * remembered (default and static routes alike, whoever added them), and replaced atomically by
 * one over the group's outbound members with the same gateways, destination, metric and
 * protocol, whenever the engine changes the outbound members or an address moves. A route the
 * kernel drops is put back at the next such change (and at once by {@link LinuxDataplane} when
 * the drop is seen). Nothing is created that was not there, so nothing is removed on exit.
 *
 * <p>Called with the {@link OutboundRoutes} lock held.
 */
final class GatewayRoutes {
    private static final Logger LOG = LogManager.getLogger(GatewayRoutes.class);

    /** A followed route, by what the kernel's replace matches on. */
    record Key(int family, InetAddress destination, int prefixLength, int priority) {
        @Override
        public String toString() {
            return (prefixLength == 0 ? "default" : AddressText.of(destination) + "/" + prefixLength)
                    + (priority != 0 ? " metric " + priority : "");
        }
    }

    /** What is kept of a followed route: its gateways and protocol. */
    record Followed(Key key, List<InetAddress> gateways, int protocol) {
    }

    /** A followed route as it now goes: through these outbound member indexes (for the engine's report). */
    record Kept(Key key, List<InetAddress> gateways, List<Integer> through) {
    }

    /** A group's view for one refresh: its member indexes, outbound indexes, subnets and sources. */
    record GroupView(String name, Set<Integer> memberIndexes, List<Integer> outboundIndexes,
            List<Subnet> subnets, InetAddress sourceV4, InetAddress sourceV6) {
    }

    private final RtnetlinkSocket requests;
    private final Map<String, Map<Key, Followed>> followed = new HashMap<>();
    /** The next hops each route was last given. */
    private final Map<Key, Set<RtnetlinkMessage.NextHop>> lastInstalled = new HashMap<>();
    /** Every followed key, for the monitor thread (which must not wait for a refresh's lock). */
    private volatile Set<Key> allKeys = Set.of();
    /** Per group, the followed routes that go through the outbound members now, as last refreshed. */
    private final Map<String, List<Kept>> kept = new HashMap<>();

    GatewayRoutes(RtnetlinkSocket requests) {
        this.requests = requests;
    }

    /** Learns the group's gateway routes from a dump and points them at the outbound members. */
    void refresh(GroupView g) throws NativeException {
        if (g.outboundIndexes().isEmpty()) {
            return;
        }
        Map<Key, Followed> mine = followed.computeIfAbsent(g.name(), k -> new LinkedHashMap<>());
        try {
            learnAndInstall(g, mine);
        } finally {
            publishKeys();
        }
    }

    private void publishKeys() {
        Set<Key> all = new java.util.HashSet<>();
        followed.values().forEach(m -> all.addAll(m.keySet()));
        allKeys = Set.copyOf(all);
    }

    private void learnAndInstall(GroupView g, Map<Key, Followed> mine) throws NativeException {
        List<Kept> nowKept = new ArrayList<>();
        Map<Key, List<RtnetlinkMessage.NextHop>> present = new HashMap<>();
        for (RtnetlinkMessage m : requests.dump(RtnetlinkRequests::routeDump, "dump routes")) {
            if (m instanceof RtnetlinkMessage.Route r) {
                followable(r, g).ifPresent(f -> {
                    mine.merge(f.key(), f, (old, now) -> new Followed(old.key(), union(old.gateways(), now.gateways()), old.protocol()));
                    present.put(f.key(), r.nextHops());
                });
            }
        }
        for (Followed f : mine.values()) {
            // IPv6: through the first outbound member only, the one the group's IPv6 subnet route
            // uses. The kernel vetoes an IPv6 gateway next hop (on-link or not) whose device is
            // not the one its route to the gateway uses ("Nexthop has invalid gateway or device
            // mismatch"), and it refuses the device-only multipath subnet route that would allow it.
            List<Integer> through = f.key().family() == LibC.AF_INET ? g.outboundIndexes() : g.outboundIndexes().subList(0, 1);
            List<RtnetlinkMessage.NextHop> wanted = new ArrayList<>();
            for (InetAddress gw : f.gateways()) {
                for (int i : through) {
                    wanted.add(new RtnetlinkMessage.NextHop(i, gw, 1));
                }
            }
            List<RtnetlinkMessage.NextHop> now = present.get(f.key());
            if (now != null && (Set.copyOf(now).equals(Set.copyOf(wanted)) || Set.copyOf(wanted).equals(lastInstalled.get(f.key())))) {
                // already through exactly the outbound members; or it is what we installed and the
                // kernel shows it differently: rewriting it would only echo back as another event
                nowKept.add(new Kept(f.key(), f.gateways(), List.copyOf(through)));
                continue;
            }
            // IPv6 accepts a preferred source only if it is on every next hop's device ("Invalid
            // source address", EINVAL): the data address is on one member, so IPv6 goes without
            InetAddress src = f.key().family() == LibC.AF_INET ? g.sourceV4() : null;
            try {
                requests.request(seq -> RtnetlinkRequests.replaceGatewayRoute(seq, f.key().family(), f.key().destination(),
                        f.key().prefixLength(), f.key().priority(), f.protocol(), src, through, f.gateways()),
                        "replace route " + f.key() + " via " + f.gateways() + " for group " + g.name());
                lastInstalled.put(f.key(), Set.copyOf(wanted));
                nowKept.add(new Kept(f.key(), f.gateways(), List.copyOf(through)));
                LOG.info("group {}: route {} {} via {} through members {}", g.name(), f.key(), now == null ? "restored" : "now",
                        f.gateways().stream().map(AddressText::of).toList(), through);
            } catch (NativeException e) {
                LOG.warn("group {}: route {} could not follow the group: {}", g.name(), f.key(), e.getMessage());
            }
        }
        kept.put(g.name(), nowKept);
    }

    /** Whether the kernel's event concerns a route we follow (its deletion, say). */
    boolean follows(RtnetlinkMessage.Route r) {
        return allKeys.contains(key(r));
    }

    /** The group's followed routes that went through its outbound members at the last refresh. */
    List<Kept> kept(String group) {
        return List.copyOf(kept.getOrDefault(group, List.of()));
    }

    /** Forgets a removed group's routes (they stay as they are in the kernel). */
    void forget(String group) {
        followed.remove(group);
        kept.remove(group);
        publishKeys();
    }

    /**
     * A main-table unicast route with at least one gateway next hop through a member of the
     * group, or with its gateway on a data subnet of the group; IPv6 link-local gateways count
     * through a member only.
     */
    static java.util.Optional<Followed> followable(RtnetlinkMessage.Route r, GroupView g) {
        if (r.table() != Rtnl.RT_TABLE_MAIN || r.routeType() != Rtnl.RTN_UNICAST) {
            return java.util.Optional.empty();
        }
        List<InetAddress> gateways = new ArrayList<>();
        for (RtnetlinkMessage.NextHop h : r.nextHops()) {
            InetAddress gw = h.gateway();
            if (gw == null) {
                continue;
            }
            boolean throughMember = g.memberIndexes().contains(h.ifIndex());
            boolean onSubnet = !(gw instanceof Inet6Address v6 && v6.isLinkLocalAddress()) && onDataSubnet(gw, g.subnets());
            if (throughMember || onSubnet) {
                gateways.add(InterfaceTable.plain(gw));
            }
        }
        if (gateways.isEmpty()) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(new Followed(key(r), List.copyOf(new LinkedHashSet<>(gateways)), r.protocol()));
    }

    private static Key key(RtnetlinkMessage.Route r) {
        InetAddress dst = r.destination() == null ? null : InterfaceTable.plain(r.destination());
        return new Key(r.family(), r.destinationLength() == 0 ? null : dst, r.destinationLength(), r.priority());
    }

    private static boolean onDataSubnet(InetAddress gw, List<Subnet> subnets) {
        for (Subnet s : subnets) {
            if (gw.getAddress().length == s.network().getAddress().length
                    && RtnetlinkRequests.network(gw, s.prefixLength()).equals(s.network())) {
                return true;
            }
        }
        return false;
    }

    private static List<InetAddress> union(List<InetAddress> a, List<InetAddress> b) {
        Set<InetAddress> s = new LinkedHashSet<>(a);
        s.addAll(b);
        return List.copyOf(s);
    }
}
