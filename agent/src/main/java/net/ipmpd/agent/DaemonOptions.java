package net.ipmpd.agent;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * ipmpd's command line. Every option has a default fit for a host; nothing is required.
 *
 * @param config the JSON configuration file (an instance of the YANG module ipmp)
 * @param mpathdDefaults in.mpathd's /etc/default/mpathd, read if present; its keys override the
 *        three global tunables of the JSON file, so a Solaris admin's file keeps working
 */
public record DaemonOptions(
        Path config,
        Optional<Path> mpathdDefaults,
        Path controlSocket,
        String logLevel,
        Optional<Path> snmpConfig,
        Optional<Path> netconfConfig) {

    static final String USAGE = """
            usage: ipmpd [-c FILE] [-m FILE] [-s SOCKET] [-l LEVEL] [--snmp-config FILE] [--netconf-config FILE]
              -c, --config FILE          configuration (JSON instance of the YANG module ipmp) [/etc/ipmpd/ipmpd.json]
              -m, --mpathd FILE          Solaris-style defaults file [/etc/default/mpathd, if present]
              -s, --socket PATH          control socket for ipmpstat and if_mpadm [/run/ipmpd/ipmpd.sock]
              -l, --log-level LEVEL      error, warn, info, debug or trace [info]
                  --snmp-config FILE     serve SNMP (IPMP-MIB) with these settings (agent/etc/snmp.json is an example)
                  --netconf-config FILE  serve NETCONF over SSH with these settings; commits are saved to the -c file
            ipmpd runs in the foreground; SIGTERM stops it leaving data addresses in place, SIGHUP reloads the configuration.""";

    public static DaemonOptions parse(String[] args) {
        Path config = Path.of("/etc/ipmpd/ipmpd.json");
        Optional<Path> mpathd = Files.isRegularFile(Path.of("/etc/default/mpathd"))
                ? Optional.of(Path.of("/etc/default/mpathd")) : Optional.empty();
        Path socket = Path.of("/run/ipmpd/ipmpd.sock");
        String level = "info";
        Optional<Path> snmp = Optional.empty();
        Optional<Path> netconf = Optional.empty();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "-c", "--config" -> config = Path.of(value(args, ++i, a));
                case "-m", "--mpathd" -> mpathd = Optional.of(Path.of(value(args, ++i, a)));
                case "-s", "--socket" -> socket = Path.of(value(args, ++i, a));
                case "-l", "--log-level" -> level = value(args, ++i, a);
                case "--snmp-config" -> snmp = Optional.of(Path.of(value(args, ++i, a)));
                case "--netconf-config" -> netconf = Optional.of(Path.of(value(args, ++i, a)));
                case "-h", "--help" -> throw new UsageException("");
                default -> throw new UsageException("unknown option " + a);
            }
        }
        if (!level.matches("error|warn|info|debug|trace")) {
            throw new UsageException("log level must be error, warn, info, debug or trace, not " + level);
        }
        return new DaemonOptions(config.toAbsolutePath(), mpathd.map(Path::toAbsolutePath), socket.toAbsolutePath(), level,
                snmp.map(Path::toAbsolutePath), netconf.map(Path::toAbsolutePath));
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
