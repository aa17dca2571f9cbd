package net.ipmpd.engine.config;

import java.util.Locale;
import java.util.Optional;

/**
 * in.mpathd's rules for its three tunables (mpd_main.c, the /etc/default/mpathd reader), shared
 * by every configuration source so a Solaris admin sees the same warnings whatever the source.
 */
public final class Tunables {
    private Tunables() {
    }

    /** A value after in.mpathd's correction, with the warning in.mpathd would log, if any. */
    public record Checked<T>(T value, Optional<String> warning) {
    }

    /**
     * in.mpathd: a value of 0 or less is invalid and the default is used; a value below the
     * 100 ms minimum is raised to it. Both are logged, not fatal.
     */
    public static Checked<Long> failureDetectionTime(long requestedMs) {
        if (requestedMs <= 0) {
            return new Checked<>(EngineConfig.DEFAULT_FDT_MS, Optional.of(
                    "Invalid failure detection time of " + requestedMs + " ms, assuming default "
                            + EngineConfig.DEFAULT_FDT_MS + " ms"));
        }
        if (requestedMs < EngineConfig.MIN_FDT_MS) {
            return new Checked<>(EngineConfig.MIN_FDT_MS, Optional.of(
                    "Too small failure detection time of " + requestedMs + " ms, assuming minimum "
                            + EngineConfig.MIN_FDT_MS + " ms"));
        }
        return new Checked<>(requestedMs, Optional.empty());
    }

    /** in.mpathd: "yes" or "no", case-insensitive; anything else is logged and the default kept. */
    public static Checked<Boolean> yesNo(String key, String text, boolean defaultValue) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        if (t.equals("yes")) {
            return new Checked<>(true, Optional.empty());
        }
        if (t.equals("no")) {
            return new Checked<>(false, Optional.empty());
        }
        return new Checked<>(defaultValue, Optional.of(
                "Invalid value for " + key + " " + text.trim() + ", assuming " + (defaultValue ? "yes" : "no")));
    }
}
