package net.ipmpd.testlab;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;

/**
 * Process identity from /proc. A pid alone is not an identity: pid_max is 32768 here and pids are reused quickly,
 * so the lab records (pid, start time in clock ticks since boot) and treats a process as the same one only when
 * both match.
 */
public final class ProcStat {
    private ProcStat() {
    }

    /** Field 22 of /proc/PID/stat; empty when there is no such process or it is a zombie (dead, not yet reaped). */
    public static OptionalLong startTicks(long pid) {
        String stat;
        try {
            stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
        } catch (IOException e) {
            return OptionalLong.empty();
        }
        return parseStartTicks(stat);
    }

    static OptionalLong parseStartTicks(String stat) {
        // comm (field 2) is in parentheses and may itself contain spaces or ')': split after the last ')'.
        int close = stat.lastIndexOf(')');
        if (close < 0) {
            return OptionalLong.empty();
        }
        String[] f = stat.substring(close + 1).trim().split("\\s+");
        // f[0] is field 3 (state), so field 22 (starttime) is f[19].
        if (f.length < 20 || f[0].equals("Z") || f[0].equals("X")) {
            return OptionalLong.empty();
        }
        try {
            return OptionalLong.of(Long.parseLong(f[19]));
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }

    /** True when pid is running and is the process that was recorded with startTicks. */
    public static boolean isSameProcessAlive(long pid, long startTicks) {
        OptionalLong now = startTicks(pid);
        return now.isPresent() && now.getAsLong() == startTicks;
    }

    public static long selfStartTicks() {
        return startTicks(ProcessHandle.current().pid()).orElseThrow(
                () -> new LabException("cannot read /proc/self/stat: is /proc mounted?"));
    }

    /** The effective uid from /proc/self/status ("Uid: real effective saved fs"); -1 if unreadable. */
    public static int effectiveUid() {
        try {
            return parseEffectiveUid(Files.readString(Path.of("/proc/self/status")));
        } catch (IOException e) {
            return -1;
        }
    }

    static int parseEffectiveUid(String status) {
        for (String line : status.split("\n")) {
            if (line.startsWith("Uid:")) {
                String[] f = line.substring(4).trim().split("\\s+");
                if (f.length >= 2) {
                    return Integer.parseInt(f[1]);
                }
            }
        }
        return -1;
    }
}
