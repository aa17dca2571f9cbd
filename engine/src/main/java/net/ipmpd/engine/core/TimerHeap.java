package net.ipmpd.engine.core;

import java.util.Arrays;

/**
 * An indexed binary min-heap of {@link Timed} objects by deadline. Each object is in the heap at
 * most once and knows its own position, so rescheduling is O(log n) without allocation; this is
 * what lets the engine push a million events a second through ten thousand interfaces.
 *
 * <p>The deadlines are kept a second time in an array beside the entries, in heap order: sifting
 * compares array slots that sit next to each other in memory instead of reading a field of an
 * object per comparison (ten thousand members' timers are scattered over the heap, and those
 * reads were cache misses: 45% of the engine benchmark's samples).
 */
final class TimerHeap {
    private Timed[] heap = new Timed[64];
    private long[] deadlines = new long[64];
    private int size;

    void schedule(Timed t, long deadlineNanos) {
        t.deadlineNanos = deadlineNanos;
        if (t.heapIndex < 0) {
            if (size == heap.length) {
                heap = Arrays.copyOf(heap, size * 2);
                deadlines = Arrays.copyOf(deadlines, size * 2);
            }
            t.heapIndex = size++;
            up(t.heapIndex, t, deadlineNanos);
        } else {
            int i = t.heapIndex;
            if (i > 0 && deadlines[(i - 1) >>> 1] > deadlineNanos) {
                up(i, t, deadlineNanos);
            } else {
                down(i, t, deadlineNanos);
            }
        }
    }

    void cancel(Timed t) {
        int i = t.heapIndex;
        if (i < 0) {
            return;
        }
        Timed last = heap[--size];
        long lastDeadline = deadlines[size];
        heap[size] = null;
        t.heapIndex = -1;
        t.deadlineNanos = Long.MAX_VALUE;
        if (i != size) {
            if (i > 0 && deadlines[(i - 1) >>> 1] > lastDeadline) {
                up(i, last, lastDeadline);
            } else {
                down(i, last, lastDeadline);
            }
        }
    }

    long nextDeadlineNanos() {
        return size == 0 ? Long.MAX_VALUE : deadlines[0];
    }

    /** Removes and returns the earliest entry if it is due at {@code nowNanos}, else null. */
    Timed pollDue(long nowNanos) {
        if (size == 0 || deadlines[0] > nowNanos) {
            return null;
        }
        Timed t = heap[0];
        cancel(t);
        return t;
    }

    int size() {
        return size;
    }

    /** Puts {@code t}, due at {@code d}, at slot {@code i} or above it. */
    private void up(int i, Timed t, long d) {
        while (i > 0) {
            int p = (i - 1) >>> 1;
            if (deadlines[p] <= d) {
                break;
            }
            Timed parent = heap[p];
            heap[i] = parent;
            deadlines[i] = deadlines[p];
            parent.heapIndex = i;
            i = p;
        }
        heap[i] = t;
        deadlines[i] = d;
        t.heapIndex = i;
    }

    /** Puts {@code t}, due at {@code d}, at slot {@code i} or below it. */
    private void down(int i, Timed t, long d) {
        int half = size >>> 1;
        while (i < half) {
            int c = 2 * i + 1;
            int r = c + 1;
            if (r < size && deadlines[r] < deadlines[c]) {
                c = r;
            }
            if (d <= deadlines[c]) {
                break;
            }
            Timed child = heap[c];
            heap[i] = child;
            deadlines[i] = deadlines[c];
            child.heapIndex = i;
            i = c;
        }
        heap[i] = t;
        deadlines[i] = d;
        t.heapIndex = i;
    }
}
