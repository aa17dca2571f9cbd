package net.ipmpd.engine;

import java.util.random.RandomGenerator;
import net.ipmpd.engine.config.EngineConfig;
import net.ipmpd.engine.core.EngineCore;
import net.ipmpd.engine.event.EngineEvent;
import net.ipmpd.engine.state.EngineSnapshot;

/**
 * The IPMP failover and probing engine: a deterministic state machine with no I/O, no threads and
 * no clock. Time is passed in (monotonic nanoseconds); randomness (probe send times) comes from
 * the generator it is given, so a seeded engine replays a scenario exactly.
 *
 * <p>Use: feed every {@link EngineEvent} to {@link #handle}; call {@link #advance} when
 * {@link #nextDeadline()} has come; read {@link #snapshot()} after steps that changed
 * {@link #version()}. Not thread-safe: one thread owns an engine.
 */
public final class Engine {
    private final EngineCore core;

    /**
     * @throws IllegalArgumentException if the configuration is invalid (see ConfigValidator)
     */
    public Engine(EngineConfig config, RandomGenerator random, long nowNanos) {
        this.core = new EngineCore(config, random, nowNanos);
    }

    /**
     * Processes one event at time {@code nowNanos}, firing the timers due before it first (for a
     * probe reply: before its receive stamp). Timers due later wait for {@link #advance}.
     */
    public void handle(EngineEvent event, long nowNanos, EngineOutput out) {
        core.handle(event, nowNanos, nowNanos, out);
    }

    /**
     * Processes an event that happened at {@code occurredAtNanos} (when it was queued; a probe
     * reply's own receive stamp counts if earlier) and is read now, at {@code nowNanos}. Only the
     * timers due before the event fire first, so a caller that queued several events hands them
     * all in, in order, before calling {@link #advance}: a send tick never judges a probe lost
     * whose reply was already waiting. Probes sent in this step are stamped {@code nowNanos}.
     */
    public void handle(EngineEvent event, long occurredAtNanos, long nowNanos, EngineOutput out) {
        core.handle(event, occurredAtNanos, nowNanos, out);
    }

    /**
     * Carries out a manager's command that was sent at {@code occurredAtNanos}, as
     * {@link #handle(EngineEvent, long, long, EngineOutput)} does for an event. A configuration
     * edit is applied to the configuration running now; a replacement based on another
     * configuration than the one running is refused as stale. Nothing changes when refused.
     */
    public CommandResult execute(Command command, long occurredAtNanos, long nowNanos, EngineOutput out) {
        return core.execute(command, occurredAtNanos, nowNanos, out);
    }

    /** Fires every timer due at or before {@code nowNanos}. */
    public void advance(long nowNanos, EngineOutput out) {
        core.advance(nowNanos, out);
    }

    /** When the next timer is due, or Long.MAX_VALUE if none. */
    public long nextDeadline() {
        return core.nextDeadline();
    }

    /** Increases whenever anything a reader could see changed. */
    public long version() {
        return core.version();
    }

    public EngineConfig config() {
        return core.config();
    }

    /** An immutable picture of the whole engine now. */
    public EngineSnapshot snapshot() {
        return core.snapshot();
    }
}
