package net.ipmpd.testlab.bench;

import net.ipmpd.agent.linux.LibC;
import net.ipmpd.agent.linux.SockAddr;
import jnr.ffi.Memory;
import jnr.ffi.Pointer;

import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * The peer's view of a failover: an AF_PACKET socket for ARP (SOCK_DGRAM, so the buffer starts at the ARP header) in
 * the client's namespace, read by a dedicated thread that takes System.nanoTime() the moment recv returns. A
 * gratuitous ARP for the data address is an ARP packet whose sender and target protocol addresses are both the data
 * address (RFC 5227 §3 announcement); its sender hardware address says which member now holds it.
 */
final class GarpWatch implements AutoCloseable {
    /** An ARP packet announcing spa from sha, received at nanos. */
    record Garp(long nanos, String senderMac, String address) {
    }

    private final LibC libc = LibC.get();
    private final int fd;
    private final Sightings<Garp> seen = new Sightings<>(Garp::nanos);
    private final Thread reader;
    private volatile boolean closed;

    GarpWatch(String namespace) {
        this.fd = InNamespace.call(namespace, () -> {
            int proto = Short.toUnsignedInt(Short.reverseBytes((short) SockAddr.ETH_P_ARP));   // htons
            int s = libc.socket(LibC.AF_PACKET, LibC.SOCK_DGRAM | LibC.SOCK_CLOEXEC, proto);
            if (s < 0) {
                throw new IllegalStateException("AF_PACKET socket: " + libc.strerror(LibC.errno()));
            }
            libc.setsockopt(s, LibC.SOL_SOCKET, LibC.SO_RCVTIMEO, SockAddr.timeval(200), 16);
            return s;
        });
        reader = new Thread(this::read, "bench-garp-watch");
        reader.setDaemon(true);
        reader.setPriority(Thread.MAX_PRIORITY);
        reader.start();
    }

    private void read() {
        Pointer buf = Memory.allocateDirect(LibC.runtime(), 2048);
        byte[] arp = new byte[28];
        HexFormat mac = HexFormat.ofDelimiter(":");
        while (!closed) {
            long n = libc.recv(fd, buf, 2048, 0);
            long now = System.nanoTime();
            if (n < 28) {
                continue;
            }
            buf.get(0, arp, 0, 28);
            // htype 1 (Ethernet), ptype 0x0800, hlen 6, plen 4; sha @8, spa @14, tha @18, tpa @24
            if (arp[4] != 6 || arp[5] != 4) {
                continue;
            }
            boolean gratuitous = arp[14] == arp[24] && arp[15] == arp[25] && arp[16] == arp[26] && arp[17] == arp[27];
            if (!gratuitous) {
                continue;
            }
            String spa = (arp[14] & 0xff) + "." + (arp[15] & 0xff) + "." + (arp[16] & 0xff) + "." + (arp[17] & 0xff);
            Garp g = new Garp(now, mac.formatHex(arp, 8, 14), spa);
            seen.addAll(List.of(g));
        }
    }

    /** The first gratuitous ARP for address from mac received at or after since, waiting up to timeoutNanos. */
    Optional<Garp> await(long since, String address, String senderMac, long timeoutNanos) {
        return seen.await(since, g -> g.address().equals(address) && g.senderMac().equalsIgnoreCase(senderMac), timeoutNanos);
    }

    void clear() {
        seen.clear();
    }

    @Override
    public void close() {
        closed = true;
        try {
            reader.join(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        libc.close(fd);
    }
}
