package net.ipmpd.agent.history;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class OutagesTest {
    private static final Instant T0 = Instant.parse("2026-12-05T10:00:00Z");

    private static HistoryEvent e(long seconds, EventKind kind, String member) {
        return new HistoryEvent(T0.plusSeconds(seconds), kind, "g0", member, "", Map.of());
    }

    private static List<Optional<Duration>> outages(HistoryEvent... events) {
        return Outages.annotate(List.of(events)).stream().map(Outages.Row::outage).toList();
    }

    @Test
    void aSecondFailureWhileFailedDoesNotRestartTheOutage() {
        assertEquals(Optional.of(Duration.ofSeconds(10)), outages(e(0, EventKind.FAILURE, "m0"),
                e(4, EventKind.FAILURE, "m0"), e(10, EventKind.REPAIR, "m0")).getLast());
    }

    @Test
    void aFailureBeforeARestartIsNotPairedWithARepairAfterIt() {
        // ipmpd was not running in between: the member may have been repaired and failed again unseen
        assertEquals(List.of(Optional.empty(), Optional.empty(), Optional.empty(), Optional.of(Duration.ofSeconds(3))),
                outages(e(0, EventKind.FAILURE, "m0"), new HistoryEvent(T0.plusSeconds(20), EventKind.DAEMON_STARTED, "", "",
                        "", Map.of()), e(30, EventKind.FAILURE, "m0"), e(33, EventKind.REPAIR, "m0")));
    }

    @Test
    void outagesArePerMemberAndGroupOutagesPerGroup() {
        assertEquals(List.of(Optional.empty(), Optional.empty(), Optional.empty(), Optional.of(Duration.ofSeconds(3)),
                        Optional.of(Duration.ofSeconds(5)), Optional.of(Duration.ofSeconds(4))),
                outages(e(0, EventKind.FAILURE, "m0"), e(1, EventKind.FAILURE, "m1"), e(2, EventKind.GROUP_FAILED, ""),
                        e(4, EventKind.REPAIR, "m1"), e(5, EventKind.REPAIR, "m0"), e(6, EventKind.GROUP_REPAIRED, "m1")));
    }
}
