package net.ipmpd.agent.history;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongFunction;
import net.ipmpd.agent.control.Wire;
import net.ipmpd.engine.config.Family;
import net.ipmpd.engine.notify.Notification;

/**
 * Turns an engine notification into its history entry, at the notification's own time (the
 * engine's decision). Probe outcomes are not entries: the recorder keeps only lost probes of a
 * member still in service, which it decides itself. NETCONF replay uses it to match live
 * notifications with their history entries.
 */
public final class NotificationEntries {
    private NotificationEntries() {
    }

    public static Optional<HistoryEvent> of(Notification n, LongFunction<Instant> wallClock) {
        Instant at = wallClock.apply(n.atNanos());
        String cause = n.cause().yangName();
        HistoryEvent e = switch (n) {
            case Notification.InterfaceFailed f -> new HistoryEvent(at, EventKind.FAILURE, f.group(), f.member(), cause, Map.of());
            case Notification.InterfaceRepaired r -> new HistoryEvent(at, EventKind.REPAIR, r.group(), r.member(), cause, Map.of());
            case Notification.InterfaceOffline o -> new HistoryEvent(at, EventKind.OFFLINE, o.group(), o.member(), cause, Map.of());
            case Notification.InterfaceOnline o -> new HistoryEvent(at, EventKind.ONLINE, o.group(), o.member(), cause, Map.of());
            case Notification.GroupFailed g -> new HistoryEvent(at, EventKind.GROUP_FAILED, g.group(), "", cause, Map.of());
            case Notification.GroupRepaired g -> new HistoryEvent(at, EventKind.GROUP_REPAIRED, g.group(), g.firstUsableMember(),
                    cause, Map.of());
            case Notification.AddressMoved m -> new HistoryEvent(at, EventKind.ADDRESS_MOVED, m.group(), m.to(), cause,
                    Map.of("address", Wire.address(m.address()), "from", m.from() == null ? "" : m.from(), "to", m.to()));
            case Notification.Flapping f -> new HistoryEvent(at, f.suppressed() ? EventKind.FLAPPING : EventKind.FLAPPING_ENDED,
                    f.group(), f.member(), cause, Map.of("penalty", Integer.toString(f.penalty())));
            case Notification.LinkChanged l -> new HistoryEvent(at, l.up() ? EventKind.LINK_UP : EventKind.LINK_DOWN, l.group(),
                    l.member(), cause, Map.of());
            case Notification.FlapGuardEngaged f -> new HistoryEvent(at, EventKind.FLAP_GUARD, f.group(), f.member(), cause,
                    Map.of("link-ups-last-minute", Integer.toString(f.linkUpsLastMinute())));
            case Notification.FailureDetectionTimeChanged c -> new HistoryEvent(at,
                    c.effectiveMs() > c.previousMs() ? EventKind.FDT_RAISED : EventKind.FDT_LOWERED, c.group(), c.member(), cause,
                    Map.of("fdt-ms", Long.toString(c.effectiveMs()), "previous-ms", Long.toString(c.previousMs()),
                            "requested-ms", Long.toString(c.requestedMs()), "family", family(c.family())));
            case Notification.TargetChanged t -> new HistoryEvent(at, EventKind.TARGET_CHANGED, t.group(), t.member(), cause,
                    Map.of("target", Wire.address(t.target()), "state", t.removed() ? "removed" : Wire.enumToWire(t.state()),
                            "mode", Wire.enumToWire(t.mode())));
            case Notification.ConfigWarning w -> new HistoryEvent(at, EventKind.CONFIG_WARNING, w.group(), w.member(), cause,
                    Map.of("message", w.message()));
            case Notification.ProbeCompleted p -> p.lost()
                    ? new HistoryEvent(at, EventKind.PROBE_LOST, p.group(), p.member(), "", Map.of("target",
                            Wire.address(p.target()), "probe", Integer.toUnsignedString(p.sequence())))
                    : null;
        };
        return Optional.ofNullable(e);
    }

    private static String family(Family f) {
        return f == Family.IPV4 ? "inet" : "inet6";
    }
}
