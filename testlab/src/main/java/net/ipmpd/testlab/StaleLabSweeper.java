package net.ipmpd.testlab;

import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Removes what killed lab runs left behind, and nothing else. A run counts as stale only when its marker's owner
 * (pid + start time) is gone; then its recorded processes that are still the same processes are killed by pid and
 * its recorded namespaces are deleted. Namespaces without a marker of ours are never touched: other helpers' and
 * other tools' `ipl*` namespaces follow other rules.
 */
public final class StaleLabSweeper {
    private static final Logger LOG = LogManager.getLogger(StaleLabSweeper.class);

    /** What one sweep removed. */
    public record Result(List<String> staleRuns, List<String> deletedNamespaces, List<Long> killedPids,
                         List<String> problems) {
    }

    private StaleLabSweeper() {
    }

    public static Result sweep(Path markerDir) {
        List<String> runs = new ArrayList<>();
        List<String> deleted = new ArrayList<>();
        List<Long> killed = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        if (!Files.isDirectory(markerDir)) {
            return new Result(runs, deleted, killed, problems);
        }
        // One sweeper at a time across JVMs; within this JVM the synchronized block does the same.
        synchronized (StaleLabSweeper.class) {
            try (FileChannel ch = FileChannel.open(markerDir.resolve(".sweep.lock"), StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE)) {
                FileLock lock = ch.lock();
                try (DirectoryStream<Path> markers = Files.newDirectoryStream(markerDir, "*" + RunMarker.SUFFIX)) {
                    for (Path file : markers) {
                        sweepOne(file, runs, deleted, killed, problems);
                    }
                } finally {
                    lock.release();
                }
            } catch (IOException e) {
                problems.add("cannot sweep " + markerDir + ": " + e.getMessage());
            }
        }
        for (String p : problems) {
            LOG.warn("stale lab sweep: {}", p);
        }
        return new Result(runs, deleted, killed, problems);
    }

    private static void sweepOne(Path file, List<String> runs, List<String> deleted, List<Long> killed,
                                 List<String> problems) {
        Optional<RunMarker> read;
        try {
            read = RunMarker.read(file);
        } catch (IOException | IllegalArgumentException e) {
            // Not a marker we can trust: leave it (and whatever it may describe) alone.
            problems.add("unreadable marker " + file + ": " + e.getMessage());
            return;
        }
        if (read.isEmpty() || read.get().ownerAlive()) {
            return;
        }
        RunMarker m = read.get();
        runs.add(m.runId());
        List<Long> killedHere = new ArrayList<>();
        for (RunMarker.SpawnedProcess p : m.processes()) {
            // Only a process that still has the recorded start time is the one the dead run started.
            if (ProcStat.isSameProcessAlive(p.pid(), p.startTicks())) {
                ProcessHandle.of(p.pid()).ifPresent(ProcessHandle::destroyForcibly);
                killedHere.add(p.pid());
            }
        }
        killed.addAll(killedHere);
        List<String> left = Netns.delete(m.namespaces());
        for (String ns : m.namespaces()) {
            if (!left.contains(ns)) {
                deleted.add(ns);
            }
        }
        if (left.isEmpty()) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                problems.add("cannot delete marker " + file + ": " + e.getMessage());
            }
            LOG.info("stale lab run {} (owner pid {} is gone) removed: namespaces {}, killed pids {}", m.runId(),
                    m.ownerPid(), m.namespaces(), killedHere);
        } else {
            problems.add("run " + m.runId() + ": namespaces " + left
                    + " could not be deleted; marker kept for a retry");
        }
    }
}
