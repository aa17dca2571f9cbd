package net.ipmpd.agent.history;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Pairs the entry that starts an outage with the one that ends it (failure and repair, offline
 * and online, group failed and repaired, flapping and its end) and gives the ending entry the
 * outage's length. A second start while one is open keeps the first (the outage began then). A
 * daemon start forgets open outages: what happened while ipmpd was not running is unknown.
 */
public final class Outages {
    private Outages() {
    }

    /** An entry and, when it ended an outage, how long that outage lasted. */
    public record Row(HistoryEvent event, Optional<Duration> outage) {
    }

    /** @param events in time order */
    public static List<Row> annotate(List<HistoryEvent> events) {
        Map<String, HistoryEvent> open = new HashMap<>();
        List<Row> rows = new ArrayList<>(events.size());
        for (HistoryEvent e : events) {
            Optional<Duration> outage = Optional.empty();
            switch (e.kind()) {
                case FAILURE, OFFLINE, FLAPPING -> open.putIfAbsent(key(e.kind(), e), e);
                case GROUP_FAILED -> open.putIfAbsent(key(e.kind(), e), e);
                case REPAIR -> outage = close(open, key(EventKind.FAILURE, e), e);
                case ONLINE -> outage = close(open, key(EventKind.OFFLINE, e), e);
                case FLAPPING_ENDED -> outage = close(open, key(EventKind.FLAPPING, e), e);
                case GROUP_REPAIRED -> outage = close(open, key(EventKind.GROUP_FAILED, e), e);
                case DAEMON_STARTED -> open.clear();
                default -> {
                }
            }
            rows.add(new Row(e, outage));
        }
        return rows;
    }

    private static String key(EventKind start, HistoryEvent e) {
        // a group outage is the group's; the others are a member's
        return start + "/" + e.group() + "/" + (start == EventKind.GROUP_FAILED ? "" : e.member());
    }

    private static Optional<Duration> close(Map<String, HistoryEvent> open, String key, HistoryEvent end) {
        HistoryEvent start = open.remove(key);
        return start == null ? Optional.empty() : Optional.of(Duration.between(start.at(), end.at()));
    }
}
