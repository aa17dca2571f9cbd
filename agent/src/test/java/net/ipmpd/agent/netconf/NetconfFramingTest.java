package net.ipmpd.agent.netconf;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** RFC 6242 framing by hand (paramiko): end-of-message for base:1.0 peers, chunks for base:1.1, malformed input. */
class NetconfFramingTest extends NetconfServerTest {
    @Test
    void bothFramingsWorkAndBadRequestsGetRpcErrors() throws Exception {
        Process p = new ProcessBuilder("/usr/bin/python3", Path.of("src/test/python/netconf/nc_raw.py").toAbsolutePath().toString(),
                "127.0.0.1", Integer.toString(nc.port), "admin", NetconfTestServer.ADMIN_PASSWORD)
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        List<String> lines = text.lines().toList();
        assertThat(lines).hasSize(5);
        assertThat(lines.get(0)).isEqualTo("hello10 session-id=1 base11=True");
        assertThat(lines.get(1)).startsWith("eom-get-config").contains("message-id=\"1\"", "<name>g0</name>");
        assertThat(lines.get(2)).startsWith("eom-unknown-rpc").contains("message-id=\"3\"", "rpc-error", "operation-not-supported");
        // a message that is not XML gets malformed-message (RFC 6241 Appendix A); the framing says where the next one starts
        assertThat(lines.get(3)).startsWith("eom-malformed closed=False").contains("rpc-error", "malformed-message");
        assertThat(lines.get(4)).startsWith("chunked-get-config").contains("message-id=\"7\"", "<name>g0</name>");
    }
}
