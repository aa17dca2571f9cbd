package net.ipmpd.agent;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Where start-up spends its time, for scripts/bench-startup.sh ({@code -Dipmpd.startupTimes=true}):
 * each step's wall time since launch and the CPU time of the process and of the thread that ended
 * the step (the JIT's threads run beside it), read from /proc (the
 * management beans would load classes of their own at every start). Without the property it
 * records nothing.
 */
final class StartupTimes {
    static final boolean ENABLED = Boolean.getBoolean("ipmpd.startupTimes");
    private static final Path SELF_STAT = Path.of("/proc/self/stat");
    private static final Path THREAD_STAT = Path.of("/proc/thread-self/stat");
    /** USER_HZ: Linux reports CPU times in these ticks (100 on every architecture it ships for). */
    private static final long TICKS_PER_SECOND = 100;

    private record Step(String name, long sinceLaunchMs, long cpuMs, long threadCpuMs) {
    }

    private static final List<Step> STEPS = new ArrayList<>();

    private StartupTimes() {
    }

    /** Records that {@code step} has just ended. */
    static synchronized void mark(String step) {
        if (ENABLED) {
            STEPS.add(new Step(step, sinceLaunchMs(), cpuMs(SELF_STAT), cpuMs(THREAD_STAT)));
        }
    }

    /** "step at wall ms (CPU ms), ..." in the order recorded; empty when disabled. */
    static synchronized String summary() {
        StringBuilder s = new StringBuilder();
        for (Step step : STEPS) {
            s.append(s.isEmpty() ? "" : ", ").append(step.name()).append(' ').append(step.sinceLaunchMs())
                    .append(" ms (CPU ").append(step.cpuMs()).append(", this thread ").append(step.threadCpuMs()).append(')');
        }
        return s.toString();
    }

    private static long sinceLaunchMs() {
        return ProcessHandle.current().info().startInstant()
                .map(t -> Duration.between(t, Instant.now()).toMillis()).orElse(-1L);
    }

    /** utime + stime: fields 14 and 15 of a stat file of /proc, counted after the command's closing parenthesis. */
    private static long cpuMs(Path statFile) {
        try {
            String stat = Files.readString(statFile);
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(f[11]) + Long.parseLong(f[12])) * 1000 / TICKS_PER_SECOND;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }
}
