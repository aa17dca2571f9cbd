package net.ipmpd.testlab;

import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.OptionalLong;

/**
 * What one lab run owns and how it is given back: the run marker (written before anything exists), the processes
 * and flaps it started, and the teardown that close(), a failing test and the JVM shutdown hook all end in.
 */
final class LabRun {
    private static final Logger LOG = LogManager.getLogger(LabRun.class);

    private final String runId;
    private final Path markerDir;
    private final List<String> namespaces;
    private final List<LabProcess> processes = new ArrayList<>();
    private final List<Flap> flaps = new ArrayList<>();
    private final Thread shutdownHook;
    private RunMarker marker;
    private boolean closed;

    private LabRun(String runId, Path markerDir, List<String> namespaces) {
        this.runId = runId;
        this.markerDir = markerDir;
        this.namespaces = List.copyOf(namespaces);
        this.shutdownHook = new Thread(this::closeFromHook, "lab-shutdown-" + runId);
    }

    /** Records the run (its namespaces before they exist, so a kill at any later point leaves nothing unrecorded). */
    static LabRun begin(String runId, Path markerDir, List<String> namespaces) {
        LabRun run = new LabRun(runId, markerDir, namespaces);
        run.marker = new RunMarker(runId, ProcessHandle.current().pid(), ProcStat.selfStartTicks(), namespaces,
                List.of());
        run.writeMarker();
        Runtime.getRuntime().addShutdownHook(run.shutdownHook);
        return run;
    }

    /** Starts a process and records it; under the closed flag's lock, so close() either refuses it or ends it. */
    synchronized LabProcess start(String ns, List<String> command, List<String> argv) {
        if (closed) {
            throw new LabException("lab " + runId + " is closed");
        }
        Process p;
        try {
            p = ProcessRunner.builder(command).start();
        } catch (IOException e) {
            throw new LabException("cannot start `" + String.join(" ", command) + "`: " + e.getMessage(), e);
        }
        LabProcess lp = new LabProcess(ns, argv, p);
        processes.add(lp);
        OptionalLong ticks = ProcStat.startTicks(p.pid());
        if (ticks.isPresent()) {
            marker = marker.withProcess(new RunMarker.SpawnedProcess(p.pid(), ticks.getAsLong()));
            writeMarker();
        }
        return lp;
    }

    synchronized void register(Flap flap) {
        if (closed) {
            flap.stop();
            throw new LabException("lab " + runId + " is closed");
        }
        flaps.add(flap);
    }

    synchronized boolean isClosed() {
        return closed;
    }

    private void writeMarker() {
        try {
            marker.write(markerDir);
        } catch (IOException e) {
            throw new LabException("lab " + runId + ": cannot write run marker in " + markerDir + ": " + e.getMessage()
                    + " (root needed)", e);
        }
    }

    /**
     * Stops flaps and spawned processes, deletes every namespace of the run (which deletes their veths) and the
     * marker. Safe to call twice. Throws if a namespace could not be deleted (the marker then stays for a sweep).
     */
    void close() {
        teardown();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException e) {
            // Shutdown already in progress: the hook is running or ran.
        }
    }

    private void closeFromHook() {
        // log4j's own shutdown hook may already have stopped logging; the teardown itself does not depend on it.
        LOG.warn("lab {}: closed by the JVM shutdown hook (close() was not called)", runId);
        teardown();
    }

    private void teardown() {
        List<Flap> flapsToStop;
        List<LabProcess> procs;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            flapsToStop = List.copyOf(flaps);
            procs = new ArrayList<>(processes);
        }
        List<String> problems = new ArrayList<>();
        for (Flap f : flapsToStop) {
            try {
                f.stop();
            } catch (RuntimeException e) {
                problems.add(f + ": " + e.getMessage());
            }
        }
        // Newest first: a client goes before the server it talks to.
        Collections.reverse(procs);
        for (LabProcess p : procs) {
            try {
                p.stop();
            } catch (RuntimeException e) {
                problems.add(p + ": " + e.getMessage());
            }
        }
        List<String> left = Netns.delete(namespaces);
        if (left.isEmpty()) {
            try {
                Files.deleteIfExists(RunMarker.file(markerDir, runId));
            } catch (IOException e) {
                problems.add("marker: " + e.getMessage());
            }
        } else {
            problems.add("namespaces not deleted: " + left + " (marker kept; the next lab's sweep retries)");
        }
        if (!problems.isEmpty()) {
            throw new LabException("lab " + runId + " teardown: " + String.join("; ", problems));
        }
        LOG.info("lab {} removed", runId);
    }
}
