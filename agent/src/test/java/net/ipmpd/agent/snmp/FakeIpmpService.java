package net.ipmpd.agent.snmp;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Function;
import net.ipmpd.engine.CommandResult;
import net.ipmpd.engine.IpmpService;
import net.ipmpd.engine.event.EngineEvent;
import net.ipmpd.engine.notify.Notification;
import net.ipmpd.engine.state.EngineSnapshot;

/**
 * An IpmpService for tests: serves the snapshot the test sets, records the commands it receives
 * and answers them with the test's handler, and delivers the notifications the test emits.
 */
final class FakeIpmpService implements IpmpService {
    /** Engine time 0 is this wall-clock instant. */
    final Instant start = Instant.now();
    private volatile EngineSnapshot snapshot;
    private final List<Consumer<Notification>> listeners = new CopyOnWriteArrayList<>();
    final List<EngineEvent> commands = new CopyOnWriteArrayList<>();
    private volatile Function<EngineEvent, CommandResult> handler = e -> CommandResult.OK;

    FakeIpmpService(EngineSnapshot snapshot) {
        this.snapshot = snapshot;
    }

    void set(EngineSnapshot s) {
        snapshot = s;
    }

    void onCommand(Function<EngineEvent, CommandResult> h) {
        handler = h;
    }

    void emit(Notification n) {
        listeners.forEach(l -> l.accept(n));
    }

    @Override
    public EngineSnapshot snapshot() {
        return snapshot;
    }

    @Override
    public AutoCloseable subscribe(Consumer<Notification> listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    @Override
    public CompletableFuture<CommandResult> submit(EngineEvent command) {
        commands.add(command);
        return CompletableFuture.completedFuture(handler.apply(command));
    }

    @Override
    public Instant wallClock(long engineNanos) {
        return start.plusNanos(engineNanos);
    }

    @Override
    public long uptimeNanos(long engineNanos) {
        return engineNanos;
    }

    /** Engine time now, for notifications and last-change times. */
    long nowNanos() {
        return java.time.Duration.between(start, Instant.now()).toNanos();
    }
}
