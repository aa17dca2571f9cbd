package net.ipmpd.agent.cli;

import java.util.ArrayList;
import java.util.List;

/**
 * The fields of one output mode: Solaris's, in Solaris's order (human and parsable formats), then
 * those only -j shows (counters, last change), which never change what scripts written for
 * Solaris's -P -o see.
 */
record FieldSet<T>(List<Column<T>> solaris, List<Column<T>> jsonExtras) {
    FieldSet {
        solaris = List.copyOf(solaris);
        jsonExtras = List.copyOf(jsonExtras);
    }

    List<Column<T>> forFormat(Table.Format format) {
        if (format != Table.Format.JSON) {
            return solaris;
        }
        List<Column<T>> all = new ArrayList<>(solaris);
        all.addAll(jsonExtras);
        return all;
    }
}
