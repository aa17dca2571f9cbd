package net.ipmpd.agent.netconf;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.apache.logging.log4j.core.config.Property;

/**
 * Keeps every log event from WARN up while it is open (without a configuration file log4j passes
 * only ERROR, and the WARN lines are part of what hostile-input tests check).
 */
final class LogRecorder extends AbstractAppender implements AutoCloseable {
    private final List<LogEvent> events = new CopyOnWriteArrayList<>();
    private final LoggerContext context = (LoggerContext) LogManager.getContext(false);
    private final LoggerConfig root = context.getConfiguration().getRootLogger();
    private final Level before = root.getLevel();

    LogRecorder() {
        super("netconf-test-recorder", null, null, true, Property.EMPTY_ARRAY);
        start();
        root.setLevel(Level.WARN);
        root.addAppender(this, Level.ALL, null);
        context.updateLoggers();
    }

    @Override
    public void append(LogEvent event) {
        events.add(event.toImmutable());
    }

    /** What NETCONF (and Netty under it) logged. */
    List<LogEvent> netconf() {
        return events.stream().filter(e -> e.getLoggerName().contains("netconf") || e.getLoggerName().startsWith("io.netty")).toList();
    }

    @Override
    public void close() {
        root.removeAppender(getName());
        root.setLevel(before);
        context.updateLoggers();
    }
}
