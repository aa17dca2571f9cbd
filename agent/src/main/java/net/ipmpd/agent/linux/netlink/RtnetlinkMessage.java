package net.ipmpd.agent.linux.netlink;

import java.net.InetAddress;
import java.util.List;

/** A decoded rtnetlink message: only the fields the dataplane uses. */
public sealed interface RtnetlinkMessage {

    /** The nlmsghdr sequence number (0 for events). */
    int seq();

    /**
     * RTM_NEWLINK / RTM_DELLINK.
     *
     * @param flags ifi_flags (IFF_UP, IFF_RUNNING, IFF_LOWER_UP ...)
     * @param mac IFLA_ADDRESS, or an empty array when the link has none
     */
    record Link(int seq, int type, int index, int flags, String name, byte[] mac, int operState) implements RtnetlinkMessage {
        public boolean running() {
            return (flags & Rtnl.IFF_RUNNING) != 0;
        }

        public boolean deleted() {
            return type == Rtnl.RTM_DELLINK;
        }
    }

    /**
     * RTM_NEWADDR / RTM_DELADDR.
     *
     * @param address IFA_LOCAL when present (the local address on point-to-point links),
     *        else IFA_ADDRESS
     * @param flags IFA_FLAGS when present (32 bits), else ifa_flags
     * @param portId nlmsg_pid: for an event, the netlink port of the process whose request caused
     *        it (its pid for its first socket); 0 when the kernel made the change, and always 0
     *        for IPv6 addresses (the kernel does not pass the requester on for them)
     */
    record Address(int seq, int type, int index, int prefixLength, int flags, int scope, InetAddress address, int portId)
            implements RtnetlinkMessage {
        public Address(int seq, int type, int index, int prefixLength, int flags, int scope, InetAddress address) {
            this(seq, type, index, prefixLength, flags, scope, address, 0);
        }

        public boolean deleted() {
            return type == Rtnl.RTM_DELADDR;
        }
    }

    /** One next hop of a route: from RTA_GATEWAY/RTA_OIF or one rtnexthop of RTA_MULTIPATH. */
    record NextHop(int ifIndex, InetAddress gateway, int weight) {
    }

    /**
     * RTM_NEWROUTE / RTM_DELROUTE.
     *
     * @param destination RTA_DST, or null for a default route
     * @param nextHops the single next hop, or one per rtnexthop of RTA_MULTIPATH
     * @param portId nlmsg_pid: the netlink port of the process whose request caused the event, 0 for the kernel
     */
    record Route(int seq, int type, int family, int destinationLength, int table, int protocol, int scope,
            int routeType, InetAddress destination, InetAddress preferredSource, int priority,
            List<NextHop> nextHops, int portId) implements RtnetlinkMessage {
        public Route {
            nextHops = List.copyOf(nextHops);
        }

        public Route(int seq, int type, int family, int destinationLength, int table, int protocol, int scope,
                int routeType, InetAddress destination, InetAddress preferredSource, int priority, List<NextHop> nextHops) {
            this(seq, type, family, destinationLength, table, protocol, scope, routeType, destination, preferredSource,
                    priority, nextHops, 0);
        }

        public boolean deleted() {
            return type == Rtnl.RTM_DELROUTE;
        }
    }

    /** NLMSG_ERROR: {@code errno} 0 is an ACK, otherwise the positive errno of the refusal. */
    record Error(int seq, int errno) implements RtnetlinkMessage {
    }

    /** NLMSG_DONE: the end of a dump. */
    record Done(int seq) implements RtnetlinkMessage {
    }

    /** A message type the dataplane does not use. */
    record Other(int seq, int type) implements RtnetlinkMessage {
    }
}
