package net.ipmpd.agent.history;

import java.time.Duration;

/**
 * How much history is kept: at most {@code segments} files of at most about
 * {@code segmentBytes} each (a file is closed once it passes the size, so the whole log stays
 * below segments x (segmentBytes + one entry)), and no closed file whose newest entry is older
 * than {@code maxAge}.
 */
public record HistoryLimits(long segmentBytes, int segments, Duration maxAge) {
    /** 4 x 1 MiB: roughly 15,000 entries, months of a normal host, hours of a flap storm. */
    public static final HistoryLimits DEFAULT = new HistoryLimits(1 << 20, 4, Duration.ofDays(90));

    public HistoryLimits {
        if (segmentBytes < 1024) {
            throw new IllegalArgumentException("a history segment must hold at least 1024 bytes, not " + segmentBytes);
        }
        if (segments < 2) {
            throw new IllegalArgumentException("the history needs at least 2 segments (one to write, one to keep), not " + segments);
        }
        if (maxAge.isNegative() || maxAge.isZero()) {
            throw new IllegalArgumentException("the history's maximum age must be positive, not " + maxAge);
        }
    }

    /** Splits a total size over the default number of segments (--history-size). */
    public static HistoryLimits ofTotalBytes(long totalBytes) {
        int segments = DEFAULT.segments();
        return new HistoryLimits(Math.max(1024, totalBytes / segments), segments, DEFAULT.maxAge());
    }

    public long totalBytes() {
        return segmentBytes * segments;
    }
}
