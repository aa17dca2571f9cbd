package net.ipmpd.engine.action;

import java.net.InetAddress;
import java.util.List;
import net.ipmpd.engine.config.DataAddressConfig;
import net.ipmpd.engine.config.Family;
import net.ipmpd.engine.config.TestAddress;
import net.ipmpd.engine.notify.Cause;

/**
 * What the engine asks the dataplane to do. The dataplane carries these out in order; it reports
 * what it sees as events, never by changing engine state.
 */
public sealed interface Action {

    /** Put a data address on a member where it is not yet (start-up, a newly configured address). */
    record PlaceAddress(String group, DataAddressConfig address, String member) implements Action {
    }

    /**
     * Move a data address from one member to another: add it on {@code to} first, then delete it
     * from {@code from} (make-before-break, so the address never stops being local), then tell the
     * neighbours (gratuitous ARP / unsolicited NA) from {@code to}.
     */
    record MoveAddress(String group, DataAddressConfig address, String from, String to, Cause cause) implements Action {
    }

    /**
     * Delete the address from this member: it is no longer configured, or this is a stray copy
     * (the address is also on the member that holds it for the engine).
     */
    record RemoveAddress(String group, DataAddressConfig address, String member) implements Action {
    }

    /**
     * Tell the neighbours (gratuitous ARP / unsolicited NA) that the address is on {@code member},
     * which already holds it: an address adopted at start, or kept on a member other than the one
     * the neighbours last heard of. Nothing else changes.
     */
    record AnnounceAddress(String group, DataAddressConfig address, String member) implements Action {
    }

    /** Make sure the member carries its test address (added, never moved). */
    record PlumbTestAddress(String member, TestAddress testAddress) implements Action {
    }

    /** The test address is no longer configured on this member. */
    record UnplumbTestAddress(String member, TestAddress testAddress) implements Action {
    }

    /**
     * Send one ICMP or ICMPv6 echo request out of {@code member} only, from its test address.
     *
     * @param sequence the echo sequence number; replies are matched by it
     */
    record SendProbe(String member, Family family, InetAddress source, InetAddress target, int sequence, ProbeKind kind)
            implements Action {
    }

    /** in.mpathd's probe kinds (mpd_probe.c PROBE_UNI / PROBE_MULTI). */
    enum ProbeKind {
        /** Failure detection and RTT measurement to one target. */
        UNICAST,
        /** Target discovery to all-hosts (224.0.0.1 / ff02::1). */
        MULTICAST
    }

    /**
     * The group's members, in configuration order: they need the host settings for several
     * interfaces on one subnet, and only the nominees among them receive multicast and broadcast.
     * Sent before anything is placed on them; empty when the group was removed.
     */
    record SetMembers(String group, List<String> members) implements Action {
        public SetMembers {
            members = List.copyOf(members);
        }
    }

    /**
     * Outbound load spreading, everything the group's routes need: these members (in order) carry
     * the group's outbound traffic now, one route per data subnet goes over them, and routes
     * through a gateway on the group's link (via any of {@code groupMembers} or a gateway on one of
     * the subnets) follow them. Sent after the moves of the same step, and only when something of
     * it changed, so a failover rewrites each route once. Not sent while no member is usable (the
     * last working set stays); {@code members} is empty only when the group was removed from the
     * configuration, which means: delete the group's routes.
     */
    record SetOutbound(String group, List<String> members, List<String> groupMembers, List<Subnet> subnets)
            implements Action {
        public SetOutbound {
            members = List.copyOf(members);
            groupMembers = List.copyOf(groupMembers);
            subnets = List.copyOf(subnets);
        }
    }

    /**
     * A data subnet of a group and the preferred source of its route.
     *
     * @param network the subnet's network address (host bits zero)
     * @param source the first configured data address of the subnet that is placed, so new
     *        connections leave from a data address and not a test address; null when none is
     */
    record Subnet(Family family, InetAddress network, int prefixLength, InetAddress source) {
        @Override
        public String toString() {
            return network.getHostAddress() + "/" + prefixLength;
        }
    }

    /**
     * The receivers of the group's multicast and broadcast traffic (Solaris nominees): one member
     * each for IPv4 multicast, IPv4 broadcast and IPv6 multicast, or null when no member is usable.
     */
    record SetNominees(String group, String ipv4Multicast, String ipv4Broadcast, String ipv6Multicast) implements Action {
    }
}
