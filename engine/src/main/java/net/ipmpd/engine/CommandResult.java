package net.ipmpd.engine;

import java.util.List;
import net.ipmpd.engine.config.ConfigProblem;

/** The answer to an event that an operator sent (offline, online, configuration). */
public sealed interface CommandResult {
    CommandResult OK = new Ok();

    record Ok() implements CommandResult {
    }

    /** Refused; nothing changed. {@code message} is written for the operator. */
    record Refused(Reason reason, String message, List<ConfigProblem> problems) implements CommandResult, Outcome {
        public Refused {
            problems = List.copyOf(problems);
        }

        public Refused(Reason reason, String message) {
            this(reason, message, List.of());
        }
    }

    enum Reason {
        /** in.mpathd IPMP_EMINRED: offlining would leave the group without a functioning interface. */
        MIN_REDUNDANCY,
        UNKNOWN_INTERFACE,
        /** if_mpadm -r on a member that is not offline. */
        NOT_OFFLINE,
        ALREADY_OFFLINE,
        /** The interface does not exist now (removed or never seen); it cannot be brought online. */
        NOT_PRESENT,
        /** Offline/online is meaningless for an interface of the anonymous group. */
        NOT_IN_GROUP,
        INVALID_CONFIG,
        /** A {@link Command.ReplaceConfig} built on a configuration the engine no longer runs. */
        STALE_CONFIG,
        /**
         * in.mpathd IPMP_EHWADDRDUP: if_mpadm -r on a member whose hardware address an online
         * member of its group has.
         */
        DUPLICATE_HARDWARE_ADDRESS
    }

    default boolean ok() {
        return this instanceof Ok;
    }
}
