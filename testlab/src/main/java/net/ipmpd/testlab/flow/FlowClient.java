package net.ipmpd.testlab.flow;

import java.io.BufferedReader;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * The client half of the TCP flow holder: K connections to the echo server, each sending a small request every
 * interval and waiting for its echo, recording the longest gap between echoes and the first failure.
 *
 * <p>Usage: {@code FlowClient --address A --port P --connections K --interval-ms I --timeout-ms T --payload N}.
 * Prints {@code ready K} once all are connected (or {@code connect-failed ...} and exits 3). Then reads commands on
 * stdin: {@code report} prints one {@link FlowResult} line per connection and {@code end}; {@code stop} (or end of
 * stdin) makes every connection complete one last echo and stop, prints the final lines and {@code done}, and
 * exits 0.
 */
public final class FlowClient {
    private FlowClient() {
    }

    /** One held connection; its thread is the only writer, readers get a consistent view via synchronized. */
    private static final class Connection implements Runnable {
        private final int index;
        private final Socket socket;
        private final int payload;
        private final long intervalMs;
        private final long readyNanos;
        private final int timeoutMs;
        private volatile boolean stopping;
        private long lastEchoNanos;
        private long maxStallNanos;
        private long echoes;
        private long bytes;
        private long failedAfterMs = -1;
        private String error;

        Connection(int index, Socket socket, int payload, long intervalMs, int timeoutMs, long readyNanos) {
            this.index = index;
            this.socket = socket;
            this.payload = payload;
            this.intervalMs = intervalMs;
            this.readyNanos = readyNanos;
            this.timeoutMs = timeoutMs;
            this.lastEchoNanos = readyNanos;
        }

        @Override
        public void run() {
            byte[] request = new byte[payload];
            byte[] reply = new byte[payload];
            try (OutputStream out = socket.getOutputStream(); InputStream in = socket.getInputStream()) {
                // Every connection completes at least one echo after stop was asked for, so a peer that died
                // just before the stop is noticed and "survived" means "still echoing at the end".
                for (long seq = 0; ; seq++) {
                    for (int i = 0; i < payload; i++) {
                        request[i] = (byte) (seq + i);
                    }
                    out.write(request);
                    out.flush();
                    readFully(in, reply);
                    if (!Arrays.equals(request, reply)) {
                        throw new IOException("corrupt echo at request " + seq);
                    }
                    echoed(System.nanoTime());
                    if (stopping) {
                        break;
                    }
                    Thread.sleep(intervalMs);
                }
            } catch (SocketTimeoutException e) {
                fail("timeout: no echo within " + timeoutMs + " ms");
            } catch (EOFException e) {
                fail("eof: the server closed the connection");
            } catch (SocketException e) {
                fail("reset: " + e.getMessage());
            } catch (IOException e) {
                fail("io: " + e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        private synchronized void echoed(long now) {
            maxStallNanos = Math.max(maxStallNanos, now - lastEchoNanos);
            lastEchoNanos = now;
            echoes++;
            bytes += payload;
        }

        private synchronized void fail(String why) {
            // Sockets are closed only after every thread ended, so any failure here is the network's doing.
            long now = System.nanoTime();
            error = why;
            failedAfterMs = (now - readyNanos) / 1_000_000;
            // The gap that ended in the failure is the connection's longest stall (e.g. the whole echo timeout).
            maxStallNanos = Math.max(maxStallNanos, now - lastEchoNanos);
        }

        /** A live connection's current gap counts as a stall too: it may be in the middle of one. */
        synchronized FlowResult result() {
            long stall = maxStallNanos;
            if (error == null) {
                stall = Math.max(stall, System.nanoTime() - lastEchoNanos);
            }
            return new FlowResult(index, error == null, stall / 1_000_000, echoes, bytes, failedAfterMs,
                    error == null ? "-" : error);
        }
    }

    private static void readFully(InputStream in, byte[] buf) throws IOException {
        int off = 0;
        while (off < buf.length) {
            int n = in.read(buf, off, buf.length - off);
            if (n < 0) {
                throw new EOFException();
            }
            off += n;
        }
    }

    public static void main(String[] args) throws IOException {
        Map<String, String> opt = options(args);
        InetAddress address = InetAddress.getByName(opt.get("address"));
        int port = Integer.parseInt(opt.get("port"));
        int k = Integer.parseInt(opt.get("connections"));
        long intervalMs = Long.parseLong(opt.get("interval-ms"));
        int timeoutMs = Integer.parseInt(opt.get("timeout-ms"));
        int payload = Integer.parseInt(opt.get("payload"));

        Socket[] sockets = new Socket[k];
        for (int i = 0; i < k; i++) {
            try {
                Socket s = new Socket();
                s.setTcpNoDelay(true);
                s.setSoTimeout(timeoutMs);
                s.connect(new InetSocketAddress(address, port), timeoutMs);
                sockets[i] = s;
            } catch (IOException e) {
                System.out.println("connect-failed index=" + i + " error=" + e);
                System.out.flush();
                System.exit(3);
            }
        }
        long ready = System.nanoTime();
        Connection[] conns = new Connection[k];
        Thread[] threads = new Thread[k];
        for (int i = 0; i < k; i++) {
            conns[i] = new Connection(i, sockets[i], payload, intervalMs, timeoutMs, ready);
            threads[i] = new Thread(conns[i], "flow-" + i);
            threads[i].setDaemon(true);
            threads[i].start();
        }
        System.out.println("ready " + k);
        System.out.flush();

        BufferedReader stdin = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        for (String cmd = stdin.readLine(); cmd != null && !cmd.strip().equals("stop"); cmd = stdin.readLine()) {
            if (cmd.strip().equals("report")) {
                print(conns, "end");
            }
        }
        for (Connection c : conns) {
            c.stopping = true;
        }
        for (Thread t : threads) {
            try {
                // A thread blocked in read ends within the echo timeout, with an echo or a failure.
                t.join(timeoutMs + 1000L);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        print(conns, "done");
        for (Socket s : sockets) {
            s.close();
        }
        System.exit(0);
    }

    private static void print(Connection[] conns, String terminator) {
        StringBuilder b = new StringBuilder();
        for (Connection c : conns) {
            b.append(c.result().format()).append('\n');
        }
        b.append(terminator).append('\n');
        System.out.print(b);
        System.out.flush();
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> opt = new HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            if (!args[i].startsWith("--")) {
                usage("unexpected argument " + args[i]);
            }
            opt.put(args[i].substring(2), args[i + 1]);
        }
        for (String required : new String[]{"address", "port", "connections", "interval-ms", "timeout-ms", "payload"}) {
            if (!opt.containsKey(required)) {
                usage("missing --" + required);
            }
        }
        return opt;
    }

    private static void usage(String why) {
        System.err.println("FlowClient: " + why + "\nusage: FlowClient --address A --port P --connections K"
                + " --interval-ms I --timeout-ms T --payload N");
        System.exit(2);
    }
}
