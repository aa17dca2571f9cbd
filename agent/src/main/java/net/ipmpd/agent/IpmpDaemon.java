package net.ipmpd.agent;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import net.ipmpd.agent.Lifecycle.StopRequested;
import net.ipmpd.agent.config.ConfigStore;
import net.ipmpd.agent.control.ControlServer;
import net.ipmpd.agent.history.EventHistory;
import net.ipmpd.agent.history.HistoryLimits;
import net.ipmpd.agent.linux.LinuxDataplane;
import net.ipmpd.agent.linux.LibC;
import net.ipmpd.agent.linux.NamespaceLock;
import net.ipmpd.agent.linux.SystemdNotify;
import net.ipmpd.agent.log.NotificationLog;
import net.ipmpd.agent.log.LogSetup;
import net.ipmpd.agent.netconf.NetconfServer;
import net.ipmpd.agent.netconf.NetconfSettings;
import net.ipmpd.agent.runtime.EngineRunner;
import net.ipmpd.agent.snmp.SnmpAgentService;
import net.ipmpd.agent.snmp.SnmpSettings;
import net.ipmpd.engine.Command;
import net.ipmpd.engine.CommandResult;
import net.ipmpd.engine.Outcome;
import net.ipmpd.engine.action.Action;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.apache.logging.log4j.core.config.Configurator;
import sun.misc.Signal;

/**
 * The ipmpd daemon: wires the engine (one writer thread), the Linux dataplane, the control socket
 * for ipmpstat and if_mpadm, and the SNMP and NETCONF agents when configured. Runs in the
 * foreground; SIGTERM/SIGINT stop it at any moment (start-up included) and leave every data
 * address where it is; SIGHUP re-reads the configuration and applies it only if it is valid.
 *
 * <p>Start-up reads and checks every file and takes the namespace lock before it changes
 * anything on the host, so a refused start leaves the host as it found it.
 */
public final class IpmpDaemon implements AutoCloseable {
    /** Set in main before the first logger exists, so ipmpd's own log configuration is used. */
    private static Logger LOG;

    private final DaemonOptions options;
    private final ConfigSource configSource;
    private final Lifecycle lifecycle;
    private EngineRunner runner;
    private ConfigStore store;
    /** How long a reload waits for the engine before it says so in the log. */
    private static final java.time.Duration RELOAD_TIMEOUT = java.time.Duration.ofSeconds(10);
    private LinuxDataplane dataplane;
    private EventHistory history;
    private final CountDownLatch stopped = new CountDownLatch(1);

    IpmpDaemon(DaemonOptions options) {
        if (LOG == null) {
            LOG = LogManager.getLogger(IpmpDaemon.class);
        }
        this.options = options;
        this.configSource = new ConfigSource(options);
        this.lifecycle = new Lifecycle(message -> LOG.warn("{}", message));
    }

    public static void main(String[] args) {
        // ipmpd's log format (journald priorities under systemd), unless the operator points log4j
        // elsewhere; set before any logger exists (a log4j2-test.xml on the class path must not win)
        StartupTimes.mark("main");
        LogSetup.configure();
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
        switch (options.mode()) {
            case VERSION -> {
                System.out.println("ipmpd " + Version.get());
                System.exit(0);
                return;
            }
            case CHECK_CONFIG -> {
                System.exit(new ConfigCheck(options, System.out).run());
                return;
            }
            case RUN -> {
            }
        }
        // jnr-ffi generates libc's call stubs at every start (0.3-0.4 s, the namespace lock's first call waits for
        // them): beside log4j's start instead of after it. jnr logs nothing, so it cannot race log4j's set-up.
        // A failure here is left to the first real call, which reports it through log4j with its cause.
        Thread.ofPlatform().daemon().name("ipmpd-libc").start(IpmpDaemon::preloadLibC);
        LOG = LogManager.getLogger(IpmpDaemon.class);
        Configurator.setRootLevel(Level.toLevel(options.logLevel()));
        // after log4j's start, never beside it: yangtools logs too, and a second thread starting log4j at the
        // same moment would find it half-configured and send this thread's lines to stdout in log4j's default format
        ConfigSource.parseSchemaAhead();
        IpmpDaemon daemon = new IpmpDaemon(options);
        StartupTimes.mark("log");
        // before anything is touched: a stop at any later moment leaves the host as a normal stop does
        Signal.handle(new Signal("TERM"), s -> daemon.stopRequested("SIGTERM"));
        Signal.handle(new Signal("INT"), s -> daemon.stopRequested("SIGINT"));
        Signal.handle(new Signal("HUP"), s -> daemon.reload());
        Runtime.getRuntime().addShutdownHook(new Thread(daemon::close, "ipmpd-shutdown"));
        try {
            daemon.start();
        } catch (StartupException e) {
            LOG.fatal("ipmpd cannot start: {}", e.getMessage());
            daemon.close();
            System.exit(1);
            return;
        } catch (StopRequested e) {
            LOG.info("ipmpd: {}", e.getMessage());
            daemon.close();
            System.exit(0);
            return;
        }
        daemon.awaitStop();
    }

    private static void preloadLibC() {
        try {
            LibC.get();
        } catch (Throwable notYet) {
            // reported by the first call that needs libc (NoClassDefFoundError carries this as its cause)
        }
    }

    /** Something the daemon cannot run without; the message says what to fix. */
    static final class StartupException extends Exception {
        private static final long serialVersionUID = 1L;

        StartupException(String message) {
            super(message);
        }
    }

    void start() throws StartupException, StopRequested {
        long startedNanos = System.nanoTime();
        try {
            lifecycle.opened("the namespace lock", NamespaceLock.acquire());
        } catch (NamespaceLock.HeldElsewhere e) {
            throw new StartupException(e.getMessage());
        } catch (IOException e) {
            throw new StartupException("cannot take the network namespace's lock: " + e.getMessage());
        }
        StartupTimes.mark("lock");
        // every settings file is read before the host is touched: a typo in one must not leave a half-started
        // daemon; the SNMP and NETCONF files (keys and hashes checked) are read while the configuration is
        StartupTask<ManagementSettings.Read> settings = StartupTask.begin("ipmpd-settings", () -> {
            ManagementSettings.Read read = ManagementSettings.read(options);
            StartupTimes.mark("ipmpd-settings");
            return read;
        });
        ConfigSource.Result cfg = configSource.read(ConfigSource.Purpose.START);
        StartupTimes.mark("config");
        cfg.warnings().forEach(w -> LOG.warn("{}", w));
        if (!cfg.ok()) {
            cfg.problems().forEach(p -> LOG.error("{}", p));
            settings.await();
            throw new StartupException("the configuration " + options.config() + " is invalid (" + cfg.problems().size()
                    + " problems above); nothing was changed");
        }
        ManagementSettings.Read management = settings.join();
        LOG.info("ipmpd starting: {} group(s), failure detection time {} ms, failback {}",
                cfg.config().groups().size(), cfg.config().failureDetectionTimeMs(), cfg.config().failback() ? "yes" : "no");
        StartupTimes.mark("settings");
        StartupHold.after("settings");

        runner = new EngineRunner(cfg.config(), this::execute, new SplittableRandom());
        // every manager's commands pass the one configuration store: saved changes go to the -c file
        store = lifecycle.opened("the configuration store", new ConfigStore(runner, Optional.of(options.config()),
                cfg.config()));
        history = lifecycle.opened("the event history",
                EventHistory.start(options.stateDirectory(), HistoryLimits.ofTotalBytes(options.historyBytes()), store));
        ControlServer control = lifecycle.opened("the control socket", new ControlServer(options.controlSocket(), history.as("if_mpadm")));
        try {
            control.bind();   // before the dataplane: a path served by another ipmpd refuses the start untouched
        } catch (IOException e) {
            throw new StartupException("the control socket " + options.controlSocket() + " cannot be served: " + e.getMessage());
        }
        lifecycle.opened("the notification log", runner.subscribe(new NotificationLog()));
        NotificationLog.noteTestAddresses(cfg.config());
        runner.onConfigApplied(NotificationLog::noteTestAddresses);
        // SNMP and NETCONF start beside the dataplane; ready waits for both to listen
        ManagementStart agents = new ManagementStart();
        management.snmp().ifPresent(s -> beginSnmp(agents, s));
        management.netconf().ifPresent(s -> beginNetconf(agents, s));
        try {
            startDataplane(control);
        } catch (StartupException | StopRequested | RuntimeException e) {
            agents.finishQuietly(lifecycle);
            throw e;
        }
        StartupTimes.mark("dataplane");
        StartupHold.after("dataplane");
        agents.finish(lifecycle);
        StartupTimes.mark("management");
        StartupHold.after("snmp");
        StartupHold.after("netconf");
        lifecycle.running();
        LOG.info("ipmpd running; control socket {}", options.controlSocket());
        // ready (READY=1) = the groups placed and, start() having returned, SNMP and NETCONF listening: an
        // operator's `systemctl start ipmpd && snmpget ...` gets an answer
        Readiness.whenPlaced(runner::snapshot, startedNanos, summary -> {
            if (!lifecycle.isClosed()) {   // never READY after STOPPING
                LOG.info("ipmpd ready: {}", summary);
                if (StartupTimes.ENABLED) {
                    StartupTimes.mark("ready");
                    LOG.info("start-up steps: {}", StartupTimes.summary());
                }
                SystemdNotify.send("READY=1\nSTATUS=" + summary);
            }
        });
    }

    /** The dataplane reports every link and address (adopting the data addresses), then the control socket serves. */
    private void startDataplane(ControlServer control) throws StartupException, StopRequested {
        LinuxDataplane dataplane;
        try {
            // on start it reports every link, every address the kernel holds (the engine adopts the
            // data addresses, so a restart never drops or moves one that is up), then the end of the dump
            dataplane = new LinuxDataplane(runner);
        } catch (Exception e) {
            throw new StartupException("the Linux dataplane cannot start: " + e.getMessage()
                    + " (ipmpd needs CAP_NET_ADMIN and CAP_NET_RAW)");
        }
        this.dataplane = lifecycle.opened("the dataplane", dataplane);
        // stopped before the dataplane closes, so no action reaches a closed dataplane
        lifecycle.opened("the engine", runner);
        runner.drainBeforeTimers(dataplane::drainPendingReplies);
        runner.start();
        dataplane.start();
        try {
            control.start();
        } catch (IOException e) {
            throw new StartupException("the control socket " + options.controlSocket() + " cannot be served: " + e.getMessage());
        }
        lifecycle.checkpoint();
    }

    private void beginSnmp(ManagementStart agents, SnmpSettings settings) {
        agents.begin("the SNMP agent", "ipmpd-snmp-start", () -> new SnmpAgentService(settings, history.as("snmp")), snmp -> {
            try {
                snmp.start();
            } catch (IOException e) {
                throw new StartupException("the SNMP agent cannot start (" + options.snmpConfig().orElseThrow() + "): "
                        + ManagementSettings.explainBindFailure(e, "SNMP", settings.port()));
            }
        });
    }

    private void beginNetconf(ManagementStart agents, NetconfSettings settings) {
        // commits are persisted atomically to the daemon's configuration file: the startup datastore
        agents.begin("the NETCONF server", "ipmpd-netconf-start",
                () -> new NetconfServer(settings, history.as("netconf"), net.ipmpd.agent.netconf.StartupFile.at(options.config()))
                        .savesThrough(store)
                        .replayFrom(new net.ipmpd.agent.history.HistoryReader(
                                net.ipmpd.agent.history.HistoryFiles.directoryIn(options.stateDirectory()))),
                netconf -> {
                    try {
                        netconf.start();
                    } catch (IOException e) {
                        throw new StartupException("the NETCONF server cannot start (" + options.netconfConfig().orElseThrow()
                                + "): " + ManagementSettings.explainBindFailure(e, "NETCONF", settings.port()));
                    }
                });
    }

    private void execute(Action action) {
        dataplane.execute(action);
    }

    /**
     * SIGHUP: in.mpathd re-reads its configuration. An invalid, empty, missing or unreadable file
     * changes nothing; removing every group takes a file that says so.
     */
    void reload() {
        if (runner == null || lifecycle.isClosed()) {
            LOG.error("SIGHUP during start-up or shutdown: ignored; send it again once ipmpd is running");
            return;
        }
        LOG.info("SIGHUP: reloading the configuration from {}", options.config());
        ConfigSource.Result cfg = configSource.read(ConfigSource.Purpose.RELOAD);
        cfg.warnings().forEach(w -> LOG.warn("{}", w));
        if (!cfg.ok()) {
            cfg.problems().forEach(p -> LOG.error("{}", p));
            LOG.error("the new configuration is invalid ({} problems above); the running configuration is unchanged",
                    cfg.problems().size());
            return;
        }
        // the file is the source: it replaces whatever runs, and is not written back
        history.as("SIGHUP").execute(new Command.ReplaceConfig(cfg.config(), Optional.empty(), Command.Save.RUNNING_ONLY),
                RELOAD_TIMEOUT).thenAccept(outcome -> {
                    switch (outcome) {
                        case Outcome.Done d -> LOG.warn("configuration reloaded: {} group(s)", d.config().groups().size());
                        case CommandResult.Refused refused -> {
                            refused.problems().forEach(p -> LOG.error("{}", p));
                            LOG.error("the new configuration was refused: {}; the running configuration is unchanged",
                                    refused.message());
                        }
                        case Outcome.Failed f -> LOG.error("reload failed: {}", f.message());
                        case Outcome.TimedOut t -> LOG.error("reload: the engine did not answer within {} ms; the new "
                                + "configuration may still be applied", t.after().toMillis());
                    }
                });
    }

    /** SIGTERM/SIGINT: stop now if running; during start-up, start-up stops at its next step. */
    private void stopRequested(String signal) {
        if (lifecycle.requestStop(signal)) {
            LOG.info("{}: stopping", signal);
            close();
            System.exit(0);
        }
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
    public void close() {
        if (lifecycle.isClosed()) {
            return;
        }
        SystemdNotify.send("STOPPING=1");
        LOG.info("ipmpd stopping; data addresses stay where they are");
        if (lifecycle.closeAll()) {
            stopped.countDown();
            LogManager.shutdown();
        }
    }

    /** For tests: the engine service of a started daemon. */
    EngineRunner engine() {
        return runner;
    }
}
