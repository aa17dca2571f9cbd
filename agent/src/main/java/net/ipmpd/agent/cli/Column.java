package net.ipmpd.agent.cli;

import java.util.function.Function;

/**
 * One ipmpstat output field: its name, its width in the human format (ipmpstat.c's field
 * tables) and how to get its value from a row. The value is "" when the field is empty (shown
 * as "--") and null when it cannot be determined (shown as "?").
 */
record Column<T>(String name, int width, Function<T, String> value) {
}
