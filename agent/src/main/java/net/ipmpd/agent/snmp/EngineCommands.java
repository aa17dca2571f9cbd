package net.ipmpd.agent.snmp;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import net.ipmpd.engine.CommandResult;
import net.ipmpd.engine.IpmpService;
import net.ipmpd.engine.event.EngineEvent;

/** Sends a command to the engine from an SNMP SET and waits a bounded time for its result. */
final class EngineCommands {
    private EngineCommands() {
    }

    /**
     * The engine's answer, or empty when it did not answer within {@code timeout} (the command
     * may still be applied later; the SET then reports undoFailed, the RFC 3416 code for "some
     * change may have happened").
     */
    static Optional<CommandResult> submit(IpmpService ipmp, EngineEvent command, Duration timeout) {
        try {
            return Optional.of(ipmp.submit(command).get(timeout.toMillis(), TimeUnit.MILLISECONDS));
        } catch (TimeoutException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        } catch (ExecutionException e) {
            return Optional.of(new CommandResult.Refused(CommandResult.Reason.INVALID_CONFIG,
                    "the engine failed the command: " + e.getCause()));
        }
    }
}
