package net.ipmpd.agent.linux;

import java.io.Closeable;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import jnr.ffi.Memory;
import jnr.ffi.Pointer;
import net.ipmpd.agent.linux.netlink.RtnetlinkMessage;
import net.ipmpd.agent.linux.netlink.RtnetlinkParser;
import net.ipmpd.agent.linux.netlink.Rtnl;

/**
 * One NETLINK_ROUTE socket. A request socket (no groups) sends changes and dumps and reads the
 * seq-matched answers; a monitor socket (groups) only receives events. They are kept apart so
 * that ACKs and events never interleave. A request socket is used by one thread at a time
 * (methods are synchronized); give each thread that dumps its own socket.
 */
public final class RtnetlinkSocket implements Closeable {
    private static final int BUFFER = 64 * 1024;
    private final LibC libc = LibC.get();
    private final int fd;
    private final Pointer buffer = Memory.allocateDirect(LibC.runtime(), BUFFER);
    private final byte[] chunk = new byte[BUFFER];
    private final AtomicInteger sequence = new AtomicInteger((int) (System.nanoTime() & 0x7fff_0000));
    private volatile boolean closed;

    private RtnetlinkSocket(int fd) {
        this.fd = fd;
    }

    /** A socket for requests and dumps; answers must come within a second or the call fails. */
    public static RtnetlinkSocket openRequest() throws NativeException {
        RtnetlinkSocket s = open(0);
        s.setOption(LibC.SOL_SOCKET, LibC.SO_RCVTIMEO, SockAddr.timeval(1000), "SO_RCVTIMEO");
        return s;
    }

    /**
     * A socket subscribed to {@code groups}, with a 1 MiB receive buffer (SO_RCVBUFFORCE, which
     * needs CAP_NET_ADMIN; SO_RCVBUF otherwise) so that a burst of events does not overflow it,
     * and a receive timeout so that the reader notices close().
     */
    public static RtnetlinkSocket openMonitor(int groups, int receiveTimeoutMs) throws NativeException {
        return openMonitor(groups, receiveTimeoutMs, 1 << 20);
    }

    /** As above with another receive buffer size (tests use a tiny one to provoke ENOBUFS). */
    public static RtnetlinkSocket openMonitor(int groups, int receiveTimeoutMs, int receiveBuffer) throws NativeException {
        RtnetlinkSocket s = open(groups);
        byte[] size = SockAddr.int32(receiveBuffer);
        if (s.libc.setsockopt(s.fd, LibC.SOL_SOCKET, LibC.SO_RCVBUFFORCE, size, 4) != 0) {
            s.setOption(LibC.SOL_SOCKET, LibC.SO_RCVBUF, size, "SO_RCVBUF");
        }
        s.setOption(LibC.SOL_SOCKET, LibC.SO_RCVTIMEO, SockAddr.timeval(receiveTimeoutMs), "SO_RCVTIMEO");
        return s;
    }

    private static RtnetlinkSocket open(int groups) throws NativeException {
        LibC libc = LibC.get();
        int fd = libc.socket(LibC.AF_NETLINK, LibC.SOCK_RAW | LibC.SOCK_CLOEXEC, LibC.NETLINK_ROUTE);
        if (fd < 0) {
            throw NativeException.lastError("socket(AF_NETLINK, NETLINK_ROUTE)");
        }
        if (libc.bind(fd, SockAddr.netlink(groups), SockAddr.NL_LEN) != 0) {
            NativeException e = NativeException.lastError("bind(netlink, groups 0x" + Integer.toHexString(groups) + ")");
            libc.close(fd);
            throw e;
        }
        return new RtnetlinkSocket(fd);
    }

    private void setOption(int level, int option, byte[] value, String name) throws NativeException {
        if (libc.setsockopt(fd, level, option, value, value.length) != 0) {
            throw NativeException.lastError("setsockopt(netlink, " + name + ")");
        }
    }

    private int nextSeq() {
        return sequence.incrementAndGet() & 0x7fff_ffff;
    }

    /**
     * Sends a change and waits for its ACK. A refusal (EPERM, EEXIST, ENODEV ...) arrives in the
     * ACK, not from sendto, and is thrown naming {@code operation}.
     */
    public synchronized void request(IntFunction<byte[]> message, String operation) throws NativeException {
        int seq = nextSeq();
        send(message.apply(seq), operation);
        while (true) {
            for (RtnetlinkMessage m : receiveOnce(operation)) {
                if (m.seq() == seq && m instanceof RtnetlinkMessage.Error err) {
                    if (err.errno() != 0) {
                        throw new NativeException(operation, err.errno());
                    }
                    return;
                }
            }
        }
    }

    /** Sends a dump request and collects every answer up to NLMSG_DONE. */
    public synchronized List<RtnetlinkMessage> dump(IntFunction<byte[]> message, String operation) throws NativeException {
        for (int attempt = 1; ; attempt++) {
            dumpInterrupted = false;
            List<RtnetlinkMessage> out = dumpOnce(message, operation);
            // NLM_F_DUMP_INTR: the table changed while it was being dumped, so the answer may
            // lack an entry; dump again (a few times), as iproute2 does
            if (!dumpInterrupted || attempt == MAX_DUMP_ATTEMPTS) {
                return out;
            }
        }
    }

    private static final int MAX_DUMP_ATTEMPTS = 5;
    private boolean dumpInterrupted;

    private List<RtnetlinkMessage> dumpOnce(IntFunction<byte[]> message, String operation) throws NativeException {
        int seq = nextSeq();
        send(message.apply(seq), operation);
        List<RtnetlinkMessage> out = new ArrayList<>();
        while (true) {
            for (RtnetlinkMessage m : receiveOnce(operation)) {
                if (m.seq() != seq) {
                    continue;
                }
                if (m instanceof RtnetlinkMessage.Done) {
                    return out;
                }
                if (m instanceof RtnetlinkMessage.Error err && err.errno() != 0) {
                    throw new NativeException(operation, err.errno());
                }
                out.add(m);
            }
        }
    }

    private void send(byte[] message, String operation) throws NativeException {
        byte[] kernel = SockAddr.netlink(0);
        if (libc.sendto(fd, message, message.length, 0, kernel, SockAddr.NL_LEN) < 0) {
            throw NativeException.lastError(operation + ": sendto(netlink)");
        }
    }

    private List<RtnetlinkMessage> receiveOnce(String operation) throws NativeException {
        long n = libc.recv(fd, buffer, BUFFER, 0);
        if (n < 0) {
            int errno = LibC.errno();
            if (errno == LibC.EINTR) {
                return List.of();
            }
            throw new NativeException(operation + ": recv(netlink)" + (errno == LibC.EAGAIN ? " timed out" : ""), errno);
        }
        buffer.get(0, chunk, 0, (int) n);
        dumpInterrupted |= RtnetlinkParser.anyFlag(java.nio.ByteBuffer.wrap(chunk, 0, (int) n), Rtnl.NLM_F_DUMP_INTR);
        return RtnetlinkParser.parse(java.nio.ByteBuffer.wrap(chunk, 0, (int) n));
    }

    /**
     * Monitor side, after ENOBUFS: throws away every event still queued. The kernel reports an
     * overflow only once while the socket stays congested (netlink_overrun), so it must be
     * drained before the resync dump; a drop after that is reported again.
     */
    public void drainEvents() throws NativeException {
        for (int i = 0; i < 100_000; i++) {
            long n = libc.recv(fd, buffer, BUFFER, LibC.MSG_DONTWAIT);
            if (n < 0) {
                int errno = LibC.errno();
                if (errno == LibC.EAGAIN || errno == LibC.EINTR || errno == LibC.ENOBUFS) {
                    if (errno == LibC.EAGAIN) {
                        return;
                    }
                    continue;
                }
                throw new NativeException("recv(netlink monitor)", errno);
            }
        }
    }

    /**
     * Monitor side: the next batch of events, or an empty list when the receive timeout passed.
     *
     * @throws NativeException with errno ENOBUFS when events were lost; the caller must resync
     *         with a full dump
     */
    public List<RtnetlinkMessage> receiveEvents() throws NativeException {
        long n = libc.recv(fd, buffer, BUFFER, 0);
        if (n < 0) {
            int errno = LibC.errno();
            if (errno == LibC.EAGAIN || errno == LibC.EINTR) {
                return List.of();
            }
            throw new NativeException("recv(netlink monitor)", errno);
        }
        buffer.get(0, chunk, 0, (int) n);
        List<RtnetlinkMessage> batch = new ArrayList<>(RtnetlinkParser.parse(java.nio.ByteBuffer.wrap(chunk, 0, (int) n)));
        // take what is already queued too (never waiting): the messages of one kernel change,
        // e.g. the link-down that precedes a deletion, then arrive in one batch
        for (int i = 0; i < 64; i++) {
            long more = libc.recv(fd, buffer, BUFFER, LibC.MSG_DONTWAIT);
            if (more < 0) {
                int errno = LibC.errno();
                if (errno == LibC.ENOBUFS) {
                    throw new NativeException("recv(netlink monitor)", errno);
                }
                break;
            }
            buffer.get(0, chunk, 0, (int) more);
            batch.addAll(RtnetlinkParser.parse(java.nio.ByteBuffer.wrap(chunk, 0, (int) more)));
        }
        return batch;
    }

    /**
     * Monitor side: the messages that arrive within {@code ms} milliseconds (polled each
     * millisecond), or fewer: the wait ends as soon as {@code enough} holds for what has come.
     */
    public List<RtnetlinkMessage> receiveWithin(int ms, java.util.function.Predicate<List<RtnetlinkMessage>> enough)
            throws NativeException {
        List<RtnetlinkMessage> out = new ArrayList<>();
        long end = System.nanoTime() + ms * 1_000_000L;
        while (true) {
            // a read after every sleep, the last one included: on a busy host one sleep can outlast the whole wait
            long n = libc.recv(fd, buffer, BUFFER, LibC.MSG_DONTWAIT);
            if (n >= 0) {
                buffer.get(0, chunk, 0, (int) n);
                out.addAll(RtnetlinkParser.parse(java.nio.ByteBuffer.wrap(chunk, 0, (int) n)));
                // the deadline holds while messages keep coming too (a flap storm elsewhere)
                if (enough.test(out) || System.nanoTime() >= end) {
                    return out;
                }
                continue;
            }
            int errno = LibC.errno();
            if (errno == LibC.ENOBUFS) {
                throw new NativeException("recv(netlink monitor)", errno);
            }
            if (System.nanoTime() >= end) {
                return out;
            }
            try {
                Thread.sleep(1);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return out;
            }
        }
    }

    /** The raw bytes of one receive (tests record kernel dumps with it). */
    public synchronized byte[] rawDump(IntFunction<byte[]> message) throws NativeException {
        int seq = nextSeq();
        send(message.apply(seq), "raw dump");
        java.io.ByteArrayOutputStream all = new java.io.ByteArrayOutputStream();
        while (true) {
            long n = libc.recv(fd, buffer, BUFFER, 0);
            if (n < 0) {
                throw NativeException.lastError("recv(netlink)");
            }
            buffer.get(0, chunk, 0, (int) n);
            all.write(chunk, 0, (int) n);
            for (RtnetlinkMessage m : RtnetlinkParser.parse(java.nio.ByteBuffer.wrap(chunk, 0, (int) n))) {
                if (m instanceof RtnetlinkMessage.Done && m.seq() == seq) {
                    return all.toByteArray();
                }
            }
        }
    }

    public boolean isClosed() {
        return closed;
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            libc.close(fd);
        }
    }
}
