package net.ipmpd.agent.netconf;

import com.google.common.net.InetAddresses;
import java.util.Optional;
import net.ipmpd.agent.history.HistoryEvent;
import net.ipmpd.engine.notify.Cause;
import net.ipmpd.engine.notify.Notification;

/**
 * History entries back into the engine notifications they were recorded from, so that replay
 * (RFC 5277 section 2.1.1, startTime) encodes them exactly as live delivery does. Only entries
 * the ipmp module publishes as YANG notifications come back; the rest (steps, tuning, operator
 * actions) and entries this ipmpd cannot read (an unknown cause) give empty.
 */
final class ReplayedNotifications {
    /** The engine time of every rebuilt notification: its eventTime comes from the entry instead. */
    static final long NO_ENGINE_TIME = 0L;

    private ReplayedNotifications() {
    }

    static Optional<Notification> of(HistoryEvent e) {
        Optional<Cause> cause = cause(e.cause());
        if (cause.isEmpty()) {
            return Optional.empty();
        }
        Cause c = cause.get();
        long t = NO_ENGINE_TIME;
        try {
            return Optional.ofNullable(switch (e.kind()) {
                case FAILURE -> new Notification.InterfaceFailed(t, e.group(), e.member(), c);
                case REPAIR -> new Notification.InterfaceRepaired(t, e.group(), e.member(), c);
                case OFFLINE -> new Notification.InterfaceOffline(t, e.group(), e.member(), c);
                case ONLINE -> new Notification.InterfaceOnline(t, e.group(), e.member(), c);
                case GROUP_FAILED -> new Notification.GroupFailed(t, e.group(), c);
                case GROUP_REPAIRED -> new Notification.GroupRepaired(t, e.group(), e.member(), c);
                case ADDRESS_MOVED -> new Notification.AddressMoved(t, e.group(), InetAddresses.forString(e.detail("address")),
                        e.detail("from").isEmpty() ? null : e.detail("from"), e.detail("to"), c);
                case FLAPPING, FLAPPING_ENDED -> new Notification.Flapping(t, e.group(), e.member(),
                        e.kind() == net.ipmpd.agent.history.EventKind.FLAPPING, Integer.parseInt(e.detail("penalty")), c);
                default -> null;
            });
        } catch (IllegalArgumentException damaged) {
            // an address or penalty that does not parse: the entry cannot become its notification
            return Optional.empty();
        }
    }

    private static Optional<Cause> cause(String yangName) {
        for (Cause c : Cause.values()) {
            if (c.yangName().equals(yangName)) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }
}
