package net.ipmpd.agent.netconf;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.LogEvent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 12: a message that never ends, and a hostile hello. With chunked framing a message left
 * unfinished (a chunk shorter than its header says, chunks without the closing ##) for longer than
 * message-idle-timeout closes the session, while a session idle between messages stays; a hello
 * with a DOCTYPE, an entity bomb, deep nesting, bytes that are not UTF-8 or more than
 * max-message-size (64 KiB here) closes the session before ODL's hello decoder sees it. Each with one WARN line,
 * no ERROR and no stack trace.
 */
class NetconfUnfinishedInputTest {
    static final int IDLE_SECONDS = 2;

    @TempDir
    Path dir;
    NetconfTestServer nc;

    @BeforeEach
    void start() throws Exception {
        nc = new NetconfTestServer(dir, 1000, "\"message-idle-timeout\": " + IDLE_SECONDS + ", \"max-message-size\": 65536,");
    }

    @AfterEach
    void stop() {
        nc.close();
    }

    private List<String> raw(String... mode) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of("/usr/bin/python3",
                Path.of("src/test/python/netconf/nc_raw.py").toAbsolutePath().toString(),
                "127.0.0.1", Integer.toString(nc.port), "admin", NetconfTestServer.ADMIN_PASSWORD));
        command.addAll(List.of(mode));
        Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(180, TimeUnit.SECONDS)).isTrue();
        return text.lines().toList();
    }

    private static void quietButForWarnings(LogRecorder log, String logger, int warnings) {
        List<LogEvent> netconf = log.netconf();
        assertThat(netconf).noneMatch(e -> e.getLevel().isMoreSpecificThan(Level.ERROR));
        assertThat(netconf).noneMatch(e -> e.getThrown() != null);
        assertThat(netconf.stream().filter(e -> e.getLevel() == Level.WARN && e.getLoggerName().endsWith(logger)))
                .hasSize(warnings);
    }

    @Test
    void aChunkedMessageLeftUnfinishedClosesTheSessionAndAnIdleSessionStays() throws Exception {
        List<String> lines;
        try (LogRecorder log = new LogRecorder()) {
            lines = raw("unfinished", Integer.toString(IDLE_SECONDS));
            quietButForWarnings(log, "MessageSizeLimit", 2);
            assertThat(log.netconf()).as("one WARN line per closed session").filteredOn(e -> e.getLevel() == Level.WARN).hasSize(2);
        }
        assertThat(lines).hasSize(3);
        assertThat(lines.get(0)).isEqualTo("short-chunk closed=True");
        assertThat(lines.get(1)).isEqualTo("no-end closed=True");
        assertThat(lines.get(2)).startsWith("idle-between").contains("message-id=\"6\"", "<name>g0</name>");
    }

    @Test
    void aHostileHelloClosesTheSessionBeforeOdlParsesIt() throws Exception {
        List<String> lines;
        try (LogRecorder log = new LogRecorder()) {
            lines = raw("hostile-hello");
            quietButForWarnings(log, "MalformedMessages", 4);
            quietButForWarnings(log, "MessageSizeLimit", 1);
            // one line each: ODL's negotiator adds a second one when a refused hello leaves the
            // session open until its hello timeout
            assertThat(log.netconf()).as("one WARN line per closed session").filteredOn(e -> e.getLevel() == Level.WARN).hasSize(5);
            // refused by the strict parser's limits before ODL's hello decoder (whose parser has no
            // depth limit of its own) saw the message: its reason, not a failure further on
            List<String> refusals = log.netconf().stream().filter(e -> e.getLoggerName().endsWith("MalformedMessages"))
                    .map(e -> e.getMessage().getFormattedMessage()).toList();
            assertThat(refusals).allSatisfy(m -> assertThat(m).contains("hello refused"));
            assertThat(refusals).anySatisfy(m -> assertThat(m).contains("DOCTYPE"));
            assertThat(refusals).anySatisfy(m -> assertThat(m).contains("maxElementDepth"));
        }
        assertThat(lines).extracting(l -> l.split(" ")[0])
                .containsExactly("xxe", "billion-laughs", "deep-nesting", "invalid-utf8", "big-hello");
        assertThat(lines).allSatisfy(l -> assertThat(l).contains("closed=True").doesNotContain("root:"));
        assertThat(lines.getLast()).contains("too-big");
    }
}
