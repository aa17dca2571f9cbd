package net.ipmpd.agent.netconf;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The heap that all NETCONF sessions together may spend at once on the messages they are parsing
 * and handling. A message's DOM costs far more heap than its bytes: an element-dense message (a
 * node every few bytes) about 30 bytes per byte, so with each session on its own thread a handful
 * of sessions sending messages under max-message-size at once could still exhaust the daemon's
 * small heap, and an OutOfMemoryError can land in any thread, the engine's included. So each
 * message reserves {@link #HEAP_PER_BYTE} bytes per byte before it is parsed and gives them back
 * once handled; one that does not fit is not parsed (the peer gets {@code resource-denied} and may
 * retry). Lock-free: a refusal never waits.
 */
final class MessageMemory {
    /** Heap per message byte while parsed and handled, rounded up from about 30 measured for element-dense XML. */
    static final int HEAP_PER_BYTE = 32;

    private final long capacity;
    private final AtomicLong reserved = new AtomicLong();

    MessageMemory(long capacity) {
        if (capacity < HEAP_PER_BYTE) {
            throw new IllegalArgumentException("capacity " + capacity + " holds no message");
        }
        this.capacity = capacity;
    }

    /**
     * Five eighths of the heap: the rest is the daemon's own (about 24 MiB live with 64 members, at
     * 64 MiB of heap). At -Xmx64m one element-dense 1 MiB message fits, two do not.
     */
    static MessageMemory forHeap(long maxHeapBytes) {
        return new MessageMemory(maxHeapBytes / 8 * 5);
    }

    static MessageMemory forThisJvm() {
        return forHeap(Runtime.getRuntime().maxMemory());
    }

    static long cost(int messageBytes) {
        return (long) messageBytes * HEAP_PER_BYTE;
    }

    /** The largest message that can ever be parsed, when no other is. */
    long largestMessage() {
        return capacity / HEAP_PER_BYTE;
    }

    /** Reserves the cost of a message of that many bytes; false, reserving nothing, when it does not fit now. */
    boolean tryReserve(long cost) {
        while (true) {
            long now = reserved.get();
            if (now + cost > capacity) {
                return false;
            }
            if (reserved.compareAndSet(now, now + cost)) {
                return true;
            }
        }
    }

    void release(long cost) {
        reserved.addAndGet(-cost);
    }

    long reserved() {
        return reserved.get();
    }
}
