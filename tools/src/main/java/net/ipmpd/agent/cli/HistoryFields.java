package net.ipmpd.agent.cli;

import java.time.Duration;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import net.ipmpd.agent.history.Outages;

/**
 * The fields of ipmpstat -e. TIME is local time to the millisecond in the human format and RFC
 * 3339 UTC to the microsecond for -P and -j, so scripts get exact, zone-free times. OUTAGE is
 * the length of the outage the entry ended (repair, online, group repaired, flapping ended).
 */
final class HistoryFields {
    private static final DateTimeFormatter HUMAN_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS")
            .withZone(ZoneId.systemDefault());

    private HistoryFields() {
    }

    static List<Column<Outages.Row>> columns(Table.Format format) {
        return List.of(
                new Column<>("TIME", 24, r -> format == Table.Format.HUMAN ? HUMAN_TIME.format(r.event().at())
                        : r.event().at().toString()),
                new Column<>("GROUP", 8, r -> r.event().group()),
                new Column<>("INTERFACE", 10, r -> r.event().member()),
                new Column<>("EVENT", 15, r -> r.event().kind().word()),
                new Column<>("CAUSE", 14, r -> r.event().cause()),
                new Column<>("OUTAGE", 9, r -> r.outage().map(HistoryFields::duration).orElse("")),
                new Column<>("DETAIL", 40, r -> detail(r.event().details())));
    }

    /** 0.8ms, 412ms, 3.25s, 12m05s, 2h03m. */
    static String duration(Duration d) {
        long micros = d.toNanos() / 1000;
        if (micros < 10_000) {
            return String.format("%.1fms", micros / 1000.0);
        }
        if (micros < 1_000_000) {
            return (micros / 1000) + "ms";
        }
        long s = d.toSeconds();
        if (s < 60) {
            return String.format("%.2fs", micros / 1e6);
        }
        if (s < 3600) {
            return String.format("%dm%02ds", s / 60, s % 60);
        }
        return String.format("%dh%02dm", s / 3600, (s % 3600) / 60);
    }

    private static String detail(Map<String, String> details) {
        return new TreeMap<>(details).entrySet().stream().filter(e -> !e.getValue().isEmpty())
                .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(" "));
    }
}
