package net.ipmpd.testlab.bench;

import net.ipmpd.agent.linux.LibC;
import net.ipmpd.agent.linux.SockAddr;
import net.ipmpd.agent.linux.netlink.RtnetlinkMessage;
import net.ipmpd.agent.linux.netlink.RtnetlinkParser;
import net.ipmpd.agent.linux.netlink.Rtnl;
import jnr.ffi.Memory;
import jnr.ffi.Pointer;

import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * What `ip monitor link address` would print in the ipmpd host's namespace, with a CLOCK_MONOTONIC receive time: an
 * rtnetlink socket subscribed to RTMGRP_LINK and RTMGRP_IPV4_IFADDR, read by a dedicated thread that takes
 * System.nanoTime() the moment recv returns, before any parsing. The same clock as the fault injection, in the same
 * process, so differences are exact up to this thread's wake-up (tens of µs, the same for every observation).
 */
final class KernelEvents implements AutoCloseable {
    /** A link's RUNNING flag changed, or an IPv4 address was added or deleted, seen at {@code nanos}. */
    record Event(long nanos, boolean link, int ifIndex, boolean running, boolean deleted, InetAddress address) {
    }

    private static final int BUFFER = 64 * 1024;
    private final LibC libc = LibC.get();
    private final int fd;
    private final Sightings<Event> events = new Sightings<>(Event::nanos);
    private final Thread reader;
    private volatile boolean closed;

    KernelEvents(String namespace) {
        this.fd = InNamespace.call(namespace, () -> {
            int s = libc.socket(LibC.AF_NETLINK, LibC.SOCK_RAW | LibC.SOCK_CLOEXEC, LibC.NETLINK_ROUTE);
            if (s < 0 || libc.bind(s, SockAddr.netlink(Rtnl.RTMGRP_LINK | Rtnl.RTMGRP_IPV4_IFADDR), SockAddr.NL_LEN) != 0) {
                throw new IllegalStateException("netlink monitor socket: " + libc.strerror(LibC.errno()));
            }
            libc.setsockopt(s, LibC.SOL_SOCKET, LibC.SO_RCVBUFFORCE, SockAddr.int32(4 << 20), 4);
            libc.setsockopt(s, LibC.SOL_SOCKET, LibC.SO_RCVTIMEO, SockAddr.timeval(200), 16);
            return s;
        });
        reader = new Thread(this::read, "bench-netlink-monitor");
        reader.setDaemon(true);
        reader.setPriority(Thread.MAX_PRIORITY);
        reader.start();
    }

    private void read() {
        Pointer buf = Memory.allocateDirect(LibC.runtime(), BUFFER);
        byte[] chunk = new byte[BUFFER];
        while (!closed) {
            long n = libc.recv(fd, buf, BUFFER, 0);
            long now = System.nanoTime();
            if (n <= 0) {
                int errno = LibC.errno();
                if (n < 0 && errno == LibC.ENOBUFS) {
                    System.err.println("bench: netlink monitor overflowed (ENOBUFS); events lost");
                }
                continue;
            }
            buf.get(0, chunk, 0, (int) n);
            List<Event> batch = new ArrayList<>();
            for (RtnetlinkMessage m : RtnetlinkParser.parse(ByteBuffer.wrap(chunk, 0, (int) n))) {
                if (m instanceof RtnetlinkMessage.Link l) {
                    batch.add(new Event(now, true, l.index(), l.running(), l.deleted(), null));
                } else if (m instanceof RtnetlinkMessage.Address a) {
                    batch.add(new Event(now, false, a.index(), false, a.deleted(), a.address()));
                }
            }
            events.addAll(batch);
        }
    }

    /** The first event received at or after {@code since} that matches, waiting up to timeoutNanos. */
    Optional<Event> await(long since, Predicate<Event> match, long timeoutNanos) {
        return events.await(since, match, timeoutNanos);
    }

    /** Forgets what was seen (keeps memory flat over many runs). */
    void clear() {
        events.clear();
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
