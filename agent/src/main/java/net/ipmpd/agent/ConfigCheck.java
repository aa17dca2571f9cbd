package net.ipmpd.agent;

import java.io.PrintStream;
import net.ipmpd.agent.IpmpDaemon.StartupException;

/**
 * {@code ipmpd --check-config}: reads every file the daemon would read at start (the
 * configuration, /etc/default/mpathd, the SNMP and NETCONF settings) with the same code, prints
 * one line per file or problem, and changes nothing. Exit status 0 when all are valid, 1 when not
 * (as {@code sshd -t} and {@code keepalived -t}), so a deployment can check before it reloads.
 */
final class ConfigCheck {
    private final DaemonOptions options;
    private final PrintStream out;

    ConfigCheck(DaemonOptions options, PrintStream out) {
        this.options = options;
        this.out = out;
    }

    int run() {
        boolean ok = true;
        ConfigSource.Result cfg = new ConfigSource(options).read(ConfigSource.Purpose.START);
        cfg.warnings().forEach(w -> out.println("warning: " + w));
        if (cfg.ok()) {
            out.println(options.config() + ": ok, " + cfg.config().groups().size() + " group(s)"
                    + options.mpathdDefaults().map(m -> " (with " + m + ")").orElse(""));
        } else {
            cfg.problems().forEach(p -> out.println("error: " + p));
            ok = false;
        }
        try {
            ManagementSettings.snmp(options).ifPresent(s -> out.println(options.snmpConfig().orElseThrow() + ": ok, "
                    + s.users().size() + " SNMPv3 user(s), port " + s.port()));
        } catch (StartupException e) {
            out.println("error: " + e.getMessage());
            ok = false;
        }
        try {
            ManagementSettings.netconf(options).ifPresent(s -> out.println(options.netconfConfig().orElseThrow() + ": ok, "
                    + s.users().size() + " user(s), port " + s.port()));
        } catch (StartupException e) {
            out.println("error: " + e.getMessage());
            ok = false;
        }
        out.println(ok ? "configuration ok" : "configuration invalid");
        return ok ? 0 : 1;
    }
}
