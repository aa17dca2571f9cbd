package net.ipmpd.agent.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import net.ipmpd.engine.config.EngineConfig;
import net.ipmpd.engine.config.Family;
import net.ipmpd.engine.notify.Cause;
import net.ipmpd.engine.notify.Notification;
import net.ipmpd.engine.state.EngineSnapshot;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HistoryRecorderTest {
    private static final Instant T0 = Instant.parse("2026-12-05T10:00:00Z");

    @TempDir
    Path dir;

    private static EngineSnapshot empty() {
        return new EngineSnapshot(1, 0, EngineConfig.defaults(), List.of(), java.util.Optional.empty());
    }

    private HistoryRecorder recorder(int capacity) throws IOException {
        return new HistoryRecorder(new EventLogWriter(dir, HistoryLimits.DEFAULT), HistoryRecorderTest::empty,
                n -> T0.plusNanos(n), capacity);
    }

    private List<HistoryEvent> read() throws IOException {
        return new HistoryReader(dir).readAll().events();
    }

    @Test
    void aFullQueueDropsAndCountsInsteadOfWaitingAndTheCountIsWrittenLater() throws IOException {
        HistoryRecorder r = recorder(4);
        // the writer is not running yet: nothing leaves the queue
        int accepted = 0;
        for (int i = 0; i < 10; i++) {
            accepted += r.offer(new HistoryEvent(T0.plusMillis(i), EventKind.LINK_DOWN, "g0", "m0", "link-down", Map.of())) ? 1 : 0;
        }
        assertEquals(4, accepted);
        assertEquals(6, r.droppedTotal());
        r.start(Map.of());
        r.close();
        List<HistoryEvent> written = read();
        HistoryEvent gap = written.stream().filter(e -> e.kind() == EventKind.RECORDS_DROPPED).findFirst().orElseThrow();
        // 6 link-downs and the start record, which found the queue full too
        assertEquals("7", gap.detail("count"));
        assertEquals(4, written.stream().filter(e -> e.kind() == EventKind.LINK_DOWN).count());
    }

    @Test
    void lostProbesAreRecordedOnlyWhileTheirMemberIsInService() throws Exception {
        HistoryRecorder r = recorder(100);
        r.start(Map.of());
        InetAddress target = InetAddress.getByName("198.18.7.1");
        r.accept(new Notification.ProbeCompleted(1_000, "g0", "m0", Family.IPV4, target, 1, -1, -1, 0, 0, Cause.NONE));
        r.accept(new Notification.ProbeCompleted(2_000, "g0", "m0", Family.IPV4, target, 2, 300, 310, 0, 0, Cause.NONE));
        r.accept(new Notification.InterfaceFailed(3_000, "g0", "m0", Cause.PROBES_LOST));
        r.accept(new Notification.ProbeCompleted(4_000, "g0", "m0", Family.IPV4, target, 3, -1, -1, 0, 0, Cause.NONE));
        r.accept(new Notification.InterfaceRepaired(5_000, "g0", "m0", Cause.REPAIRED));
        r.accept(new Notification.ProbeCompleted(6_000, "g0", "m0", Family.IPV4, target, 4, -1, -1, 0, 0, Cause.NONE));
        r.close();
        List<String> probes = read().stream().filter(e -> e.kind() == EventKind.PROBE_LOST).map(e -> e.detail("probe")).toList();
        assertEquals(List.of("1", "4"), probes);
    }

    @Test
    void notificationsAreWrittenAtTheirOwnTimeWithTheirCause() throws Exception {
        HistoryRecorder r = recorder(100);
        r.start(Map.of());
        r.accept(new Notification.AddressMoved(7_000_000, "g0", InetAddress.getByName("198.18.7.100"), "m0", "m1",
                Cause.LINK_DOWN));
        r.close();
        HistoryEvent moved = read().stream().filter(e -> e.kind() == EventKind.ADDRESS_MOVED).findFirst().orElseThrow();
        assertEquals(T0.plusMillis(7), moved.at());
        assertEquals("link-down", moved.cause());
        assertEquals(Map.of("address", "198.18.7.100", "from", "m0", "to", "m1"), moved.details());
        assertTrue(read().getLast().kind() == EventKind.DAEMON_STOPPED);
        assertFalse(read().isEmpty());
    }
}
