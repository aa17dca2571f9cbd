package net.ipmpd.agent.linux;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Consumer;
import jnr.ffi.Memory;
import jnr.ffi.Pointer;
import net.ipmpd.agent.linux.packet.IcmpEcho;
import net.ipmpd.engine.action.Action;
import net.ipmpd.engine.config.Family;
import net.ipmpd.engine.event.EngineEvent;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * The probes: one raw socket per member and family, sends on the caller's thread that never
 * block (MSG_DONTWAIT; a full socket buffer counts as sent, as in in.mpathd: the probe is then
 * simply lost), and one receive thread polling every socket that stamps each matched reply with
 * the kernel's receive time (SO_TIMESTAMPNS, see {@link StampedReceiver}); without a stamp, the
 * moment it was read. The engine's thread also reads what is already queued in the sockets before
 * it judges losses ({@link #drainPending}): on a busy host the receive thread may not get a CPU
 * in time, and a reply waiting unread must not count as a lost probe. Both threads read the
 * same sockets; the kernel hands each datagram to one reader only.
 */
public final class Prober implements AutoCloseable {
    private static final Logger LOG = LogManager.getLogger(Prober.class);
    private static final int POLL_MS = 200;
    private static final int BUFFER = 2048;

    private record Key(String member, Family family) {
    }

    private final LibC libc = LibC.get();
    private final InterfaceTable table;
    private final Consumer<EngineEvent> sink;
    private final long pid = ProcessHandle.current().pid();
    private final Map<Key, ProbeSocket> sockets = new ConcurrentHashMap<>();
    /** Sockets replaced or removed; closed by the receive thread once it no longer polls them. */
    private final ConcurrentLinkedQueue<ProbeSocket> retired = new ConcurrentLinkedQueue<>();
    private final Thread thread;
    private volatile boolean running = true;
    private final java.util.concurrent.atomic.AtomicLong ownRepliesDropped = new java.util.concurrent.atomic.AtomicLong();
    /** Held while a socket is closed or read outside the receive thread: no read of a closed (or reused) fd. */
    private final Object fdLock = new Object();
    /** The engine thread's own buffers for {@link #drainPending}; only used under {@link #fdLock}. */
    private Reader pendingReader;

    /** Creates the receive thread here, so that it belongs to the caller's network namespace. */
    public Prober(InterfaceTable table, Consumer<EngineEvent> sink) {
        this.table = table;
        this.sink = sink;
        this.thread = new Thread(this::receiveLoop, "ipmpd-probe-receiver");
        thread.setDaemon(true);
        thread.setPriority(Thread.MAX_PRIORITY);
    }

    public void start() {
        thread.start();
    }

    /** Opens (or re-opens, when the source or ifindex changed) the member's probe socket for the family. */
    public void open(String member, InetAddress testAddress) throws NativeException {
        Family family = Family.of(testAddress);
        int ifIndex = table.index(member).orElseThrow(() -> new NativeException(
                "open probe socket on " + member + ": no such interface", LibC.ENODEV));
        ProbeSocket current = sockets.get(new Key(member, family));
        if (current != null && current.ifIndex == ifIndex && current.source.equals(InterfaceTable.plain(testAddress))) {
            return;
        }
        ProbeSocket s = ProbeSocket.open(member, ifIndex, InterfaceTable.plain(testAddress), pid);
        ProbeSocket old = sockets.put(new Key(member, family), s);
        if (old != null) {
            retired.add(old);
        }
    }

    public void close(String member, Family family) {
        ProbeSocket old = sockets.remove(new Key(member, family));
        if (old != null) {
            retired.add(old);
        }
    }

    /**
     * Sends one echo request. Never blocks; a failure to send is a lost probe (logged at debug),
     * which the engine notices as a missing reply.
     */
    public void send(Action.SendProbe probe) throws NativeException {
        ProbeSocket s = sockets.get(new Key(probe.member(), probe.family()));
        int ifIndex = table.index(probe.member()).orElse(-1);
        if (s == null || s.ifIndex != ifIndex || !s.source.equals(InterfaceTable.plain(probe.source()))) {
            open(probe.member(), probe.source());
            s = sockets.get(new Key(probe.member(), probe.family()));
        }
        byte[] echo = IcmpEcho.request(probe.family() == Family.IPV6, s.identifier, probe.sequence(), System.nanoTime());
        byte[] to = SockAddr.inet(probe.target(), scopeFor(probe.target(), s.ifIndex));
        if (libc.sendto(s.fd, echo, echo.length, LibC.MSG_DONTWAIT, to, to.length) < 0) {
            int errno = LibC.errno();
            if (errno != LibC.EAGAIN && LOG.isDebugEnabled()) {
                LOG.debug("probe {} to {} on {} not sent: {}", probe.sequence(), probe.target().getHostAddress(),
                        probe.member(), NativeException.describe(errno));
            }
        }
    }

    /** Link-local and multicast IPv6 destinations need the member's ifindex as scope. */
    private static int scopeFor(InetAddress target, int ifIndex) {
        return target instanceof Inet6Address a && (a.isLinkLocalAddress() || a.isMulticastAddress()) ? ifIndex : 0;
    }

    /**
     * Reads every reply already queued in the probe sockets and hands it to the sink with its
     * kernel receive stamp, without waiting: one poll(2) with a zero timeout when nothing is
     * queued. Called by the engine's thread before it judges losses; safe beside the receive
     * thread (each datagram goes to one of the two readers).
     */
    public void drainPending() {
        synchronized (fdLock) {
            if (!running || sockets.isEmpty()) {
                return;
            }
            if (pendingReader == null) {
                pendingReader = new Reader();
            }
            pendingReader.readReady(0);
        }
    }

    private void receiveLoop() {
        Reader reader = new Reader();
        while (running) {
            closeRetired();
            if (sockets.isEmpty()) {
                sleep();
            } else {
                reader.readReady(POLL_MS);
            }
        }
        synchronized (fdLock) {
            closeRetired();
            sockets.values().forEach(s -> libc.close(s.fd));
        }
    }

    /** One reading thread's buffers: the receive thread has one, the engine thread's drain another. */
    private final class Reader {
        private final Pointer buffer = Memory.allocateDirect(LibC.runtime(), BUFFER);
        private final StampedReceiver receiver = new StampedReceiver(libc, buffer, BUFFER);
        private final byte[] packet = new byte[BUFFER];
        private final byte[] from = new byte[SockAddr.IN6_LEN];
        private final List<ProbeSocket> polled = new ArrayList<>();

        /** Polls every open socket up to {@code timeoutMs} and reads each ready one dry. */
        void readReady(int timeoutMs) {
            polled.clear();
            polled.addAll(sockets.values());
            if (polled.isEmpty()) {
                return;
            }
            ByteBuffer fds = ByteBuffer.allocate(8 * polled.size()).order(ByteOrder.nativeOrder());
            for (ProbeSocket s : polled) {
                fds.putInt(s.fd).putShort((short) LibC.POLLIN).putShort((short) 0);
            }
            byte[] pollfds = fds.array();
            if (libc.poll(pollfds, polled.size(), timeoutMs) <= 0) {
                return;
            }
            ByteBuffer revents = ByteBuffer.wrap(pollfds).order(ByteOrder.nativeOrder());
            for (int i = 0; i < polled.size(); i++) {
                if ((revents.getShort(i * 8 + 6) & LibC.POLLIN) != 0) {
                    drain(polled.get(i), receiver, buffer, packet, from);
                }
            }
        }
    }

    private void sleep() {
        try {
            Thread.sleep(POLL_MS);
        } catch (InterruptedException e) {
            running = false;
        }
    }

    private void drain(ProbeSocket s, StampedReceiver receiver, Pointer buffer, byte[] packet, byte[] from) {
        while (true) {
            StampedReceiver.Received r = receiver.receive(s.fd, from);
            if (r == null) {
                return;   // EAGAIN: drained
            }
            long read = System.nanoTime();
            long at = r.kernelNanos() > 0 && r.kernelNanos() <= read ? r.kernelNanos() : read;
            int n = r.length();
            buffer.get(0, packet, 0, n);
            IcmpEcho.Reply reply = IcmpEcho.parseReply(s.family == Family.IPV6, packet, n);
            if (reply == null || reply.identifier() != s.identifier) {
                continue;
            }
            InetAddress sender = SockAddr.decode(from);
            if (sender == null || !accept(s, sender)) {
                continue;
            }
            sink.accept(new EngineEvent.ProbeReplied(s.member, s.family, InterfaceTable.plain(sender), reply.sequence(), at,
                    reply.sentAtNanos()));
        }
    }

    /**
     * in.mpathd: IPv6 probe replies count only from link-local sources (targets are on-link
     * routers and hosts); replies from any of our own addresses (a multicast probe reaches our
     * other members) are never targets.
     */
    private boolean accept(ProbeSocket s, InetAddress sender) {
        if (s.family == Family.IPV6 && !sender.isLinkLocalAddress()) {
            return false;
        }
        if (table.isLocal(sender)) {
            ownRepliesDropped.incrementAndGet();
            return false;
        }
        return true;
    }

    long ownRepliesDropped() {
        return ownRepliesDropped.get();
    }

    private void closeRetired() {
        if (retired.isEmpty()) {
            return;
        }
        synchronized (fdLock) {
            ProbeSocket r;
            while ((r = retired.poll()) != null) {
                libc.close(r.fd);
            }
        }
    }

    @Override
    public void close() {
        running = false;
        if (thread.isAlive()) {
            try {
                thread.join(2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        } else {
            synchronized (fdLock) {
                sockets.values().forEach(s -> libc.close(s.fd));
            }
        }
        sockets.clear();
    }
}
