package net.ipmpd.agent.linux.netlink;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Decodes what one recv() of a netlink socket returned: several nlmsghdr-framed messages, all in
 * host byte order. Truncated or malformed frames end the batch (the kernel never sends them; a
 * bug here must not loop).
 */
public final class RtnetlinkParser {
    private static final byte[] NO_MAC = new byte[0];

    private RtnetlinkParser() {
    }

    public static List<RtnetlinkMessage> parse(byte[] data) {
        return parse(ByteBuffer.wrap(data));
    }

    /** Parses from the buffer's position to its limit. */
    public static List<RtnetlinkMessage> parse(ByteBuffer data) {
        ByteBuffer b = data.slice().order(ByteOrder.nativeOrder());
        List<RtnetlinkMessage> out = new ArrayList<>();
        int pos = 0;
        while (pos + Rtnl.NLMSG_HDRLEN <= b.limit()) {
            int len = b.getInt(pos);
            if (len < Rtnl.NLMSG_HDRLEN || pos + len > b.limit()) {
                break;
            }
            int type = b.getShort(pos + 4) & 0xffff;
            int seq = b.getInt(pos + 8);
            int portId = b.getInt(pos + 12);
            ByteBuffer body = b.slice(pos + Rtnl.NLMSG_HDRLEN, len - Rtnl.NLMSG_HDRLEN).order(ByteOrder.nativeOrder());
            out.add(decode(type, seq, portId, body));
            pos += Rtnl.align4(len);
        }
        return out;
    }

    /** True if any message header in the buffer carries {@code flag} in nlmsg_flags. */
    public static boolean anyFlag(ByteBuffer data, int flag) {
        ByteBuffer b = data.slice().order(ByteOrder.nativeOrder());
        int pos = 0;
        while (pos + Rtnl.NLMSG_HDRLEN <= b.limit()) {
            int len = b.getInt(pos);
            if (len < Rtnl.NLMSG_HDRLEN || pos + len > b.limit()) {
                return false;
            }
            if ((b.getShort(pos + 6) & flag) != 0) {
                return true;
            }
            pos += Rtnl.align4(len);
        }
        return false;
    }

    private static RtnetlinkMessage decode(int type, int seq, int portId, ByteBuffer body) {
        return switch (type) {
            case Rtnl.NLMSG_ERROR -> new RtnetlinkMessage.Error(seq, body.limit() >= 4 ? -body.getInt(0) : 0);
            case Rtnl.NLMSG_DONE -> new RtnetlinkMessage.Done(seq);
            case Rtnl.RTM_NEWLINK, Rtnl.RTM_DELLINK -> body.limit() >= 16 ? link(type, seq, body) : new RtnetlinkMessage.Other(seq, type);
            case Rtnl.RTM_NEWADDR, Rtnl.RTM_DELADDR -> body.limit() >= 8 ? address(type, seq, portId, body) : new RtnetlinkMessage.Other(seq, type);
            case Rtnl.RTM_NEWROUTE, Rtnl.RTM_DELROUTE -> body.limit() >= 12 ? route(type, seq, portId, body) : new RtnetlinkMessage.Other(seq, type);
            default -> new RtnetlinkMessage.Other(seq, type);
        };
    }

    private static RtnetlinkMessage.Link link(int type, int seq, ByteBuffer body) {
        int index = body.getInt(4);
        int flags = body.getInt(8);
        String name = null;
        byte[] mac = NO_MAC;
        int operState = 0;
        for (int pos = 16; pos + 4 <= body.limit(); ) {
            int alen = body.getShort(pos) & 0xffff;
            int atype = body.getShort(pos + 2) & Rtnl.NLA_TYPE_MASK;
            if (alen < 4 || pos + alen > body.limit()) {
                break;
            }
            switch (atype) {
                case Rtnl.IFLA_IFNAME -> name = cString(body, pos + 4, alen - 4);
                case Rtnl.IFLA_ADDRESS -> mac = bytes(body, pos + 4, alen - 4);
                case Rtnl.IFLA_OPERSTATE -> operState = alen > 4 ? body.get(pos + 4) & 0xff : 0;
                default -> {
                }
            }
            pos += Rtnl.align4(alen);
        }
        return new RtnetlinkMessage.Link(seq, type, index, flags, name, mac, operState);
    }

    private static RtnetlinkMessage.Address address(int type, int seq, int portId, ByteBuffer body) {
        int prefixLength = body.get(1) & 0xff;
        int flags = body.get(2) & 0xff;
        int scope = body.get(3) & 0xff;
        int index = body.getInt(4);
        InetAddress local = null;
        InetAddress address = null;
        for (int pos = 8; pos + 4 <= body.limit(); ) {
            int alen = body.getShort(pos) & 0xffff;
            int atype = body.getShort(pos + 2) & Rtnl.NLA_TYPE_MASK;
            if (alen < 4 || pos + alen > body.limit()) {
                break;
            }
            switch (atype) {
                case Rtnl.IFA_LOCAL -> local = inet(body, pos + 4, alen - 4);
                case Rtnl.IFA_ADDRESS -> address = inet(body, pos + 4, alen - 4);
                case Rtnl.IFA_FLAGS -> flags = alen >= 8 ? body.getInt(pos + 4) : flags;
                default -> {
                }
            }
            pos += Rtnl.align4(alen);
        }
        return new RtnetlinkMessage.Address(seq, type, index, prefixLength, flags, scope, local != null ? local : address, portId);
    }

    private static RtnetlinkMessage.Route route(int type, int seq, int portId, ByteBuffer body) {
        int family = body.get(0) & 0xff;
        int dstLen = body.get(1) & 0xff;
        int table = body.get(4) & 0xff;
        int protocol = body.get(5) & 0xff;
        int scope = body.get(6) & 0xff;
        int routeType = body.get(7) & 0xff;
        InetAddress dst = null;
        InetAddress gateway = null;
        InetAddress prefsrc = null;
        int oif = 0;
        int priority = 0;
        List<RtnetlinkMessage.NextHop> hops = new ArrayList<>();
        for (int pos = 12; pos + 4 <= body.limit(); ) {
            int alen = body.getShort(pos) & 0xffff;
            int atype = body.getShort(pos + 2) & Rtnl.NLA_TYPE_MASK;
            if (alen < 4 || pos + alen > body.limit()) {
                break;
            }
            switch (atype) {
                case Rtnl.RTA_DST -> dst = inet(body, pos + 4, alen - 4);
                case Rtnl.RTA_GATEWAY -> gateway = inet(body, pos + 4, alen - 4);
                case Rtnl.RTA_PREFSRC -> prefsrc = inet(body, pos + 4, alen - 4);
                case Rtnl.RTA_OIF -> oif = alen >= 8 ? body.getInt(pos + 4) : 0;
                case Rtnl.RTA_PRIORITY -> priority = alen >= 8 ? body.getInt(pos + 4) : 0;
                case Rtnl.RTA_TABLE -> table = alen >= 8 ? body.getInt(pos + 4) : table;
                case Rtnl.RTA_MULTIPATH -> multipath(body, pos + 4, pos + alen, hops);
                default -> {
                }
            }
            pos += Rtnl.align4(alen);
        }
        if (hops.isEmpty() && (oif != 0 || gateway != null)) {
            hops.add(new RtnetlinkMessage.NextHop(oif, gateway, 1));
        }
        return new RtnetlinkMessage.Route(seq, type, family, dstLen, table, protocol, scope, routeType, dst, prefsrc,
                priority, hops, portId);
    }

    /** rtnexthop: u16 len, u8 flags, u8 hops (weight - 1), i32 ifindex, then rtattrs (RTA_GATEWAY). */
    private static void multipath(ByteBuffer b, int pos, int end, List<RtnetlinkMessage.NextHop> hops) {
        while (pos + 8 <= end) {
            int len = b.getShort(pos) & 0xffff;
            if (len < 8 || pos + len > end) {
                return;
            }
            int weight = (b.get(pos + 3) & 0xff) + 1;
            int ifindex = b.getInt(pos + 4);
            InetAddress gateway = null;
            for (int a = pos + 8; a + 4 <= pos + len; ) {
                int alen = b.getShort(a) & 0xffff;
                if (alen < 4 || a + alen > pos + len) {
                    break;
                }
                if ((b.getShort(a + 2) & Rtnl.NLA_TYPE_MASK) == Rtnl.RTA_GATEWAY) {
                    gateway = inet(b, a + 4, alen - 4);
                }
                a += Rtnl.align4(alen);
            }
            hops.add(new RtnetlinkMessage.NextHop(ifindex, gateway, weight));
            pos += Rtnl.align4(len);
        }
    }

    private static byte[] bytes(ByteBuffer b, int pos, int len) {
        byte[] out = new byte[len];
        b.get(pos, out);
        return out;
    }

    private static InetAddress inet(ByteBuffer b, int pos, int len) {
        if (len != 4 && len != 16) {
            return null;
        }
        try {
            return InetAddress.getByAddress(bytes(b, pos, len));
        } catch (UnknownHostException e) {
            throw new AssertionError(e);   // only thrown for a wrong length, excluded above
        }
    }

    private static String cString(ByteBuffer b, int pos, int len) {
        int n = 0;
        while (n < len && b.get(pos + n) != 0) {
            n++;
        }
        return new String(bytes(b, pos, n), StandardCharsets.US_ASCII);
    }
}
