package net.ipmpd.agent.cli;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * ipmpstat -e's command line: the history, read from the log files (no daemon needed). Filters
 * use letters Solaris's ipmpstat does not have: -G group, -I interface, --since/--until time;
 * -o/-P/-j as in the other modes; --html FILE writes the timeline page instead of a table;
 * --state-dir DIR is ipmpd's --state-dir.
 */
record HistoryOptions(String fieldSpec, Table.Format format, Optional<String> group, Optional<String> member,
                      Instant since, Instant until, Optional<Path> html, Path stateDirectory) {
    static final Path DEFAULT_STATE_DIR = Path.of("/var/lib/ipmpd");
    static final String STATE_DIR_ENV = "IPMPD_STATE_DIR";

    /** True when the command line asks for the history mode (-e in a cluster of short options). */
    static boolean selected(String[] args) {
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.equals("--")) {
                return false;
            }
            if (a.startsWith("--") || !a.startsWith("-")) {
                continue;
            }
            for (int k = 1; k < a.length(); k++) {
                char c = a.charAt(k);
                if (c == 'e') {
                    return true;
                }
                if (c == 'o' || c == 'G' || c == 'I') {
                    if (k == a.length() - 1) {
                        i++;
                    }
                    break;
                }
            }
        }
        return false;
    }

    static HistoryOptions parse(String[] args, String stateDirEnv, Instant now) throws IpmpstatOptions.UsageException {
        String fields = null;
        boolean parsable = false;
        boolean json = false;
        Optional<String> group = Optional.empty();
        Optional<String> member = Optional.empty();
        Instant since = Instant.MIN;
        Instant until = Instant.MAX;
        Optional<Path> html = Optional.empty();
        Path stateDir = stateDirEnv == null || stateDirEnv.isEmpty() ? DEFAULT_STATE_DIR : Path.of(stateDirEnv);
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "--json" -> json = true;
                case "--since" -> since = time(value(args, ++i, a), now, a);
                case "--until" -> until = time(value(args, ++i, a), now, a);
                case "--html" -> html = Optional.of(Path.of(value(args, ++i, a)));
                case "--state-dir" -> stateDir = Path.of(value(args, ++i, a));
                // the history is read from its files; the daemon's socket is accepted like in the other modes
                case "--socket" -> value(args, ++i, a);
                default -> {
                    if (a.startsWith("--socket=")) {
                        continue;
                    }
                    if (!a.startsWith("-") || a.startsWith("--") || a.length() == 1) {
                        throw new IpmpstatOptions.UsageException("unexpected argument " + a, true);
                    }
                    for (int k = 1; k < a.length(); k++) {
                        char c = a.charAt(k);
                        if (c == 'o' || c == 'G' || c == 'I') {
                            String v = k + 1 < a.length() ? a.substring(k + 1) : value(args, ++i, "-" + c);
                            switch (c) {
                                case 'o' -> fields = v;
                                case 'G' -> group = Optional.of(v);
                                default -> member = Optional.of(v);
                            }
                            break;
                        }
                        switch (c) {
                            case 'e', 'n' -> { }
                            case 'P' -> parsable = true;
                            case 'j' -> json = true;
                            case 'a', 'g', 'i', 'p', 't', 'r' -> throw new IpmpstatOptions.UsageException(
                                    "only one output format may be specified", false);
                            default -> throw new IpmpstatOptions.UsageException("illegal option -- " + c, true);
                        }
                    }
                }
            }
        }
        if (json && parsable) {
            throw new IpmpstatOptions.UsageException("-j and -P cannot be used together", false);
        }
        if (!since.isBefore(until)) {
            throw new IpmpstatOptions.UsageException("--since must be before --until", false);
        }
        Table.Format format = json ? Table.Format.JSON : parsable ? Table.Format.PARSABLE : Table.Format.HUMAN;
        return new HistoryOptions(fields, format, group, member, since, until, html, stateDir);
    }

    private static String value(String[] args, int i, String option) throws IpmpstatOptions.UsageException {
        if (i >= args.length) {
            throw new IpmpstatOptions.UsageException("option requires an argument -- " + option.replaceFirst("^-+", ""), true);
        }
        return args[i];
    }

    /** An RFC 3339 time, a local date or date and time, or an age like 30m, 2h, 7d (that long ago). */
    static Instant time(String text, Instant now, String option) throws IpmpstatOptions.UsageException {
        // compiled here, not in a static field: every ipmpstat call asks selected() first
        Matcher ago = Pattern.compile("(\\d+)(s|m|h|d)").matcher(text);
        if (ago.matches()) {
            long n = Long.parseLong(ago.group(1));
            Duration d = switch (ago.group(2)) {
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                default -> Duration.ofDays(n);
            };
            return now.minus(d);
        }
        ZoneId zone = ZoneId.systemDefault();
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException notInstant) {
            try {
                return LocalDateTime.parse(text.replace(' ', 'T')).atZone(zone).toInstant();
            } catch (DateTimeParseException notLocal) {
                try {
                    return LocalDate.parse(text).atStartOfDay(zone).toInstant();
                } catch (DateTimeParseException notDate) {
                    throw new IpmpstatOptions.UsageException(option + " needs a time like 2026-12-05T17:00:00Z, "
                            + "'2026-12-05 17:00', 2026-12-05 or an age like 30m, 2h, 7d; not " + text, false);
                }
            }
        }
    }

    static String usage() {
        return "       ipmpstat -e [-G <group>] [-I <interface>] [--since <time>] [--until <time>]\n"
                + "                [-o <field> [-P]] [-j] [--html <file>] [--state-dir <dir>]\n"
                + "\n"
                + "  -e  display the IPMP event history (failures, repairs, moves, who changed what)\n"
                + "      -G/-I keep one group/interface; --since/--until take RFC 3339, local '2026-12-05 17:00'\n"
                + "      or an age (30m, 2h, 7d); --html writes the timeline page to <file>; the history is\n"
                + "      read from <dir>/history (default $IPMPD_STATE_DIR or /var/lib/ipmpd)\n";
    }
}
