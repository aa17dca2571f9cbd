package net.ipmpd.agent.control;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Function;
import net.ipmpd.engine.CommandResult;
import net.ipmpd.engine.IpmpService;
import net.ipmpd.engine.event.EngineEvent;
import net.ipmpd.engine.notify.Notification;
import net.ipmpd.engine.state.EngineSnapshot;

/** An IpmpService that serves a snapshot the test builds and answers commands as the test says. */
public final class FakeIpmpService implements IpmpService {
    /** Engine time 0 is this wall-clock instant. */
    public static final Instant EPOCH = Instant.parse("2026-11-25T12:00:00Z");

    private final AtomicReference<EngineSnapshot> snapshot;
    private final List<Consumer<Notification>> listeners = new CopyOnWriteArrayList<>();
    public final List<EngineEvent> submitted = new CopyOnWriteArrayList<>();
    private volatile Function<EngineEvent, CompletableFuture<CommandResult>> answer =
            e -> CompletableFuture.completedFuture(CommandResult.OK);

    public FakeIpmpService(EngineSnapshot snapshot) {
        this.snapshot = new AtomicReference<>(snapshot);
    }

    public void answerWith(Function<EngineEvent, CompletableFuture<CommandResult>> answer) {
        this.answer = answer;
    }

    public void setSnapshot(EngineSnapshot s) {
        snapshot.set(s);
    }

    /** Delivers a notification to every listener on the caller's thread. */
    public void emit(Notification n) {
        listeners.forEach(l -> l.accept(n));
    }

    public int listenerCount() {
        return listeners.size();
    }

    @Override
    public EngineSnapshot snapshot() {
        return snapshot.get();
    }

    @Override
    public AutoCloseable subscribe(Consumer<Notification> listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    @Override
    public CompletableFuture<CommandResult> submit(EngineEvent command) {
        submitted.add(command);
        return answer.apply(command);
    }

    @Override
    public Instant wallClock(long engineNanos) {
        return EPOCH.plusNanos(engineNanos);
    }

    @Override
    public long uptimeNanos(long engineNanos) {
        return engineNanos;
    }
}
