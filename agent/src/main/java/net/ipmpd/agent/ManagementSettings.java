package net.ipmpd.agent;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import net.ipmpd.agent.IpmpDaemon.StartupException;
import net.ipmpd.agent.netconf.NetconfSettings;
import net.ipmpd.agent.netconf.NetconfSettingsException;
import net.ipmpd.agent.netconf.NetconfSettingsFile;
import net.ipmpd.agent.netconf.SettingsCheck;
import net.ipmpd.agent.snmp.SnmpSettings;
import net.ipmpd.agent.snmp.SnmpSettingsParser;

/**
 * The SNMP and NETCONF settings files, read and checked completely (keys and password hashes
 * included) before the daemon touches the host: an example key that is not a key must stop
 * the start before a single address is plumbed, not after the dataplane and SNMP are up.
 */
final class ManagementSettings {
    private ManagementSettings() {
    }

    /** Both settings files, each present when its option names it. */
    record Read(Optional<SnmpSettings> snmp, Optional<NetconfSettings> netconf) {
    }

    /** Reads and checks both files, SNMP's first: the first problem found refuses the start. */
    static Read read(DaemonOptions options) throws StartupException {
        Optional<SnmpSettings> snmp = snmp(options);
        return new Read(snmp, netconf(options));
    }

    static Optional<SnmpSettings> snmp(DaemonOptions options) throws StartupException {
        if (options.snmpConfig().isEmpty()) {
            return Optional.empty();
        }
        Path file = options.snmpConfig().get();
        try {
            return Optional.of(SnmpSettingsParser.parse(file));
        } catch (SnmpSettingsParser.SettingsException e) {
            throw new StartupException("the SNMP settings are invalid: " + e.getMessage());
        } catch (IOException e) {
            throw new StartupException("the SNMP settings cannot be read: " + file + ": " + e);
        }
    }

    static Optional<NetconfSettings> netconf(DaemonOptions options) throws StartupException {
        if (options.netconfConfig().isEmpty()) {
            return Optional.empty();
        }
        Path file = options.netconfConfig().get();
        NetconfSettings settings;
        try {
            settings = NetconfSettingsFile.load(file);
        } catch (NetconfSettingsException e) {
            throw new StartupException("the NETCONF settings are invalid: " + e.getMessage());
        } catch (IOException e) {
            throw new StartupException("the NETCONF settings cannot be read: " + file + ": " + e);
        }
        List<String> problems = SettingsCheck.problems(settings);
        if (!problems.isEmpty()) {
            throw new StartupException("the NETCONF settings are invalid: " + file + ": " + String.join("; ", problems));
        }
        return Optional.of(settings);
    }

    /** "Permission denied" on bind says neither the port nor the capability: say both. */
    static String explainBindFailure(IOException e, String service, int port) {
        String text = String.valueOf(e.getMessage());
        if (text.contains("Permission denied") || text.contains("EACCES")) {
            return text + " (" + service + " on port " + port + ": a port below 1024 needs CAP_NET_BIND_SERVICE; the "
                    + "shipped systemd unit grants it, or configure a port of 1024 or more)";
        }
        return text;
    }
}
