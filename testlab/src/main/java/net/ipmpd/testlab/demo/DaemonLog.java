package net.ipmpd.testlab.demo;

import net.ipmpd.testlab.LabProcess;
import net.ipmpd.testlab.OutputLines;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Follows the daemon's log (its standard error, one line per event) while it runs: echoes each line as it arrives
 * ("ipmpd | ...", without the daemon's own wall-clock stamp, since the console stamps it) and remembers when this
 * JVM received it (System.nanoTime, CLOCK_MONOTONIC), so a stage can wait for an event and time it.
 */
public final class DaemonLog implements AutoCloseable {
    /** "2026-11-25T21:50:00.123+00:00 INFO  Logger: message" → "INFO  Logger: message". */
    private static final Pattern STAMP = Pattern.compile("^\\d{4}-\\d\\d-\\d\\dT[0-9:.]+(?:Z|[+-]\\d\\d:?\\d\\d)? (.*)$");

    /** A log line and when it reached this JVM. */
    public record Line(long receivedNanos, String text) {
    }

    private final List<Line> lines = new ArrayList<>();
    private final Thread follower;
    private volatile boolean closed;

    private DaemonLog(OutputLines stderr, DemoOutput out, boolean echo) {
        follower = new Thread(() -> follow(stderr, out, echo), "ipmpd-log");
        follower.setDaemon(true);
    }

    /** Starts following a spawned daemon's standard error; echo=false only records (for benchmarks). */
    public static DaemonLog follow(LabProcess daemon, DemoOutput out, boolean echo) {
        DaemonLog log = new DaemonLog(daemon.stderr(), out, echo);
        log.follower.start();
        return log;
    }

    private void follow(OutputLines stderr, DemoOutput out, boolean echo) {
        long next = 0;
        while (!closed) {
            Optional<String> first = stderr.await(next, l -> true, Duration.ofMillis(200));
            if (first.isEmpty()) {
                if (stderr.isClosed() && stderr.mark() <= next) {
                    return;
                }
                continue;
            }
            long now = System.nanoTime();
            List<String> fresh = stderr.since(next);
            next += fresh.size();
            for (String raw : fresh) {
                String text = strip(raw);
                synchronized (this) {
                    lines.add(new Line(now, text));
                    notifyAll();
                }
                if (echo) {
                    out.from("ipmpd", text);
                }
            }
        }
    }

    static String strip(String raw) {
        Matcher m = STAMP.matcher(raw);
        return m.matches() ? m.group(1) : raw;
    }

    /** Index of the next line: pass it to {@link #await} to wait only for lines logged after this point. */
    public synchronized int mark() {
        return lines.size();
    }

    /** The first line at index ≥ from that matches, waiting up to timeout; empty if none came. */
    public synchronized Optional<Line> await(int from, Predicate<String> match, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        int checked = from;
        while (true) {
            for (; checked < lines.size(); checked++) {
                if (match.test(lines.get(checked).text())) {
                    return Optional.of(lines.get(checked));
                }
            }
            long left = deadline - System.nanoTime();
            if (left <= 0 || (closed && checked >= lines.size())) {
                return Optional.empty();
            }
            try {
                wait(Math.max(1, left / 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Optional.empty();
            }
        }
    }

    /** Like {@link #await} but throws, naming what was awaited, when the line does not come. */
    public Line require(int from, Predicate<String> match, String what, Duration timeout) {
        return await(from, match, timeout).orElseThrow(() -> new IllegalStateException(
                "the daemon did not log " + what + " within " + timeout.toMillis() + " ms"));
    }

    public synchronized List<Line> since(int from) {
        return List.copyOf(lines.subList(Math.min(from, lines.size()), lines.size()));
    }

    @Override
    public void close() {
        closed = true;
        synchronized (this) {
            notifyAll();
        }
    }
}
