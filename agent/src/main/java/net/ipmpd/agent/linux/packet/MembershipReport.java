package net.ipmpd.agent.linux.packet;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.nio.ByteBuffer;
import java.util.List;

/**
 * Unsolicited membership reports, so that a snooping switch learns at once which groups a
 * port wants again: Linux sends reports only when a group is first joined on an interface, not
 * when carrier returns, and a switch forgets a port's groups when its link goes down. Without
 * a report the switch forwards again only at the querier's next general query (125 s default).
 *
 * <p>IGMPv3 (RFC 3376 §4.2) and MLDv2 (RFC 3810 §5.2) reports carry one CHANGE_TO_EXCLUDE({})
 * record per group, which is what a host sends when it joins; IGMPv2 (RFC 2236) carries one
 * group per message, sent to the group itself.
 */
public final class MembershipReport {
    public static final int IGMP_V2_REPORT = 0x16;
    public static final int IGMP_V3_REPORT = 0x22;
    public static final int MLD_V2_REPORT = 143;
    /** Record type "change to exclude mode" with no sources: "I want all of this group". */
    static final int CHANGE_TO_EXCLUDE = 4;

    private MembershipReport() {
    }

    /** IGMPv2 membership report for one group; goes to the group address itself. */
    public static byte[] igmpV2(Inet4Address group) {
        ByteBuffer b = ByteBuffer.allocate(8).put((byte) IGMP_V2_REPORT).put((byte) 0).putShort((short) 0).put(group.getAddress());
        return withChecksum(b.array());
    }

    /** IGMPv3 report for the groups; goes to 224.0.0.22. */
    public static byte[] igmpV3(List<Inet4Address> groups) {
        ByteBuffer b = ByteBuffer.allocate(8 + 8 * groups.size())
                .put((byte) IGMP_V3_REPORT).put((byte) 0).putShort((short) 0)
                .putShort((short) 0).putShort((short) groups.size());
        for (Inet4Address g : groups) {
            b.put((byte) CHANGE_TO_EXCLUDE).put((byte) 0).putShort((short) 0).put(g.getAddress());
        }
        return withChecksum(b.array());
    }

    /**
     * MLDv2 report for the groups; goes to ff02::16. The checksum is left 0: the kernel computes
     * ICMPv6 checksums on raw sockets (it needs the IPv6 pseudo-header, which only it knows).
     */
    public static byte[] mldV2(List<Inet6Address> groups) {
        ByteBuffer b = ByteBuffer.allocate(8 + 20 * groups.size())
                .put((byte) MLD_V2_REPORT).put((byte) 0).putShort((short) 0)
                .putShort((short) 0).putShort((short) groups.size());
        for (Inet6Address g : groups) {
            b.put((byte) CHANGE_TO_EXCLUDE).put((byte) 0).putShort((short) 0).put(g.getAddress());
        }
        return b.array();
    }

    /**
     * The IPv6 hop-by-hop header with a Router Alert option (RFC 2711, value 0 = MLD) that every
     * MLD message must carry (RFC 3810 §5), for the IPV6_HOPOPTS socket option: next header (the
     * kernel fills it in), length 0 (8 bytes), the option, then a 2-byte PadN.
     */
    public static byte[] mldHopByHop() {
        return new byte[] {0, 0, 5, 2, 0, 0, 1, 0};
    }

    /** The IPv4 Router Alert option (RFC 2113) that IGMPv2/v3 reports carry, for IP_OPTIONS. */
    public static byte[] ipv4RouterAlert() {
        return new byte[] {(byte) 0x94, 4, 0, 0};
    }

    /** The Internet checksum (RFC 1071) over the whole message, written at bytes 2-3. */
    private static byte[] withChecksum(byte[] m) {
        long sum = 0;
        for (int i = 0; i + 1 < m.length; i += 2) {
            sum += ((m[i] & 0xff) << 8) | (m[i + 1] & 0xff);
        }
        if (m.length % 2 == 1) {
            sum += (m[m.length - 1] & 0xff) << 8;
        }
        while ((sum >> 16) != 0) {
            sum = (sum & 0xffff) + (sum >> 16);
        }
        int c = (int) (~sum & 0xffff);
        m[2] = (byte) (c >> 8);
        m[3] = (byte) c;
        return m;
    }
}
