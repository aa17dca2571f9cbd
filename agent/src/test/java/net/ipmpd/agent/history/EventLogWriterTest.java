package net.ipmpd.agent.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EventLogWriterTest {
    private static final Instant T0 = Instant.parse("2026-12-05T10:00:00.000001Z");

    @TempDir
    Path dir;

    private static HistoryEvent failure(int i) {
        return new HistoryEvent(T0.plusMillis(i), EventKind.FAILURE, "g0", "m" + i, "link-down", Map.of("n", Integer.toString(i)));
    }

    @Test
    void entriesAreReadBackInOrderAfterTheWriterIsReopened() throws IOException {
        try (EventLogWriter w = new EventLogWriter(dir, HistoryLimits.DEFAULT)) {
            w.append(failure(1));
            w.append(failure(2));
            w.sync();
        }
        try (EventLogWriter w = new EventLogWriter(dir, HistoryLimits.DEFAULT)) {
            w.append(failure(3));
        }
        HistoryReader.Result r = new HistoryReader(dir).readAll();
        assertEquals(List.of(failure(1), failure(2), failure(3)), r.events());
        assertEquals(0, r.unreadableLines());
    }

    @Test
    void aTornLastLineIsSkippedAndTheNextEntryStartsOnALineOfItsOwn() throws IOException {
        try (EventLogWriter w = new EventLogWriter(dir, HistoryLimits.DEFAULT)) {
            w.append(failure(1));
        }
        // the daemon died in the middle of its second write
        Path segment = HistoryFiles.segments(dir).getFirst().path();
        String half = HistoryCodec.encode(failure(2));
        Files.writeString(segment, half.substring(0, half.length() / 2), StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        try (EventLogWriter w = new EventLogWriter(dir, HistoryLimits.DEFAULT)) {
            w.append(failure(3));
        }
        HistoryReader.Result r = new HistoryReader(dir).readAll();
        assertEquals(List.of(failure(1), failure(3)), r.events());
        assertEquals(1, r.unreadableLines());
    }

    @Test
    void theLogStaysWithinItsSizeBoundAndKeepsTheNewestEntries() throws IOException {
        HistoryLimits limits = new HistoryLimits(2048, 3, Duration.ofDays(1));
        int entries = 2000;
        try (EventLogWriter w = new EventLogWriter(dir, limits)) {
            for (int i = 0; i < entries; i++) {
                w.append(failure(i));
            }
        }
        long maxLine = HistoryCodec.encode(failure(entries)).length() + 1;
        long total;
        try (Stream<Path> files = Files.list(dir)) {
            total = files.mapToLong(p -> p.toFile().length()).sum();
        }
        assertTrue(total <= limits.segments() * (limits.segmentBytes() + maxLine),
                "the history takes " + total + " bytes, more than its bound");
        List<HistoryEvent> kept = new HistoryReader(dir).readAll().events();
        assertEquals(failure(entries - 1), kept.getLast());
        assertTrue(kept.size() > limits.segmentBytes() / maxLine, "only " + kept.size() + " entries kept");
        assertTrue(kept.size() < entries, "nothing was dropped: the bound is not applied");
    }

    @Test
    void closedFilesOlderThanTheMaximumAgeArePruned() throws IOException {
        HistoryLimits limits = new HistoryLimits(1024, 4, Duration.ofDays(7));
        Instant now = Instant.now();
        try (EventLogWriter w = new EventLogWriter(dir, limits)) {
            for (int i = 0; i < 40; i++) {
                w.append(failure(i));
            }
            List<HistoryFiles.Segment> segments = HistoryFiles.segments(dir);
            assertTrue(segments.size() >= 3, "the test needs closed files: " + segments);
            Path oldest = segments.getFirst().path();
            Files.setLastModifiedTime(oldest, FileTime.from(now.minus(Duration.ofDays(8))));
            w.prune(now);
            assertTrue(Files.notExists(oldest), "a closed file 8 days old survived a 7-day limit");
            assertEquals(segments.size() - 1, HistoryFiles.segments(dir).size(), "a younger file was pruned too");
        }
    }

    @Test
    void aSecondWriterOnTheSameDirectoryIsRefusedWithAClearMessage() throws IOException {
        try (EventLogWriter w = new EventLogWriter(dir, HistoryLimits.DEFAULT)) {
            IOException e = assertThrows(IOException.class, () -> new EventLogWriter(dir, HistoryLimits.DEFAULT));
            assertTrue(e.getMessage().contains("another ipmpd"), e.getMessage());
        }
    }

    @Test
    void readingHalfOpenTimeRangeReturnsOnlyEntriesInside() throws IOException {
        try (EventLogWriter w = new EventLogWriter(dir, HistoryLimits.DEFAULT)) {
            for (int i = 0; i < 10; i++) {
                w.append(failure(i));
            }
        }
        List<HistoryEvent> some = new HistoryReader(dir).read(T0.plusMillis(3), T0.plusMillis(6)).events();
        assertEquals(List.of(failure(3), failure(4), failure(5)), some);
    }

    @Test
    void aMissingHistorySaysWhereItLookedAndWhatToCheck() {
        HistoryReader.UnreadableHistoryException e = assertThrows(HistoryReader.UnreadableHistoryException.class,
                () -> new HistoryReader(dir.resolve("nowhere")).readAll());
        assertTrue(e.getMessage().contains(dir.resolve("nowhere").toString()) && e.getMessage().contains("--state-dir"),
                e.getMessage());
    }
}
