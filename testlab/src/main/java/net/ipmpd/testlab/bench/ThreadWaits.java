package net.ipmpd.testlab.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * How long each thread of a process waited for a CPU, from the kernel's scheduler statistics
 * (/proc/PID/task/TID/schedstat: time on the CPU, time runnable but waiting on a run queue, and
 * the number of time slices, all since the thread started). Two readings give, per thread, the
 * wait between them: on a loaded host this is the processing delay a probe reply meets before
 * the daemon's code sees it.
 */
final class ThreadWaits {
    record Reading(String name, long runNanos, long waitNanos, long slices) {
    }

    record Delta(String name, long runNanos, long waitNanos, long slices) {
        double meanWaitPerSliceMs() {
            return slices == 0 ? 0 : waitNanos / 1e6 / slices;
        }
    }

    private ThreadWaits() {
    }

    /** tid to its reading; threads that end between the walk and the read are skipped. */
    static Map<Long, Reading> read(long pid) {
        Map<Long, Reading> out = new HashMap<>();
        Path tasks = Path.of("/proc", Long.toString(pid), "task");
        try (Stream<Path> s = Files.list(tasks)) {
            for (Path t : s.toList()) {
                try {
                    String[] f = Files.readString(t.resolve("schedstat")).trim().split("\\s+");
                    String name = Files.readString(t.resolve("comm")).trim();
                    out.put(Long.parseLong(t.getFileName().toString()),
                            new Reading(name, Long.parseLong(f[0]), Long.parseLong(f[1]), Long.parseLong(f[2])));
                } catch (IOException | RuntimeException e) {
                    // the thread ended meanwhile
                }
            }
        } catch (IOException e) {
            return out;
        }
        return out;
    }

    /** Per thread name (threads of one name summed), the largest waits first. */
    static List<Delta> between(Map<Long, Reading> before, Map<Long, Reading> after) {
        Map<String, long[]> byName = new HashMap<>();
        after.forEach((tid, a) -> {
            Reading b = before.getOrDefault(tid, new Reading(a.name(), 0, 0, 0));
            long[] sum = byName.computeIfAbsent(a.name(), n -> new long[3]);
            sum[0] += a.runNanos() - b.runNanos();
            sum[1] += a.waitNanos() - b.waitNanos();
            sum[2] += a.slices() - b.slices();
        });
        List<Delta> out = new ArrayList<>();
        byName.forEach((n, s) -> out.add(new Delta(n, s[0], s[1], s[2])));
        out.sort(Comparator.comparingLong(Delta::waitNanos).reversed());
        return out;
    }
}
