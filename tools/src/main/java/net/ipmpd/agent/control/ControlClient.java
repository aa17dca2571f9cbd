package net.ipmpd.agent.control;

import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

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
        SocketChannel ch;
        try {
            ch = SocketChannel.open(StandardProtocolFamily.UNIX);
            ch.connect(UnixDomainSocketAddress.of(socket));
        } catch (IOException e) {
            throw new DaemonUnreachableException(socket + ": " + reason(e), e);
        }
        try {
            ByteBuffer out = ByteBuffer.wrap((JsonWriter.write(request) + "\n").getBytes(StandardCharsets.UTF_8));
            try {
                while (out.hasRemaining()) {
                    ch.write(out);
                }
            } catch (IOException writeFailed) {
                // a daemon at its connection limit answers "busy" and closes before reading the
                // request: the write then fails, but its answer is there to be read below
            }
            ch.configureBlocking(false);
            return new Line(ch);
        } catch (IOException e) {
            ch.close();
            throw e;
        }
    }

    private static String reason(IOException e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    /** Reads newline-terminated messages from a connection. */
    public static final class Line implements Closeable {
        private final SocketChannel ch;
        private final Selector selector;
        private final ByteBuffer in = ByteBuffer.allocate(8192);
        private final ByteArrayOutputStream pending = new ByteArrayOutputStream();
        private int completeLines;

        Line(SocketChannel ch) throws IOException {
            this.ch = ch;
            this.selector = Selector.open();
            ch.register(selector, SelectionKey.OP_READ);
        }

        /**
         * The next line, waiting at most {@code wait} (null: forever); empty when the daemon closed.
         *
         * @throws IOException on a timeout ("operation timed out") or a transport error
         */
        public Optional<String> next(Duration wait) throws IOException {
            long deadline = wait == null ? Long.MAX_VALUE : System.nanoTime() + wait.toNanos();
            while (true) {
                if (completeLines > 0) {
                    completeLines--;
                    return Optional.of(takeLine());
                }
                in.clear();
                int n = ch.read(in);
                if (n < 0) {
                    return Optional.empty();
                }
                if (n > 0) {
                    for (int i = 0; i < n; i++) {
                        if (in.get(i) == '\n') {
                            completeLines++;
                        }
                    }
                    pending.write(in.array(), 0, n);
                    if (pending.size() > MAX_RESPONSE_BYTES) {
                        throw new IOException("answer from ipmpd longer than " + MAX_RESPONSE_BYTES + " bytes");
                    }
                    continue;
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new IOException("operation timed out");
                }
                selector.select(wait == null ? 0 : Math.max(1, left / 1_000_000));
                selector.selectedKeys().clear();
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
                selector.close();
            } finally {
                ch.close();
            }
        }
    }
}
