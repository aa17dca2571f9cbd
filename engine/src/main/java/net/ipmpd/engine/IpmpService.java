package net.ipmpd.engine;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import net.ipmpd.engine.notify.Notification;
import net.ipmpd.engine.state.EngineSnapshot;

/**
 * What the adapters (SNMP, NETCONF, control socket, logs) see of a running engine: the latest
 * immutable snapshot, a stream of notifications, and a way to send commands that come back with
 * a result. One writer thread owns the engine behind this; adapters never block it.
 */
public interface IpmpService {

    /** The latest published snapshot; cheap, never blocks. */
    EngineSnapshot snapshot();

    /**
     * Registers a listener for every notification, called in order on one dispatch thread (not
     * the engine thread). A slow listener delays only other listeners. Close the returned handle
     * to unsubscribe.
     */
    AutoCloseable subscribe(Consumer<Notification> listener);

    /**
     * The one command path: sends {@code command} and completes with its outcome, never
     * exceptionally; after {@code timeout} with {@link Outcome.TimedOut} (the command may still be
     * carried out). Never blocks the caller.
     */
    CompletableFuture<Outcome> execute(Command command, Duration timeout);

    /** Converts an engine timestamp (monotonic nanoseconds) to wall-clock time. */
    Instant wallClock(long engineNanos);

    /** Engine nanoseconds elapsed since the service started (for SNMP TimeStamp / sysUpTime). */
    long uptimeNanos(long engineNanos);
}
