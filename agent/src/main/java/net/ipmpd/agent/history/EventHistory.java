package net.ipmpd.agent.history;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import net.ipmpd.engine.IpmpService;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * The daemon's event history, wired in one call: opens the log in the state directory,
 * subscribes the recorder to the engine's notifications and hands out attributed views of the
 * engine for the management channels. A history that cannot be opened (a read-only disk,
 * another ipmpd on the same directory) is logged and left out: ipmpd runs without it.
 */
public final class EventHistory implements AutoCloseable {
    private static final Logger LOG = LogManager.getLogger(EventHistory.class);

    private final IpmpService engine;
    private final HistoryRecorder recorder;
    private final AutoCloseable subscription;

    private EventHistory(IpmpService engine, HistoryRecorder recorder, AutoCloseable subscription) {
        this.engine = engine;
        this.recorder = recorder;
        this.subscription = subscription;
    }

    public static EventHistory start(Path stateDirectory, HistoryLimits limits, IpmpService engine) {
        Path dir = HistoryFiles.directoryIn(stateDirectory);
        EventLogWriter log;
        try {
            log = new EventLogWriter(dir, limits);
        } catch (IOException | RuntimeException e) {
            LOG.warn("the event history in {} cannot be written, ipmpd runs without it: {}", dir, e.getMessage());
            return new EventHistory(engine, null, null);
        }
        HistoryRecorder recorder = new HistoryRecorder(log, engine::snapshot, engine::wallClock);
        recorder.start(Map.of("pid", Long.toString(ProcessHandle.current().pid())));
        LOG.info("event history in {} (at most {} KiB)", dir, limits.totalBytes() / 1024);
        return new EventHistory(engine, recorder, engine.subscribe(recorder));
    }

    /** The engine as {@code by} uses it: its commands are recorded with its name. */
    public IpmpService as(String by) {
        return recorder == null ? engine : new AttributedService(engine, by);
    }

    @Override
    public void close() throws Exception {
        if (recorder == null) {
            return;
        }
        subscription.close();
        recorder.close();
    }
}
