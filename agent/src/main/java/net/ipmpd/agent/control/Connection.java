package net.ipmpd.agent.control;

import java.io.IOException;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import jdk.net.ExtendedSocketOptions;
import jdk.net.UnixDomainPrincipal;
import net.ipmpd.engine.IpmpService;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/** One client connection: read the request line, check privileges, answer, close. */
final class Connection {
    private static final Logger LOG = LogManager.getLogger(Connection.class);

    private final SocketChannel ch;
    private final RequestHandler handler;
    private final IpmpService ipmp;
    private final UnixDomainPrincipal peer;
    private final boolean privileged;
    private final ScheduledExecutorService deadlines;
    private final Duration requestDeadline;

    Connection(SocketChannel ch, RequestHandler handler, IpmpService ipmp, UnixDomainPrincipal peer, boolean privileged,
               ScheduledExecutorService deadlines, Duration requestDeadline) {
        this.ch = ch;
        this.handler = handler;
        this.ipmp = ipmp;
        this.peer = peer;
        this.privileged = privileged;
        this.deadlines = deadlines;
        this.requestDeadline = requestDeadline;
    }

    void serve() {
        try (ch) {
            // A client that connects and says nothing would hold a slot forever.
            ScheduledFuture<?> deadline = deadlines.schedule(() -> closeQuietly(ch), requestDeadline.toMillis(),
                    TimeUnit.MILLISECONDS);
            String line;
            try {
                line = readLine();
            } finally {
                deadline.cancel(false);
            }
            if (line == null) {
                return;
            }
            Object parsed = RequestHandler.parse(line);
            if (parsed instanceof Map<?, ?> error) {
                write(error);
                return;
            }
            RequestHandler.Request request = (RequestHandler.Request) parsed;
            String who = describe(peer);
            if (Protocol.PRIVILEGED.contains(request.command()) && !privileged) {
                // in.mpathd: "Unprivileged request from %s for privileged command %s" (mpd_main.c): a
                // refused user, not a fault of the daemon, so WARN; ipmpstat -p by a user is refused on
                // Solaris inside ipmpstat itself (sysevent EPERM), so the daemon only notes it
                LOG.log(request.command().equals(Protocol.PROBE_STREAM) ? Level.INFO : Level.WARN,
                        "Unprivileged request from {} for privileged command {}{}", who, request.command(),
                        request.interfaceName().map(n -> " on " + n).orElse(""));
                write(RequestHandler.error(Protocol.E_PERMISSION, "permission denied"));
                return;
            }
            if (request.command().equals(Protocol.PROBE_STREAM)) {
                new ProbeStream(ch, ipmp, who).run();
                return;
            }
            write(handler.answer(request, who));
        } catch (IOException e) {
            LOG.debug("Control connection ended: {}", e.toString());
        } catch (RuntimeException e) {
            // whatever a client sent, one line: a hostile or broken client must not fill the log with traces
            LOG.warn("Control connection failed: {}", e.toString());
            LOG.debug("Control connection failure", e);
        }
    }

    /** The connected process's user (SO_PEERCRED), or null if the kernel would not say. */
    static UnixDomainPrincipal peer(SocketChannel ch) {
        try {
            return ch.getOption(ExtendedSocketOptions.SO_PEERCRED);
        } catch (IOException | UnsupportedOperationException e) {
            return null;
        }
    }

    static String describe(UnixDomainPrincipal peer) {
        return peer == null ? "an unknown user" : "user " + peer.user().getName();
    }

    /** Reads up to the first '\n'; null when the client closed first. A too long line is answered with an error. */
    private String readLine() throws IOException {
        ByteArrayOutputStream acc = new ByteArrayOutputStream();
        ByteBuffer buf = ByteBuffer.allocate(512);
        while (true) {
            buf.clear();
            int n = ch.read(buf);
            if (n < 0) {
                return null;
            }
            for (int i = 0; i < n; i++) {
                byte b = buf.get(i);
                if (b == '\n') {
                    return acc.toString(StandardCharsets.UTF_8);
                }
                acc.write(b);
            }
            if (acc.size() > Protocol.MAX_REQUEST_BYTES) {
                write(RequestHandler.error(Protocol.E_BAD_REQUEST,
                        "request longer than " + Protocol.MAX_REQUEST_BYTES + " bytes"));
                // Closing with unread input makes the kernel reset the connection, and the client
                // would lose the answer: drain what it sends (the request deadline bounds this).
                ch.shutdownOutput();
                long drained = 0;
                while (drained < (1 << 20) && (n = ch.read(buf.clear())) >= 0) {
                    drained += n;
                }
                return null;
            }
        }
    }

    private void write(Map<?, ?> message) throws IOException {
        writeLine(ch, JsonWriter.write(message));
    }

    static void writeLine(SocketChannel ch, String json) throws IOException {
        ByteBuffer out = ByteBuffer.wrap((json + "\n").getBytes(StandardCharsets.UTF_8));
        while (out.hasRemaining()) {
            ch.write(out);
        }
    }

    static void refuseBusy(SocketChannel ch) {
        try (ch) {
            writeLine(ch, JsonWriter.write(RequestHandler.error(Protocol.E_BUSY,
                    "too many control connections; try again")));
        } catch (IOException ignored) {
            // The client left already.
        }
    }

    static void closeQuietly(SocketChannel ch) {
        try {
            ch.close();
        } catch (IOException ignored) {
            // Closing is all we wanted.
        }
    }
}
