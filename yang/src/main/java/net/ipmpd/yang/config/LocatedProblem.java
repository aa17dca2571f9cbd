package net.ipmpd.yang.config;

import java.util.OptionalInt;
import net.ipmpd.engine.config.ConfigProblem;

/**
 * A problem or warning about a configuration file, located for the operator: the file, the line
 * where known, and the YANG instance path of the offending node. This is the one place that
 * writes "file:line: path: message".
 */
public record LocatedProblem(String file, OptionalInt line, String path, String message) {
    /** {@code problem} found in {@code file} at {@code line}; its path rendered by its location. */
    public static LocatedProblem of(String file, OptionalInt line, ConfigProblem problem) {
        return new LocatedProblem(file, line, problem.path(), problem.message());
    }

    @Override
    public String toString() {
        return file + (line.isPresent() ? ":" + line.getAsInt() : "") + ": " + path + ": " + message;
    }
}
