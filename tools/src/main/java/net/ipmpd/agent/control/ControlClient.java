package net.ipmpd.agent.control;

import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * The tools' side of the control socket. Kept free of logging and of every library so that
 * ipmpstat starts in a fraction of a second: it loads this class, the JSON classes and the
 * engine's snapshot records, nothing else.
 */
public final class ControlClient {
    /** in.mpathd's clients wait 5 s (MPATHD_TIMEOUT); we add the daemon's own 5 s command wait. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);
    static final int MAX_RESPONSE_BYTES = 64 << 20;

    private final Path socket;
    private final Duration timeout;

    public ControlClient(Path socket, Duration timeout) {
        this.socket = socket;
        this.timeout = timeout;
    }

    public Path socket() {
        return socket;
    }

    /** The daemon cannot be reached: not running, or the socket path is wrong or not accessible. */
    public static final class DaemonUnreachableException extends IOException {
        public DaemonUnreachableException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** A daemon's answer. {@code error} and {@code message} are set when {@code ok} is false. */
    public record Response(boolean ok, String error, String message, JsonObject body) {
        public static Response of(String line) {
            JsonObject o;
            try {
                o = JsonObject.of(JsonParser.parse(line), "response");
            } catch (IllegalArgumentException e) {
                throw new ProtocolException("ipmpd sent a malformed response: " + e.getMessage());
            }
            boolean ok = o.bool("ok");
            return new Response(ok, ok ? "" : o.string("error"), ok ? "" : o.optString("message").orElse(""), o);
        }
    }

    public static Map<String, Object> request(String command) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("version", (long) Protocol.VERSION);
        m.put("command", command);
        return m;
    }

    public static Map<String, Object> request(String command, String interfaceName) {
        Map<String, Object> m = request(command);
        m.put("interface", interfaceName);
        return m;
    }

    /** Sends one request and waits at most the timeout for the answer. */
    public Response call(Map<String, Object> request) throws IOException {
        try (Line line = open(request)) {
            return line.next(timeout).map(Response::of)
                    .orElseThrow(() -> new IOException("ipmpd closed the connection without answering"));
        }
    }

    /**
     * Opens a probe stream: the daemon's first answer (checked by the caller), then one line per
     * probe from {@link Line#next}.
     */
    public Line openStream(Map<String, Object> request) throws IOException {
        return open(request);
    }

    private Line open(Map<String, Object> request) throws IOException {
        ByteBuffer out = ByteBuffer.wrap((JsonWriter.write(request) + "\n").getBytes(StandardCharsets.UTF_8));
        SocketChannel ch;
        try {
            ch = SocketChannel.open(StandardProtocolFamily.UNIX);
            ch.connect(UnixDomainSocketAddress.of(socket));
        } catch (IOException e) {
            throw new DaemonUnreachableException(socket + ": " + reason(e), e);
        }
        try {
            while (out.hasRemaining()) {
                ch.write(out);
            }
        } catch (IOException writeFailed) {
            // a daemon at its connection limit answers "busy" and closes before reading the
            // request: the write then fails, but its answer is there to be read below
        }
        return new Line(ch);
    }

    private static String reason(IOException e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    /**
     * Reads newline-terminated messages from a connection, with blocking reads: a wait with a
     * limit ends by closing the channel ({@link Deadline}). No Selector: its first select loads
     * and initializes sun.nio.ch.Net and jdk.net's socket options, some 15 classes outside the
     * tools' AOT cache whenever the daemon has not answered by the first read (6 ms of ipmpstat).
     */
    public static final class Line implements Closeable {
        private final SocketChannel ch;
        private final ByteBuffer in = ByteBuffer.allocate(8192);
        private final ByteArrayOutputStream pending = new ByteArrayOutputStream();
        private int completeLines;

        Line(SocketChannel ch) {
            this.ch = ch;
        }

        /**
         * The next line, waiting at most {@code wait} (null: forever); empty when the daemon closed.
         *
         * @throws IOException on a timeout ("operation timed out", the connection is closed then) or
         *         a transport error
         */
        public Optional<String> next(Duration wait) throws IOException {
            Deadline deadline = wait == null ? null : new Deadline(ch, wait);
            try {
                while (true) {
                    if (completeLines > 0) {
                        completeLines--;
                        return Optional.of(takeLine());
                    }
                    in.clear();
                    int n;
                    try {
                        n = ch.read(in);
                    } catch (ClosedChannelException e) {
                        if (deadline != null && deadline.expired()) {
                            throw new IOException("operation timed out");
                        }
                        throw e;
                    }
                    if (n < 0) {
                        return Optional.empty();
                    }
                    for (int i = 0; i < n; i++) {
                        if (in.get(i) == '\n') {
                            completeLines++;
                        }
                    }
                    pending.write(in.array(), 0, n);
                    if (pending.size() > MAX_RESPONSE_BYTES) {
                        throw new IOException("answer from ipmpd longer than " + MAX_RESPONSE_BYTES + " bytes");
                    }
                }
            } finally {
                if (deadline != null) {
                    deadline.cancel();
                }
            }
        }

        private String takeLine() {
            byte[] b = pending.toByteArray();
            int i = 0;
            while (b[i] != '\n') {
                i++;
            }
            pending.reset();
            pending.write(b, i + 1, b.length - i - 1);
            return new String(b, 0, i, StandardCharsets.UTF_8);
        }

        @Override
        public void close() throws IOException {
            try {
                // closed in non-blocking mode: the blocking mode's close loads and initializes
                // sun.nio.ch.Net and its socket options (3.5 ms of ipmpstat) to close a UNIX socket
                ch.configureBlocking(false);
            } catch (ClosedChannelException closedAtTheDeadline) {
                return;
            }
            ch.close();
        }
    }

    /**
     * Ends a blocking read that waits too long: a daemon thread that closes the channel at the
     * deadline unless the read was done first (the read then fails with AsynchronousCloseException).
     */
    private static final class Deadline implements Runnable {
        private static final int WAITING = 0;
        private static final int DONE = 1;
        private static final int EXPIRED = 2;

        private final SocketChannel ch;
        private final long end;
        private final AtomicInteger state = new AtomicInteger(WAITING);
        private final Thread thread;

        Deadline(SocketChannel ch, Duration wait) {
            this.ch = ch;
            this.end = System.nanoTime() + wait.toNanos();
            this.thread = new Thread(this, "ipmpd-answer-deadline");
            thread.setDaemon(true);
            thread.start();
        }

        @Override
        public void run() {
            for (long left = end - System.nanoTime(); left > 0 && state.get() == WAITING; left = end - System.nanoTime()) {
                LockSupport.parkNanos(this, left);
            }
            if (state.compareAndSet(WAITING, EXPIRED)) {
                try {
                    ch.close();
                } catch (IOException ignored) {
                    // closing is how the wait ends; a failure to close leaves nothing to do
                }
            }
        }

        boolean expired() {
            return state.get() == EXPIRED;
        }

        void cancel() {
            if (state.compareAndSet(WAITING, DONE)) {
                LockSupport.unpark(thread);
            }
        }
    }
}
