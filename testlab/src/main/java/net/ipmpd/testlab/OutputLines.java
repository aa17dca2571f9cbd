package net.ipmpd.testlab;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The lines a spawned process wrote to one stream, kept in memory (the newest {@value #CAPACITY}) with absolute
 * indices, so a caller can mark a position, send a command and wait for the answer after the mark.
 */
public final class OutputLines {
    static final int CAPACITY = 20_000;

    private final ArrayDeque<String> lines = new ArrayDeque<>();
    private long dropped;
    private boolean closed;

    static OutputLines pump(InputStream in, String name) {
        OutputLines out = new OutputLines();
        Thread t = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                for (String line = r.readLine(); line != null; line = r.readLine()) {
                    out.add(line);
                }
            } catch (IOException e) {
                // The process died; what it wrote so far is kept.
            } finally {
                out.close();
            }
        }, name);
        t.setDaemon(true);
        t.start();
        return out;
    }

    synchronized void add(String line) {
        lines.addLast(line);
        if (lines.size() > CAPACITY) {
            lines.removeFirst();
            dropped++;
        }
        notifyAll();
    }

    synchronized void close() {
        closed = true;
        notifyAll();
    }

    /** True once the stream reached end of file (the process exited or closed it). */
    public synchronized boolean isClosed() {
        return closed;
    }

    /** Index the next line will get; pass it to {@link #await(long, Predicate, Duration)} to see only newer lines. */
    public synchronized long mark() {
        return dropped + lines.size();
    }

    public synchronized List<String> all() {
        return new ArrayList<>(lines);
    }

    /** Lines with index ≥ from (the part still kept). */
    public synchronized List<String> since(long from) {
        List<String> out = new ArrayList<>();
        long i = dropped;
        for (String l : lines) {
            if (i++ >= from) {
                out.add(l);
            }
        }
        return out;
    }

    /** Waits for the first line at index ≥ from that matches; empty when the stream ended or the time ran out. */
    public synchronized Optional<String> await(long from, Predicate<String> match, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        long checked = from;
        while (true) {
            List<String> fresh = since(checked);
            for (String l : fresh) {
                if (match.test(l)) {
                    return Optional.of(l);
                }
            }
            checked = Math.max(checked, mark());
            long left = deadline - System.nanoTime();
            if (closed || left <= 0) {
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

    @Override
    public synchronized String toString() {
        List<String> tail = new ArrayList<>(lines);
        return String.join("\n", tail.subList(Math.max(0, tail.size() - 20), tail.size()));
    }
}
