package net.ipmpd.agent.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Prints rows the way Solaris's ofmt does for ipmpstat.
 *
 * <p>Human format: a header above the table and again after each screenful (24 rows when the
 * window size is unknown, as ofmt assumes), each field left-justified in its width with no other
 * separator, a value that overflows its width followed by one space and the overflow taken back
 * from the next fields' padding, the last field unpadded, "--" for an empty value and "?" for
 * one that cannot be determined.
 *
 * <p>Parsable format (-P): no header, fields joined by ':', an empty value printed as nothing,
 * and when more than one field is printed ':' and '\' inside a value escaped with '\'.
 *
 * <p>JSON format (-j, ours): one object per row, each field under its key with a typed value
 * (see {@link Column}); an empty value is null.
 */
final class Table<T> {
    /** ofmt's rows per screen when TIOCGWINSZ gives nothing (not a terminal). */
    static final int SCREEN_ROWS = 24;

    enum Format { HUMAN, PARSABLE, JSON }

    private final List<Column<T>> columns;
    private final Format format;
    private final List<String> warnings = new ArrayList<>();
    private int rowsOnScreen;

    Table(List<Column<T>> columns, Format format) {
        this.columns = List.copyOf(columns);
        this.format = format;
    }

    /** Diagnostics for values that could not be determined, in the order met. */
    List<String> warnings() {
        return warnings;
    }

    /** The text for one row (with a header first when one is due), ending in a newline. */
    String row(T item) {
        StringBuilder sb = new StringBuilder();
        if (format == Format.HUMAN && rowsOnScreen++ % SCREEN_ROWS == 0) {
            List<String> names = columns.stream().map(Column::name).toList();
            appendHuman(sb, names);
            rowsOnScreen++;
        }
        List<String> values = new ArrayList<>(columns.size());
        for (Column<T> c : columns) {
            String v = c.value().apply(item);
            if (v == null) {
                warnings.add("cannot determine " + c.name());
            }
            values.add(v);
        }
        switch (format) {
            case HUMAN -> appendHuman(sb, values.stream().map(v -> v == null ? "?" : v.isEmpty() ? "--" : v).toList());
            case PARSABLE -> appendParsable(sb, values.stream().map(v -> v == null ? "?" : v).toList());
            case JSON -> sb.append(net.ipmpd.agent.control.JsonWriter.write(json(item, values))).append('\n');
        }
        return sb.toString();
    }

    /** The row as a JSON object, for callers that print several rows as one array. */
    Map<String, Object> json(T item) {
        List<String> values = new ArrayList<>(columns.size());
        for (Column<T> c : columns) {
            String v = c.value().apply(item);
            if (v == null) {
                warnings.add("cannot determine " + c.name());
            }
            values.add(v);
        }
        return json(item, values);
    }

    /** Typed values under each field's key; a value that cannot be determined is null (and warned about). */
    private Map<String, Object> json(T item, List<String> texts) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < columns.size(); i++) {
            Column<T> c = columns.get(i);
            m.put(c.jsonKey(), texts.get(i) == null ? null : c.json().apply(item));
        }
        return m;
    }

    private void appendHuman(StringBuilder sb, List<String> values) {
        int overflow = 0;
        for (int i = 0; i < values.size(); i++) {
            String v = values.get(i);
            if (i == values.size() - 1) {
                sb.append(v);
                break;
            }
            int width = columns.get(i).width();
            if (v.length() + overflow >= width) {
                overflow += v.length() - width + 1;
                sb.append(v).append(' ');
                continue;
            }
            if (overflow > 0) {
                int compress = Math.min(overflow, width - v.length());
                overflow -= compress;
                width -= compress;
            }
            sb.append(v).append(" ".repeat(width - v.length()));
        }
        sb.append('\n');
    }

    private void appendParsable(StringBuilder sb, List<String> values) {
        boolean escape = values.size() > 1;
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) {
                sb.append(':');
            }
            String v = values.get(i);
            for (int k = 0; k < v.length(); k++) {
                char c = v.charAt(k);
                if (escape && (c == ':' || c == '\\')) {
                    sb.append('\\');
                }
                sb.append(c);
            }
        }
        sb.append('\n');
    }
}
