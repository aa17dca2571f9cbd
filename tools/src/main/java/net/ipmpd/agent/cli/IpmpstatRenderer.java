package net.ipmpd.agent.cli;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import net.ipmpd.agent.control.JsonWriter;
import net.ipmpd.engine.state.EngineSnapshot;

/**
 * ipmpstat's text for a snapshot: a pure function of the snapshot, the mode and the chosen
 * fields, so every format rule is tested without a daemon. The probe mode, which prints as
 * probes arrive, uses {@link Table} directly.
 */
final class IpmpstatRenderer {
    private IpmpstatRenderer() {
    }

    /** What ipmpstat prints: the text for stdout and the warnings for stderr. */
    record Output(String text, List<String> warnings) {
    }

    static Output render(EngineSnapshot s, OutputMode mode, String fieldSpec, Table.Format format)
            throws FieldSelection.FieldException {
        return render(s, mode, fieldSpec, format, Instant.now());
    }

    /** @param queriedAt when the snapshot was received, to print engine times as wall-clock times */
    static Output render(EngineSnapshot s, OutputMode mode, String fieldSpec, Table.Format format, Instant queriedAt)
            throws FieldSelection.FieldException {
        return switch (mode) {
            case ADDRESS -> table(IpmpstatFields.ADDRESS, Rows.addresses(s), fieldSpec, format);
            case GROUP -> table(IpmpstatFields.GROUP, Rows.groupRows(s, queriedAt), fieldSpec, format);
            case INTERFACE -> table(IpmpstatFields.INTERFACE, Rows.members(s, queriedAt), fieldSpec, format);
            case TARGET -> table(IpmpstatFields.TARGET, Rows.targets(s), fieldSpec, format);
            case ROUTE -> table(IpmpstatFields.ROUTE, Rows.routes(s), fieldSpec, format);
            case PROBE -> throw new IllegalArgumentException("probe mode prints a stream, not a snapshot");
        };
    }

    /** Chooses the fields of a mode; the selection's warnings are ofmt's (unknown fields ignored). */
    static <T> FieldSelection<T> select(FieldSet<T> fieldSet, String fieldSpec, Table.Format format)
            throws FieldSelection.FieldException {
        return FieldSelection.select(fieldSet.forFormat(format), fieldSpec, format == Table.Format.PARSABLE,
                format == Table.Format.JSON);
    }

    private static <T> Output table(FieldSet<T> template, List<T> rows, String fieldSpec, Table.Format format)
            throws FieldSelection.FieldException {
        FieldSelection<T> fields = select(template, fieldSpec, format);
        Table<T> table = new Table<>(fields.columns(), format);
        List<String> warnings = new ArrayList<>(fields.warnings());
        StringBuilder sb = new StringBuilder();
        if (format == Table.Format.JSON) {
            List<Map<String, Object>> objects = new ArrayList<>();
            rows.forEach(r -> objects.add(table.json(r)));
            sb.append(JsonWriter.write(objects)).append('\n');
        } else {
            rows.forEach(r -> sb.append(table.row(r)));
        }
        warnings.addAll(table.warnings());
        return new Output(sb.toString(), List.copyOf(warnings));
    }
}
