package net.ipmpd.agent.linux;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.TimeUnit;
import net.ipmpd.agent.linux.packet.MembershipReport;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * {@link MulticastKernel} on Linux. Each membership is one unbound UDP socket that joined by
 * interface index (ip_mreqn / ipv6_mreq): it receives nothing itself, needs no address on the
 * interface, and leaving is closing it, which the kernel cannot refuse. One socket per
 * membership also avoids the per-socket limit (net.ipv4.igmp_max_memberships, 20).
 * Reports go out of raw IGMP / ICMPv6 sockets bound to the interface (CAP_NET_RAW).
 * Must be used from a thread of the daemon's network namespace (the dataplane's timer thread).
 */
final class LinuxMulticastKernel implements MulticastKernel {
    private static final Logger LOG = LogManager.getLogger(LinuxMulticastKernel.class);
    private static final InetAddress ALL_IGMPV3_ROUTERS = literal("224.0.0.22");
    private static final InetAddress ALL_MLDV2_ROUTERS = literal("ff02::16");

    private final LibC libc = LibC.get();
    private boolean nftMissingReported;

    @Override
    public GroupMemberships memberships() {
        return GroupMemberships.of(lines("/proc/thread-self/net/igmp"), lines("/proc/thread-self/net/igmp6"));
    }

    @Override
    public Membership join(String ifname, InetAddress group) throws IOException {
        int index = ifIndex(ifname);
        boolean v4 = group instanceof Inet4Address;
        int fd = libc.socket(v4 ? LibC.AF_INET : LibC.AF_INET6, LibC.SOCK_DGRAM | LibC.SOCK_CLOEXEC, 0);
        if (fd < 0) {
            throw NativeException.lastError("socket for joining " + group.getHostAddress() + " on " + ifname);
        }
        byte[] mreq = v4 ? SockAddr.ipMreqn((Inet4Address) group, index)
                : SockAddr.ipv6Mreq((Inet6Address) InterfaceTable.plain(group), index);
        int rc = v4 ? libc.setsockopt(fd, LibC.IPPROTO_IP, LibC.IP_ADD_MEMBERSHIP, mreq, mreq.length)
                : libc.setsockopt(fd, LibC.IPPROTO_IPV6, LibC.IPV6_ADD_MEMBERSHIP, mreq, mreq.length);
        if (rc != 0) {
            NativeException e = NativeException.lastError("join " + group.getHostAddress() + " on " + ifname + " (index " + index + ")");
            libc.close(fd);
            throw e;
        }
        return () -> {
            if (libc.close(fd) != 0) {
                throw NativeException.lastError("leave " + group.getHostAddress() + " on " + ifname);
            }
        };
    }

    @Override
    public void report(String ifname, Collection<InetAddress> groups) throws IOException {
        if (groups.isEmpty()) {
            return;
        }
        int index = ifIndex(ifname);
        if (groups.iterator().next() instanceof Inet4Address) {
            reportIgmp(ifname, index, groups);
        } else {
            reportMld(ifname, index, groups);
        }
    }

    /** In the IGMP version the kernel speaks on the interface now (as /proc/net/igmp shows it). */
    private void reportIgmp(String ifname, int index, Collection<InetAddress> groups) throws IOException {
        int version = GroupMemberships.igmpVersions(lines("/proc/thread-self/net/igmp")).getOrDefault(ifname, 3);
        int fd = rawSocket(LibC.AF_INET, LibC.IPPROTO_IGMP, ifname);
        try {
            option(fd, LibC.IPPROTO_IP, LibC.IP_MULTICAST_IF, SockAddr.ipMreqn(any4(), index), "IP_MULTICAST_IF");
            option(fd, LibC.IPPROTO_IP, LibC.IP_MULTICAST_TTL, SockAddr.int32(1), "IP_MULTICAST_TTL");
            option(fd, LibC.IPPROTO_IP, LibC.IP_MULTICAST_LOOP, SockAddr.int32(0), "IP_MULTICAST_LOOP");
            option(fd, LibC.IPPROTO_IP, LibC.IP_OPTIONS, MembershipReport.ipv4RouterAlert(), "IP_OPTIONS router alert");
            if (version >= 3) {
                List<Inet4Address> v4 = new ArrayList<>();
                groups.forEach(g -> v4.add((Inet4Address) g));
                send(fd, MembershipReport.igmpV3(v4), SockAddr.inet4(ALL_IGMPV3_ROUTERS), ifname);
            } else {
                for (InetAddress g : groups) {
                    send(fd, MembershipReport.igmpV2((Inet4Address) g), SockAddr.inet4(g), ifname);
                }
            }
        } finally {
            libc.close(fd);
        }
    }

    private void reportMld(String ifname, int index, Collection<InetAddress> groups) throws IOException {
        int fd = rawSocket(LibC.AF_INET6, LibC.IPPROTO_ICMPV6, ifname);
        try {
            option(fd, LibC.IPPROTO_IPV6, LibC.IPV6_MULTICAST_IF, SockAddr.int32(index), "IPV6_MULTICAST_IF");
            option(fd, LibC.IPPROTO_IPV6, LibC.IPV6_MULTICAST_HOPS, SockAddr.int32(1), "IPV6_MULTICAST_HOPS");
            option(fd, LibC.IPPROTO_IPV6, LibC.IPV6_MULTICAST_LOOP, SockAddr.int32(0), "IPV6_MULTICAST_LOOP");
            option(fd, LibC.IPPROTO_IPV6, LibC.IPV6_HOPOPTS, MembershipReport.mldHopByHop(), "IPV6_HOPOPTS router alert");
            option(fd, LibC.IPPROTO_ICMPV6, LibC.ICMP6_FILTER, Icmp6Filter.blockAll(), "ICMP6_FILTER");
            List<Inet6Address> v6 = new ArrayList<>();
            groups.forEach(g -> v6.add((Inet6Address) InterfaceTable.plain(g)));
            send(fd, MembershipReport.mldV2(v6), SockAddr.inet6(ALL_MLDV2_ROUTERS, index), ifname);
        } finally {
            libc.close(fd);
        }
    }

    private int rawSocket(int family, int protocol, String ifname) throws NativeException {
        int fd = libc.socket(family, LibC.SOCK_RAW | LibC.SOCK_CLOEXEC, protocol);
        if (fd < 0) {
            throw NativeException.lastError("raw socket for membership reports on " + ifname + " (needs CAP_NET_RAW)");
        }
        try {
            option(fd, LibC.SOL_SOCKET, LibC.SO_BINDTODEVICE, SockAddr.interfaceName(ifname), "SO_BINDTODEVICE " + ifname);
        } catch (NativeException e) {
            libc.close(fd);
            throw e;
        }
        return fd;
    }

    private void option(int fd, int level, int opt, byte[] value, String what) throws NativeException {
        if (libc.setsockopt(fd, level, opt, value, value.length) != 0) {
            throw NativeException.lastError("setsockopt " + what);
        }
    }

    private void send(int fd, byte[] message, byte[] to, String ifname) throws NativeException {
        if (libc.sendto(fd, message, message.length, LibC.MSG_DONTWAIT, to, to.length) < 0) {
            throw NativeException.lastError("membership report on " + ifname);
        }
    }

    private int ifIndex(String ifname) throws NativeException {
        int index = libc.if_nametoindex(ifname);
        if (index <= 0) {
            throw new NativeException("interface " + ifname, LibC.ENODEV);
        }
        return index;
    }

    @Override
    public boolean nft(String script) {
        try {
            Process p = new ProcessBuilder("nft", "-f", "-").redirectErrorStream(true).start();
            p.getOutputStream().write(script.getBytes(StandardCharsets.UTF_8));
            p.getOutputStream().close();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (!p.waitFor(5, TimeUnit.SECONDS) || p.exitValue() != 0) {
                LOG.warn("nftables refused the nominee rules: {}", out);
                return false;
            }
            return true;
        } catch (IOException e) {
            if (!nftMissingReported) {
                nftMissingReported = true;
                LOG.warn("nft (nftables) is not available ({}): multicast and broadcast are received on every member;"
                        + " install nftables", e.getMessage());
            }
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static List<String> lines(String file) {
        try {
            return Files.readAllLines(Path.of(file));
        } catch (IOException e) {
            return List.of();
        }
    }

    private static Inet4Address any4() {
        return (Inet4Address) literal("0.0.0.0");
    }

    private static InetAddress literal(String s) {
        try {
            return InetAddress.getByName(s);
        } catch (java.net.UnknownHostException e) {
            throw new ExceptionInInitializerError(e);
        }
    }
}
