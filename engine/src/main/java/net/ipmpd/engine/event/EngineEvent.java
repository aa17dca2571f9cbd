package net.ipmpd.engine.event;

import java.net.InetAddress;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.ipmpd.engine.config.Family;

/**
 * What the dataplane reports to the engine: links, interfaces, addresses, probe replies and
 * routers. A manager's request is not an event but a {@link net.ipmpd.engine.Command}, which
 * the engine answers. Time passing is not an event either: every call carries the current time
 * and the engine fires its own timers first.
 */
public sealed interface EngineEvent {

    /**
     * An interface exists with this RUNNING state (IFF_RUNNING: carrier and admin up) and hardware
     * address. Sent for every interface in the initial dump, when an interface appears, and when
     * its RUNNING state or hardware address changes.
     *
     * @param hardwareAddress the link's address (IFLA_ADDRESS) as {@code ip link} prints it,
     *        lower-case hex pairs separated by colons; empty when the link has none or it is not
     *        known. in.mpathd offlines a member whose hardware address another member of its
     *        group already has.
     */
    record LinkReported(String interfaceName, int ifIndex, boolean running, String hardwareAddress) implements EngineEvent {
        public LinkReported {
            java.util.Objects.requireNonNull(hardwareAddress, "hardwareAddress (empty when unknown)");
        }

        /** A link whose hardware address is not known. */
        public LinkReported(String interfaceName, int ifIndex, boolean running) {
            this(interfaceName, ifIndex, running, "");
        }
    }

    /**
     * The dataplane's initial dump of interfaces is complete: a configured member that was not
     * reported is not present (a NIC missing at boot). Data addresses are placed only from here on,
     * so start-up does not shuffle them while links are still being reported.
     */
    record LinkDumpCompleted() implements EngineEvent {
    }

    /**
     * Every address the kernel holds and the interfaces that hold it (a full read: an address not
     * listed is on no interface), read at {@code takenAtNanos} on the engine's clock. Sent after
     * the initial dump, after every netlink resync, and after an address change the dataplane did
     * not make itself (an operator's {@code ip addr del}, a link flush). Before placement starts
     * the engine adopts what it finds, so a restart never drops or moves an address that is up;
     * from then on it puts back what is missing, removes stray copies and announces an address
     * the neighbours last heard of elsewhere. For an address the engine changed at or after
     * {@code takenAtNanos} the read is stale and ignored. {@code changes} are the changes by
     * someone else that led to this read (none after a dump), for the warning that names who.
     */
    record AddressesObserved(Map<InetAddress, Set<String>> holders, long takenAtNanos, List<AddressChange> changes)
            implements EngineEvent {
        public AddressesObserved {
            Map<InetAddress, Set<String>> copy = new java.util.HashMap<>();
            holders.forEach((a, h) -> copy.put(a, Set.copyOf(h)));
            holders = Map.copyOf(copy);
            changes = List.copyOf(changes);
        }

        /** A read without changes to name (the initial dump, a resync). */
        public AddressesObserved(Map<InetAddress, Set<String>> holders, long takenAtNanos) {
            this(holders, takenAtNanos, List.of());
        }

        /** The interfaces holding {@code address} (none when it is nowhere). */
        public Set<String> holdersOf(InetAddress address) {
            return holders.getOrDefault(address, Set.of());
        }
    }

    /**
     * One address change the dataplane saw and did not make (it led to the read that carries it),
     * so that the engine can say who undid its placement.
     *
     * @param by who made it, as the kernel names the requester: "pid 4242 (ip)", "another
     *        process (port 3735928559)", "the kernel" (a link flush), or why it is unknown
     */
    record AddressChange(InetAddress address, String interfaceName, boolean added, String by) {
    }

    /** The interface was deleted (RTM_DELLINK): hot removal. */
    record InterfaceRemoved(String interfaceName) implements EngineEvent {
    }

    /**
     * An ICMP echo reply matched to one of our probes by id and sequence.
     *
     * @param from the replying host (for a multicast probe: a discovered target)
     * @param receivedAtNanos when the socket received it, on the engine's clock
     * @param sentAtNanos when the request actually left, as stamped in its payload on the engine's
     *        clock (0: unknown; the engine then uses the time it asked for the probe)
     */
    record ProbeReplied(String interfaceName, Family family, InetAddress from, int sequence, long receivedAtNanos,
                        long sentAtNanos) implements EngineEvent {
        public ProbeReplied(String interfaceName, Family family, InetAddress from, int sequence, long receivedAtNanos) {
            this(interfaceName, family, from, sequence, receivedAtNanos, 0);
        }
    }

    /** The on-link routers (next hops of routes) as the routing table lists them now. */
    record RoutersReported(List<Router> routers) implements EngineEvent {
        public RoutersReported {
            routers = List.copyOf(routers);
        }
    }

    /**
     * A next hop.
     *
     * @param interfaceName the outgoing interface of the route (IPv6 link-local next hops only
     *        make sense together with it)
     */
    record Router(InetAddress address, String interfaceName) {
    }

    /**
     * The routes the dataplane now keeps pointed at the group's outbound members (its subnet
     * routes and the gateway routes that follow it), after an install, replace or restore; sent
     * only when they changed. Kernel facts: the engine stores them for readers and decides nothing.
     */
    record RoutesKept(String group, List<net.ipmpd.engine.state.KeptRoute> routes) implements EngineEvent {
        public RoutesKept {
            routes = List.copyOf(routes);
        }
    }
}
