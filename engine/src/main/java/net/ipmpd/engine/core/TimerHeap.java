package net.ipmpd.engine.core;

import java.util.Arrays;

/**
 * An indexed binary min-heap of {@link Timed} objects by deadline. Each object is in the heap at
 * most once and knows its own position, so rescheduling is O(log n) without allocation; this is
 * what lets the engine push a million events a second through ten thousand interfaces.
 */
final class TimerHeap {
    private Timed[] heap = new Timed[64];
    private int size;

    void schedule(Timed t, long deadlineNanos) {
        t.deadlineNanos = deadlineNanos;
        if (t.heapIndex < 0) {
            if (size == heap.length) {
                heap = Arrays.copyOf(heap, size * 2);
            }
            heap[size] = t;
            t.heapIndex = size++;
            up(t.heapIndex);
        } else {
            up(t.heapIndex);
            down(t.heapIndex);
        }
    }

    void cancel(Timed t) {
        int i = t.heapIndex;
        if (i < 0) {
            return;
        }
        Timed last = heap[--size];
        heap[size] = null;
        t.heapIndex = -1;
        t.deadlineNanos = Long.MAX_VALUE;
        if (i != size) {
            heap[i] = last;
            last.heapIndex = i;
            up(i);
            down(i);
        }
    }

    long nextDeadlineNanos() {
        return size == 0 ? Long.MAX_VALUE : heap[0].deadlineNanos;
    }

    /** Removes and returns the earliest entry if it is due at {@code nowNanos}, else null. */
    Timed pollDue(long nowNanos) {
        if (size == 0 || heap[0].deadlineNanos > nowNanos) {
            return null;
        }
        Timed t = heap[0];
        cancel(t);
        return t;
    }

    int size() {
        return size;
    }

    private void up(int i) {
        Timed t = heap[i];
        while (i > 0) {
            int p = (i - 1) >>> 1;
            Timed parent = heap[p];
            if (parent.deadlineNanos <= t.deadlineNanos) {
                break;
            }
            heap[i] = parent;
            parent.heapIndex = i;
            i = p;
        }
        heap[i] = t;
        t.heapIndex = i;
    }

    private void down(int i) {
        Timed t = heap[i];
        int half = size >>> 1;
        while (i < half) {
            int c = 2 * i + 1;
            int r = c + 1;
            if (r < size && heap[r].deadlineNanos < heap[c].deadlineNanos) {
                c = r;
            }
            if (t.deadlineNanos <= heap[c].deadlineNanos) {
                break;
            }
            heap[i] = heap[c];
            heap[i].heapIndex = i;
            i = c;
        }
        heap[i] = t;
        t.heapIndex = i;
    }
}
