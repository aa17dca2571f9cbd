package net.ipmpd.engine.core;

/** Something with one wake-up time in the {@link TimerHeap}. */
abstract class Timed {
    /** Position in the heap, -1 when not scheduled. Owned by TimerHeap. */
    int heapIndex = -1;
    long deadlineNanos = Long.MAX_VALUE;

    /** Called when {@link #deadlineNanos} has come; reschedule through the heap if needed. */
    abstract void wake(long nowNanos, EngineContext ctx);
}
