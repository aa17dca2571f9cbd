package net.ipmpd.agent.log;

import org.apache.logging.log4j.Level;

/**
 * syslog's NOTICE (normal but significant: a repair, a link coming up), which log4j lacks. It
 * sits between WARN and INFO, is registered before the first logger exists (LogSetup), and is
 * printed as journald's {@code <5>} or sent to syslog as LOG_NOTICE.
 */
public final class Levels {
    public static final Level NOTICE = Level.forName("NOTICE", 350);

    private Levels() {
    }
}
