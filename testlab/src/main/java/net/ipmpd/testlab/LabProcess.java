package net.ipmpd.testlab;

import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A background process the lab started inside one of its namespaces with `ip netns exec NS argv...`. ip execs the
 * command (no fork), so {@link #pid()} is the command's own pid: the lab ends it by that pid on close.
 */
public final class LabProcess implements AutoCloseable {
    private static final Logger LOG = LogManager.getLogger(LabProcess.class);
    private static final Duration GRACE = Duration.ofSeconds(3);

    private final String namespace;
    private final List<String> command;
    private final Process process;
    private final OutputLines stdout;
    private final OutputLines stderr;

    LabProcess(String namespace, List<String> command, Process process) {
        this.namespace = namespace;
        this.command = List.copyOf(command);
        this.process = process;
        String tag = namespace + "/" + process.pid();
        this.stdout = OutputLines.pump(process.getInputStream(), "lab-out " + tag);
        this.stderr = OutputLines.pump(process.getErrorStream(), "lab-err " + tag);
    }

    public long pid() {
        return process.pid();
    }

    public String namespace() {
        return namespace;
    }

    public List<String> command() {
        return command;
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public OutputLines stdout() {
        return stdout;
    }

    public OutputLines stderr() {
        return stderr;
    }

    /** Writes one line to the process's stdin. */
    public void send(String line) {
        OutputStream in = process.getOutputStream();
        try {
            in.write((line + "\n").getBytes(StandardCharsets.UTF_8));
            in.flush();
        } catch (IOException e) {
            throw new LabException("cannot write to pid " + pid() + " in " + namespace + " ("
                    + String.join(" ", command) + "): " + e.getMessage()
                    + (isAlive() ? "" : "; it exited with " + process.exitValue()), e);
        }
    }

    /** Waits for a stdout line matching `match` (looking at all lines so far); throws if none comes in time. */
    public String awaitLine(Predicate<String> match, String what, Duration timeout) {
        return awaitLine(0, match, what, timeout);
    }

    public String awaitLine(long fromMark, Predicate<String> match, String what, Duration timeout) {
        Optional<String> line = stdout.await(fromMark, match, timeout);
        if (line.isEmpty()) {
            throw new LabTimeoutException("pid " + pid() + " in " + namespace + " did not print " + what + " within "
                    + timeout.toMillis() + " ms" + (isAlive() ? "" : " (it exited with " + process.exitValue() + ")")
                    + "; stdout tail:\n" + stdout + "\nstderr tail:\n" + stderr);
        }
        return line.get();
    }

    /** Waits for the process to exit; the exit code, or empty if still running at the deadline. */
    public OptionalInt waitFor(Duration timeout) {
        try {
            if (process.waitFor(timeout.toNanos(), TimeUnit.NANOSECONDS)) {
                return OptionalInt.of(process.exitValue());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return OptionalInt.empty();
    }

    /** SIGKILL now, e.g. to make a server vanish without closing its connections in an orderly way. */
    public void kill() {
        List<ProcessHandle> children = process.descendants().toList();
        process.destroyForcibly();
        children.forEach(ProcessHandle::destroyForcibly);
        waitFor(GRACE);
        LOG.info("lab process {} in {} killed ({})", pid(), namespace, command.getFirst());
    }

    /** SIGTERM, then SIGKILL after a grace period; also ends processes it started (by pid). */
    public void stop() {
        if (!process.isAlive()) {
            return;
        }
        List<ProcessHandle> children = process.descendants().toList();
        process.destroy();
        if (waitFor(GRACE).isEmpty()) {
            process.destroyForcibly();
            waitFor(GRACE);
        }
        children.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
        LOG.info("lab process {} in {} stopped ({})", pid(), namespace, command.getFirst());
    }

    @Override
    public void close() {
        stop();
    }

    @Override
    public String toString() {
        return "pid " + pid() + " in " + namespace + ": " + String.join(" ", command);
    }
}
