package net.ipmpd.agent.history;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.List;

/**
 * Appends entries to the history's files and keeps them within their {@link HistoryLimits}.
 * Not thread-safe: the recorder's writer thread is its only user.
 *
 * <p>Durability: each entry is one write(2) of a whole line straight to the file (no buffer in
 * the JVM), so a killed or crashed daemon loses nothing it had handed to the kernel. After each
 * batch of entries the file is fsync'ed (group commit): a power loss costs at most the batch in
 * flight, usually one entry, and a flap storm does not pay one fsync per entry.
 *
 * <p>A torn last line (the daemon died mid-write) is closed with a newline when the file is
 * opened again, so it stays one unreadable line that readers skip.
 *
 * <p>One writer per directory: a second ipmpd pointed at the same state directory gets an
 * {@link IOException} instead of interleaving its entries.
 */
public final class EventLogWriter implements AutoCloseable {
    private final Path dir;
    private final HistoryLimits limits;
    private final FileChannel lockChannel;
    private final FileLock lock;
    private FileChannel current;
    private long currentNumber;
    private long currentBytes;
    private boolean dirty;

    public EventLogWriter(Path dir, HistoryLimits limits) throws IOException {
        this.dir = dir;
        this.limits = limits;
        Files.createDirectories(dir);
        lockChannel = FileChannel.open(dir.resolve(".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock l;
        try {
            l = lockChannel.tryLock();
        } catch (OverlappingFileLockException e) {
            l = null;
        }
        if (l == null) {
            lockChannel.close();
            throw new IOException("another ipmpd writes the history in " + dir + "; give each ipmpd its own --state-dir");
        }
        lock = l;
        List<HistoryFiles.Segment> segments = HistoryFiles.segments(dir);
        currentNumber = segments.isEmpty() ? 1 : segments.getLast().number();
        open(currentNumber);
    }

    private void open(long number) throws IOException {
        current = FileChannel.open(HistoryFiles.segmentPath(dir, number), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE, StandardOpenOption.APPEND);
        currentNumber = number;
        currentBytes = current.size();
        if (currentBytes > 0 && !endsWithNewline()) {
            writeFully(ByteBuffer.wrap(new byte[] {'\n'}));
        }
    }

    private boolean endsWithNewline() throws IOException {
        try (FileChannel r = FileChannel.open(HistoryFiles.segmentPath(dir, currentNumber), StandardOpenOption.READ)) {
            ByteBuffer last = ByteBuffer.allocate(1);
            r.read(last, currentBytes - 1);
            return last.get(0) == '\n';
        }
    }

    /** Appends one entry (one write), rotating first when the current file is full. */
    public void append(HistoryEvent e) throws IOException {
        if (currentBytes >= limits.segmentBytes()) {
            rotate(e.at());
        }
        byte[] line = (HistoryCodec.encode(e) + "\n").getBytes(StandardCharsets.UTF_8);
        writeFully(ByteBuffer.wrap(line));
        dirty = true;
    }

    private void writeFully(ByteBuffer b) throws IOException {
        while (b.hasRemaining()) {
            currentBytes += current.write(b);
        }
    }

    /** The end of a batch: makes what was appended durable (fsync, data only). */
    public void sync() throws IOException {
        if (dirty) {
            current.force(false);
            dirty = false;
        }
    }

    private void rotate(Instant now) throws IOException {
        sync();
        current.close();
        open(currentNumber + 1);
        prune(now);
    }

    /**
     * Deletes the oldest closed files beyond the count and those whose last write is older than
     * the maximum age. The file being written is never deleted.
     */
    public void prune(Instant now) throws IOException {
        List<HistoryFiles.Segment> segments = HistoryFiles.segments(dir);
        int excess = segments.size() - limits.segments();
        Instant oldestKept = now.minus(limits.maxAge());
        for (HistoryFiles.Segment s : segments) {
            if (s.number() == currentNumber) {
                continue;
            }
            boolean tooMany = excess > 0;
            boolean tooOld = Files.getLastModifiedTime(s.path()).toInstant().isBefore(oldestKept);
            if (tooMany || tooOld) {
                Files.deleteIfExists(s.path());
                excess--;
            }
        }
    }

    @Override
    public void close() throws IOException {
        try {
            sync();
            current.close();
        } finally {
            lock.release();
            lockChannel.close();
        }
    }
}
