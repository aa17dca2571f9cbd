/**
 * The event history: what happened, to whom, why, who asked, and how long each step of a
 * failover took, kept on disk across restarts.
 *
 * <pre>
 *  engine notifications ──(dispatch thread)──┐
 *  FailoverSteps hooks (netlink, dataplane,  ├─► HistoryRecorder: bounded lock-free queue
 *    SNMP, NETCONF; any thread, never block) │     (full: drop and count)
 *  AttributedService (if_mpadm, snmp,        │          │ its own thread
 *    netconf, SIGHUP commands + result) ─────┘          ▼
 *                                              EventLogWriter: one write(2) per entry, fsync per
 *                                              batch, numbered JSON Lines files, size/age bound
 *                                                         │
 *  ipmpstat -e, the timeline, (later) NETCONF replay ◄── HistoryReader.read(from, to)
 * </pre>
 *
 * Entries carry the event's own time (engine notifications: the engine's decision; steps: when
 * they happened, on the engine's monotonic clock turned into wall-clock time), so the gaps
 * between steps are exact. {@link net.ipmpd.agent.history.Outages} pairs failures with repairs
 * when the history is read, so the file holds facts only.
 */
package net.ipmpd.agent.history;
