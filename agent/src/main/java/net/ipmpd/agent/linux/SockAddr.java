package net.ipmpd.agent.linux;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The C socket address structs, packed by hand (LP64 Linux layouts): host byte order except
 * where the kernel wants network order (ports, {@code sll_protocol}).
 */
public final class SockAddr {
    public static final int NL_LEN = 12;
    public static final int IN_LEN = 16;
    public static final int IN6_LEN = 28;
    public static final int LL_LEN = 20;
    public static final int ETH_P_ARP = 0x0806;
    private static final int ARPHRD_ETHER = 1;

    private SockAddr() {
    }

    private static ByteBuffer host(int size) {
        return ByteBuffer.allocate(size).order(ByteOrder.nativeOrder());
    }

    /** sockaddr_nl: u16 family, u16 pad, u32 pid (0: the kernel assigns one), u32 multicast groups. */
    public static byte[] netlink(int groups) {
        return host(NL_LEN).putShort((short) LibC.AF_NETLINK).putShort((short) 0).putInt(0).putInt(groups).array();
    }

    /** sockaddr_in (port 0): raw sockets ignore the port. */
    public static byte[] inet4(InetAddress address) {
        ByteBuffer b = host(IN_LEN).putShort((short) LibC.AF_INET).putShort((short) 0);
        b.put(address.getAddress());
        return b.array();
    }

    /** sockaddr_in6: u16 family, u16 port, u32 flowinfo, 16 address, u32 scope id (host order). */
    public static byte[] inet6(InetAddress address, int scopeId) {
        ByteBuffer b = host(IN6_LEN).putShort((short) LibC.AF_INET6).putShort((short) 0).putInt(0);
        b.put(address.getAddress()).putInt(scopeId);
        return b.array();
    }

    /** The sockaddr for {@code address}; the scope id matters only for IPv6 link-local and multicast. */
    public static byte[] inet(InetAddress address, int scopeId) {
        return address instanceof Inet4Address ? inet4(address) : inet6(address, scopeId);
    }

    public static int length(InetAddress address) {
        return address instanceof Inet4Address ? IN_LEN : IN6_LEN;
    }

    /**
     * sockaddr_ll for an AF_PACKET/SOCK_DGRAM send: the kernel builds the Ethernet header with
     * {@code destination} as its destination. {@code sll_protocol} is big-endian (the one trap).
     */
    public static byte[] packet(int ifIndex, int protocol, byte[] destination) {
        ByteBuffer b = host(LL_LEN).putShort((short) LibC.AF_PACKET);
        b.order(ByteOrder.BIG_ENDIAN).putShort((short) protocol).order(ByteOrder.nativeOrder());
        b.putInt(ifIndex).putShort((short) ARPHRD_ETHER).put((byte) 0).put((byte) destination.length);
        b.put(destination);
        return b.array();
    }

    /** The address of a sockaddr_in / sockaddr_in6 that recvfrom filled in; null for other families. */
    public static InetAddress decode(byte[] sa) {
        ByteBuffer b = ByteBuffer.wrap(sa).order(ByteOrder.nativeOrder());
        int family = b.getShort(0) & 0xffff;
        try {
            if (family == LibC.AF_INET && sa.length >= 8) {
                byte[] a = new byte[4];
                b.get(4, a);
                return InetAddress.getByAddress(a);
            }
            if (family == LibC.AF_INET6 && sa.length >= 28) {
                byte[] a = new byte[16];
                b.get(8, a);
                int scope = b.getInt(24);
                return scope != 0 && (a[0] & 0xff) == 0xfe && (a[1] & 0xc0) == 0x80
                        ? Inet6Address.getByAddress(null, a, scope)
                        : InetAddress.getByAddress(a);
            }
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
        return null;
    }

    /**
     * struct ip_mreqn: group, local address (0.0.0.0: none), interface index. With an index the
     * kernel never looks at the interface's addresses, so a join or leave cannot fail because a
     * data address moved away (struct ip_mreq, which names the interface by address, can).
     */
    public static byte[] ipMreqn(Inet4Address group, int ifIndex) {
        return host(12).put(group.getAddress()).putInt(0).putInt(ifIndex).array();
    }

    /** struct ipv6_mreq: group, interface index. */
    public static byte[] ipv6Mreq(Inet6Address group, int ifIndex) {
        return host(20).put(group.getAddress()).putInt(ifIndex).array();
    }

    /** struct timeval {i64 sec, i64 usec} for SO_RCVTIMEO. */
    public static byte[] timeval(long millis) {
        return host(16).putLong(millis / 1000).putLong((millis % 1000) * 1000).array();
    }

    public static byte[] int32(int v) {
        return host(4).putInt(v).array();
    }

    /** A NUL-terminated interface name for SO_BINDTODEVICE. */
    public static byte[] interfaceName(String name) {
        byte[] s = name.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        return java.util.Arrays.copyOf(s, s.length + 1);
    }
}
