package net.ipmpd.testkit;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import net.ipmpd.engine.Command;
import net.ipmpd.engine.CommandResult;
import net.ipmpd.engine.IpmpService;
import net.ipmpd.engine.Outcome;
import net.ipmpd.engine.notify.Notification;
import net.ipmpd.engine.sim.Simulation;
import net.ipmpd.engine.state.EngineSnapshot;

/**
 * The real engine in the engine's simulated network, served as an IpmpService: commands are
 * carried out by the engine and the notifications they cause reach the listeners. One lock
 * stands in for the daemon's engine thread.
 */
public final class SimulatedIpmpService implements IpmpService {
    private final Simulation sim;
    private final List<Consumer<Notification>> listeners = new CopyOnWriteArrayList<>();

    public SimulatedIpmpService(Simulation sim) {
        this.sim = sim;
    }

    /** Changes the simulated world (carrier, time) and publishes what the engine said about it. */
    public synchronized void world(UnaryOperator<Simulation> change) {
        int mark = sim.notificationMark();
        change.apply(sim);
        sim.notificationsSince(mark).forEach(n -> listeners.forEach(l -> l.accept(n)));
    }

    @Override
    public synchronized CompletableFuture<Outcome> execute(Command command, Duration timeout) {
        int mark = sim.notificationMark();
        CommandResult r = sim.execute(command);
        sim.notificationsSince(mark).forEach(n -> listeners.forEach(l -> l.accept(n)));
        return CompletableFuture.completedFuture(r instanceof CommandResult.Refused refused ? refused
                : new Outcome.Done(sim.snapshot().config()));
    }

    @Override
    public synchronized EngineSnapshot snapshot() {
        return sim.snapshot();
    }

    @Override
    public AutoCloseable subscribe(Consumer<Notification> listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    @Override
    public Instant wallClock(long engineNanos) {
        return Instant.EPOCH.plusNanos(engineNanos);
    }

    @Override
    public long uptimeNanos(long engineNanos) {
        return engineNanos;
    }
}
