package net.ipmpd.agent.history.timeline;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import net.ipmpd.agent.history.EventKind;
import net.ipmpd.agent.history.HistoryEvent;

/**
 * One failover, failback, offline or other burst of history: entries no more than
 * {@link #QUIET} apart that hold at least one state change. Its steps are the entries a reader
 * follows from fault to notification, each with the milliseconds since the one before.
 */
record Incident(String title, Instant start, Instant end, List<Step> steps) {
    /** Entries closer than this belong together (above a probe interval at the default FDT of 10 s). */
    static final Duration QUIET = Duration.ofSeconds(3);

    record Step(Instant at, String label, String member, EventKind kind) {
    }

    /** How far back the lost probes that led to a probe-based failure are looked for (5 probes at FDT 10 s). */
    static final Duration PROBE_LOOKBACK = Duration.ofSeconds(12);

    /**
     * Cuts time-ordered entries into incidents. Lost probes never chain entries together (on a busy
     * host they are everywhere); an incident whose failure was detected by probes gets the lost
     * probes of its member that led up to it.
     */
    static List<Incident> of(List<HistoryEvent> events) {
        List<Incident> out = new ArrayList<>();
        List<HistoryEvent> burst = new ArrayList<>();
        for (HistoryEvent e : events) {
            if (!takesPart(e) || e.kind() == EventKind.PROBE_LOST) {
                continue;
            }
            if (!burst.isEmpty() && startsAnother(burst, e)) {
                close(burst, events, out);
                burst.clear();
            }
            burst.add(e);
        }
        close(burst, events, out);
        return out;
    }

    /** In a fast sequence (an operator taking a member offline just after a repair) each fault is its own incident. */
    private static boolean startsAnother(List<HistoryEvent> burst, HistoryEvent e) {
        Duration gap = Duration.between(burst.getLast().at(), e.at());
        if (gap.compareTo(QUIET) > 0) {
            return true;
        }
        boolean opener = switch (e.kind()) {
            case FAILURE, OFFLINE, GROUP_FAILED, FLAPPING, ADMIN_REQUEST, KERNEL_NOTICE -> true;
            default -> false;
        };
        return opener && gap.compareTo(Duration.ofSeconds(1)) > 0 && burst.stream().anyMatch(Incident::decisive);
    }

    /** Lost probes closer than this belong to one streak (in.mpathd's probe interval at FDT 10 s is about 1.4 s). */
    static final Duration STREAK_GAP = Duration.ofMillis(2200);

    private static void close(List<HistoryEvent> burst, List<HistoryEvent> all, List<Incident> out) {
        HistoryEvent decisive = burst.stream().filter(Incident::decisive).findFirst().orElse(null);
        if (decisive != null) {
            if (decisive.kind() == EventKind.FAILURE && decisive.cause().equals("probes-lost")) {
                Instant since = decisive.at().minus(PROBE_LOOKBACK);
                Instant after = out.isEmpty() ? Instant.MIN : out.getLast().end();
                List<HistoryEvent> losses = all.stream().filter(e -> e.kind() == EventKind.PROBE_LOST
                        && e.member().equals(decisive.member()) && e.at().isAfter(since) && e.at().isAfter(after)
                        && !e.at().isAfter(decisive.at())).toList();
                // only the streak that ended in the failure, not an isolated loss long before it
                int first = losses.size();
                Instant next = decisive.at();
                while (first > 0 && Duration.between(losses.get(first - 1).at(), next).compareTo(STREAK_GAP) <= 0) {
                    first--;
                    next = losses.get(first).at();
                }
                List<HistoryEvent> merged = new ArrayList<>(losses.subList(first, losses.size()));
                merged.addAll(burst);
                merged.sort(java.util.Comparator.comparing(HistoryEvent::at));
                burst = merged;
            }
            List<Step> steps = new ArrayList<>();
            boolean probeLossShown = false;
            for (HistoryEvent e : burst) {
                if (e.kind() == EventKind.PROBE_LOST) {
                    if (probeLossShown) {
                        continue;
                    }
                    probeLossShown = true;
                }
                steps.add(new Step(e.at(), label(e), e.member(), e.kind()));
            }
            out.add(new Incident(title(decisive), burst.getFirst().at(), burst.getLast().at(), List.copyOf(steps)));
        }
    }

    private static boolean takesPart(HistoryEvent e) {
        return switch (e.kind()) {
            case FAILURE, REPAIR, OFFLINE, ONLINE, GROUP_FAILED, GROUP_REPAIRED, ADDRESS_MOVED, FLAPPING, FLAPPING_ENDED,
                 PROBE_LOST, KERNEL_NOTICE, ADDRESS_ADDED, ANNOUNCED, TRAP_SENT, NETCONF_SENT, ADMIN_REQUEST -> true;
            default -> false;
        };
    }

    private static boolean decisive(HistoryEvent e) {
        return switch (e.kind()) {
            case FAILURE, REPAIR, OFFLINE, ONLINE, GROUP_FAILED, GROUP_REPAIRED, ADDRESS_MOVED, FLAPPING, FLAPPING_ENDED -> true;
            default -> false;
        };
    }

    private static String title(HistoryEvent e) {
        String why = e.cause().isEmpty() ? "" : " (" + e.cause() + ")";
        return switch (e.kind()) {
            case FAILURE -> "Failover: " + e.member() + " failed" + why;
            case REPAIR -> "Repair: " + e.member() + " repaired";
            case OFFLINE -> "Offline: " + e.member() + why;
            case ONLINE -> "Online: " + e.member() + why;
            case GROUP_FAILED -> "Group failure: " + e.group() + why;
            case GROUP_REPAIRED -> "Group repaired: " + e.group();
            case ADDRESS_MOVED -> (e.cause().equals("failback") ? "Failback: " : "Move: ") + e.detail("address") + " "
                    + e.detail("from") + " \u2192 " + e.detail("to");
            case FLAPPING -> "Flapping: " + e.member() + " held out of service";
            case FLAPPING_ENDED -> "Flapping ended: " + e.member();
            default -> e.kind().word();
        };
    }

    static String label(HistoryEvent e) {
        return switch (e.kind()) {
            case PROBE_LOST -> "first probe lost (to " + e.detail("target") + ")";
            case KERNEL_NOTICE -> "kernel: link " + e.detail("link");
            case FAILURE -> "engine: failure detected (" + e.cause() + ")";
            case REPAIR -> "engine: repair detected";
            case OFFLINE -> "engine: offline (" + e.cause() + ")";
            case ONLINE -> "engine: online";
            case GROUP_FAILED -> "engine: group " + e.group() + " failed";
            case GROUP_REPAIRED -> "engine: group " + e.group() + " repaired";
            case ADDRESS_MOVED -> "engine: move " + e.detail("address") + " " + e.detail("from") + " \u2192 " + e.detail("to");
            case ADDRESS_ADDED -> "address " + e.detail("address") + " on " + e.member();
            case ANNOUNCED -> (e.detail("packet").equals("na") ? "unsolicited NA" : "gratuitous ARP") + " sent";
            case TRAP_SENT -> "SNMP notification sent (" + e.detail("notification") + ")";
            case NETCONF_SENT -> "NETCONF notification sent (" + e.detail("notification") + ")";
            case ADMIN_REQUEST -> e.detail("by") + ": " + e.detail("request") + " " + e.member() + " requested";
            case FLAPPING -> "engine: flapping, held out of service";
            case FLAPPING_ENDED -> "engine: flapping ended";
            default -> e.kind().word();
        };
    }
}
