package net.ipmpd.engine;

import java.util.Optional;
import java.util.function.UnaryOperator;
import net.ipmpd.engine.config.EngineConfig;

/**
 * What a manager (if_mpadm, SNMP, NETCONF, a reload) asks of the engine. Every manager sends these
 * through {@link IpmpService#execute}, the one command path; the engine decides and answers with
 * an {@link Outcome}.
 */
public sealed interface Command {

    /** if_mpadm -d: detach a member (DR); refused when it would leave the group without a usable member. */
    record Offline(String interfaceName) implements Command {
    }

    /** if_mpadm -r: reattach an offline member. */
    record Online(String interfaceName) implements Command {
    }

    /** A configuration change; {@link #save()} tells the command path whether to keep it in the -c file. */
    sealed interface ConfigCommand extends Command {
        Save save();
    }

    /**
     * Applies {@code edit} to the configuration the engine runs when the command reaches it, so
     * two managers changing different things at once both keep their change (no lost update).
     * An edit that throws IllegalArgumentException is refused with its message.
     *
     * @param description what changes, for logs and the history ("FAILURE_DETECTION_TIME=5000")
     */
    record EditConfig(String description, UnaryOperator<EngineConfig> edit, Save save) implements ConfigCommand {
    }

    /**
     * Replaces the whole configuration. With {@code basedOn} present, the engine refuses the change
     * ({@link CommandResult.Reason#STALE_CONFIG}) unless it still runs exactly that configuration,
     * so a change built from an old view never silently undoes a newer one; the sender rebuilds
     * its change on the configuration now running and tries again.
     */
    record ReplaceConfig(EngineConfig config, Optional<EngineConfig> basedOn, Save save) implements ConfigCommand {
    }

    /** Whether an accepted configuration change is written to the -c file. */
    enum Save {
        /** Saved atomically before the command completes: the change survives a restart. */
        TO_FILE,
        /** Runs only (a NETCONF confirmed commit not yet confirmed; a reload that read the file). */
        RUNNING_ONLY
    }
}
