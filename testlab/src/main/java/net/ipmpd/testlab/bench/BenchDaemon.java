package net.ipmpd.testlab.bench;

import net.ipmpd.testlab.Lab;
import net.ipmpd.testlab.LabProcess;
import net.ipmpd.testlab.demo.DaemonConfig;
import net.ipmpd.testlab.demo.DaemonLog;
import net.ipmpd.testlab.demo.IpmpTools;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.OptionalInt;

/**
 * One run of the real daemon (bin/ipmpd, as an operator starts it) in a lab's host namespace with a given
 * configuration; its log is recorded (not echoed) for timing and for the summary of unexpected lines.
 */
final class BenchDaemon implements AutoCloseable {
    private final LabProcess process;
    private final DaemonLog log;
    private final IpmpTools tools;

    private BenchDaemon(LabProcess process, DaemonLog log, IpmpTools tools) {
        this.process = process;
        this.log = log;
        this.tools = tools;
    }

    /** Writes the configuration, starts the daemon and waits until every probing member has a target answering. */
    static BenchDaemon start(Lab lab, Path home, Path dir, String name, DaemonConfig config, int probingMembers)
            throws IOException {
        Path cfg = config.write(dir.resolve(name + ".json"));
        IpmpTools tools = new IpmpTools(home, dir.resolve(name + ".sock"));
        java.util.List<String> argv = new java.util.ArrayList<>();
        // -Dipmpd.bench.nice=-10: the daemon at a higher CPU priority, to see what a busy host's run-queue
        // waits cost it (nice execs the launcher, so the pid stays the daemon's)
        String nice = System.getProperty("ipmpd.bench.nice");
        if (nice != null) {
            argv.addAll(java.util.List.of("nice", "-n", nice));
        }
        argv.addAll(java.util.List.of(tools.daemonLauncher(), "-c", cfg.toString(), "-m", "/dev/null",
                "-s", tools.socket().toString(), "-l", System.getProperty("ipmpd.bench.loglevel", "info")));
        LabProcess p = lab.spawn(lab.hostNs(), argv.toArray(String[]::new));
        DaemonLog log = DaemonLog.follow(p, null, false);
        BenchDaemon d = new BenchDaemon(p, log, tools);
        try {
            log.require(0, l -> l.contains("ipmpd running"), "that it is running", Duration.ofSeconds(60));
            d.awaitProbing(probingMembers, Duration.ofSeconds(60));
        } catch (RuntimeException e) {
            d.close();
            throw e;
        }
        return d;
    }

    private void awaitProbing(int members, Duration timeout) {
        if (members == 0) {
            return;
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            IpmpTools.Result r = tools.ipmpstat("-P", "-o", "INTERFACE,PROBE", "-i");
            if (r.ok() && r.lines().stream().filter(l -> l.endsWith(":ok")).count() >= members) {
                return;
            }
            sleep(250);
        }
        throw new IllegalStateException("the daemon's probes did not succeed on " + members + " members within "
                + timeout.toSeconds() + " s");
    }

    long pid() {
        return process.pid();
    }

    DaemonLog log() {
        return log;
    }

    IpmpTools tools() {
        return tools;
    }

    /** SIGTERM, as an operator stops it; the exit status, or empty if it had to be killed. */
    OptionalInt stop() {
        ProcessHandle.of(process.pid()).ifPresent(ProcessHandle::destroy);
        OptionalInt code = process.waitFor(Duration.ofSeconds(10));
        process.stop();
        log.close();
        return code;
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            stop();
        }
        log.close();
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted");
        }
    }
}
