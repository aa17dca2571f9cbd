package net.ipmpd.engine;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import net.ipmpd.engine.event.EngineEvent;
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
    default CompletableFuture<Outcome> execute(Command command, Duration timeout) {
        // TRANSITIONAL (issue 10): removed once every implementation implements execute itself
        EngineEvent event = switch (command) {
            case Command.Offline o -> new EngineEvent.OfflineRequested(o.interfaceName());
            case Command.Online o -> new EngineEvent.OnlineRequested(o.interfaceName());
            case Command.EditConfig e -> new EngineEvent.ConfigChanged(e.edit().apply(snapshot().config()));
            case Command.ReplaceConfig r -> new EngineEvent.ConfigChanged(r.config());
        };
        return submit(event).handle((r, e) -> e != null ? new Outcome.Failed(e.toString(), e)
                : r instanceof CommandResult.Refused refused ? refused : new Outcome.Done(snapshot().config()));
    }

    /**
     * Sends a command event and completes with its result.
     *
     * @deprecated use {@link #execute}; kept until every manager has moved over
     */
    @Deprecated
    default CompletableFuture<CommandResult> submit(EngineEvent command) {
        throw new UnsupportedOperationException("use execute");
    }

    /** Converts an engine timestamp (monotonic nanoseconds) to wall-clock time. */
    Instant wallClock(long engineNanos);

    /** Engine nanoseconds elapsed since the service started (for SNMP TimeStamp / sysUpTime). */
    long uptimeNanos(long engineNanos);
}
