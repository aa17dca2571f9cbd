package net.ipmpd.agent.log;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Chooses where the daemon's log goes, before the first logger exists, the way users of
 * in.mpathd expect its messages: under systemd (stderr is the journal's stream, JOURNAL_STREAM),
 * each line starts with the syslog priority as journald reads it ({@code <3>} for an error), so
 * {@code journalctl -p err} finds the failures; on a terminal, plain lines with a timestamp.
 * An operator's own {@code -Dlog4j2.configurationFile} always wins.
 */
public final class LogSetup {
    static final String TERMINAL = "ipmpd-log4j2.xml";
    static final String JOURNAL = "ipmpd-log4j2-journald.xml";
    private static final Path STDERR = Path.of("/proc/self/fd/2");

    private LogSetup() {
    }

    public static void configure() {
        // NOTICE must exist before log4j reads a layout that names it
        Levels.NOTICE.intLevel();
        if (System.getProperty("log4j2.configurationFile") == null) {
            System.setProperty("log4j2.configurationFile", choose(System.getenv("JOURNAL_STREAM"), stderrIdentity()));
        }
    }

    /**
     * systemd: "JOURNAL_STREAM ... contains the device and inode numbers of the file descriptor
     * connected to the journal, formatted as device:inode"; a process must compare it with its
     * stderr, since the variable is inherited by children whose stderr went elsewhere.
     */
    static String choose(String journalStream, Optional<String> stderrDeviceAndInode) {
        if (journalStream != null && stderrDeviceAndInode.isPresent() && journalStream.equals(stderrDeviceAndInode.get())) {
            return JOURNAL;
        }
        return TERMINAL;
    }

    /** "device:inode" of fd 2, as systemd writes JOURNAL_STREAM; empty when it cannot be told. */
    static Optional<String> stderrIdentity() {
        try {
            Object dev = Files.getAttribute(STDERR, "unix:dev");
            Object ino = Files.getAttribute(STDERR, "unix:ino");
            return Optional.of(dev + ":" + ino);
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
