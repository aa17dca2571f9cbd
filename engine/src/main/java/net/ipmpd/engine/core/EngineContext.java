package net.ipmpd.engine.core;

import java.net.InetAddress;
import java.util.Set;
import java.util.random.RandomGenerator;
import net.ipmpd.engine.EngineOutput;
import net.ipmpd.engine.action.Action;
import net.ipmpd.engine.config.EngineConfig;
import net.ipmpd.engine.notify.Notification;

/** What every part of the engine needs during one step: time, randomness, timers, the output. */
final class EngineContext {
    final TimerHeap timers = new TimerHeap();
    final RandomGenerator random;
    EngineConfig config;
    EngineOutput out = EngineOutput.DISCARD;
    long nowNanos;
    /**
     * The real time of the current step: timers fire at their own deadlines ({@link #nowNanos}), but
     * one that fires long after its deadline shows that the daemon itself was stalled.
     */
    long stepTimeNanos;
    /** Increases on every change a reader could see; the snapshot version. */
    long changes;
    /** The dataplane finished its first dump of interfaces; placements may start. */
    boolean inventoryComplete;
    /** Every address the configuration assigns to this host: never a probe target. */
    Set<InetAddress> ownAddresses = Set.of();

    EngineContext(EngineConfig config, RandomGenerator random) {
        this.config = config;
        this.random = random;
    }

    void act(Action a) {
        changes++;
        out.act(a);
    }

    void notify(Notification n) {
        changes++;
        out.notify(n);
    }

    void changed() {
        changes++;
    }
}
