package net.ipmpd.agent.netconf;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** max-message-size in both framings: too-big and a closed session, never unbounded buffering. */
class NetconfMessageSizeTest {
    private static final Path SCRIPT = Path.of("src/test/python/netconf/nc_size.py").toAbsolutePath();
    private static final int MAX = 65_536;

    @TempDir
    Path dir;
    NetconfTestServer nc;

    @BeforeEach
    void start() throws Exception {
        nc = new NetconfTestServer(dir, 1000, "\"max-message-size\": " + MAX + ",");
    }

    @AfterEach
    void stop() {
        nc.close();
    }

    private NetconfLoginTest.JsonNode send(String framing, int size) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("/usr/bin/python3", SCRIPT.toString(), "127.0.0.1", Integer.toString(nc.port), "admin",
                NetconfTestServer.ADMIN_PASSWORD, framing, Integer.toString(size)).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        System.out.println("nc_size " + framing + " " + size + ": " + out);
        return new NetconfLoginTest.JsonNode(out.lines().reduce((a, b) -> b).orElse("{}"));
    }

    @Test
    void aMessageUnderTheLimitIsServedInBothFramings() throws Exception {
        for (String framing : List.of("eom", "chunked")) {
            var r = send(framing, MAX - 1000);
            assertThat(r.get("data").asText()).as(r.toString()).isEqualTo("true");
        }
    }

    @Test
    void anEndOfMessageFramedMessageOverTheLimitGetsTooBigAndTheSessionCloses() throws Exception {
        var r = send("eom", 8 * MAX);
        assertThat(r.get("too_big").asText()).as(r.toString()).isEqualTo("true");
        assertThat(r.get("closed").asText()).isEqualTo("true");
    }

    @Test
    void aChunkedMessageOverTheLimitGetsTooBigAndTheSessionCloses() throws Exception {
        var r = send("chunked", 8 * MAX);
        assertThat(r.get("too_big").asText()).as(r.toString()).isEqualTo("true");
        assertThat(r.get("closed").asText()).isEqualTo("true");
        // and the server still serves others
        assertThat(send("chunked", 1000).get("data").asText()).isEqualTo("true");
    }
}
