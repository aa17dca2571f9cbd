package net.ipmpd.agent.netconf;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * How long the next password attempt waits before it is checked, after failed ones: per source
 * address (one guesser) and per user name (many sources guessing one user). The delay doubles
 * with each failure up to a ceiling and is forgotten after a quiet period or a success. An
 * unknown user name gets the same treatment as a known one, so the delay does not reveal it.
 * The waiting costs no thread (the attempt is scheduled), and a guesser's attempts reach the
 * hash pool at most once per delay. Time is a parameter; the class is not thread-safe.
 */
final class LoginBackoff {
    /** Failures a source gets without delay: a mistyped password must not make the operator wait. */
    static final int FREE_FAILURES_PER_SOURCE = 1;
    /** A user name gets more, since every source counts towards it. */
    static final int FREE_FAILURES_PER_USER = 3;
    static final long FIRST_DELAY_NANOS = TimeUnit.MILLISECONDS.toNanos(250);
    static final long MAX_SOURCE_DELAY_NANOS = TimeUnit.SECONDS.toNanos(8);
    static final long MAX_USER_DELAY_NANOS = TimeUnit.SECONDS.toNanos(4);
    static final long FORGET_AFTER_NANOS = TimeUnit.MINUTES.toNanos(15);
    private static final int MAX_TRACKED = 4096;

    private record Failures(int count, long lastNanos) {
    }

    private final Map<String, Failures> bySource = new LinkedHashMap<>();
    private final Map<String, Failures> byUser = new LinkedHashMap<>();

    /** The delay before an attempt from {@code source} for {@code user} is checked. */
    long delayNanos(String source, String user, long nowNanos) {
        return Math.max(delay(bySource.get(source), FREE_FAILURES_PER_SOURCE, MAX_SOURCE_DELAY_NANOS, nowNanos),
                delay(byUser.get(user), FREE_FAILURES_PER_USER, MAX_USER_DELAY_NANOS, nowNanos));
    }

    void failed(String source, String user, long nowNanos) {
        count(bySource, source, nowNanos);
        count(byUser, user, nowNanos);
    }

    /** A success clears the source; the user's count stays, or a guesser could clear it by logging in himself. */
    void succeeded(String source) {
        bySource.remove(source);
    }

    private static long delay(Failures f, int free, long max, long nowNanos) {
        if (f == null || nowNanos - f.lastNanos() > FORGET_AFTER_NANOS || f.count() <= free) {
            return 0;
        }
        int doublings = Math.min(f.count() - free - 1, 20);
        return Math.min(FIRST_DELAY_NANOS << doublings, max);
    }

    private static void count(Map<String, Failures> map, String key, long nowNanos) {
        Failures f = map.remove(key);
        int before = f == null || nowNanos - f.lastNanos() > FORGET_AFTER_NANOS ? 0 : f.count();
        map.put(key, new Failures(before + 1, nowNanos));
        // most recent last; the oldest go first when too many sources were seen
        var oldest = map.keySet().iterator();
        while (map.size() > MAX_TRACKED) {
            oldest.next();
            oldest.remove();
        }
    }
}
