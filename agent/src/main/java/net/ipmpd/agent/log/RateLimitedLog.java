package net.ipmpd.agent.log;

import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.Logger;

/**
 * Warnings a part of the daemon writes itself (not from an engine notification), rate-limited
 * per subject and kind as the event log's lines are ({@link NotificationLog}: 10 at once, then one
 * every 6 s, with a "suppressed N" line), so that a tool fighting ipmpd cannot flood the journal.
 */
public final class RateLimitedLog {
    private final LogRateLimit limit;

    /** @param timer where the held lines are written later; a thread of the caller's */
    public RateLimitedLog(Logger log, ScheduledExecutorService timer) {
        LogRateLimit[] self = new LogRateLimit[1];
        this.limit = new LogRateLimit(NotificationLog.BURST, NotificationLog.REFILL_NANOS, System::nanoTime, new LogRateLimit.Output() {
            @Override
            public void write(LogLine line) {
                log.log(line.level(), line.text());
            }

            @Override
            public void flushLater(String key, long delayNanos) {
                timer.schedule(() -> self[0].flush(key), delayNanos, TimeUnit.NANOSECONDS);
            }
        });
        self[0] = limit;
    }

    public void warn(String subject, String kind, String text) {
        offer(new LogLine(Level.WARN, subject, kind, text));
    }

    /** Writes the line now, or holds it (counted) while its subject and kind are over the limit. */
    void offer(LogLine line) {
        limit.offer(line);
    }
}
