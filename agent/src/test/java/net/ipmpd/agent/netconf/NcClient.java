package net.ipmpd.agent.netconf;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Drives the Debian python3-ncclient (a real NETCONF client, paramiko SSH) through
 * src/test/python/netconf/nc_steps.py: one JSON object per step in, one JSON line per step out.
 */
final class NcClient {
    static final Path SCRIPT = Path.of("src/test/python/netconf/nc_steps.py").toAbsolutePath();
    private static final long TIMEOUT_S = 90;

    private final List<String> steps = new ArrayList<>();

    static String json(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\t' -> b.append("\\t");
                default -> b.append(c);
            }
        }
        return b.append('"').toString();
    }

    /** Adds a step: {@code step("a", "edit-config", "target", "running", "config", xml)}. */
    NcClient step(String session, String op, Object... keyValues) {
        StringBuilder b = new StringBuilder("{\"s\":").append(json(session)).append(",\"op\":").append(json(op));
        for (int i = 0; i < keyValues.length; i += 2) {
            b.append(',').append(json((String) keyValues[i])).append(':');
            Object v = keyValues[i + 1];
            b.append(v instanceof Number || v instanceof Boolean ? v.toString() : json(String.valueOf(v)));
        }
        steps.add(b.append('}').toString());
        return this;
    }

    NcClient connect(String session, String user, String password) {
        return step(session, "connect", "user", user, "password", password);
    }

    /** Runs the steps; one output line per step that ran. */
    List<String> run(int port) throws IOException, InterruptedException {
        return run(port, line -> { });
    }

    /** Runs the steps, handing each output line to {@code onLine} as soon as the step finished. */
    List<String> run(int port, java.util.function.Consumer<String> onLine) throws IOException, InterruptedException {
        Path file = Files.createTempFile("nc-steps", ".json");
        try {
            Files.writeString(file, "[" + String.join(",\n", steps) + "]");
            Process p = new ProcessBuilder("/usr/bin/python3", SCRIPT.toString(), "127.0.0.1", Integer.toString(port), file.toString())
                    .redirectError(ProcessBuilder.Redirect.INHERIT)
                    .start();
            List<String> lines = new ArrayList<>();
            // the script's own timeouts (connect 20 s, notification wait) bound the reading
            try (var in = new java.io.BufferedReader(new java.io.InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    if (!line.isBlank()) {
                        lines.add(line);
                        onLine.accept(line);
                    }
                }
            }
            if (!p.waitFor(TIMEOUT_S, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException("ncclient did not finish within " + TIMEOUT_S + " s");
            }
            return lines;
        } finally {
            Files.deleteIfExists(file);
        }
    }
}
