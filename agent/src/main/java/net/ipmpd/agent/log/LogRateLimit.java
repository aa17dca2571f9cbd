package net.ipmpd.agent.log;

import java.util.HashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Rate-limits log lines per subject (an interface, a group) and kind of event with a token bucket, as the SNMP
 * notifications are: a flapping cable makes thousands of events a second, and the log must stay
 * readable and cheap. Over the limit, lines are counted, and the latest one is kept; when the
 * bucket refills it is written after a line saying how many were suppressed, so the log always
 * ends with the subject's last state.
 */
final class LogRateLimit {
    /** Where lines go (the logger), and how a later flush is arranged (a timer). */
    interface Output {
        void write(LogLine line);

        void flushLater(String key, long delayNanos);
    }

    private static final class Bucket {
        double tokens;
        long lastRefillNanos;
        LogLine held;
        long suppressed;
        boolean flushScheduled;
    }

    private final int burst;
    private final long refillNanos;
    private final LongSupplier nanoTime;
    private final Output out;
    /** Guarded by this. */
    private final Map<String, Bucket> buckets = new HashMap<>();

    /**
     * @param burst lines per subject written at once
     * @param refillNanos one more line per subject is allowed every this many nanoseconds
     */
    LogRateLimit(int burst, long refillNanos, LongSupplier nanoTime, Output out) {
        this.burst = burst;
        this.refillNanos = refillNanos;
        this.nanoTime = nanoTime;
        this.out = out;
    }

    synchronized void offer(LogLine line) {
        Bucket b = bucket(line.key());
        if (b.held == null && b.tokens >= 1) {
            b.tokens -= 1;
            out.write(line);
            return;
        }
        if (b.held != null) {
            b.suppressed++;
        }
        b.held = line;
        if (!b.flushScheduled) {
            b.flushScheduled = true;
            out.flushLater(line.key(), Math.max(1, (long) Math.ceil((1 - b.tokens) * refillNanos)));
        }
    }

    /** Writes the held line of a key, after the count of those left out, once a token is there. */
    synchronized void flush(String key) {
        Bucket b = bucket(key);
        b.flushScheduled = false;
        if (b.held == null) {
            return;
        }
        if (b.tokens < 1) {
            b.flushScheduled = true;
            out.flushLater(key, Math.max(1, (long) Math.ceil((1 - b.tokens) * refillNanos)));
            return;
        }
        b.tokens -= 1;
        if (b.suppressed > 0) {
            out.write(new LogLine(b.held.level(), b.held.subject(), b.held.kind(), "suppressed " + b.suppressed
                    + " log messages about " + key + " (more than " + burst + " in a short time); the latest follows"));
        }
        out.write(b.held);
        b.held = null;
        b.suppressed = 0;
    }

    private Bucket bucket(String key) {
        long now = nanoTime.getAsLong();
        Bucket b = buckets.computeIfAbsent(key, s -> {
            Bucket fresh = new Bucket();
            fresh.tokens = burst;
            fresh.lastRefillNanos = now;
            return fresh;
        });
        b.tokens = Math.min(burst, b.tokens + (double) (now - b.lastRefillNanos) / refillNanos);
        b.lastRefillNanos = now;
        return b;
    }
}
