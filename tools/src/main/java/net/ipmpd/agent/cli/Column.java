package net.ipmpd.agent.cli;

import java.util.Locale;
import java.util.function.Function;

/**
 * One ipmpstat output field: its name, its width in the human format (ipmpstat.c's field
 * tables) and how to get its value from a row. The value is "" when the field is empty (shown
 * as "--") and null when it cannot be determined (shown as "?").
 *
 * <p>For -j the field has a key and a typed value (number, boolean, array, object, or null when
 * empty), so scripts need not parse "10.00s" or "yes"; a key carries the unit of a number
 * ("fdt-ms"). A field with width 0 exists only in JSON (counters, last change).
 */
record Column<T>(String name, int width, Function<T, String> value, String jsonKey, Function<T, Object> json) {

    /** A field whose JSON value is its text, null when empty. */
    Column(String name, int width, Function<T, String> value) {
        this(name, width, value, name.toLowerCase(Locale.ROOT), r -> emptyAsNull(value.apply(r)));
    }

    /** A field with a typed JSON value under its own key. */
    static <T> Column<T> typed(String name, int width, Function<T, String> value, String jsonKey, Function<T, Object> json) {
        return new Column<>(name, width, value, jsonKey, json);
    }

    /** A field only -j shows; -o names it by its key. */
    static <T> Column<T> jsonOnly(String jsonKey, Function<T, Object> json) {
        return new Column<>(jsonKey.toUpperCase(Locale.ROOT), 0, r -> "", jsonKey, json);
    }

    boolean jsonOnly() {
        return width == 0;
    }

    private static String emptyAsNull(String v) {
        return v == null || v.isEmpty() ? null : v;
    }
}
