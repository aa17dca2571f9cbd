package net.ipmpd.agent.linux;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Predicate;
import net.ipmpd.engine.event.EngineEvent;

/** The test sink: collects events from the dataplane's threads and waits for a wanted one. */
final class EventQueue implements Consumer<EngineEvent> {
    private final LinkedBlockingQueue<EngineEvent> queue = new LinkedBlockingQueue<>();
    private final List<EngineEvent> seen = new ArrayList<>();
    private final List<EngineEvent> backlog = new ArrayList<>();

    @Override
    public void accept(EngineEvent e) {
        queue.add(e);
    }

    /**
     * The first event matching {@code wanted} within {@code timeoutMs}, searching earlier
     * unmatched events too (events of different kinds may arrive in any order); fails listing
     * what came instead.
     */
    <T extends EngineEvent> T await(Class<T> type, Predicate<T> wanted, long timeoutMs) throws InterruptedException {
        for (var it = backlog.iterator(); it.hasNext(); ) {
            EngineEvent e = it.next();
            if (type.isInstance(e) && wanted.test(type.cast(e))) {
                it.remove();
                return type.cast(e);
            }
        }
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        while (true) {
            long left = deadline - System.nanoTime();
            EngineEvent e = left > 0 ? queue.poll(left, TimeUnit.NANOSECONDS) : null;
            if (e == null) {
                throw new AssertionError("no matching " + type.getSimpleName() + " within " + timeoutMs + " ms; got " + seen);
            }
            seen.add(e);
            if (type.isInstance(e) && wanted.test(type.cast(e))) {
                return type.cast(e);
            }
            backlog.add(e);
        }
    }

    void clear() {
        queue.clear();
        seen.clear();
        backlog.clear();
    }
}
