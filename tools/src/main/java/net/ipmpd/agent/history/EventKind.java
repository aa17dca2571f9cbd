package net.ipmpd.agent.history;

import java.util.Locale;
import java.util.Optional;

/**
 * What a history entry records, with the word used in the log file, ipmpstat -e and the
 * timeline. Engine notifications, the measured steps of a failover around them, operator
 * actions and the daemon's own life.
 */
public enum EventKind {
    // engine notifications (IPMP's vocabulary)
    FAILURE(Family.STATE), REPAIR(Family.STATE), OFFLINE(Family.STATE), ONLINE(Family.STATE),
    GROUP_FAILED(Family.STATE), GROUP_REPAIRED(Family.STATE), ADDRESS_MOVED(Family.STATE),
    FLAPPING(Family.STATE), FLAPPING_ENDED(Family.STATE), LINK_DOWN(Family.STATE), LINK_UP(Family.STATE),
    FLAP_GUARD(Family.STATE), FDT_RAISED(Family.TUNING), FDT_LOWERED(Family.TUNING),
    TARGET_CHANGED(Family.TUNING), CONFIG_WARNING(Family.TUNING),
    /** A probe lost while its member was still in service: the run-up to a probe-based failure. */
    PROBE_LOST(Family.STEP),
    // measured steps of a failover, stamped where they happen
    KERNEL_NOTICE(Family.STEP), ADDRESS_ADDED(Family.STEP), ANNOUNCED(Family.STEP), TRAP_SENT(Family.STEP),
    NETCONF_SENT(Family.STEP),
    // who changed what
    ADMIN_REQUEST(Family.OPERATOR), CONFIG_CHANGED(Family.OPERATOR), CONFIG_REFUSED(Family.OPERATOR),
    /** Where each member stands (state, data addresses), recorded when it changes: the timeline's lanes. */
    MEMBER_STATE(Family.CONTEXT),
    DAEMON_STARTED(Family.CONTEXT), DAEMON_STOPPED(Family.CONTEXT),
    /** The recorder's queue was full: this many entries are missing just before this one. */
    RECORDS_DROPPED(Family.CONTEXT);

    /** Rough grouping, for what ipmpstat shows by default and what the timeline draws. */
    public enum Family { STATE, TUNING, STEP, OPERATOR, CONTEXT }

    private final Family family;

    EventKind(Family family) {
        this.family = family;
    }

    public Family family() {
        return family;
    }

    /** The word in the log and in ipmpstat: lower case, hyphenated. */
    public String word() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static Optional<EventKind> ofWord(String word) {
        for (EventKind k : values()) {
            if (k.word().equals(word)) {
                return Optional.of(k);
            }
        }
        return Optional.empty();
    }
}
