package net.ipmpd.testlab;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The record that makes a lab run's leftovers removable after its JVM was killed: who owns the run (pid and start
 * time), which namespaces it created (written before they are created) and which processes it spawned.
 * One file per run, {@code <dir>/<runId>.lab}, always replaced atomically (temp file + rename) so a reader never
 * sees half a marker.
 *
 * @param runId       the run's id; every namespace of the run is named {@code ipl<runId>-<role>}
 * @param ownerPid    the JVM that created the run
 * @param ownerTicks  its start time (clock ticks since boot), to tell it from a later process with the same pid
 * @param namespaces  namespaces the run created or is about to create
 * @param processes   processes the run spawned inside its namespaces
 */
public record RunMarker(String runId, long ownerPid, long ownerTicks, List<String> namespaces,
                        List<SpawnedProcess> processes) {

    public static final String SUFFIX = ".lab";
    private static final Pattern RUN_ID = Pattern.compile("[a-z0-9]{1,10}");

    /** A process started by the run: killed by a later sweep only if pid and start time still match. */
    public record SpawnedProcess(long pid, long startTicks) {
    }

    public RunMarker {
        if (!RUN_ID.matcher(runId).matches()) {
            throw new IllegalArgumentException("run id must be 1-10 of [a-z0-9]: " + runId);
        }
        namespaces = List.copyOf(namespaces);
        processes = List.copyOf(processes);
        for (String ns : namespaces) {
            if (!ns.startsWith(namespacePrefix(runId))) {
                throw new IllegalArgumentException("namespace " + ns + " does not belong to run " + runId);
            }
        }
    }

    /** Every namespace of a run starts with this; runIds contain no '-', so no run's prefix is another's. */
    public static String namespacePrefix(String runId) {
        return "ipl" + runId + "-";
    }

    public RunMarker withNamespaces(List<String> ns) {
        return new RunMarker(runId, ownerPid, ownerTicks, ns, processes);
    }

    public RunMarker withProcess(SpawnedProcess p) {
        List<SpawnedProcess> all = new ArrayList<>(processes);
        all.add(p);
        return new RunMarker(runId, ownerPid, ownerTicks, namespaces, all);
    }

    public boolean ownerAlive() {
        return ProcStat.isSameProcessAlive(ownerPid, ownerTicks);
    }

    public static Path file(Path dir, String runId) {
        return dir.resolve(runId + SUFFIX);
    }

    String format() {
        StringBuilder b = new StringBuilder(
                "# ipmpd testlab run marker: leftovers of a dead owner are removed by the next lab\n");
        b.append("run=").append(runId).append('\n');
        b.append("pid=").append(ownerPid).append('\n');
        b.append("start=").append(ownerTicks).append('\n');
        b.append("namespaces=").append(String.join(",", namespaces)).append('\n');
        List<String> ps = new ArrayList<>();
        for (SpawnedProcess p : processes) {
            ps.add(p.pid() + ":" + p.startTicks());
        }
        b.append("processes=").append(String.join(",", ps)).append('\n');
        return b.toString();
    }

    static RunMarker parse(String text, String where) {
        String run = null;
        Long pid = null;
        Long start = null;
        List<String> ns = new ArrayList<>();
        List<SpawnedProcess> ps = new ArrayList<>();
        String[] lines = text.split("\n");
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int eq = line.indexOf('=');
            if (eq < 0) {
                throw new IllegalArgumentException(where + ":" + (i + 1) + ": expected key=value, got: " + line);
            }
            String key = line.substring(0, eq);
            String value = line.substring(eq + 1);
            try {
                switch (key) {
                    case "run" -> run = value;
                    case "pid" -> pid = Long.parseLong(value);
                    case "start" -> start = Long.parseLong(value);
                    case "namespaces" -> {
                        for (String n : value.split(",")) {
                            if (!n.isEmpty()) {
                                ns.add(n);
                            }
                        }
                    }
                    case "processes" -> {
                        for (String p : value.split(",")) {
                            if (!p.isEmpty()) {
                                String[] f = p.split(":");
                                ps.add(new SpawnedProcess(Long.parseLong(f[0]), Long.parseLong(f[1])));
                            }
                        }
                    }
                    default -> throw new IllegalArgumentException("unknown key " + key);
                }
            } catch (RuntimeException e) {
                throw new IllegalArgumentException(where + ":" + (i + 1) + ": " + e.getMessage(), e);
            }
        }
        if (run == null || pid == null || start == null) {
            throw new IllegalArgumentException(where + ": run, pid and start are required");
        }
        return new RunMarker(run, pid, start, ns, ps);
    }

    public static Optional<RunMarker> read(Path file) throws IOException {
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        return Optional.of(parse(Files.readString(file, StandardCharsets.UTF_8), file.toString()));
    }

    /** Writes the marker atomically: readers see the old or the new version, never a partial one. */
    public void write(Path dir) throws IOException {
        Files.createDirectories(dir);
        Path target = file(dir, runId);
        Path tmp = dir.resolve("." + runId + SUFFIX + ".tmp");
        Files.writeString(tmp, format(), StandardCharsets.UTF_8);
        try {
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.delete(tmp);
            throw e;
        }
    }
}
