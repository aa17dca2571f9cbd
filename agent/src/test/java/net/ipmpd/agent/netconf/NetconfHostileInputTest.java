package net.ipmpd.agent.netconf;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.LogEvent;
import org.junit.jupiter.api.Test;

/**
 * Issue 12: hostile XML after the hello (an external entity, a billion laughs, 5,000 levels of
 * nesting, bytes that are not UTF-8) is answered with a malformed-message rpc-error, the session
 * goes on serving, nothing of the file system leaks, and the log has one WARN line per message and
 * neither an ERROR nor a stack trace.
 */
class NetconfHostileInputTest extends NetconfServerTest {

    @Test
    void hostileMessagesGetMalformedMessageAndTheSessionGoesOn() throws Exception {
        String text;
        List<LogEvent> netconf;
        try (LogRecorder log = new LogRecorder()) {
            Process p = new ProcessBuilder("/usr/bin/python3", Path.of("src/test/python/netconf/nc_raw.py").toAbsolutePath().toString(),
                    "127.0.0.1", Integer.toString(nc.port), "admin", NetconfTestServer.ADMIN_PASSWORD, "hostile")
                    .redirectError(ProcessBuilder.Redirect.INHERIT).start();
            text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
            netconf = log.netconf();
        }
        List<String> lines = text.lines().toList();
        assertThat(lines).extracting(l -> l.split(" ")[0]).containsExactly("xxe", "billion-laughs", "deep-nesting", "invalid-utf8");
        assertThat(lines).allSatisfy(l -> {
            assertThat(l.substring(0, l.indexOf(" then="))).contains("rpc-error", "malformed-message").doesNotContain("root:");
            assertThat(l.substring(l.indexOf(" then="))).contains("message-id=\"9\"", "<name>g0</name>");
        });
        assertThat(netconf).noneMatch(e -> e.getLevel().isMoreSpecificThan(Level.ERROR));
        assertThat(netconf).noneMatch(e -> e.getThrown() != null);
        assertThat(netconf.stream().filter(e -> e.getLevel() == Level.WARN && e.getLoggerName().endsWith("StrictMessageDecoder")))
                .hasSize(4);
    }
}
