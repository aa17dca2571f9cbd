package net.ipmpd.agent.snmp;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs a Net-SNMP or libsmi command-line tool with a time limit and returns what it printed. */
final class Cli {
    /** The MIB folders: ours and the vendored IETF modules (the tests run in the agent module). */
    static final Path MIB_DIR = Path.of("..", "mib", "src", "main", "mib").toAbsolutePath().normalize();
    static final Path IETF_DIR = MIB_DIR.resolve("ietf");
    /** For -M: our folders before Net-SNMP's default path. */
    static final String MIB_PATH = "+" + MIB_DIR + ":" + IETF_DIR;

    record Result(int exit, String out, String err) {
        String all() {
            return out + err;
        }
    }

    private Cli() {
    }

    static Result run(List<String> command, long timeoutMs) throws IOException, InterruptedException {
        Path out = Files.createTempFile("ipmpd-cli", ".out");
        Path err = Files.createTempFile("ipmpd-cli", ".err");
        Path persistent = Files.createTempDirectory("ipmpd-netsnmp");
        try {
            ProcessBuilder pb = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
            // Net-SNMP would otherwise read ~/.snmp and /etc/snmp/snmp.conf and write to /var/lib/snmp.
            pb.environment().put("SNMPCONFPATH", "/nonexistent");
            pb.environment().put("SNMP_PERSISTENT_DIR", persistent.toString());
            Process p = pb.start();
            if (!p.waitFor(timeoutMs, TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                p.waitFor(2, TimeUnit.SECONDS);
                throw new AssertionError("timed out after " + timeoutMs + " ms: " + String.join(" ", command));
            }
            return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
            deleteTree(persistent);
        }
    }

    /** Removes a temporary directory the tests made. */
    static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (var paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // best effort: it is a temporary directory
        }
    }

    static Result run(long timeoutMs, String... command) throws IOException, InterruptedException {
        return run(List.of(command), timeoutMs);
    }

    static List<String> concat(List<String> a, String... b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(List.of(b));
        return all;
    }
}
