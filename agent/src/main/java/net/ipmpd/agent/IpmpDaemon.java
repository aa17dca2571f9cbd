package net.ipmpd.agent;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import net.ipmpd.agent.control.ControlServer;
import net.ipmpd.agent.history.EventHistory;
import net.ipmpd.agent.history.HistoryLimits;
import net.ipmpd.agent.linux.LinuxDataplane;
import net.ipmpd.agent.netconf.NetconfServer;
import net.ipmpd.agent.netconf.NetconfSettingsException;
import net.ipmpd.agent.netconf.NetconfSettingsFile;
import net.ipmpd.agent.runtime.EngineRunner;
import net.ipmpd.agent.runtime.NotificationLog;
import net.ipmpd.agent.snmp.SnmpAgentService;
import net.ipmpd.agent.snmp.SnmpSettingsParser;
import net.ipmpd.engine.CommandResult;
import net.ipmpd.engine.action.Action;
import net.ipmpd.engine.event.EngineEvent;
import net.ipmpd.engine.state.DataAddressSnapshot;
import net.ipmpd.engine.state.EngineSnapshot;
import net.ipmpd.engine.state.GroupSnapshot;
import net.ipmpd.yang.config.ConfigFile;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.apache.logging.log4j.core.config.Configurator;
import sun.misc.Signal;

/**
 * The ipmpd daemon: wires the engine (one writer thread), the Linux dataplane, the control socket
 * for ipmpstat and if_mpadm, and the SNMP and NETCONF agents when configured. Runs in the
 * foreground; SIGTERM/SIGINT stop it and leave every data address where it is; SIGHUP re-reads
 * the configuration and applies it only if it is valid.
 */
public final class IpmpDaemon implements AutoCloseable {
    /** Set in main before the first logger exists, so ipmpd's own log configuration is used. */
    private static Logger LOG;

    private final DaemonOptions options;
    private final ConfigSource configSource;
    private EngineRunner runner;
    private LinuxDataplane dataplane;
    private ControlServer control;
    private SnmpAgentService snmp;
    private NetconfServer netconf;
    private AutoCloseable eventLog;
    private EventHistory history;
    private final CountDownLatch stopped = new CountDownLatch(1);

    IpmpDaemon(DaemonOptions options) {
        if (LOG == null) {
            LOG = LogManager.getLogger(IpmpDaemon.class);
        }
        this.options = options;
        this.configSource = new ConfigSource(options);
    }

    public static void main(String[] args) {
        // ipmpd's log format, unless the operator points log4j elsewhere; set before any logger
        // exists (a log4j2-test.xml or another application's log4j2.xml on the class path must not win)
        if (System.getProperty("log4j2.configurationFile") == null) {
            System.setProperty("log4j2.configurationFile", "ipmpd-log4j2.xml");
        }
        LOG = LogManager.getLogger(IpmpDaemon.class);
        DaemonOptions options;
        try {
            options = DaemonOptions.parse(args);
        } catch (DaemonOptions.UsageException e) {
            if (!e.getMessage().isEmpty()) {
                System.err.println("ipmpd: " + e.getMessage());
            }
            System.err.println(DaemonOptions.USAGE);
            System.exit(e.getMessage().isEmpty() ? 0 : 2);
            return;
        }
        Configurator.setRootLevel(Level.toLevel(options.logLevel()));
        IpmpDaemon daemon = new IpmpDaemon(options);
        try {
            daemon.start();
        } catch (StartupException e) {
            LOG.fatal("ipmpd cannot start: {}", e.getMessage());
            daemon.close();
            System.exit(1);
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(daemon::close, "ipmpd-shutdown"));
        Signal.handle(new Signal("HUP"), s -> daemon.reload());
        // a requested stop is a clean exit (status 0), not the JVM's 128+15
        Signal.handle(new Signal("TERM"), s -> daemon.stopAndExit());
        Signal.handle(new Signal("INT"), s -> daemon.stopAndExit());
        daemon.awaitStop();
    }

    /** Something the daemon cannot run without; the message says what to fix. */
    static final class StartupException extends Exception {
        private static final long serialVersionUID = 1L;

        StartupException(String message) {
            super(message);
        }
    }

    void start() throws StartupException {
        ConfigSource.Result cfg = configSource.read();
        cfg.warnings().forEach(w -> LOG.warn("{}", w));
        if (!cfg.ok()) {
            cfg.problems().forEach(p -> LOG.error("{}", p));
            throw new StartupException("the configuration " + options.config() + " is invalid (" + cfg.problems().size()
                    + " problems above); nothing was changed");
        }
        LOG.info("ipmpd starting: {} group(s), failure detection time {} ms, failback {}",
                cfg.config().groups().size(), cfg.config().failureDetectionTimeMs(), cfg.config().failback() ? "yes" : "no");
        runner = new EngineRunner(cfg.config(), this::execute, new SplittableRandom());
        eventLog = runner.subscribe(new NotificationLog());
        history = EventHistory.start(options.stateDirectory(), HistoryLimits.ofTotalBytes(options.historyBytes()), runner);
        try {
            // on start it reports every link, where data addresses already are (adopted, so a
            // restart never drops or moves an address that is up), then the end of the dump
            dataplane = new LinuxDataplane(cfg.config(), runner);
        } catch (Exception e) {
            throw new StartupException("the Linux dataplane cannot start: " + e.getMessage()
                    + " (ipmpd needs CAP_NET_ADMIN and CAP_NET_RAW)");
        }
        runner.onConfigApplied(dataplane::configure);
        dataplane.placementSource(() -> placement(runner.snapshot()));
        runner.start();
        dataplane.start();
        control = new ControlServer(options.controlSocket(), history.as("if_mpadm"));
        try {
            control.start();
        } catch (IOException e) {
            throw new StartupException("the control socket " + options.controlSocket() + " cannot be served: " + e.getMessage());
        }
        startSnmp();
        startNetconf();
        LOG.info("ipmpd running; control socket {}", options.controlSocket());
    }

    private void startSnmp() throws StartupException {
        if (options.snmpConfig().isEmpty()) {
            return;
        }
        Path file = options.snmpConfig().get();
        try {
            snmp = new SnmpAgentService(SnmpSettingsParser.parse(file), history.as("snmp"));
            snmp.start();
        } catch (SnmpSettingsParser.SettingsException e) {
            throw new StartupException("the SNMP settings are invalid: " + e.getMessage());
        } catch (IOException e) {
            throw new StartupException("the SNMP agent cannot start (" + file + "): " + e.getMessage());
        }
    }

    private void startNetconf() throws StartupException {
        if (options.netconfConfig().isEmpty()) {
            return;
        }
        Path file = options.netconfConfig().get();
        try {
            // commits are persisted atomically to the daemon's configuration file: the startup datastore
            netconf = new NetconfServer(NetconfSettingsFile.load(file), history.as("netconf"), cfg -> ConfigFile.write(options.config(), cfg));
            netconf.start();
        } catch (NetconfSettingsException e) {
            throw new StartupException("the NETCONF settings are invalid: " + e.getMessage());
        } catch (IOException e) {
            throw new StartupException("the NETCONF server cannot start (" + file + "): " + e.getMessage());
        }
    }

    /** Data address to the member that holds it, in the engine's view. */
    private static Map<InetAddress, String> placement(EngineSnapshot snapshot) {
        Map<InetAddress, String> out = new HashMap<>();
        for (GroupSnapshot g : snapshot.groups()) {
            for (DataAddressSnapshot d : g.dataAddresses()) {
                d.currentMember().ifPresent(m -> out.put(d.address(), m));
            }
        }
        return out;
    }

    private void execute(Action action) {
        dataplane.execute(action);
    }

    /** SIGHUP: in.mpathd re-reads its configuration; an invalid file changes nothing. */
    void reload() {
        LOG.warn("SIGHUP: reloading the configuration from {}", options.config());
        ConfigSource.Result cfg = configSource.read();
        cfg.warnings().forEach(w -> LOG.warn("{}", w));
        if (!cfg.ok()) {
            cfg.problems().forEach(p -> LOG.error("{}", p));
            LOG.error("the new configuration is invalid ({} problems above); the running configuration is unchanged",
                    cfg.problems().size());
            return;
        }
        history.as("SIGHUP").submit(new EngineEvent.ConfigChanged(cfg.config())).whenComplete((r, e) -> {
            if (e != null) {
                LOG.error("reload failed: {}", e.toString());
            } else if (r instanceof CommandResult.Refused refused) {
                refused.problems().forEach(p -> LOG.error("{}", p));
                LOG.error("the new configuration was refused: {}; the running configuration is unchanged", refused.message());
            } else {
                LOG.warn("configuration reloaded: {} group(s)", cfg.config().groups().size());
            }
        });
    }

    private void stopAndExit() {
        close();
        System.exit(0);
    }

    void awaitStop() {
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Stops everything and leaves the data addresses in place (a restart adopts them). */
    @Override
    public synchronized void close() {
        if (stopped.getCount() == 0) {
            return;
        }
        LOG.info("ipmpd stopping; data addresses stay where they are");
        closeQuietly(netconf);
        closeQuietly(snmp);
        closeQuietly(control);
        closeQuietly(eventLog);
        closeQuietly(history);
        closeQuietly(runner);
        closeQuietly(dataplane);
        stopped.countDown();
        LogManager.shutdown();
    }

    private static void closeQuietly(AutoCloseable c) {
        if (c == null) {
            return;
        }
        try {
            c.close();
        } catch (Exception e) {
            LOG.warn("while stopping: {}", e.toString());
        }
    }

    /** For tests: the engine service of a started daemon. */
    EngineRunner engine() {
        return runner;
    }
}
