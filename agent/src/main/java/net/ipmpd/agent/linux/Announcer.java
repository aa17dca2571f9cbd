package net.ipmpd.agent.linux;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import net.ipmpd.agent.linux.packet.ArpAnnouncement;
import net.ipmpd.agent.linux.packet.NeighborAdvertisement;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * Tells the neighbours that a data address now lives behind another MAC: gratuitous ARP for IPv4
 * (AF_PACKET, no arping: it blocks a second after sending) and an unsolicited Neighbor
 * Advertisement for IPv6. The first copy goes out on the caller's thread; the repeats, for a
 * lossy first frame, are scheduled so the caller never waits.
 */
public final class Announcer implements AutoCloseable {
    private static final Logger LOG = LogManager.getLogger(Announcer.class);
    static final int COPIES = 3;
    static final long SPACING_MS = 100;
    private static final byte[] ALL_NODES;

    static {
        try {
            ALL_NODES = InetAddress.getByName("ff02::1").getAddress();
        } catch (java.net.UnknownHostException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final LibC libc = LibC.get();
    private final InterfaceTable table;
    private final ScheduledExecutorService scheduler;
    /** Send-only (protocol 0: it receives no frames), one for every member. */
    private final int packetFd;

    public Announcer(InterfaceTable table, ScheduledExecutorService scheduler) throws NativeException {
        this.table = table;
        this.scheduler = scheduler;
        this.packetFd = libc.socket(LibC.AF_PACKET, LibC.SOCK_DGRAM | LibC.SOCK_CLOEXEC, 0);
        if (packetFd < 0) {
            throw NativeException.lastError("socket(AF_PACKET) for gratuitous ARP (needs CAP_NET_RAW)");
        }
    }

    /**
     * Announces {@code address} from {@code member}: sends the first copy now and schedules the
     * rest. Returns the time the first copy took to send, in nanoseconds.
     */
    public long announce(String member, InetAddress address) throws NativeException {
        InterfaceTable.Link link = table.link(member)
                .orElseThrow(() -> new NativeException("announce " + address.getHostAddress() + " on " + member
                        + ": no such interface", LibC.ENODEV));
        long t0 = System.nanoTime();
        if (address instanceof Inet4Address v4) {
            byte[] arp = ArpAnnouncement.encode(link.mac(), v4);
            byte[] to = SockAddr.packet(link.index(), SockAddr.ETH_P_ARP, ArpAnnouncement.BROADCAST);
            sendArp(arp, to, member, address);
            long took = System.nanoTime() - t0;
            for (int i = 1; i < COPIES; i++) {
                scheduler.schedule(() -> sendArpLogged(arp, to, member, address), i * SPACING_MS, TimeUnit.MILLISECONDS);
            }
            return took;
        }
        int fd = openNaSocket(member, link.index(), (Inet6Address) address);
        byte[] na = NeighborAdvertisement.encode((Inet6Address) InterfaceTable.plain(address), link.mac());
        byte[] to = SockAddr.inet6(allNodes(), link.index());
        try {
            sendNa(fd, na, to, member, address);
        } catch (NativeException e) {
            libc.close(fd);
            throw e;
        }
        long took = System.nanoTime() - t0;
        for (int i = 1; i < COPIES; i++) {
            boolean last = i == COPIES - 1;
            scheduler.schedule(() -> {
                try {
                    sendNa(fd, na, to, member, address);
                } catch (NativeException e) {
                    LOG.warn("unsolicited neighbor advertisement for {} on {} failed: {}", address.getHostAddress(), member, e.getMessage());
                } finally {
                    if (last) {
                        libc.close(fd);
                    }
                }
            }, i * SPACING_MS, TimeUnit.MILLISECONDS);
        }
        return took;
    }

    private static InetAddress allNodes() {
        try {
            return InetAddress.getByAddress(ALL_NODES);
        } catch (java.net.UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    private void sendArp(byte[] arp, byte[] to, String member, InetAddress address) throws NativeException {
        if (libc.sendto(packetFd, arp, arp.length, LibC.MSG_DONTWAIT, to, to.length) < 0) {
            throw NativeException.lastError("gratuitous ARP for " + address.getHostAddress() + " on " + member);
        }
    }

    private void sendArpLogged(byte[] arp, byte[] to, String member, InetAddress address) {
        try {
            sendArp(arp, to, member, address);
        } catch (NativeException e) {
            LOG.warn("{}", e.getMessage());
        }
    }

    /**
     * A raw ICMPv6 socket bound to the member and the moved address, hop limit 255 (receivers
     * drop ND messages with any other, RFC 4861 §7.1.2), receiving nothing (filter blocks all).
     */
    private int openNaSocket(String member, int ifIndex, Inet6Address address) throws NativeException {
        int fd = libc.socket(LibC.AF_INET6, LibC.SOCK_RAW | LibC.SOCK_CLOEXEC, LibC.IPPROTO_ICMPV6);
        if (fd < 0) {
            throw NativeException.lastError("socket(AF_INET6, SOCK_RAW, ICMPV6) for neighbor advertisement on " + member);
        }
        try {
            option(fd, LibC.SOL_SOCKET, LibC.SO_BINDTODEVICE, SockAddr.interfaceName(member), "SO_BINDTODEVICE " + member);
            option(fd, LibC.IPPROTO_IPV6, LibC.IPV6_MULTICAST_HOPS, SockAddr.int32(255), "IPV6_MULTICAST_HOPS");
            option(fd, LibC.IPPROTO_IPV6, LibC.IPV6_MULTICAST_LOOP, SockAddr.int32(0), "IPV6_MULTICAST_LOOP");
            option(fd, LibC.IPPROTO_ICMPV6, LibC.ICMP6_FILTER, Icmp6Filter.blockAll(), "ICMP6_FILTER");
            byte[] self = SockAddr.inet6(address, ifIndex);
            if (libc.bind(fd, self, self.length) != 0) {
                throw NativeException.lastError("bind neighbor advertisement socket to " + address.getHostAddress() + " on " + member);
            }
            return fd;
        } catch (NativeException e) {
            libc.close(fd);
            throw e;
        }
    }

    private void option(int fd, int level, int opt, byte[] value, String what) throws NativeException {
        if (libc.setsockopt(fd, level, opt, value, value.length) != 0) {
            throw NativeException.lastError("setsockopt " + what);
        }
    }

    private void sendNa(int fd, byte[] na, byte[] to, String member, InetAddress address) throws NativeException {
        if (libc.sendto(fd, na, na.length, LibC.MSG_DONTWAIT, to, to.length) < 0) {
            throw NativeException.lastError("unsolicited neighbor advertisement for " + address.getHostAddress() + " on " + member);
        }
    }

    @Override
    public void close() {
        libc.close(packetFd);
    }
}
