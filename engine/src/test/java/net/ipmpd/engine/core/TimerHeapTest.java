package net.ipmpd.engine.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class TimerHeapTest {
    private static final class T extends Timed {
        @Override
        void wake(long nowNanos, EngineContext ctx) {
        }
    }

    @Test
    void pollsInDeadlineOrderThroughReschedulesAndCancels() {
        TimerHeap heap = new TimerHeap();
        SplittableRandom r = new SplittableRandom(3);
        List<T> all = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            T t = new T();
            all.add(t);
            heap.schedule(t, r.nextLong(1_000_000));
        }
        for (int i = 0; i < 500; i++) {
            heap.schedule(all.get(r.nextInt(1000)), r.nextLong(1_000_000));
        }
        int cancelled = 0;
        for (int i = 0; i < 100; i++) {
            T t = all.get(r.nextInt(1000));
            if (t.heapIndex >= 0) {
                heap.cancel(t);
                cancelled++;
            }
        }
        int polled = 0;
        Timed t;
        while ((t = heap.pollDue(Long.MAX_VALUE - 1)) != null) {
            polled++;
            assertThat(t.heapIndex).isEqualTo(-1);
        }
        assertThat(polled).isEqualTo(1000 - cancelled);
        assertThat(heap.size()).isZero();
    }

    @Test
    void aCancelThatMovesTheLastEntryUnderALaterParentSiftsItUp() {
        // heap order after these inserts: [7, 17, 12, 19, 23, 24, 13]; cancelling 19 (slot 3) moves 13
        // into slot 3, whose parent holds 17: it has to go up, not down (left there, 17 comes out first)
        TimerHeap heap = new TimerHeap();
        Map<Timed, Long> byTimer = new IdentityHashMap<>();
        T nineteen = null;
        for (long d : new long[] {12, 17, 24, 19, 23, 7, 13}) {
            T t = new T();
            heap.schedule(t, d);
            byTimer.put(t, d);
            if (d == 19) {
                nineteen = t;
            }
        }
        heap.cancel(nineteen);
        List<Long> order = new ArrayList<>();
        Timed t;
        while ((t = heap.pollDue(Long.MAX_VALUE - 1)) != null) {
            order.add(byTimer.get(t));
        }
        assertThat(order).containsExactly(7L, 12L, 13L, 17L, 23L, 24L);
    }

    @Test
    void deadlinesComeOutSorted() {
        TimerHeap heap = new TimerHeap();
        SplittableRandom r = new SplittableRandom(9);
        for (int i = 0; i < 300; i++) {
            heap.schedule(new T(), r.nextLong(10_000));
        }
        long previous = Long.MIN_VALUE;
        while (heap.size() > 0) {
            long d = heap.nextDeadlineNanos();
            assertThat(d).isGreaterThanOrEqualTo(previous);
            previous = d;
            heap.pollDue(d);
        }
    }

    @Test
    void reschedulingTheEarliestEntryMovesItAndNeverAddsItTwice() {
        TimerHeap heap = new TimerHeap();
        T a = new T();
        T b = new T();
        heap.schedule(a, 5);
        heap.schedule(b, 10);
        heap.schedule(a, 20);   // a was at the root
        assertThat(heap.size()).isEqualTo(2);
        assertThat(heap.nextDeadlineNanos()).isEqualTo(10);
        heap.schedule(a, 1);    // and back in front
        assertThat(heap.size()).isEqualTo(2);
        assertThat(heap.pollDue(1)).isSameAs(a);
        assertThat(heap.pollDue(9)).isNull();    // b is due at 10, not before
        assertThat(heap.pollDue(10)).isSameAs(b);
        assertThat(heap.pollDue(Long.MAX_VALUE - 1)).isNull();
        assertThat(heap.nextDeadlineNanos()).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void everyPollReturnsTheEarliestDeadlineAfterReschedulesAndCancels() {
        TimerHeap heap = new TimerHeap();
        SplittableRandom r = new SplittableRandom(17);
        List<T> all = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            T t = new T();
            all.add(t);
            heap.schedule(t, r.nextLong(1_000));
        }
        for (int i = 0; i < 400; i++) {
            T t = all.get(r.nextInt(all.size()));
            if (r.nextInt(4) == 0) {
                heap.cancel(t);
                assertThat(t.heapIndex).isEqualTo(-1);
                assertThat(t.deadlineNanos).isEqualTo(Long.MAX_VALUE);
            } else {
                heap.schedule(t, r.nextLong(1_000));
            }
        }
        long scheduled = all.stream().filter(t -> t.heapIndex >= 0).count();
        assertThat(heap.size()).isEqualTo((int) scheduled);
        // polling resets an entry's deadline: remember them first
        Map<Timed, Long> deadlines = new IdentityHashMap<>();
        all.stream().filter(x -> x.heapIndex >= 0).forEach(x -> deadlines.put(x, x.deadlineNanos));
        long previous = Long.MIN_VALUE;
        int polled = 0;
        Timed t;
        while ((t = heap.pollDue(Long.MAX_VALUE - 1)) != null) {
            long d = deadlines.remove(t);
            long earliestLeft = deadlines.values().stream().mapToLong(Long::longValue).min().orElse(Long.MAX_VALUE);
            assertThat(d).isLessThanOrEqualTo(earliestLeft).isGreaterThanOrEqualTo(previous);
            previous = d;
            polled++;
        }
        assertThat(polled).isEqualTo(scheduled);
    }
}
