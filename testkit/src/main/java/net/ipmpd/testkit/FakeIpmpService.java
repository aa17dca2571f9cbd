package net.ipmpd.testkit;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Function;
import net.ipmpd.engine.Command;
import net.ipmpd.engine.IpmpService;
import net.ipmpd.engine.Outcome;
import net.ipmpd.engine.notify.Notification;
import net.ipmpd.engine.state.EngineSnapshot;

/**
 * The one stand-in engine service for adapter tests: it serves the snapshot the test sets, records
 * every command and answers it as the test says (by default: done, a configuration edit applied
 * to the snapshot's configuration), and hands the notifications the test emits to the listeners
 * on the test's thread.
 */
public final class FakeIpmpService implements IpmpService {
    /** Engine time 0 is this wall-clock instant. */
    public static final Instant EPOCH = Instant.parse("2026-11-25T12:00:00Z");

    private volatile EngineSnapshot snapshot;
    private final List<Consumer<Notification>> listeners = new CopyOnWriteArrayList<>();
    /** Every command received, in order. */
    public final List<Command> commands = new CopyOnWriteArrayList<>();
    private volatile Function<Command, CompletableFuture<Outcome>> answer = this::done;

    public FakeIpmpService(EngineSnapshot snapshot) {
        this.snapshot = snapshot;
    }

    /** How commands are answered from now on; the answer may complete later, or never. */
    public void answerWith(Function<Command, CompletableFuture<Outcome>> answer) {
        this.answer = answer;
    }

    /** Every command is answered at once with {@code outcome}. */
    public void answerAlways(Outcome outcome) {
        answerWith(c -> CompletableFuture.completedFuture(outcome));
    }

    public void setSnapshot(EngineSnapshot s) {
        snapshot = s;
    }

    /** Delivers a notification to every listener on the caller's thread. */
    public void emit(Notification n) {
        listeners.forEach(l -> l.accept(n));
    }

    public int listenerCount() {
        return listeners.size();
    }

    /** The default answer: done, with what the configuration would be after the command. */
    private CompletableFuture<Outcome> done(Command c) {
        var config = switch (c) {
            case Command.EditConfig e -> e.edit().apply(snapshot.config());
            case Command.ReplaceConfig r -> r.config();
            default -> snapshot.config();
        };
        return CompletableFuture.completedFuture(new Outcome.Done(config));
    }

    @Override
    public CompletableFuture<Outcome> execute(Command command, Duration timeout) {
        commands.add(command);
        return answer.apply(command).completeOnTimeout(new Outcome.TimedOut(timeout), timeout.toNanos(),
                java.util.concurrent.TimeUnit.NANOSECONDS);
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
    public Instant wallClock(long engineNanos) {
        return EPOCH.plusNanos(engineNanos);
    }

    @Override
    public long uptimeNanos(long engineNanos) {
        return engineNanos;
    }

    /** Engine time now: the wall clock's now in engine nanoseconds (for notifications the test emits). */
    public long nowNanos() {
        return java.time.Duration.between(EPOCH, Instant.now()).toNanos();
    }
}
