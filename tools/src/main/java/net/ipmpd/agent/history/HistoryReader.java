package net.ipmpd.agent.history;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Reads the history from its files, without the daemon: ipmpstat -e, the timeline and (later)
 * NETCONF replay (RFC 5277 startTime/stopTime map to {@link #read(Instant, Instant)}). Entries
 * come back in event-time order; lines that cannot be read (a torn last line after a crash) are
 * skipped and counted.
 */
public final class HistoryReader {
    private final Path dir;

    public HistoryReader(Path dir) {
        this.dir = dir;
    }

    /** The history could not be read at all; the message names the directory and the reason. */
    public static final class UnreadableHistoryException extends IOException {
        private static final long serialVersionUID = 1L;

        UnreadableHistoryException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** What was read: the entries in time order, and how many lines were skipped as unreadable. */
    public record Result(List<HistoryEvent> events, int unreadableLines) {
    }

    public Result readAll() throws UnreadableHistoryException {
        return read(Instant.MIN, Instant.MAX);
    }

    /** Entries with from <= time < to, oldest first (ties keep the order they were written in). */
    public Result read(Instant from, Instant to) throws UnreadableHistoryException {
        List<HistoryFiles.Segment> segments;
        try {
            if (!Files.isDirectory(dir)) {
                throw new NoSuchFileException(dir.toString(), null, "no history directory (has ipmpd run with this --state-dir?)");
            }
            segments = HistoryFiles.segments(dir);
        } catch (IOException e) {
            throw new UnreadableHistoryException("cannot read the event history in " + dir + ": " + reason(e), e);
        }
        List<HistoryEvent> events = new ArrayList<>();
        int unreadable = 0;
        for (HistoryFiles.Segment s : segments) {
            try (BufferedReader r = Files.newBufferedReader(s.path(), StandardCharsets.UTF_8)) {
                for (String line = r.readLine(); line != null; line = r.readLine()) {
                    if (line.isBlank()) {
                        continue;
                    }
                    Optional<HistoryEvent> e = HistoryCodec.decode(line);
                    if (e.isEmpty()) {
                        unreadable++;
                    } else if (!e.get().at().isBefore(from) && e.get().at().isBefore(to)) {
                        events.add(e.get());
                    }
                }
            } catch (NoSuchFileException gone) {
                // pruned while we listed: it held only entries older than the ones we read next
            } catch (IOException e) {
                throw new UnreadableHistoryException("cannot read " + s.path() + ": " + reason(e), e);
            }
        }
        events.sort(Comparator.comparing(HistoryEvent::at));
        return new Result(List.copyOf(events), unreadable);
    }

    private static String reason(IOException e) {
        if (e instanceof java.nio.file.AccessDeniedException) {
            return "permission denied (run as root or as the user ipmpd runs as)";
        }
        if (e instanceof NoSuchFileException n) {
            return n.getReason() != null ? n.getReason() : "no such file or directory";
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
