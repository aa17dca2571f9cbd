package net.ipmpd.agent.log;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.logging.log4j.Level;
import org.junit.jupiter.api.Test;

class LogRateLimitTest {
    private static final long SECOND = 1_000_000_000L;

    private long now;
    private final List<String> written = new ArrayList<>();
    private final Map<String, Long> flushAt = new LinkedHashMap<>();
    private final LogRateLimit limit = new LogRateLimit(3, 6 * SECOND, () -> now, new LogRateLimit.Output() {
        @Override
        public void write(LogLine line) {
            written.add(line.text());
        }

        @Override
        public void flushLater(String key, long delayNanos) {
            flushAt.put(key, now + delayNanos);
        }
    });

    private void offer(String subject, String text) {
        offer(subject, "link", text);
    }

    private void offer(String subject, String kind, String text) {
        limit.offer(new LogLine(Level.ERROR, subject, kind, text));
    }

    private void runFlushesUntil(long t) {
        now = t;
        for (String subject : List.copyOf(flushAt.keySet())) {
            if (flushAt.get(subject) <= t) {
                flushAt.remove(subject);
                limit.flush(subject);
            }
        }
    }

    @Test
    void aFloodAboutOneInterfaceIsCutToTheBurstThenTheCountAndTheLatestLine() {
        for (int i = 1; i <= 1000; i++) {
            offer("m0", "The link has gone down on m0 #" + i);
        }
        assertThat(written).containsExactly("The link has gone down on m0 #1", "The link has gone down on m0 #2",
                "The link has gone down on m0 #3");
        runFlushesUntil(6 * SECOND);
        assertThat(written).hasSize(5);
        assertThat(written.get(3)).isEqualTo("suppressed 996 log messages about m0 (link) (more than 3 in a short time); the latest follows");
        assertThat(written.get(4)).isEqualTo("The link has gone down on m0 #1000");
    }

    @Test
    void anotherInterfaceIsNotHeldBackByTheFlood() {
        for (int i = 0; i < 10; i++) {
            offer("m0", "m0 event");
        }
        offer("m1", "IP interface failure detected on m1");
        assertThat(written).endsWith("IP interface failure detected on m1");
    }

    @Test
    void aStormOfOneKindDoesNotHoldBackAnotherKindAboutTheSameInterface() {
        for (int i = 0; i < 10; i++) {
            offer("m0", "link", "The link has gone down on m0");
        }
        offer("m0", "flapping", "IP interface m0 is flapping");
        assertThat(written).endsWith("IP interface m0 is flapping");
    }

    @Test
    void aQuietInterfaceGetsItsBurstBack() {
        for (int i = 0; i < 3; i++) {
            offer("m0", "before " + i);
        }
        now = 18 * SECOND;
        for (int i = 0; i < 3; i++) {
            offer("m0", "after " + i);
        }
        assertThat(written).containsExactly("before 0", "before 1", "before 2", "after 0", "after 1", "after 2");
        assertThat(flushAt).isEmpty();
    }
}
