package net.ipmpd.agent.snmp;

import java.time.Duration;
import net.ipmpd.agent.config.UnsavedChange;
import net.ipmpd.engine.Command;
import net.ipmpd.engine.CommandResult;
import net.ipmpd.engine.IpmpService;
import net.ipmpd.engine.Outcome;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.snmp4j.PDU;

/**
 * Sends an SNMP SET's command on the one command path and maps its outcome to the RFC 3416 error
 * status of the commit (or undo) phase. snmp4j-agent's commit runs on its own worker thread, which
 * waits at most the command timeout.
 */
final class SetCommands {
    private static final Logger LOG = LogManager.getLogger(SetCommands.class);

    private final IpmpService ipmp;
    private final Duration timeout;

    SetCommands(IpmpService ipmp, Duration timeout) {
        this.ipmp = ipmp;
        this.timeout = timeout;
    }

    /**
     * noError when done; commitFailed when refused (the engine guarantees a refused command
     * changed nothing) or failed in the engine (existing behaviour); undoFailed when the change
     * may have happened: no answer in time (it may still be carried out), or it runs but the
     * configuration file could not keep it (RFC 3416: "some changes may have been made").
     */
    int send(String what, Command command) {
        Outcome outcome = ipmp.execute(command, timeout)
                .exceptionally(e -> new Outcome.Failed("the command failed: " + e, e)).join();
        return switch (outcome) {
            case Outcome.Done d -> {
                LOG.info("SNMP {}: {} done", what, describe(command));
                yield PDU.noError;
            }
            case CommandResult.Refused r -> {
                LOG.info("SNMP {}: {} refused by the engine: {} ({})", what, describe(command), r.message(), r.reason());
                yield PDU.commitFailed;
            }
            case Outcome.Failed f when f.error() instanceof UnsavedChange -> {
                LOG.error("SNMP {}: {}: {}", what, describe(command), f.message());
                yield PDU.undoFailed;
            }
            case Outcome.Failed f -> {
                LOG.error("SNMP {}: {} failed: {}", what, describe(command), f.message());
                yield PDU.commitFailed;
            }
            case Outcome.TimedOut t -> {
                LOG.warn("SNMP {}: {}: the engine did not answer within {} ms; it may still be carried out", what,
                        describe(command), t.after().toMillis());
                yield PDU.undoFailed;
            }
        };
    }

    private static String describe(Command command) {
        return switch (command) {
            case Command.Offline o -> "offline of " + o.interfaceName();
            case Command.Online o -> "online of " + o.interfaceName();
            case Command.EditConfig e -> e.description();
            case Command.ReplaceConfig r -> "replace the configuration";
        };
    }
}
