package net.ipmpd.agent.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Which fields to print, from the -o argument, with the rules and messages of Solaris's ofmt
 * (libinetutil): names are case-insensitive, "all" selects every field, without -o the human
 * format shows the leading fields that fit in 80 columns, and parsable mode (-P) requires an
 * explicit list because the set of fields may grow.
 */
record FieldSelection<T>(List<Column<T>> columns, List<String> warnings) {
    /** ipmpstat.c IPMPSTAT_NCOL: the default fields are those that fit in this many columns. */
    static final int DEFAULT_COLUMNS = 80;

    /** A -o argument that cannot be used; the message is ofmt's. */
    static final class FieldException extends Exception {
        FieldException(String message) {
            super(message);
        }
    }

    /**
     * @param spec the -o argument, or null when -o was not given
     * @param all select every field when spec is null (the JSON format has no width to fit)
     */
    static <T> FieldSelection<T> select(List<Column<T>> template, String spec, boolean parsable, boolean all)
            throws FieldException {
        if (parsable) {
            if (spec == null || spec.isEmpty()) {
                throw new FieldException("output fields must be specified in parsable mode");
            }
            if (spec.equals("all")) {
                throw new FieldException("output field `all' invalid in parsable mode");
            }
        }
        if (spec == null || spec.equals("all")) {
            List<Column<T>> chosen = new ArrayList<>();
            int width = 0;
            for (Column<T> c : template) {
                width += c.width();
                if (spec == null && !all && width > DEFAULT_COLUMNS) {
                    break;
                }
                chosen.add(c);
            }
            return new FieldSelection<>(List.copyOf(chosen), List.of());
        }
        List<Column<T>> chosen = new ArrayList<>();
        List<String> bad = new ArrayList<>();
        for (String name : spec.split(",")) {
            if (name.isEmpty()) {
                continue;
            }
            Column<T> match = null;
            for (Column<T> c : template) {
                if (c.name().equals(name.toUpperCase(Locale.ROOT))) {
                    match = c;
                    break;
                }
            }
            if (match == null) {
                bad.add(name);
            } else {
                chosen.add(match);
            }
        }
        if (chosen.isEmpty()) {
            throw new FieldException("no valid output fields");
        }
        if (bad.isEmpty()) {
            return new FieldSelection<>(List.copyOf(chosen), List.of());
        }
        StringBuilder names = new StringBuilder();
        for (String b : bad) {
            names.append(" `").append(b).append('\'');
        }
        String plural = bad.size() > 1 ? "s" : "";
        if (parsable) {
            throw new FieldException("unknown output field" + plural + ":" + names);
        }
        return new FieldSelection<>(List.copyOf(chosen), List.of("ignoring unknown output field" + plural + ":" + names));
    }
}
