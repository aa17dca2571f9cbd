package net.ipmpd.agent.control;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Predicate;
import jdk.net.UnixDomainPrincipal;
import net.ipmpd.engine.IpmpService;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * ipmpd's control socket, where ipmpstat and if_mpadm talk to the daemon (in.mpathd listens on
 * loopback TCP port 5999 for the same purpose). The socket file is 0666 so that everyone may
 * ping and query, as in.mpathd allows; offline, online and the probe stream need root or the
 * daemon's own uid, checked with SO_PEERCRED. Each connection runs on its own virtual thread
 * and only reads snapshots or queues commands, so a client can never stall the engine.
 */
public final class ControlServer implements AutoCloseable {
    private static final Logger LOG = LogManager.getLogger(ControlServer.class);

    /** in.mpathd's clients give up after 5 s (ipmp_mpathd.h MPATHD_TIMEOUT); so does a command here. */
    static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(5);
    /** A client must send its request within this time, or it is disconnected. */
    static final Duration REQUEST_DEADLINE = Duration.ofSeconds(5);

    private final Path socket;
    private final IpmpService ipmp;
    private final Predicate<UnixDomainPrincipal> privileged;
    private final RequestHandler handler;
    private final Duration requestDeadline;
    private ConnectionSlots slots = ConnectionSlots.defaults();
    private final Set<SocketChannel> connections = ConcurrentHashMap.newKeySet();
    private ScheduledExecutorService deadlines;
    private ServerSocketChannel server;
    private Thread acceptor;
    private volatile boolean closed;

    public ControlServer(Path socket, IpmpService ipmp) {
        this(socket, ipmp, Privileges.rootAndSelf(), COMMAND_TIMEOUT, REQUEST_DEADLINE);
    }

    ControlServer(Path socket, IpmpService ipmp, Predicate<UnixDomainPrincipal> privileged, Duration commandTimeout,
                  Duration requestDeadline) {
        this.socket = socket.toAbsolutePath();
        this.ipmp = ipmp;
        this.privileged = privileged;
        this.handler = new RequestHandler(ipmp, commandTimeout);
        this.requestDeadline = requestDeadline;
    }

    /** For tests of the connection cap (everyone, privileged or not, shares {@code max}); call before {@link #start()}. */
    synchronized void maxConnections(int max) {
        slots(new ConnectionSlots(max, 0, max));
    }

    /** For tests of the per-user limits; call before {@link #start()}. */
    synchronized void slots(ConnectionSlots slots) {
        if (server != null) {
            throw new IllegalStateException("already started");
        }
        this.slots = slots;
    }

    public Path socket() {
        return socket;
    }

    /**
     * Creates the directory (0755) if needed, removes a stale socket file left by a previous
     * ipmpd and binds, without accepting yet: the daemon binds before it touches the host, so
     * that a path another ipmpd serves refuses the start while nothing has changed. Clients that
     * connect before {@link #start()} wait in the backlog.
     *
     * @throws IOException if another ipmpd serves this socket, or the path is not a socket
     */
    public synchronized void bind() throws IOException {
        if (server != null) {
            throw new IllegalStateException("control socket " + socket + " is already bound");
        }
        if (closed) {
            throw new IOException("control socket " + socket + " is closed");
        }
        prepareDirectory();
        removeStaleSocket();
        ServerSocketChannel ch = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        try {
            ch.bind(UnixDomainSocketAddress.of(socket), 16);
            // Everyone may connect; privileged commands are checked per request (SO_PEERCRED).
            Files.setPosixFilePermissions(socket, PosixFilePermissions.fromString("rw-rw-rw-"));
        } catch (IOException e) {
            ch.close();
            throw new IOException("cannot listen on control socket " + socket + ": " + e.getMessage(), e);
        }
        server = ch;
    }

    /** Starts accepting (binding first if {@link #bind()} was not called). */
    public synchronized void start() throws IOException {
        if (server == null) {
            bind();
        }
        if (acceptor != null) {
            throw new IllegalStateException("control socket " + socket + " is already started");
        }
        deadlines = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "ipmpd-control-deadlines");
            t.setDaemon(true);
            return t;
        });
        acceptor = Thread.ofPlatform().daemon().name("ipmpd-control").start(this::acceptLoop);
        LOG.info("Control socket listening on {}", socket);
    }

    private void prepareDirectory() throws IOException {
        Path dir = socket.getParent();
        if (dir != null && !Files.isDirectory(dir)) {
            Files.createDirectories(dir);
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
    }

    private void removeStaleSocket() throws IOException {
        if (!Files.exists(socket, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        BasicFileAttributes a = Files.readAttributes(socket, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        if (!a.isOther()) {
            throw new IOException(socket + " exists and is not a socket; remove it or configure another control socket path");
        }
        boolean alive;
        try (SocketChannel probe = SocketChannel.open(UnixDomainSocketAddress.of(socket))) {
            alive = true;
        } catch (IOException e) {
            alive = false;
        }
        if (alive) {
            throw new IOException("another ipmpd is already serving the control socket " + socket);
        }
        // Nobody listens: a socket file left by an ipmpd that did not exit cleanly.
        Files.delete(socket);
        LOG.info("Removed stale control socket {}", socket);
    }

    private void acceptLoop() {
        while (!closed) {
            SocketChannel ch;
            try {
                ch = server.accept();
            } catch (ClosedChannelException e) {
                return;
            } catch (IOException e) {
                if (!closed) {
                    LOG.error("Control socket {}: accept failed: {}", socket, e.getMessage());
                }
                return;
            }
            // the peer's uid is known at accept (SO_PEERCRED), before it has sent a byte
            UnixDomainPrincipal peer = Connection.peer(ch);
            boolean isPrivileged = privileged.test(peer);
            Optional<ConnectionSlots.Slot> slot = slots.claim(peer == null ? "?" : peer.user().getName(), isPrivileged);
            if (slot.isEmpty()) {
                Connection.refuseBusy(ch);
                continue;
            }
            connections.add(ch);
            Thread.ofVirtual().name("ipmpd-control-client").start(() -> {
                try {
                    new Connection(ch, handler, ipmp, peer, isPrivileged, deadlines, requestDeadline).serve();
                } finally {
                    connections.remove(ch);
                    slot.get().release();
                }
            });
        }
    }

    /** Stops accepting, disconnects every client (ending probe streams) and removes the socket file. */
    @Override
    public synchronized void close() {
        if (closed || server == null) {
            closed = true;
            return;
        }
        closed = true;
        try {
            server.close();
            if (acceptor == null) {
                // bound, never served: nobody else may have taken the path since we bound it
                Files.deleteIfExists(socket);
                return;
            }
        } catch (IOException e) {
            LOG.warn("Control socket {}: close failed: {}", socket, e.getMessage());
        }
        for (SocketChannel ch : connections) {
            Connection.closeQuietly(ch);
        }
        deadlines.shutdownNow();
        try {
            acceptor.join(1000);
            Files.deleteIfExists(socket);
        } catch (IOException e) {
            LOG.warn("Control socket {}: cannot remove the socket file: {}", socket, e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        LOG.info("Control socket {} closed", socket);
    }
}
