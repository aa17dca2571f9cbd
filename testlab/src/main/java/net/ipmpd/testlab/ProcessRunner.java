package net.ipmpd.testlab;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs one short command to completion with a hard timeout; output is drained concurrently so it never blocks. */
final class ProcessRunner {
    private ProcessRunner() {
    }

    static ProcessBuilder builder(List<String> argv) {
        ProcessBuilder pb = new ProcessBuilder(argv);
        // C locale: ping and ip print the English forms the parsers expect.
        pb.environment().put("LC_ALL", "C");
        pb.environment().put("PATH", Tools.childPath());
        return pb;
    }

    static ExecResult run(List<String> argv, Duration timeout, String stdin) {
        long t0 = System.nanoTime();
        Process p;
        try {
            p = builder(argv).start();
        } catch (IOException e) {
            throw new LabException("cannot start `" + String.join(" ", argv) + "`: " + e.getMessage(), e);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Thread outPump = drain(p.getInputStream(), out);
        Thread errPump = drain(p.getErrorStream(), err);
        try (OutputStream in = p.getOutputStream()) {
            if (stdin != null) {
                in.write(stdin.getBytes(StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            // The command exited before reading its input; its exit code and stderr tell why.
        }
        boolean timedOut = false;
        try {
            if (!p.waitFor(timeout.toNanos(), TimeUnit.NANOSECONDS)) {
                timedOut = true;
                p.destroyForcibly();
                p.waitFor(2, TimeUnit.SECONDS);
            }
            outPump.join(2000);
            errPump.join(2000);
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new LabException("interrupted while running `" + String.join(" ", argv) + "`", e);
        }
        int code = timedOut || p.isAlive() ? -1 : p.exitValue();
        return new ExecResult(argv, code, text(out), text(err), timedOut, Duration.ofNanos(System.nanoTime() - t0));
    }

    private static String text(ByteArrayOutputStream b) {
        synchronized (b) {
            return b.toString(StandardCharsets.UTF_8);
        }
    }

    private static Thread drain(InputStream in, ByteArrayOutputStream sink) {
        return Thread.ofVirtual().start(() -> {
            byte[] buf = new byte[8192];
            try (in) {
                int n;
                while ((n = in.read(buf)) > 0) {
                    synchronized (sink) {
                        sink.write(buf, 0, n);
                    }
                }
            } catch (IOException e) {
                // Stream closed because the process was killed: what was read so far is kept.
            }
        });
    }
}
