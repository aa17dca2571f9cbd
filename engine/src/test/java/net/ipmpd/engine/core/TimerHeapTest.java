package net.ipmpd.engine.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class TimerHeapTest {
    private static final class T extends Timed {
        @Override
        void wake(long now, EngineContext ctx) {
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
    void deadlinesComeOutSorted() {
        TimerHeap heap = new TimerHeap();
        SplittableRandom r = new SplittableRandom(9);
        for (int i = 0; i < 300; i++) {
            heap.schedule(new T(), r.nextLong(10_000));
        }
        long previous = Long.MIN_VALUE;
        while (heap.size() > 0) {
            long d = heap.nextDeadline();
            assertThat(d).isGreaterThanOrEqualTo(previous);
            previous = d;
            heap.pollDue(d);
        }
    }
}
