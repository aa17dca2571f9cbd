package net.ipmpd.agent.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import net.ipmpd.agent.control.JsonWriter;
import net.ipmpd.agent.history.EventKind;
import net.ipmpd.agent.history.HistoryEvent;
import net.ipmpd.agent.history.HistoryFiles;
import net.ipmpd.agent.history.HistoryReader;
import net.ipmpd.agent.history.Outages;
import net.ipmpd.agent.history.timeline.TimelinePage;

/**
 * ipmpstat -e: the event history, read straight from ipmpd's log files (it works while ipmpd is
 * stopped, and after a crash). Outages are paired over the whole log before the filters apply,
 * so a repair shows how long its failure lasted even when the failure is before --since.
 */
final class IpmpstatHistory {
    private IpmpstatHistory() {
    }

    static int run(String[] args, PrintStream out, PrintStream err, Map<String, String> env) {
        HistoryOptions opts;
        try {
            opts = HistoryOptions.parse(args, env.get(HistoryOptions.STATE_DIR_ENV), Instant.now());
        } catch (IpmpstatOptions.UsageException e) {
            if (e.getMessage() != null) {
                err.println(Ipmpstat.PROG + ": " + e.getMessage());
            }
            if (e.usage) {
                err.print(HistoryOptions.usage());
            }
            return 1;
        }
        Path dir = HistoryFiles.directoryIn(opts.stateDirectory());
        HistoryReader.Result read;
        try {
            read = new HistoryReader(dir).readAll();
        } catch (HistoryReader.UnreadableHistoryException e) {
            err.println(Ipmpstat.PROG + ": " + e.getMessage());
            return 1;
        }
        if (read.unreadableLines() > 0) {
            err.println(Ipmpstat.PROG + ": warning: skipped " + read.unreadableLines()
                    + " unreadable line(s) in " + dir + " (a line torn by a crash, or written by a newer ipmpd)");
        }
        List<Outages.Row> rows = new ArrayList<>();
        for (Outages.Row r : Outages.annotate(read.events())) {
            if (wanted(r.event(), opts)) {
                rows.add(r);
            }
        }
        if (opts.html().isPresent()) {
            return html(opts, rows, out, err);
        }
        try {
            out.print(render(rows, opts, err));
            out.flush();
            return 0;
        } catch (FieldSelection.FieldException e) {
            err.println(Ipmpstat.PROG + ": " + e.getMessage());
            return 1;
        }
    }

    /** Member standing is the timeline's context, not news: the table leaves it out. */
    private static boolean wanted(HistoryEvent e, HistoryOptions o) {
        return !e.at().isBefore(o.since()) && e.at().isBefore(o.until())
                && o.group().map(g -> g.equals(e.group())).orElse(true)
                && o.member().map(m -> m.equals(e.member())).orElse(true);
    }

    static String render(List<Outages.Row> rows, HistoryOptions opts, PrintStream err) throws FieldSelection.FieldException {
        // every field by default, DETAIL included: who asked and which address moved are the point of a history
        FieldSelection<Outages.Row> fields = FieldSelection.select(HistoryFields.columns(opts.format()), opts.fieldSpec(),
                opts.format() == Table.Format.PARSABLE, true);
        fields.warnings().forEach(w -> err.println(Ipmpstat.PROG + ": warning: " + w));
        Table<Outages.Row> table = new Table<>(fields.columns(), opts.format());
        StringBuilder sb = new StringBuilder();
        List<Map<String, Object>> objects = new ArrayList<>();
        for (Outages.Row r : rows) {
            if (r.event().kind() == EventKind.MEMBER_STATE) {
                continue;
            }
            if (opts.format() == Table.Format.JSON) {
                objects.add(table.json(r));
            } else {
                sb.append(table.row(r));
            }
        }
        if (opts.format() == Table.Format.JSON) {
            sb.append(JsonWriter.write(objects)).append('\n');
        }
        return sb.toString();
    }

    private static int html(HistoryOptions opts, List<Outages.Row> rows, PrintStream out, PrintStream err) {
        Path file = opts.html().get();
        try {
            TimelinePage.Summary s = TimelinePage.write(file, rows);
            out.println(file.toAbsolutePath());
            err.println(Ipmpstat.PROG + ": timeline of " + s.members() + " member(s), " + s.incidents()
                    + " incident(s), " + s.events() + " events written to " + file);
            return 0;
        } catch (IOException e) {
            err.println(Ipmpstat.PROG + ": cannot write " + file + ": " + e.getMessage());
            return 1;
        }
    }
}
