package net.ipmpd.agent.netconf;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Logins against ncclient and paramiko with the production password cost (PBKDF2, 210,000
 * rounds): many at once, a flood of wrong passwords beside an open session, refusal timing,
 * the per-connection limit and the SSH algorithms. Figures are printed; the bounds asserted
 * are generous, since the machine is shared.
 */
class NetconfLoginTest {
    private static final Path SCRIPT = Path.of("src/test/python/netconf/nc_login.py").toAbsolutePath();
    private static final String ADMIN = "admin:" + NetconfTestServer.ADMIN_PASSWORD;
    private static final String MONITOR = "monitor:" + NetconfTestServer.MONITOR_PASSWORD;
    private static final String NOC = "noc:" + NetconfTestServer.NOC_PASSWORD;

    @TempDir
    Path dir;
    NetconfTestServer nc;

    @AfterEach
    void stop() {
        if (nc != null) {
            nc.close();
        }
    }

    private NetconfTestServer start(String extra) throws Exception {
        nc = new NetconfTestServer(dir, PasswordHash.DEFAULT_ITERATIONS, extra);
        return nc;
    }

    static JsonNode run(String mode, int port, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("/usr/bin/python3", SCRIPT.toString(), mode, "127.0.0.1", Integer.toString(port)));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        if (!p.waitFor(300, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException(mode + " did not finish");
        }
        System.out.println("nc_login " + mode + ": " + out);
        return new JsonNode(out.lines().reduce((a, b) -> b).orElse("{}"));
    }

    /** The script's one-line JSON figures; just enough reading for flat members. */
    static record JsonNode(String json) {
        JsonNode get(String key) {
            var m = java.util.regex.Pattern.compile("\"" + java.util.regex.Pattern.quote(key) + "\": (\"(?:[^\"\\\\]|\\\\.)*\"|[-0-9.]+|true|false|null)")
                    .matcher(json);
            return new JsonNode(m.find() ? m.group(1) : "null");
        }

        int asInt() {
            return (int) asDouble();
        }

        double asDouble() {
            return json.equals("null") ? Double.NaN : Double.parseDouble(json);
        }

        String asText() {
            return json.startsWith("\"") ? json.substring(1, json.length() - 1) : json;
        }

        @Override
        public String toString() {
            return json;
        }
    }

    @Test
    void fiftyConcurrentPasswordLoginsAllSucceed() throws Exception {
        start("");
        JsonNode r = run("concurrent", nc.port, "50", ADMIN + "," + MONITOR + "," + NOC);
        assertThat(r.get("succeeded").asInt()).as(r.toString()).isEqualTo(50);
    }

    @Test
    void aWrongPasswordFloodDoesNotStallAnOpenSession() throws Exception {
        start("");
        JsonNode r = run("flood", nc.port, "8", "4", ADMIN, "monitor");
        assertThat(r.get("get_config").asInt()).isPositive();
        assertThat(r.get("attempts").asInt()).as("the flood ran").isGreaterThan(4);
        // a password hash at the production cost takes 200-1900 ms here: a get-config that waited behind one would show it
        assertThat(r.get("p99_ms").asDouble()).as(r.toString()).isLessThan(150);
    }

    @Test
    void unknownUsersAndWrongPasswordsAreRefusedInTheSameTime() throws Exception {
        start("");
        JsonNode r = run("refusals", nc.port, "admin,monitor,noc", "9");
        double known = r.get("known_median_ms").asDouble();
        double unknown = r.get("unknown_median_ms").asDouble();
        // before: unknown 10-69 ms, known 600-1900 ms; both now pay one hash of the same cost
        assertThat(unknown / known).as(r.toString()).isBetween(0.6, 1.67);
    }

    @Test
    void aConnectionIsClosedAfterThreeWrongPasswords() throws Exception {
        start("");
        JsonNode r = run("tries", nc.port, "admin", "10");
        assertThat(r.get("refused").asInt()).as(r.toString()).isEqualTo(UserAuthentication.MAX_PASSWORD_FAILURES);
        assertThat(r.get("outcome").asText()).startsWith("disconnected");
    }

    @Test
    void sha1MacsAndCompressionBeforeLoginAreNotOffered() throws Exception {
        start("");
        JsonNode r = run("algorithms", nc.port, ADMIN);
        assertThat(r.get("hmac-sha1").asText()).startsWith("refused");
        assertThat(r.get("hmac-sha2-256").asText()).startsWith("accepted");
        assertThat(r.get("zlib-before-auth").asText()).startsWith("refused");
        assertThat(r.get("zlib-after-auth").asText()).startsWith("accepted");
    }

    @Test
    void connectionsStillLoggingInAreCapped() throws Exception {
        start("\"max-unauthenticated-connections\": 3,");
        List<java.net.Socket> idle = new ArrayList<>();
        try {
            for (int i = 0; i < 3; i++) {
                idle.add(new java.net.Socket("127.0.0.1", nc.port));
            }
            Thread.sleep(300);
            java.net.Socket extra = new java.net.Socket("127.0.0.1", nc.port);
            extra.setSoTimeout(10_000);
            // the server closes the fourth connection at once (the three others wait out their login grace)
            extra.getInputStream().readAllBytes();
            extra.close();
        } finally {
            for (var s : idle) {
                s.close();
            }
        }
        Thread.sleep(300);
        JsonNode r = run("concurrent", nc.port, "1", ADMIN);
        assertThat(r.get("succeeded").asInt()).isEqualTo(1);
    }
}
