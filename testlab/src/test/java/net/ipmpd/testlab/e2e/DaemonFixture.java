package net.ipmpd.testlab.e2e;

import net.ipmpd.agent.IpmpDaemon;
import net.ipmpd.agent.control.ControlClient;
import net.ipmpd.agent.control.Protocol;
import net.ipmpd.agent.control.SnapshotCodec;
import net.ipmpd.engine.state.DataAddressSnapshot;
import net.ipmpd.engine.state.EngineSnapshot;
import net.ipmpd.engine.state.GroupSnapshot;
import net.ipmpd.engine.state.MemberSnapshot;
import net.ipmpd.testlab.DaemonJvm;
import net.ipmpd.testlab.Lab;
import net.ipmpd.testlab.LabException;
import net.ipmpd.testlab.LabProcess;
import net.ipmpd.testlab.LabTimeoutException;
import net.ipmpd.testlab.Waits;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * The real ipmpd daemon ({@link IpmpDaemon}) running in a lab's host namespace: writes its configuration file,
 * starts it, waits for "ipmpd running", and reads its state over the control socket (the socket file lives on the
 * shared filesystem, so this JVM in the root namespace connects to it directly) and its log from stderr.
 */
public final class DaemonFixture implements AutoCloseable {
    /** A bound against a hung start, not a speed goal: bin/ipmpd's C2-only JIT on a saturated 2-core host takes 10-30 s. */
    public static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    private static final Pattern LOG_TIME = Pattern.compile("^(\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}[^ ]*) ");

    /** The daemon's log level; -De2e.ipmpd.logLevel=trace shows every probe when a scenario needs explaining. */
    static final String LOG_LEVEL = System.getProperty("e2e.ipmpd.logLevel", "info");

    private final Lab lab;
    private final Path dir;
    private final Path config;
    private final Path socket;
    private LabProcess process;

    private DaemonFixture(Lab lab, Path dir) {
        this.lab = lab;
        this.dir = dir;
        this.config = dir.resolve("ipmpd.json");
        this.socket = dir.resolve("ipmpd.sock");
    }

    /** Writes the configuration into dir and starts the daemon in the lab's host namespace. */
    public static DaemonFixture start(Lab lab, Path dir, ConfigJson cfg) {
        DaemonFixture d = new DaemonFixture(lab, dir);
        d.writeConfig(cfg.render());
        d.start();
        return d;
    }

    /** Replaces the configuration file atomically (temp file + rename), as an operator's editor would. */
    public void writeConfig(String json) {
        try {
            Path tmp = Files.createTempFile(dir, "ipmpd", ".json.tmp");
            Files.writeString(tmp, json, StandardCharsets.UTF_8);
            Files.move(tmp, config, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + config, e);
        }
    }

    /** Starts (or restarts after {@link #stop()}) the daemon and waits until its control socket is served. */
    public void start() {
        if (process != null && process.isAlive()) {
            throw new IllegalStateException("ipmpd already running: " + process);
        }
        if (process != null) {
            close();
        }
        process = spawn(lab, List.of("-c", config.toString(), "-m", "/dev/null", "-s", socket.toString(),
                "-l", LOG_LEVEL, "--state-dir", dir.toString()));
    }

    /**
     * Starts the real daemon in the lab's host namespace with these arguments and bin/ipmpd's JVM options
     * ({@link DaemonJvm}, the shipped heap included: the lab sees the memory operators get) and waits for
     * "ipmpd running". The daemon picks its own
     * ipmpd-log4j2.xml (IpmpDaemon.main sets it before any logger exists), so testlab's log4j2-test.xml does not
     * redirect its event log.
     */
    public static LabProcess spawn(Lab lab, List<String> args) {
        LabProcess process = lab.spawn(lab.hostNs(), DaemonJvm.argv(List.of(), IpmpDaemon.class, args).toArray(String[]::new));
        Optional<String> running = process.stderr().await(0, l -> l.contains("ipmpd running"), START_TIMEOUT);
        if (running.isEmpty()) {
            String tail = process.stderr().toString();
            process.stop();
            throw new LabTimeoutException("ipmpd did not report \"ipmpd running\" within " + START_TIMEOUT.toMillis()
                    + " ms; stderr tail:\n" + tail);
        }
        // the JDK warns at the first use of sun.misc.Unsafe (jnr-ffi, netty: during start-up) unless bin/ipmpd's
        // options are there; operators never see these lines, so neither may the lab
        List<String> jdkWarnings = process.stderr().since(0).stream().filter(l -> l.startsWith("WARNING: ")).toList();
        if (!jdkWarnings.isEmpty()) {
            process.stop();
            throw new LabException("ipmpd printed JDK warnings (are bin/jvm/*.options passed?):\n"
                    + String.join("\n", jdkWarnings));
        }
        return process;
    }

    /** SIGTERM and wait for the exit (the daemon leaves data addresses where they are). */
    public void stop() {
        if (process != null) {
            process.stop();
        }
    }

    /** SIGHUP: the daemon re-reads its configuration file. */
    public void sighup() {
        signal("HUP");
    }

    public void signal(String name) {
        try {
            Process p = new ProcessBuilder("kill", "-" + name, Long.toString(process.pid())).inheritIO().start();
            if (p.waitFor() != 0) {
                throw new LabException("kill -" + name + " " + process.pid() + " failed");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LabException("interrupted", e);
        }
    }

    public LabProcess process() {
        return process;
    }

    public Path socket() {
        return socket;
    }

    public Path configFile() {
        return config;
    }

    // ---- state over the control socket ------------------------------------------------------------------------

    public EngineSnapshot snapshot() {
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

    public GroupSnapshot group(String name) {
        return snapshot().group(name).orElseThrow(() -> new LabException("ipmpd has no group " + name));
    }

    public MemberSnapshot member(String ifname) {
        return snapshot().member(ifname).orElseThrow(() -> new LabException("ipmpd has no member " + ifname));
    }

    public DataAddressSnapshot dataAddress(String group, String address) {
        InetAddress a = inet(address);
        return group(group).dataAddresses().stream().filter(d -> d.address().equals(a)).findFirst()
                .orElseThrow(() -> new LabException("group " + group + " has no data address " + address));
    }

    public EngineSnapshot awaitSnapshot(String what, Duration timeout, Predicate<EngineSnapshot> done) {
        return Waits.until(what, timeout, this::snapshot, done);
    }

    public MemberSnapshot awaitMember(String ifname, String what, Duration timeout, Predicate<MemberSnapshot> done) {
        return Waits.until(ifname + " " + what, timeout, () -> member(ifname), done);
    }

    // ---- the event log ----------------------------------------------------------------------------------------

    public long logMark() {
        return process.stderr().mark();
    }

    /** Waits for a log line containing every given fragment, after the mark. */
    public String awaitLog(long mark, Duration timeout, String... fragments) {
        Optional<String> line = process.stderr().await(mark, l -> containsAll(l, fragments), timeout);
        if (line.isEmpty()) {
            throw new LabTimeoutException("ipmpd did not log a line with " + List.of(fragments) + " within "
                    + timeout.toMillis() + " ms; log since the mark:\n" + String.join("\n", logSince(mark)));
        }
        return line.get();
    }

    public List<String> logSince(long mark) {
        return process.stderr().since(mark);
    }

    public List<String> logLinesSince(long mark, String... fragments) {
        return logSince(mark).stream().filter(l -> containsAll(l, fragments)).toList();
    }

    private static boolean containsAll(String line, String... fragments) {
        for (String f : fragments) {
            if (!line.contains(f)) {
                return false;
            }
        }
        return true;
    }

    /** The wall-clock time a log line was written, in epoch milliseconds (the pattern has millisecond precision). */
    public static long logTimeMillis(String line) {
        var m = LOG_TIME.matcher(line);
        if (!m.find()) {
            throw new IllegalArgumentException("no timestamp in log line: " + line);
        }
        try {
            return OffsetDateTime.parse(m.group(1)).toInstant().toEpochMilli();
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("bad timestamp in log line: " + line, e);
        }
    }

    public static InetAddress inet(String address) {
        try {
            return InetAddress.getByName(address);
        } catch (java.net.UnknownHostException e) {
            throw new IllegalArgumentException(address, e);
        }
    }

    /**
     * Stops the daemon and keeps its whole log in target/e2e-daemon-logs/ (the temp dir goes with the test): the
     * post-mortem of a failed scenario starts there.
     */
    @Override
    public void close() {
        stop();
        if (process != null) {
            try {
                Path logs = Files.createDirectories(Path.of("target", "e2e-daemon-logs"));
                Files.write(logs.resolve(lab.runId() + "-" + process.pid() + ".log"), process.stderr().all(),
                        StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot keep the daemon's log", e);
            }
        }
    }
}
