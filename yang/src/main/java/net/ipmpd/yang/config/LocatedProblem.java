package net.ipmpd.yang.config;

import java.util.OptionalInt;

/**
 * A problem or warning about a configuration file, located for the operator: the file, the line
 * where known, and the YANG instance path of the offending node.
 */
public record LocatedProblem(String file, OptionalInt line, String path, String message) {
    @Override
    public String toString() {
        return file + (line.isPresent() ? ":" + line.getAsInt() : "") + ": " + path + ": " + message;
    }
}
