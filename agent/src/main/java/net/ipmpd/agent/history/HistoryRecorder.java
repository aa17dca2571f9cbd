package net.ipmpd.agent.history;

import java.io.IOException;
import java.time.Instant;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import java.util.function.LongFunction;
import java.util.function.Supplier;
import net.ipmpd.engine.notify.Notification;
import net.ipmpd.engine.state.EngineSnapshot;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * Records the event history: takes engine notifications (on the dispatch thread) and measured
 * failover steps (on whatever thread made the step, the engine's included) into a bounded
 * lock-free queue, and writes them on a thread of its own. Nobody ever waits for the disk: when
 * the queue is full an entry is dropped and counted, and the count is written as a
 * {@link EventKind#RECORDS_DROPPED} entry once there is room again.
 */
public final class HistoryRecorder implements Consumer<Notification>, AutoCloseable {
    private static final Logger LOG = LogManager.getLogger(HistoryRecorder.class);
    /** Entries waiting for the disk; at ~200 bytes each, at most ~1 MiB of heap. */
    public static final int QUEUE_CAPACITY = 4096;
    /** How often the writer looks at the members' standing and the files' age when nothing happens. */
    private static final long IDLE_WAKEUP_NANOS = TimeUnit.SECONDS.toNanos(1);
    private static final long PRUNE_EVERY_NANOS = TimeUnit.HOURS.toNanos(1);

    private final EventLogWriter log;
    private final Supplier<EngineSnapshot> snapshots;
    private final LongFunction<Instant> wallClock;
    private final int capacity;
    private final ConcurrentLinkedQueue<HistoryEvent> queue = new ConcurrentLinkedQueue<>();
    private final AtomicInteger queued = new AtomicInteger();
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong droppedTotal = new AtomicLong();
    private final MemberLanes lanes = new MemberLanes();
    /** Members out of service, as the dispatch thread saw them: their lost probes are not news. */
    private final Set<String> outOfService = new HashSet<>();
    private final Thread writer;
    private volatile boolean running = true;
    private long lastSnapshotVersion = -1;

    public HistoryRecorder(EventLogWriter log, Supplier<EngineSnapshot> snapshots, LongFunction<Instant> wallClock) {
        this(log, snapshots, wallClock, QUEUE_CAPACITY);
    }

    HistoryRecorder(EventLogWriter log, Supplier<EngineSnapshot> snapshots, LongFunction<Instant> wallClock, int capacity) {
        this.log = log;
        this.snapshots = snapshots;
        this.wallClock = wallClock;
        this.capacity = capacity;
        this.writer = Thread.ofPlatform().name("ipmpd-history").daemon().unstarted(this::runWriter);
    }

    /** Records the start and starts writing; also makes this the target of {@link FailoverSteps}. */
    public void start(Map<String, String> details) {
        offer(new HistoryEvent(now(), EventKind.DAEMON_STARTED, "", "", "", details));
        FailoverSteps.install(this);
        writer.start();
    }

    /** Engine notifications, in order, on the dispatch thread. */
    @Override
    public void accept(Notification n) {
        switch (n) {
            case Notification.InterfaceFailed f -> outOfService.add(f.member());
            case Notification.InterfaceOffline o -> outOfService.add(o.member());
            case Notification.InterfaceRepaired r -> outOfService.remove(r.member());
            case Notification.InterfaceOnline o -> outOfService.remove(o.member());
            case Notification.Flapping f -> {
                if (f.suppressed()) {
                    outOfService.add(f.member());
                } else {
                    outOfService.remove(f.member());
                }
            }
            case Notification.ProbeCompleted p -> {
                if (!p.lost() || outOfService.contains(p.member())) {
                    return;
                }
            }
            default -> {
            }
        }
        NotificationEntries.of(n, wallClock).ifPresent(this::offer);
    }

    /** A measured step at engine time {@code nanos} (System.nanoTime, the engine's clock). */
    void step(long nanos, EventKind kind, String group, String member, Map<String, String> details) {
        offer(new HistoryEvent(wallClock.apply(nanos), kind, group, member, "", details));
    }

    /** The group of a member, as the latest snapshot says ("" when it is no member). */
    String groupOf(String member) {
        return snapshots.get().member(member).map(m -> m.group()).orElse(null);
    }

    /** Queues an entry without ever waiting; false (and counted) when the queue is full. */
    public boolean offer(HistoryEvent e) {
        if (queued.incrementAndGet() > capacity) {
            queued.decrementAndGet();
            dropped.incrementAndGet();
            droppedTotal.incrementAndGet();
            return false;
        }
        queue.add(e);
        LockSupport.unpark(writer);
        return true;
    }

    /** Entries dropped because the queue was full, since the start. */
    public long droppedTotal() {
        return droppedTotal.get();
    }

    Instant now() {
        return wallClock.apply(System.nanoTime());
    }

    private void runWriter() {
        long lastPrune = System.nanoTime();
        prune();
        while (running || !queue.isEmpty()) {
            boolean wrote = drain();
            wrote |= recordStanding();
            if (wrote) {
                sync();
            }
            if (System.nanoTime() - lastPrune > PRUNE_EVERY_NANOS) {
                prune();
                lastPrune = System.nanoTime();
            }
            if (queue.isEmpty() && running) {
                LockSupport.parkNanos(this, IDLE_WAKEUP_NANOS);
            }
        }
        // the writer's own last entry: never dropped, even when the queue was full at the end
        write(new HistoryEvent(now(), EventKind.DAEMON_STOPPED, "", "", "", Map.of()));
        sync();
    }

    private boolean drain() {
        boolean wrote = false;
        for (HistoryEvent e = queue.poll(); e != null; e = queue.poll()) {
            queued.decrementAndGet();
            long lost = dropped.getAndSet(0);
            if (lost > 0) {
                write(new HistoryEvent(e.at(), EventKind.RECORDS_DROPPED, "", "", "", Map.of("count", Long.toString(lost))));
            }
            write(e);
            wrote = true;
        }
        return wrote;
    }

    /** After each batch: members whose standing changed since the last look, at the snapshot's time. */
    private boolean recordStanding() {
        EngineSnapshot s = snapshots.get();
        if (s == null || s.version() == lastSnapshotVersion) {
            return false;
        }
        lastSnapshotVersion = s.version();
        boolean wrote = false;
        for (HistoryEvent e : lanes.changes(s, wallClock.apply(s.atNanos()))) {
            write(e);
            wrote = true;
        }
        return wrote;
    }

    private void write(HistoryEvent e) {
        try {
            log.append(e);
        } catch (IOException ex) {
            dropped.incrementAndGet();
            droppedTotal.incrementAndGet();
            LOG.error("cannot write the event history: {} ({} entries lost so far)", ex.getMessage(), droppedTotal.get());
        }
    }

    private void sync() {
        try {
            log.sync();
        } catch (IOException ex) {
            LOG.error("cannot sync the event history to disk: {}", ex.getMessage());
        }
    }

    private void prune() {
        try {
            log.prune(now());
        } catch (IOException ex) {
            LOG.warn("cannot prune the event history: {}", ex.getMessage());
        }
    }

    /** Records the stop, writes what is queued and closes the file. */
    @Override
    public void close() {
        FailoverSteps.uninstall(this);
        running = false;
        LockSupport.unpark(writer);
        try {
            writer.join(2_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            log.close();
        } catch (IOException e) {
            LOG.warn("closing the event history: {}", e.getMessage());
        }
    }
}
