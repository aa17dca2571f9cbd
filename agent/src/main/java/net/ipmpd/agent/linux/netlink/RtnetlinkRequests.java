package net.ipmpd.agent.linux.netlink;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.List;

/**
 * The rtnetlink requests the dataplane sends, as complete messages (nlmsghdr included). Pure
 * functions of their arguments, so every byte is unit-tested without root.
 */
public final class RtnetlinkRequests {
    private static final int AF_UNSPEC = 0;
    private static final int AF_INET = 2;
    private static final int AF_INET6 = 10;

    private RtnetlinkRequests() {
    }

    public static int family(InetAddress a) {
        return a instanceof Inet4Address ? AF_INET : AF_INET6;
    }

    /** RTM_GETLINK dump of every interface (ifinfomsg all zero = AF_UNSPEC, every index). */
    public static byte[] linkDump(int seq) {
        return new NetlinkWriter(Rtnl.RTM_GETLINK, Rtnl.NLM_F_REQUEST | Rtnl.NLM_F_DUMP, seq)
                .u8(AF_UNSPEC).u8(0).u16(0).u32(0).u32(0).u32(0).finish();
    }

    /** RTM_GETADDR dump of both families. */
    public static byte[] addressDump(int seq) {
        return new NetlinkWriter(Rtnl.RTM_GETADDR, Rtnl.NLM_F_REQUEST | Rtnl.NLM_F_DUMP, seq)
                .u8(AF_UNSPEC).u8(0).u8(0).u8(0).u32(0).finish();
    }

    /** RTM_GETROUTE dump of both families and every table. */
    public static byte[] routeDump(int seq) {
        return new NetlinkWriter(Rtnl.RTM_GETROUTE, Rtnl.NLM_F_REQUEST | Rtnl.NLM_F_DUMP, seq)
                .u8(AF_UNSPEC).u8(0).u8(0).u8(0).u8(0).u8(0).u8(0).u8(0).u32(0).finish();
    }

    /**
     * RTM_NEWADDR with IFA_F_NOPREFIXROUTE (the daemon owns the subnet route: kernel prefix routes
     * pick the first member whichever holds the data address) and, for IPv6, IFA_F_NODAD (a
     * tentative address is unusable for 1.5 s, and during make-before-break the old member would
     * answer the DAD probe and fail the new copy). IPv4 gets the broadcast address that
     * {@code ip addr add ... brd +} computes. NLM_F_REPLACE makes a retry idempotent.
     */
    public static byte[] newAddress(int seq, int ifIndex, InetAddress address, int prefixLength) {
        boolean v4 = address instanceof Inet4Address;
        int flags = Rtnl.IFA_F_NOPREFIXROUTE | (v4 ? 0 : Rtnl.IFA_F_NODAD);
        NetlinkWriter w = new NetlinkWriter(Rtnl.RTM_NEWADDR,
                Rtnl.NLM_F_REQUEST | Rtnl.NLM_F_ACK | Rtnl.NLM_F_CREATE | Rtnl.NLM_F_REPLACE, seq)
                .u8(family(address)).u8(prefixLength).u8(flags & 0xff).u8(Rtnl.RT_SCOPE_UNIVERSE).u32(ifIndex)
                .attrAddress(Rtnl.IFA_LOCAL, address)
                .attrAddress(Rtnl.IFA_ADDRESS, address);
        if (v4 && prefixLength < 31) {
            w.attr(Rtnl.IFA_BROADCAST, broadcast(address.getAddress(), prefixLength));
        }
        return w.attrU32(Rtnl.IFA_FLAGS, flags).finish();
    }

    /** RTM_DELADDR of one address from one interface. */
    public static byte[] deleteAddress(int seq, int ifIndex, InetAddress address, int prefixLength) {
        return new NetlinkWriter(Rtnl.RTM_DELADDR, Rtnl.NLM_F_REQUEST | Rtnl.NLM_F_ACK, seq)
                .u8(family(address)).u8(prefixLength).u8(0).u8(0).u32(ifIndex)
                .attrAddress(Rtnl.IFA_LOCAL, address)
                .attrAddress(Rtnl.IFA_ADDRESS, address)
                .finish();
    }

    /**
     * The group's subnet route, created or replaced atomically (NLM_F_CREATE|NLM_F_REPLACE):
     * scope link, one RTA_MULTIPATH rtnexthop per member ifindex (a single member gets RTA_OIF),
     * and RTA_PREFSRC so that new connections use the data address, not a test address (Linux
     * picks the primary of the egress member otherwise; "deprecated" does not stop it).
     *
     * @param preferredSource null to leave the kernel's choice (no data address is local yet)
     */
    public static byte[] replaceSubnetRoute(int seq, InetAddress destination, int prefixLength,
            InetAddress preferredSource, List<Integer> ifIndexes, int protocol, int priority) {
        if (ifIndexes.isEmpty()) {
            throw new IllegalArgumentException("a route needs at least one member");
        }
        NetlinkWriter w = new NetlinkWriter(Rtnl.RTM_NEWROUTE,
                Rtnl.NLM_F_REQUEST | Rtnl.NLM_F_ACK | Rtnl.NLM_F_CREATE | Rtnl.NLM_F_REPLACE, seq);
        rtmsg(w, destination, prefixLength, protocol);
        w.attrAddress(Rtnl.RTA_DST, destination);
        if (preferredSource != null) {
            w.attrAddress(Rtnl.RTA_PREFSRC, preferredSource);
        }
        if (priority != 0) {
            w.attrU32(Rtnl.RTA_PRIORITY, priority);
        }
        if (ifIndexes.size() == 1) {
            w.attrU32(Rtnl.RTA_OIF, ifIndexes.get(0));
        } else {
            int[] mp = new int[1];
            w.beginAttr(Rtnl.RTA_MULTIPATH, mp);
            for (int ifIndex : ifIndexes) {
                int hop = w.begin();
                w.u16(0).u8(0).u8(0).u32(ifIndex);   // rtnexthop: len, flags, hops (weight 1), ifindex
                w.end(hop);
            }
            w.end(mp[0]);
        }
        return w.finish();
    }

    /**
     * A route through gateways on a group's subnet, replaced atomically (NLM_F_CREATE|
     * NLM_F_REPLACE, matched by table, destination and metric): one next hop per (member,
     * gateway), each on-link for IPv4 (the gateway is on the group's subnet, so no route lookup
     * may veto it while the subnet route changes), a single one as RTA_OIF + RTA_GATEWAY. IPv6
     * gets no on-link flag: there the kernel checks an on-link gateway against its route anyway.
     *
     * @param destination null for a default route
     * @param preferredSource null to leave the kernel's choice
     */
    public static byte[] replaceGatewayRoute(int seq, int family, InetAddress destination, int prefixLength, int priority,
            int protocol, InetAddress preferredSource, List<Integer> ifIndexes, List<InetAddress> gateways) {
        if (ifIndexes.isEmpty() || gateways.isEmpty()) {
            throw new IllegalArgumentException("a gateway route needs a member and a gateway");
        }
        NetlinkWriter w = new NetlinkWriter(Rtnl.RTM_NEWROUTE,
                Rtnl.NLM_F_REQUEST | Rtnl.NLM_F_ACK | Rtnl.NLM_F_CREATE | Rtnl.NLM_F_REPLACE, seq);
        boolean single = ifIndexes.size() * gateways.size() == 1;
        // family, dst_len, src_len, tos, table, protocol, scope, type, flags
        w.u8(family).u8(prefixLength).u8(0).u8(0).u8(Rtnl.RT_TABLE_MAIN).u8(protocol)
                .u8(Rtnl.RT_SCOPE_UNIVERSE).u8(Rtnl.RTN_UNICAST).u32(single && family == AF_INET ? Rtnl.RTNH_F_ONLINK : 0);
        if (destination != null && prefixLength > 0) {
            w.attrAddress(Rtnl.RTA_DST, destination);
        }
        if (priority != 0) {
            w.attrU32(Rtnl.RTA_PRIORITY, priority);
        }
        if (preferredSource != null) {
            w.attrAddress(Rtnl.RTA_PREFSRC, preferredSource);
        }
        if (single) {
            w.attrU32(Rtnl.RTA_OIF, ifIndexes.get(0));
            w.attrAddress(Rtnl.RTA_GATEWAY, gateways.get(0));
            return w.finish();
        }
        int[] mp = new int[1];
        w.beginAttr(Rtnl.RTA_MULTIPATH, mp);
        for (InetAddress gateway : gateways) {
            for (int ifIndex : ifIndexes) {
                int hop = w.begin();
                w.u16(0).u8(Rtnl.RTNH_F_ONLINK).u8(0).u32(ifIndex);   // rtnexthop: len, flags, hops (weight 1), ifindex
                w.attrAddress(Rtnl.RTA_GATEWAY, gateway);
                w.end(hop);
            }
        }
        w.end(mp[0]);
        return w.finish();
    }

    /** RTM_DELROUTE of the group's subnet route (ours: matched by protocol). */
    public static byte[] deleteSubnetRoute(int seq, InetAddress destination, int prefixLength, int protocol, int priority) {
        NetlinkWriter w = new NetlinkWriter(Rtnl.RTM_DELROUTE, Rtnl.NLM_F_REQUEST | Rtnl.NLM_F_ACK, seq);
        rtmsg(w, destination, prefixLength, protocol);
        w.attrAddress(Rtnl.RTA_DST, destination);
        if (priority != 0) {
            w.attrU32(Rtnl.RTA_PRIORITY, priority);
        }
        return w.finish();
    }

    private static void rtmsg(NetlinkWriter w, InetAddress destination, int prefixLength, int protocol) {
        // family, dst_len, src_len, tos, table, protocol, scope, type, flags
        w.u8(family(destination)).u8(prefixLength).u8(0).u8(0).u8(Rtnl.RT_TABLE_MAIN).u8(protocol)
                .u8(Rtnl.RT_SCOPE_LINK).u8(Rtnl.RTN_UNICAST).u32(0);
    }

    static byte[] broadcast(byte[] address, int prefixLength) {
        byte[] b = address.clone();
        for (int bit = prefixLength; bit < 32; bit++) {
            b[bit / 8] |= (byte) (0x80 >>> (bit % 8));
        }
        return b;
    }

    /** The network address of {@code address/prefixLength} (host bits cleared). */
    public static InetAddress network(InetAddress address, int prefixLength) {
        byte[] b = address.getAddress();
        for (int bit = prefixLength; bit < b.length * 8; bit++) {
            b[bit / 8] &= (byte) ~(0x80 >>> (bit % 8));
        }
        try {
            return InetAddress.getByAddress(b);
        } catch (java.net.UnknownHostException e) {
            throw new AssertionError(e);
        }
    }
}
