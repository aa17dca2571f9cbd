package net.ipmpd.agent.history;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import net.ipmpd.agent.control.JsonParser;
import net.ipmpd.agent.control.JsonWriter;

/**
 * The log's line format: one JSON object per line (JSON Lines), so a torn last line after a
 * crash is one unreadable line and never damages the ones before it, and an operator can read
 * the file with any JSON tool. Times are RFC 3339 UTC with microseconds.
 */
final class HistoryCodec {
    private HistoryCodec() {
    }

    static String encode(HistoryEvent e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("time", e.at().toString());
        m.put("event", e.kind().word());
        if (!e.group().isEmpty()) {
            m.put("group", e.group());
        }
        if (!e.member().isEmpty()) {
            m.put("interface", e.member());
        }
        if (!e.cause().isEmpty()) {
            m.put("cause", e.cause());
        }
        if (!e.details().isEmpty()) {
            m.put("details", new TreeMap<>(e.details()));
        }
        return JsonWriter.write(m);
    }

    /** The entry on this line; empty for a line that is torn, damaged or from a newer ipmpd. */
    static Optional<HistoryEvent> decode(String line) {
        if (line.isEmpty() || line.charAt(0) != '{' || line.charAt(line.length() - 1) != '}') {
            return Optional.empty();
        }
        try {
            if (!(JsonParser.parse(line) instanceof Map<?, ?> m)) {
                return Optional.empty();
            }
            Optional<EventKind> kind = EventKind.ofWord(text(m, "event"));
            if (kind.isEmpty()) {
                return Optional.empty();
            }
            Map<String, String> details = new LinkedHashMap<>();
            if (m.get("details") instanceof Map<?, ?> d) {
                d.forEach((k, v) -> details.put(String.valueOf(k), String.valueOf(v)));
            }
            return Optional.of(new HistoryEvent(Instant.parse(text(m, "time")), kind.get(), text(m, "group"),
                    text(m, "interface"), text(m, "cause"), details));
        } catch (IllegalArgumentException | DateTimeParseException e) {
            return Optional.empty();
        }
    }

    private static String text(Map<?, ?> m, String key) {
        Object v = m.get(key);
        return v instanceof String s ? s : "";
    }
}
