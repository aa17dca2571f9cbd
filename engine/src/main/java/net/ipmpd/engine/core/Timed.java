package net.ipmpd.engine.core;

/** Something with one wake-up time in the {@link TimerHeap}. */
abstract class Timed {
    /** Position in the heap, -1 when not scheduled. Owned by TimerHeap. */
    int heapIndex = -1;
    long deadline = Long.MAX_VALUE;

    /** Called when {@link #deadline} has come; reschedule through the heap if needed. */
    abstract void wake(long now, EngineContext ctx);
}
