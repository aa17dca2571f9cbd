package net.ipmpd.agent.history;

import java.net.InetAddress;
import java.util.Map;
import net.ipmpd.agent.control.Wire;
import net.ipmpd.engine.event.EngineEvent;
import net.ipmpd.engine.notify.Notification;

/**
 * One-line hooks that stamp the steps of a failover where they happen (netlink reader,
 * dataplane, SNMP and NETCONF senders) with System.nanoTime, the engine's clock, so the gaps
 * between them are exact. Each call is a queue offer: never blocks, never throws, does nothing
 * while no daemon records history (tools, unit tests).
 */
public final class FailoverSteps {
    private static volatile HistoryRecorder recorder;

    private FailoverSteps() {
    }

    static void install(HistoryRecorder r) {
        recorder = r;
    }

    static void uninstall(HistoryRecorder r) {
        if (recorder == r) {
            recorder = null;
        }
    }

    /** The kernel told us about a member's link (RTM_NEWLINK read from netlink). */
    public static void kernelNotice(EngineEvent event) {
        HistoryRecorder r = recorder;
        if (r != null && event instanceof EngineEvent.LinkReported l) {
            long now = System.nanoTime();
            String group = r.groupOf(l.interfaceName());
            if (group != null) {
                r.step(now, EventKind.KERNEL_NOTICE, group, l.interfaceName(), Map.of("link", l.running() ? "up" : "down"));
            }
        }
    }

    /** A data address is now on {@code member} (the kernel accepted RTM_NEWADDR). */
    public static void addressAdded(String group, String member, InetAddress address) {
        HistoryRecorder r = recorder;
        if (r != null) {
            r.step(System.nanoTime(), EventKind.ADDRESS_ADDED, group, member, Map.of("address", Wire.address(address)));
        }
    }

    /** The first gratuitous ARP (IPv4) or unsolicited NA (IPv6) for a moved address left. */
    public static void announced(String group, String member, InetAddress address) {
        HistoryRecorder r = recorder;
        if (r != null) {
            r.step(System.nanoTime(), EventKind.ANNOUNCED, group, member, Map.of("address", Wire.address(address),
                    "packet", address instanceof java.net.Inet4Address ? "garp" : "na"));
        }
    }

    /**
     * An SNMP notification left (for informs: was acknowledged or timed out). {@code key} is the
     * rate limiter's subject, "kind:group/member" or "kind:member".
     */
    public static void trapSent(String key) {
        HistoryRecorder r = recorder;
        if (r != null) {
            long now = System.nanoTime();
            String subject = key.substring(key.indexOf(':') + 1);
            int slash = subject.indexOf('/');
            String group = slash < 0 ? r.groupOf(subject) : subject.substring(0, slash);
            String member = slash < 0 ? subject : subject.substring(slash + 1);
            r.step(now, EventKind.TRAP_SENT, group == null ? "" : group, member,
                    Map.of("notification", key.substring(0, Math.max(0, key.indexOf(':')))));
        }
    }

    /** An engine notification was handed to the subscribed NETCONF sessions ({@code sessions} of them). */
    public static void netconfSent(Notification n, int sessions) {
        HistoryRecorder r = recorder;
        if (r == null || sessions == 0) {
            return;
        }
        long now = System.nanoTime();
        // the state changes only: probe and target notifications are not failover steps
        String member = switch (n) {
            case Notification.InterfaceFailed f -> f.member();
            case Notification.InterfaceRepaired f -> f.member();
            case Notification.InterfaceOffline f -> f.member();
            case Notification.InterfaceOnline f -> f.member();
            case Notification.GroupFailed g -> "";
            case Notification.GroupRepaired g -> g.firstUsableMember();
            case Notification.AddressMoved m -> m.to();
            case Notification.Flapping f -> f.member();
            default -> null;
        };
        if (member != null) {
            r.step(now, EventKind.NETCONF_SENT, n.group(), member, Map.of("notification",
                    n.getClass().getSimpleName(), "sessions", Integer.toString(sessions)));
        }
    }

    /** Something else worth a line, e.g. who changed the configuration (see {@link AttributedService}). */
    static void record(HistoryEvent e) {
        HistoryRecorder r = recorder;
        if (r != null) {
            r.offer(e);
        }
    }
}
