package net.ipmpd.testlab.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.function.ToLongFunction;

/**
 * What an observer thread saw, each item stamped with System.nanoTime() when it was seen; the
 * benchmark waits for the first one since a fault that matches. Thread-safe.
 */
final class Sightings<T> {
    private final List<T> seen = new ArrayList<>();
    private final ToLongFunction<T> stamp;

    Sightings(ToLongFunction<T> stamp) {
        this.stamp = stamp;
    }

    synchronized void addAll(List<T> items) {
        seen.addAll(items);
        notifyAll();
    }

    /** The first item seen at or after {@code since} that matches, waiting at most the timeout. */
    synchronized Optional<T> await(long since, Predicate<T> match, long timeoutNanos) {
        long deadline = System.nanoTime() + timeoutNanos;
        int checked = 0;
        while (true) {
            for (; checked < seen.size(); checked++) {
                T item = seen.get(checked);
                if (stamp.applyAsLong(item) >= since && match.test(item)) {
                    return Optional.of(item);
                }
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
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

    /** Forgets what was seen (keeps memory flat over many runs). */
    synchronized void clear() {
        seen.clear();
    }
}
