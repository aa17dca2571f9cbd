package net.ipmpd.agent.history;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The log's files in its directory: {@code events-NNNNNNNN.jsonl}, numbered upwards, the
 * highest being written. Files are never renamed, so a reader that listed them finds them
 * unchanged or gone (then deleted as too old or beyond the size bound), never shifted.
 */
public final class HistoryFiles {
    /** The history's directory inside the daemon's state directory. */
    public static final String DIRECTORY = "history";
    private static final Pattern SEGMENT = Pattern.compile("events-(\\d{8})\\.jsonl");

    private HistoryFiles() {
    }

    public static Path directoryIn(Path stateDirectory) {
        return stateDirectory.resolve(DIRECTORY);
    }

    record Segment(long number, Path path) {
    }

    static Path segmentPath(Path dir, long number) {
        return dir.resolve(String.format("events-%08d.jsonl", number));
    }

    /** The segments, oldest first. */
    static List<Segment> segments(Path dir) throws IOException {
        List<Segment> out = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, "events-*.jsonl")) {
            for (Path p : ds) {
                Matcher m = SEGMENT.matcher(p.getFileName().toString());
                if (m.matches()) {
                    out.add(new Segment(Long.parseLong(m.group(1)), p));
                }
            }
        }
        out.sort(Comparator.comparingLong(Segment::number));
        return out;
    }
}
