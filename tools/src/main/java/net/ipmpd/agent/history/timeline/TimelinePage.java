package net.ipmpd.agent.history.timeline;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import net.ipmpd.agent.control.JsonWriter;
import net.ipmpd.agent.history.HistoryEvent;
import net.ipmpd.agent.history.Outages;

/**
 * Writes the timeline: one self-contained HTML page (inline CSS, SVG drawn by inline script, no
 * external resources) with a lane per member, the data addresses as bars moving between lanes,
 * a marker per step, and per incident a table of its steps with the milliseconds between them
 * (in the HTML itself, so the figures read without script). Buttons zoom to one incident.
 */
public final class TimelinePage {
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS")
            .withZone(ZoneId.systemDefault());

    private TimelinePage() {
    }

    /** What the page shows, for the command's message. */
    public record Summary(int members, int incidents, int events) {
    }

    /** Writes the page atomically (a temporary file renamed over {@code file}). */
    public static Summary write(Path file, List<Outages.Row> rows) throws IOException {
        List<HistoryEvent> events = rows.stream().map(Outages.Row::event).toList();
        TimelineModel model = new TimelineModel(events);
        List<Incident> incidents = Incident.of(events);
        String html = render(model, incidents, events);
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, ".timeline", ".html.tmp");
        try {
            Files.writeString(tmp, html, StandardCharsets.UTF_8);
            // a page to open in a browser, as readable as ipmpstat's output
            Files.setPosixFilePermissions(tmp, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(tmp);
        }
        return new Summary(model.memberCount(), incidents.size(), events.size());
    }

    static String render(TimelineModel model, List<Incident> incidents, List<HistoryEvent> events) {
        StringBuilder h = new StringBuilder(64 * 1024);
        String range = events.isEmpty() ? "no events"
                : CLOCK.format(events.getFirst().at()) + " \u2013 " + CLOCK.format(events.getLast().at());
        h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n<title>ipmpd timeline</title>\n")
                .append("<style>\n").append(resource("timeline.css")).append("</style>\n</head><body>\n")
                .append("<header><h1>ipmpd failover timeline</h1><p class=\"range\">").append(esc(range))
                .append(" \u00b7 ").append(model.memberCount()).append(" members \u00b7 ").append(incidents.size())
                .append(" incidents \u00b7 ").append(events.size()).append(" events</p></header>\n");
        h.append("<nav id=\"zoom\"><button data-incident=\"all\" class=\"on\">Whole history</button>");
        for (int i = 0; i < incidents.size(); i++) {
            Incident inc = incidents.get(i);
            h.append("<button data-incident=\"").append(i).append("\">").append(i + 1).append(". ")
                    .append(esc(inc.title())).append("</button>");
        }
        h.append("</nav>\n<section id=\"chart\"><svg id=\"timeline\" xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" "
                + "aria-label=\"member lanes over time\"></svg>\n<div id=\"tip\" hidden></div>\n")
                .append("<noscript><p>The lanes are drawn by the page's script; the tables below hold every figure.</p></noscript>\n")
                .append(legend()).append("</section>\n<section id=\"incidents\">\n");
        for (int i = 0; i < incidents.size(); i++) {
            h.append(incidentTable(i, incidents.get(i)));
        }
        h.append("</section>\n<script type=\"application/json\" id=\"timeline-data\">")
                .append(JsonWriter.write(model.data(incidents)).replace("</", "<\\/")).append("</script>\n<script>\n")
                .append(resource("timeline.js")).append("</script>\n</body></html>\n");
        return h.toString();
    }

    private static String incidentTable(int index, Incident inc) {
        StringBuilder h = new StringBuilder();
        Duration span = Duration.between(inc.start(), inc.end());
        h.append("<article class=\"incident\" id=\"incident-").append(index).append("\"><h2><a href=\"#\" data-incident=\"")
                .append(index).append("\">").append(index + 1).append(". ").append(esc(inc.title())).append("</a></h2>")
                .append("<p class=\"when\">").append(esc(CLOCK.format(inc.start()))).append(" \u00b7 ")
                .append(ms(span)).append(" from first to last step</p>\n")
                .append("<table class=\"steps\"><thead><tr><th>step</th><th>interface</th><th>at</th><th>gap</th></tr></thead><tbody>\n");
        Incident.Step previous = null;
        for (Incident.Step s : inc.steps()) {
            h.append("<tr class=\"step ").append(s.kind().word()).append("\"><td>").append(esc(s.label())).append("</td><td>")
                    .append(esc(s.member())).append("</td><td class=\"num\">+")
                    .append(ms(Duration.between(inc.start(), s.at()))).append("</td><td class=\"num gap\">")
                    .append(previous == null ? "" : "+" + ms(Duration.between(previous.at(), s.at()))).append("</td></tr>\n");
            previous = s;
        }
        return h.append("</tbody></table></article>\n").toString();
    }

    /** Milliseconds with three decimals below 10 s (the steps are microseconds apart), else seconds. */
    static String ms(Duration d) {
        long micros = d.toNanos() / 1000;
        if (micros < 10_000_000) {
            return String.format("%.3f ms", micros / 1000.0);
        }
        return String.format("%.3f s", micros / 1e6);
    }

    private static String legend() {
        return """
                <ul id="legend">
                <li><i class="st ok"></i>ok</li><li><i class="st failed"></i>failed</li><li><i class="st offline"></i>offline</li>
                <li><i class="st standby"></i>standby / inactive</li><li><i class="st flapping"></i>flapping</li>
                <li><i class="st not-running"></i>ipmpd not running</li><li><i class="bar"></i>data address</li>
                <li><b class="mk probe-lost">\u00d7</b>probe lost</li><li><b class="mk kernel-notice">\u25bc</b>kernel notice</li>
                <li><b class="mk failure">\u25c6</b>detection</li><li><b class="mk address-moved">\u27a4</b>move</li>
                <li><b class="mk announced">\u25cf</b>GARP / NA</li><li><b class="mk trap-sent">\u25a0</b>SNMP</li>
                <li><b class="mk netconf-sent">\u25b2</b>NETCONF</li><li><b class="mk admin-request">\u270e</b>operator</li>
                </ul>
                """;
    }

    static String esc(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }

    private static String resource(String name) {
        try (InputStream in = TimelinePage.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("the timeline's " + name + " is missing from ipmpd's class path");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
