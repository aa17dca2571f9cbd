package net.ipmpd.agent.control;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import net.ipmpd.engine.IpmpService;
import net.ipmpd.engine.notify.Notification;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * Streams completed probes to one ipmpstat -p until it disconnects. The notification listener
 * only offers to a bounded queue, so a client that stops reading costs dropped lines here, never
 * a stalled notification dispatcher (which also feeds traps and logs).
 */
final class ProbeStream {
    private static final Logger LOG = LogManager.getLogger(ProbeStream.class);
    static final int QUEUE_LINES = 1024;

    private final SocketChannel ch;
    private final IpmpService ipmp;
    private final String who;
    private final BlockingQueue<Notification.ProbeCompleted> queue = new ArrayBlockingQueue<>(QUEUE_LINES);
    private final AtomicLong dropped = new AtomicLong();
    private volatile boolean open = true;

    ProbeStream(SocketChannel ch, IpmpService ipmp, String who) {
        this.ch = ch;
        this.ipmp = ipmp;
        this.who = who;
    }

    void run() throws IOException {
        AutoCloseable subscription = ipmp.subscribe(n -> {
            if (n instanceof Notification.ProbeCompleted p && !queue.offer(p)) {
                dropped.incrementAndGet();
            }
        });
        try {
            Map<String, Object> header = RequestHandler.ok();
            header.put("stream", "probe");
            Connection.writeLine(ch, JsonWriter.write(header));
            LOG.info("Probe stream opened for {}", who);
            // The client only ever closes; a read returning -1 (or failing) ends the stream.
            Thread watcher = Thread.ofVirtual().name("ipmpd-control-probe-eof").start(this::awaitClientClose);
            try {
                pump();
            } finally {
                open = false;
                watcher.interrupt();
            }
        } finally {
            try {
                subscription.close();
            } catch (Exception e) {
                LOG.warn("Probe stream for {}: unsubscribe failed: {}", who, e.toString());
            }
            long lost = dropped.get();
            LOG.info("Probe stream closed for {}{}", who, lost > 0 ? " (" + lost + " probes dropped: client too slow)" : "");
        }
    }

    private void pump() throws IOException {
        while (open) {
            Notification.ProbeCompleted p;
            try {
                p = queue.poll(200, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            if (p != null) {
                Map<String, Object> line = SnapshotCodec.ordered("probe", ProbeCodec.encode(p, ipmp.wallClock(p.atNanos())));
                Connection.writeLine(ch, JsonWriter.write(line));
            }
        }
    }

    private void awaitClientClose() {
        ByteBuffer sink = ByteBuffer.allocate(64);
        try {
            while (ch.read(sink) >= 0) {
                sink.clear();
            }
        } catch (IOException e) {
            // Closed or reset: the same as an orderly close for us.
        }
        open = false;
    }
}
