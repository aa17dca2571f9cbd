package net.ipmpd.engine.notify;

import java.net.InetAddress;
import net.ipmpd.engine.config.Family;
import net.ipmpd.engine.state.TargetMode;
import net.ipmpd.engine.state.TargetState;

/**
 * What the engine tells the world: traps, NETCONF notifications and log lines are all made from
 * these. Each names its group (empty for the anonymous group), carries a cause and the engine
 * time it happened at.
 */
public sealed interface Notification {
    long atNanos();

    String group();

    Cause cause();

    /** The member is no longer usable (in.mpathd: "IP interface failure detected on %s"). */
    record InterfaceFailed(long atNanos, String group, String member, Cause cause) implements Notification {
    }

    /** The member is usable again (in.mpathd: "IP interface repair detected on %s"). */
    record InterfaceRepaired(long atNanos, String group, String member, Cause cause) implements Notification {
    }

    /** The member was taken offline (DR detach) by an operator or by hot removal. */
    record InterfaceOffline(long atNanos, String group, String member, Cause cause) implements Notification {
    }

    /** The member was brought back online (DR attach). */
    record InterfaceOnline(long atNanos, String group, String member, Cause cause) implements Notification {
    }

    /** Every member is unusable (in.mpathd: "All IP interfaces in group %s are now unusable"). */
    record GroupFailed(long atNanos, String group, Cause cause) implements Notification {
    }

    /** A member is usable again after a group failure. */
    record GroupRepaired(long atNanos, String group, String firstUsableMember, Cause cause) implements Notification {
    }

    /** A data address moved (failover or failback). */
    record AddressMoved(long atNanos, String group, InetAddress address, String from, String to, Cause cause)
            implements Notification {
    }

    /** The flap damper started ({@code suppressed}) or stopped holding a member out of service. */
    record Flapping(long atNanos, String group, String member, boolean suppressed, int penalty, Cause cause)
            implements Notification {
    }

    /** The link went down or came up (in.mpathd: "The link has gone down on %s"). */
    record LinkChanged(long atNanos, String group, String member, boolean up, Cause cause) implements Notification {
    }

    /** in.mpathd's flap guard: too many link-ups in a minute on a member without test addresses. */
    record FlapGuardEngaged(long atNanos, String group, String member, int linkUpsLastMinute, Cause cause)
            implements Notification {
    }

    /**
     * The group's effective failure detection time changed because of the targets' RTT
     * (in.mpathd: "Cannot meet requested failure detection time ..." / "Improved failure detection time ...").
     */
    record FailureDetectionTimeChanged(long atNanos, String group, String member, Family family, InetAddress target,
                                       long requestedMs, long previousMs, long effectiveMs, Cause cause) implements Notification {
    }

    /** A probe target was added, changed state or was dropped. */
    record TargetChanged(long atNanos, String group, String member, Family family, InetAddress target,
                         TargetMode mode, TargetState state, boolean removed, Cause cause) implements Notification {
    }

    /**
     * One probe's outcome, for ipmpstat -p.
     *
     * @param startedAtNanos when the probe went out (ipmpstat -p TIME), answered or lost
     * @param netRttMicros send to socket receive; -1 when lost
     * @param rttMicros send to processing by the engine; -1 when lost
     */
    record ProbeCompleted(long atNanos, String group, String member, Family family, InetAddress target, int sequence,
                          long startedAtNanos, long netRttMicros, long rttMicros, long rttAverageMicros,
                          long rttDeviationMicros, Cause cause) implements Notification {
        /**
         * For a caller that does not know the start: an answered probe's start is derived from its
         * RTT; a lost one's is taken as the notification's time.
         */
        public ProbeCompleted(long atNanos, String group, String member, Family family, InetAddress target, int sequence,
                              long netRttMicros, long rttMicros, long rttAverageMicros, long rttDeviationMicros, Cause cause) {
            this(atNanos, group, member, family, target, sequence, rttMicros < 0 ? atNanos : atNanos - rttMicros * 1000,
                    netRttMicros, rttMicros, rttAverageMicros, rttDeviationMicros, cause);
        }

        public boolean lost() {
            return rttMicros < 0;
        }
    }

    /** Something the operator should fix, e.g. a member without a test address (in.mpathd logs these). */
    record ConfigWarning(long atNanos, String group, String member, String message, Cause cause) implements Notification {
    }
}
