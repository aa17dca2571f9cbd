package net.ipmpd.agent.linux;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import net.ipmpd.engine.config.Family;

/**
 * One member's raw ICMP or ICMPv6 socket: bound to the member (SO_BINDTODEVICE filters both
 * ways, so a probe from h0 never leaves through h1 whatever the routes say) and to the test
 * address, multicast out of the member, receiving echo replies only.
 */
final class ProbeSocket {
    final String member;
    final Family family;
    final int ifIndex;
    final InetAddress source;
    final int identifier;
    final int fd;

    private ProbeSocket(String member, Family family, int ifIndex, InetAddress source, int identifier, int fd) {
        this.member = member;
        this.family = family;
        this.ifIndex = ifIndex;
        this.source = source;
        this.identifier = identifier;
        this.fd = fd;
    }

    /**
     * The echo identifier of ipmpd's probes on this member: the pid tells our probes from other
     * pings on the host (in.mpathd uses its pid), the ifindex our members from each other.
     */
    static int identifier(long pid, int ifIndex) {
        return (int) ((pid ^ ((long) ifIndex << 8) ^ ifIndex) & 0xffff);
    }

    static ProbeSocket open(String member, int ifIndex, InetAddress source, long pid) throws NativeException {
        LibC libc = LibC.get();
        boolean v4 = source instanceof Inet4Address;
        Family family = v4 ? Family.IPV4 : Family.IPV6;
        int fd = libc.socket(v4 ? LibC.AF_INET : LibC.AF_INET6, LibC.SOCK_RAW | LibC.SOCK_CLOEXEC,
                v4 ? LibC.IPPROTO_ICMP : LibC.IPPROTO_ICMPV6);
        String what = (v4 ? "ICMP" : "ICMPv6") + " probe socket on " + member;
        if (fd < 0) {
            throw NativeException.lastError("socket for " + what + " (needs CAP_NET_RAW)");
        }
        try {
            option(libc, fd, LibC.SOL_SOCKET, LibC.SO_BINDTODEVICE, SockAddr.interfaceName(member), what + ": SO_BINDTODEVICE");
            // the kernel's receive time: a reply read late by a busy daemon keeps its true RTT
            option(libc, fd, LibC.SOL_SOCKET, LibC.SO_TIMESTAMPNS, SockAddr.int32(1), what + ": SO_TIMESTAMPNS");
            if (v4) {
                option(libc, fd, LibC.SOL_RAW, LibC.ICMP_FILTER, Icmp6Filter.ipv4EchoReplyOnly(), what + ": ICMP_FILTER");
                byte[] mreqn = ByteBuffer.allocate(12).order(ByteOrder.nativeOrder()).putInt(0).putInt(0).putInt(ifIndex).array();
                option(libc, fd, LibC.IPPROTO_IP, LibC.IP_MULTICAST_IF, mreqn, what + ": IP_MULTICAST_IF");
                option(libc, fd, LibC.IPPROTO_IP, LibC.IP_MULTICAST_LOOP, SockAddr.int32(0), what + ": IP_MULTICAST_LOOP");
            } else {
                option(libc, fd, LibC.IPPROTO_ICMPV6, LibC.ICMP6_FILTER, Icmp6Filter.passOnly(129), what + ": ICMP6_FILTER");
                option(libc, fd, LibC.IPPROTO_IPV6, LibC.IPV6_MULTICAST_IF, SockAddr.int32(ifIndex), what + ": IPV6_MULTICAST_IF");
                option(libc, fd, LibC.IPPROTO_IPV6, LibC.IPV6_MULTICAST_LOOP, SockAddr.int32(0), what + ": IPV6_MULTICAST_LOOP");
            }
            byte[] self = SockAddr.inet(source, ifIndex);
            if (libc.bind(fd, self, self.length) != 0) {
                throw NativeException.lastError(what + ": bind to test address " + source.getHostAddress());
            }
            return new ProbeSocket(member, family, ifIndex, source, identifier(pid, ifIndex), fd);
        } catch (NativeException e) {
            libc.close(fd);
            throw e;
        }
    }

    private static void option(LibC libc, int fd, int level, int opt, byte[] value, String what) throws NativeException {
        if (libc.setsockopt(fd, level, opt, value, value.length) != 0) {
            throw NativeException.lastError(what);
        }
    }
}
