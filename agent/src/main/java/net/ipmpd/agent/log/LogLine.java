package net.ipmpd.agent.log;

import org.apache.logging.log4j.Level;

/**
 * One line of the event log: its priority, what it is about (an interface, or a group), which
 * kind of event it reports, and its text. The rate limit counts per subject and kind, so a storm
 * of link changes on m0 holds back only m0's link lines, never the line that says m0 is flapping.
 */
record LogLine(Level level, String subject, String kind, String text) {
    /** The rate limit's key. */
    String key() {
        return subject + " (" + kind + ")";
    }
}
