package net.ipmpd.agent.history;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * One entry of the event history, as written to the log and read back: when it happened (the
 * event's own time on the wall clock, microsecond precision), what, to which group and member
 * (empty when not about one), why (the engine's cause word, empty when none) and details (data
 * address, from/to member, who asked, ...). Immutable; the same record feeds ipmpstat -e, the
 * timeline and, later, NETCONF replay.
 */
public record HistoryEvent(Instant at, EventKind kind, String group, String member, String cause,
                           Map<String, String> details) {
    public HistoryEvent {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(kind, "kind");
        group = group == null ? "" : group;
        member = member == null ? "" : member;
        cause = cause == null ? "" : cause;
        details = Map.copyOf(details);
    }

    public String detail(String name) {
        return details.getOrDefault(name, "");
    }
}
