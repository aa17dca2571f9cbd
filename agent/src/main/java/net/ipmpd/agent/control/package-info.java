/**
 * ipmpd's control socket: how ipmpstat and if_mpadm talk to the daemon, in the place of
 * in.mpathd's loopback TCP port 5999.
 *
 * <p>A UNIX domain stream socket (default {@code /run/ipmpd/ipmpd.sock}, mode 0666 in a 0755
 * directory). A client connects, sends one request as one line of JSON, and reads one line of
 * JSON back (a probe stream keeps sending lines until either side closes). Every message carries
 * {@code "version":1}; a request of another version is refused with {@code unsupported-version}.
 * Commands: {@code ping}; {@code query} (the whole state snapshot, or one group with
 * {@code "group"}); {@code offline} and {@code online} with {@code "interface"} (if_mpadm -d/-r,
 * answered with the engine's result, waited for at most 5 s); {@code probe-stream} (one
 * {@code {"probe":{...}}} line per completed probe, for ipmpstat -p). As in.mpathd, only ping and
 * query are open to every user; offline, online and the probe stream need root or the daemon's
 * uid (checked with SO_PEERCRED) and a refusal is logged as in.mpathd logs it. A refused request
 * answers {@code {"version":1,"ok":false,"error":CODE,"message":TEXT}} where CODE is one of
 * {@link net.ipmpd.agent.control.Protocol}'s error codes or the engine's refusal reason
 * (min-redundancy, unknown-interface, not-offline, already-offline, not-present, not-in-group).
 *
 * <p>The server never blocks the engine: it reads the published snapshot and queues commands;
 * the probe stream drops lines for a client that stops reading rather than stall the
 * notification dispatcher. The client side ({@link net.ipmpd.agent.control.ControlClient}, the
 * JSON and codec classes) uses no logging or other library, so the tools start fast.
 */
package net.ipmpd.agent.control;
