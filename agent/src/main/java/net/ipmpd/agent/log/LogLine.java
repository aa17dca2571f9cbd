package net.ipmpd.agent.log;

import org.apache.logging.log4j.Level;

/**
 * One line of the event log: its priority, what it is about (the rate limit counts per subject:
 * an interface, or a group) and its text.
 */
record LogLine(Level level, String subject, String text) {
}
