package net.ipmpd.testlab.mgmt;

import net.ipmpd.agent.control.ControlClient;
import net.ipmpd.agent.control.Protocol;
import net.ipmpd.agent.control.SnapshotCodec;
import net.ipmpd.engine.state.EngineSnapshot;
import net.ipmpd.engine.state.MemberSnapshot;
import net.ipmpd.testlab.Lab;
import net.ipmpd.testlab.e2e.DaemonFixture;
import net.ipmpd.testlab.LabException;
import net.ipmpd.testlab.LabProcess;
import net.ipmpd.testlab.LabTimeoutException;
import net.ipmpd.testlab.Waits;

import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The real ipmpd daemon in a lab's host namespace with its management agents switched on: the same start as the e2e
 * scenarios' fixture (config file, control socket, "ipmpd running" on stderr), plus {@code --snmp-config} and/or
 * {@code --netconf-config}. Both agents listen on 127.0.0.1 of the host namespace, so the managers (net-snmp tools,
 * snmptrapd, ncclient) run in that namespace too.
 */
final class ManagedDaemon implements AutoCloseable {
    private static final Logger LOG = LogManager.getLogger(ManagedDaemon.class);

    private final Lab lab;
    private final Path config;
    private final Path socket;
    private final List<String> extraArgs;
    private LabProcess process;

    private ManagedDaemon(Lab lab, Path dir, List<String> extraArgs) {
        this.lab = lab;
        this.config = dir.resolve("ipmpd.json");
        this.socket = dir.resolve("ipmpd.sock");
        this.extraArgs = List.copyOf(extraArgs);
    }

    /** Writes the configuration file into dir and starts the daemon with the given agent options. */
    static ManagedDaemon start(Lab lab, Path dir, String configJson, String... agentArgs) {
        ManagedDaemon d = new ManagedDaemon(lab, dir, List.of(agentArgs));
        try {
            Files.writeString(d.config, configJson, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        d.start();
        return d;
    }

    void start() {
        if (process != null && process.isAlive()) {
            throw new IllegalStateException("ipmpd already running: " + process);
        }
        List<String> args = new ArrayList<>(List.of("-c", config.toString(), "-m", "/dev/null",
                "-s", socket.toString(), "-l", "info"));
        args.addAll(extraArgs);
        process = DaemonFixture.spawn(lab, args);
    }

    /** SIGTERM and wait for the exit; the daemon leaves data addresses where they are. */
    void stop() {
        if (process != null && process.isAlive()) {
            process.stop();
            LOG.info("ipmpd's log ({}):\n{}", config, String.join("\n", process.stderr().all()));
        }
    }

    LabProcess process() {
        return process;
    }

    Path socket() {
        return socket;
    }

    Path configFile() {
        return config;
    }

    EngineSnapshot snapshot() {
        try {
            ControlClient.Response r = new ControlClient(socket, Duration.ofSeconds(5))
                    .call(ControlClient.request(Protocol.QUERY));
            if (!r.ok()) {
                throw new LabException("ipmpd refused the query: " + r.error() + " " + r.message());
            }
            return SnapshotCodec.decode(r.body().object("snapshot"));
        } catch (IOException e) {
            throw new LabException("cannot query ipmpd at " + socket + ": " + e.getMessage(), e);
        }
    }

    MemberSnapshot member(String ifname) {
        return snapshot().member(ifname).orElseThrow(() -> new LabException("ipmpd has no member " + ifname));
    }

    EngineSnapshot awaitSnapshot(String what, Duration timeout, Predicate<EngineSnapshot> done) {
        return Waits.until(what, timeout, this::snapshot, done);
    }

    long logMark() {
        return process.stderr().mark();
    }

    /** Waits for a daemon log line containing every fragment, after the mark. */
    String awaitLog(long mark, Duration timeout, String... fragments) {
        Optional<String> line = process.stderr().await(mark, l -> List.of(fragments).stream().allMatch(l::contains),
                timeout);
        if (line.isEmpty()) {
            throw new LabTimeoutException("ipmpd did not log a line with " + List.of(fragments) + " within "
                    + timeout.toMillis() + " ms; log since the mark:\n" + String.join("\n",
                    process.stderr().since(mark)));
        }
        return line.get();
    }

    /** The daemon's log lines (and whatever else it wrote on stderr) that contain any of the fragments. */
    List<String> logMatching(String... fragments) {
        return process.stderr().all().stream().filter(l -> List.of(fragments).stream().anyMatch(l::contains)).toList();
    }

    /**
     * The daemon's log lines that report a fault of the daemon itself: ERROR or FATAL from anything but the event
     * log (which writes failures at ERROR, as in.mpathd logs them at LOG_ERR), and any exception.
     */
    List<String> errors() {
        return process.stderr().all().stream().filter(l -> ((l.contains(" ERROR ") || l.contains(" FATAL "))
                && !l.contains(" events: ")) || l.contains("Exception")).toList();
    }

    @Override
    public void close() {
        stop();
    }
}
