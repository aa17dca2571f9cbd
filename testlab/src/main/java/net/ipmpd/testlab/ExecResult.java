package net.ipmpd.testlab;

import java.time.Duration;
import java.util.List;

/**
 * What a finished (or timed-out) command produced.
 *
 * @param command  the argv as started (including the {@code ip netns exec NS} prefix, if any)
 * @param exitCode the exit status; -1 when the command timed out and was killed
 */
public record ExecResult(List<String> command, int exitCode, String stdout, String stderr, boolean timedOut,
                         Duration elapsed) {

    public ExecResult {
        command = List.copyOf(command);
    }

    public boolean ok() {
        return !timedOut && exitCode == 0;
    }

    /** Returns this result if the command succeeded, else throws naming the command and its stderr. */
    public ExecResult orThrow() {
        if (!ok()) {
            throw new LabException(describeFailure());
        }
        return this;
    }

    public String describeFailure() {
        String what = timedOut
                ? "timed out after " + elapsed.toMillis() + " ms and was killed"
                : "failed with exit code " + exitCode;
        String err = stderr.isBlank() ? stdout.strip() : stderr.strip();
        return "`" + String.join(" ", command) + "` " + what + (err.isEmpty() ? "" : ": " + err);
    }
}
