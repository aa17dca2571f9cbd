package net.ipmpd.yang.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import net.ipmpd.engine.config.EngineConfig;
import net.ipmpd.engine.config.Tunables;

/**
 * Solaris's /etc/default/mpathd, so that an administrator's existing file works unchanged: lines
 * {@code KEY=value}, {@code #} comments and blank lines, the three in.mpathd keys
 * FAILURE_DETECTION_TIME, FAILBACK and TRACK_INTERFACES_ONLY_WITH_GROUPS. A bad value is
 * replaced by in.mpathd's default with in.mpathd's own warning ({@link Tunables}), never fatal,
 * as in.mpathd does (mpd_main.c, initconfig()). Keys not set stay absent, so the JSON
 * configuration's values (or in.mpathd's defaults) apply.
 */
public record MpathdDefaults(
        OptionalLong failureDetectionTimeMs,
        Optional<Boolean> failback,
        Optional<Boolean> trackInterfacesOnlyWithGroups,
        List<String> warnings) {

    public static final String FAILURE_DETECTION_TIME = "FAILURE_DETECTION_TIME";
    public static final String FAILBACK = "FAILBACK";
    public static final String TRACK_INTERFACES_ONLY_WITH_GROUPS = "TRACK_INTERFACES_ONLY_WITH_GROUPS";

    public MpathdDefaults {
        warnings = List.copyOf(warnings);
    }

    /** Nothing set (no file). */
    public static MpathdDefaults none() {
        return new MpathdDefaults(OptionalLong.empty(), Optional.empty(), Optional.empty(), List.of());
    }

    /** Reads {@code file}; a missing file means nothing is set, as for in.mpathd. */
    public static MpathdDefaults read(Path file) throws IOException {
        if (!Files.exists(file)) {
            return none();
        }
        return parse(Files.readString(file, StandardCharsets.ISO_8859_1), file.toString());
    }

    /** Parses the text of a defaults file; {@code source} names it in warnings. */
    public static MpathdDefaults parse(String text, String source) {
        List<String> warnings = new ArrayList<>();
        Map<String, Integer> firstLine = new HashMap<>();
        OptionalLong fdt = OptionalLong.empty();
        Optional<Boolean> failback = Optional.empty();
        Optional<Boolean> track = Optional.empty();
        String[] lines = text.split("\r?\n", -1);
        for (int i = 0; i < lines.length; i++) {
            int lineNo = i + 1;
            String line = lines[i].strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int eq = line.indexOf('=');
            if (eq <= 0) {
                warnings.add(source + ":" + lineNo + ": ignoring a line that is not KEY=value: " + line);
                continue;
            }
            String key = line.substring(0, eq).strip();
            String value = line.substring(eq + 1).strip();
            if (!key.equals(FAILURE_DETECTION_TIME) && !key.equals(FAILBACK) && !key.equals(TRACK_INTERFACES_ONLY_WITH_GROUPS)) {
                warnings.add(source + ":" + lineNo + ": ignoring unknown key " + key
                        + " (known: FAILURE_DETECTION_TIME, FAILBACK, TRACK_INTERFACES_ONLY_WITH_GROUPS)");
                continue;
            }
            Integer earlier = firstLine.putIfAbsent(key, lineNo);
            if (earlier != null) {
                // defread(3C) returns the first matching line; later ones have no effect.
                warnings.add(source + ":" + lineNo + ": ignoring " + key + ", already set on line " + earlier);
                continue;
            }
            switch (key) {
                case FAILURE_DETECTION_TIME -> fdt = OptionalLong.of(failureDetectionTime(value, source + ":" + lineNo, warnings));
                case FAILBACK -> failback = Optional.of(yesNo(FAILBACK, value, source + ":" + lineNo, warnings));
                default -> track = Optional.of(yesNo(TRACK_INTERFACES_ONLY_WITH_GROUPS, value, source + ":" + lineNo, warnings));
            }
        }
        return new MpathdDefaults(fdt, failback, track, warnings);
    }

    private static long failureDetectionTime(String value, String where, List<String> warnings) {
        OptionalLong number = strtol(value);
        if (number.isEmpty()) {
            warnings.add(where + ": Invalid failure detection time of " + value + ", assuming default "
                    + EngineConfig.DEFAULT_FDT_MS + " ms");
            return EngineConfig.DEFAULT_FDT_MS;
        }
        Tunables.Checked<Long> checked = Tunables.failureDetectionTime(number.getAsLong());
        checked.warning().ifPresent(w -> warnings.add(where + ": " + w));
        return checked.value();
    }

    private static boolean yesNo(String key, String value, String where, List<String> warnings) {
        Tunables.Checked<Boolean> checked = Tunables.yesNo(key, value, true);   // both keys default to yes
        checked.warning().ifPresent(w -> warnings.add(where + ": " + w));
        return checked.value();
    }

    /**
     * A whole-string strtol(3C) with base 0, as in.mpathd reads the time: decimal, 0x hex or
     * leading-0 octal, optional sign; anything left over makes it invalid.
     */
    static OptionalLong strtol(String text) {
        String t = text;
        boolean negative = false;
        if (t.startsWith("-") || t.startsWith("+")) {
            negative = t.startsWith("-");
            t = t.substring(1);
        }
        int radix = 10;
        if (t.length() > 2 && (t.startsWith("0x") || t.startsWith("0X"))) {
            radix = 16;
            t = t.substring(2);
        } else if (t.length() > 1 && t.startsWith("0")) {
            radix = 8;
            t = t.substring(1);
        }
        if (t.isEmpty() || !t.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
            return OptionalLong.empty();
        }
        try {
            long v = Long.parseLong(t, radix);
            return OptionalLong.of(negative ? -v : v);
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }

    /** {@code config} with every key that this file sets replaced by the file's value. */
    public EngineConfig applyTo(EngineConfig config) {
        EngineConfig c = config;
        if (failureDetectionTimeMs.isPresent()) {
            c = c.withFailureDetectionTimeMs(failureDetectionTimeMs.getAsLong());
        }
        if (failback.isPresent()) {
            c = c.withFailback(failback.get());
        }
        if (trackInterfacesOnlyWithGroups.isPresent()) {
            c = c.withTrackInterfacesOnlyWithGroups(trackInterfacesOnlyWithGroups.get());
        }
        return c;
    }
}
