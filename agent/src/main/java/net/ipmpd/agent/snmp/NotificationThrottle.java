package net.ipmpd.agent.snmp;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * Rate-limits notifications per subject (member, group, data address) with a token bucket, so a
 * flapping member cannot flood the managers, while the latest state change always goes out: a
 * notification over the limit replaces the one waiting for the same subject and is sent when the
 * bucket refills, carrying how many were left out.
 *
 * <p>Threads: a notification within the limit is handed on on the calling thread (the sink only
 * queues it, see {@link NotificationQueue}); held-back ones are handed on by the timer thread.
 * Both are serialized by this object's lock.
 */
final class NotificationThrottle implements AutoCloseable {
    private static final Logger LOG = LogManager.getLogger(NotificationThrottle.class);

    interface Sink {
        void send(Trap trap, long suppressed);
    }

    private final class Bucket {
        double tokens = burst;
        long lastRefill;
        Trap waiting;
        long dropped;
        boolean flushScheduled;

        Bucket(long now) {
            lastRefill = now;
        }

        void refill(long now) {
            tokens = Math.min(burst, tokens + (double) (now - lastRefill) / refillNanos);
            lastRefill = now;
        }

        long nanosToNextToken() {
            return (long) Math.ceil((1 - tokens) * refillNanos);
        }
    }

    private final int burst;
    private final long refillNanos;
    private final Sink sink;
    private final LongSupplier nanoTime;
    private final ScheduledExecutorService executor;
    /** Guarded by this. */
    private final Map<String, Bucket> buckets = new HashMap<>();

    /**
     * @param burst notifications per subject sent without delay
     * @param refillNanos one more notification per subject is allowed every this many nanoseconds
     */
    NotificationThrottle(int burst, long refillNanos, Sink sink) {
        this(burst, refillNanos, sink, System::nanoTime);
    }

    NotificationThrottle(int burst, long refillNanos, Sink sink, LongSupplier nanoTime) {
        this.burst = burst;
        this.refillNanos = refillNanos;
        this.sink = sink;
        this.nanoTime = nanoTime;
        this.executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "ipmpd-snmp-notify");
            t.setDaemon(true);
            return t;
        });
    }

    synchronized void offer(Trap trap) {
        long now = nanoTime.getAsLong();
        Bucket b = buckets.computeIfAbsent(trap.key(), k -> new Bucket(now));
        b.refill(now);
        if (b.waiting == null && b.tokens >= 1) {
            b.tokens -= 1;
            send(trap, 0);
            return;
        }
        if (b.waiting != null) {
            b.dropped++;
        }
        b.waiting = trap;
        scheduleFlush(trap.key(), b);
    }

    private void scheduleFlush(String key, Bucket b) {
        if (!b.flushScheduled) {
            try {
                executor.schedule(() -> flush(key), Math.max(1, b.nanosToNextToken()), TimeUnit.NANOSECONDS);
                b.flushScheduled = true;
            } catch (java.util.concurrent.RejectedExecutionException e) {
                LOG.debug("notification about {} held back: the SNMP agent is stopping", key);
            }
        }
    }

    private synchronized void flush(String key) {
        Bucket b = buckets.get(key);
        b.flushScheduled = false;
        if (b.waiting == null) {
            return;
        }
        b.refill(nanoTime.getAsLong());
        if (b.tokens < 1) {
            scheduleFlush(key, b);
            return;
        }
        b.tokens -= 1;
        Trap t = b.waiting;
        long dropped = b.dropped;
        b.waiting = null;
        b.dropped = 0;
        if (dropped > 0) {
            LOG.info("SNMP notifications about {}: {} left out by rate limiting, sending the latest", key, dropped);
        }
        send(t, dropped);
    }

    private void send(Trap trap, long suppressed) {
        try {
            sink.send(trap, suppressed);
            net.ipmpd.agent.history.FailoverSteps.trapSent(trap.key());
        } catch (RuntimeException e) {
            LOG.warn("SNMP notification about {} could not be sent: {}", trap.key(), e.toString());
        }
    }

    /** Sends what is waiting (the latest state of every subject), then stops. */
    @Override
    public void close() {
        try {
            executor.submit(() -> {
                synchronized (this) {
                    flushAll();
                }
            }).get(5, TimeUnit.SECONDS);
        } catch (Exception e) {
            LOG.debug("notifications still waiting at stop: {}", e.toString());
        }
        executor.shutdownNow();
    }

    private void flushAll() {
        for (Bucket b : buckets.values()) {
            if (b.waiting != null) {
                Trap t = b.waiting;
                long dropped = b.dropped;
                b.waiting = null;
                b.dropped = 0;
                send(t, dropped);
            }
        }
    }
}
