package net.ipmpd.agent;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * ipmpd's command line. Every option has a default fit for a host; nothing is required.
 *
 * @param config the JSON configuration file (an instance of the YANG module ipmp)
 * @param configGiven whether -c named the file: a file the operator named must exist, while a
 *        missing default file means "no groups yet" (in.mpathd runs without /etc/default/mpathd)
 * @param stateDirectory where ipmpd keeps what outlives it (the event history)
 * @param historyBytes the most the event history may take on disk
 * @param mpathdDefaults in.mpathd's /etc/default/mpathd, read if present; its keys override the
 *        three global tunables of the JSON file, so a Solaris admin's file keeps working
 * @param mode run the daemon, only check the configuration files, or print the version
 */
public record DaemonOptions(
        Path config,
        boolean configGiven,
        Optional<Path> mpathdDefaults,
        Path controlSocket,
        String logLevel,
        Optional<Path> snmpConfig,
        Optional<Path> netconfConfig,
        Path stateDirectory,
        long historyBytes,
        Mode mode) {

    /** What this invocation does. */
    public enum Mode {
        RUN,
        /** Read and validate every configuration file, change nothing, exit 0 when all are valid ({@code sshd -t}). */
        CHECK_CONFIG,
        VERSION
    }

    static final String USAGE = """
            usage: ipmpd [-c FILE] [-m FILE] [-s SOCKET] [-l LEVEL] [--snmp-config FILE] [--netconf-config FILE] [--state-dir DIR]
                   ipmpd --check-config [-c FILE] [-m FILE] [--snmp-config FILE] [--netconf-config FILE]
                   ipmpd --version
              -c, --config FILE          configuration (JSON instance of the YANG module ipmp) [/etc/ipmpd/ipmpd.json]
              -m, --mpathd FILE          Solaris-style defaults file [/etc/default/mpathd, if present]
              -s, --socket PATH          control socket for ipmpstat and if_mpadm [/run/ipmpd/ipmpd.sock]
              -l, --log-level LEVEL      error, warn, info, debug or trace [info]
                  --snmp-config FILE     serve SNMP (IPMP-MIB) with these settings (agent/etc/snmp.json is an example)
                  --netconf-config FILE  serve NETCONF over SSH with these settings; commits are saved to the -c file
              -t, --check-config         validate the files above and exit: 0 all valid, 1 a problem (listed)
              -V, --version              print the version and exit
                  --state-dir DIR        keep the event history (ipmpstat -e) in DIR/history [/var/lib/ipmpd]
                  --history-size BYTES   the most the event history takes on disk (k/M suffixes) [4M]
            ipmpd runs in the foreground; SIGTERM stops it leaving data addresses in place, SIGHUP reloads the configuration.""";

    public static DaemonOptions parse(String[] args) {
        Path config = Path.of("/etc/ipmpd/ipmpd.json");
        boolean configGiven = false;
        Optional<Path> mpathd = Files.isRegularFile(Path.of("/etc/default/mpathd"))
                ? Optional.of(Path.of("/etc/default/mpathd")) : Optional.empty();
        Path socket = Path.of("/run/ipmpd/ipmpd.sock");
        String level = "info";
        Optional<Path> snmp = Optional.empty();
        Optional<Path> netconf = Optional.empty();
        Mode mode = Mode.RUN;
        Path stateDir = Path.of("/var/lib/ipmpd");
        long historyBytes = 4L << 20;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "-c", "--config" -> {
                    config = Path.of(value(args, ++i, a));
                    configGiven = true;
                }
                case "-m", "--mpathd" -> mpathd = Optional.of(Path.of(value(args, ++i, a)));
                case "-s", "--socket" -> socket = Path.of(value(args, ++i, a));
                case "-l", "--log-level" -> level = value(args, ++i, a);
                case "--snmp-config" -> snmp = Optional.of(Path.of(value(args, ++i, a)));
                case "--netconf-config" -> netconf = Optional.of(Path.of(value(args, ++i, a)));
                case "-t", "--check-config" -> mode = Mode.CHECK_CONFIG;
                case "-V", "--version" -> mode = Mode.VERSION;
                case "--state-dir" -> stateDir = Path.of(value(args, ++i, a));
                case "--history-size" -> historyBytes = bytes(value(args, ++i, a), a);
                case "-h", "--help" -> throw new UsageException("");
                default -> throw new UsageException("unknown option " + a);
            }
        }
        if (!level.matches("error|warn|info|debug|trace")) {
            throw new UsageException("log level must be error, warn, info, debug or trace, not " + level);
        }
        return new DaemonOptions(config.toAbsolutePath(), configGiven, mpathd.map(Path::toAbsolutePath),
                socket.toAbsolutePath(), level, snmp.map(Path::toAbsolutePath), netconf.map(Path::toAbsolutePath),
                stateDir.toAbsolutePath(), historyBytes, mode);
    }

    private static long bytes(String text, String option) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(\\d{1,9})([kKmM]?)").matcher(text);
        if (!m.matches()) {
            throw new UsageException(option + " needs a size like 4M, 512k or 65536, not " + text);
        }
        long n = Long.parseLong(m.group(1)) << (m.group(2).isEmpty() ? 0 : m.group(2).equalsIgnoreCase("k") ? 10 : 20);
        if (n < 8192) {
            throw new UsageException(option + " must be at least 8k (a few dozen events), not " + text);
        }
        return n;
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length) {
            throw new UsageException(option + " needs a value");
        }
        return args[i];
    }

    /** A bad command line: the message, then the usage. */
    public static final class UsageException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        UsageException(String message) {
            super(message);
        }
    }
}
