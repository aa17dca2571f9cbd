package net.ipmpd.engine;

import java.time.Duration;
import net.ipmpd.engine.config.EngineConfig;

/**
 * How a {@link Command} ended, as the command path reports it. A future of an outcome never
 * completes exceptionally: every way a command can end is one of these.
 */
public sealed interface Outcome permits Outcome.Done, CommandResult.Refused, Outcome.Failed, Outcome.TimedOut {

    /** Carried out; {@code config} is the configuration running (and, if asked, saved) right after it. */
    record Done(EngineConfig config) implements Outcome {
    }

    /** The command could not be carried out because of an error (a bug, a file that cannot be written). */
    record Failed(String message, Throwable error) implements Outcome {
    }

    /**
     * No answer within the caller's time; the command may still be carried out later (RFC 3416's
     * undoFailed, NETCONF's operation-failed "did not answer").
     */
    record TimedOut(Duration after) implements Outcome {
    }

    default boolean done() {
        return this instanceof Done;
    }
}
