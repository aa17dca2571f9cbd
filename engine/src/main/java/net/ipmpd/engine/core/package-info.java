/**
 * The engine's state machine, after in.mpathd (illumos mpd_probe.c, mpd_tables.c, mpd_main.c).
 *
 * <h2>A member's state</h2>
 * A member ({@link net.ipmpd.engine.core.MemberRuntime}, in.mpathd's phyint) is described by the
 * tuple &lt;presence, link, failed, offline, duplicate, inactive&gt; plus its flap damper. Only the member
 * writes these fields, through its named transitions:
 * <pre>
 *   presence:  UNKNOWN --arrive--&gt; PRESENT --remove--&gt; REMOVED --arrive--&gt; PRESENT
 *              UNKNOWN --absent--&gt; NOT_PRESENT --arrive--&gt; PRESENT
 *   link:      UP &lt;--linkChanged--&gt; DOWN           (IFF_RUNNING as the dataplane reports it)
 *   failed:    false --fail(cause)--&gt; true --repair()--&gt; false     (in.mpathd IFF_FAILED)
 *   offline:   false --takeOffline--&gt; true --bringOnline--&gt; false  (if_mpadm -d / -r)
 *   duplicate: false --offlineForDuplicateHardwareAddress--&gt; true
 *                    --onlineWithUniqueHardwareAddress--&gt; false   (in.mpathd pi_hwaddrdup; offline while true)
 *   inactive:  makeActive / makeInactive                        (IFF_INACTIVE; see ActiveSet)
 * </pre>
 * Derived states: <em>functioning</em> = present, link up, not failed, not offline (in.mpathd
 * phyint_is_functioning); <em>usable</em> = functioning and not held out by the damper; the
 * external state OK / FAILED / OFFLINE / UNKNOWN (functioning without targets) as in ipmpstat.
 *
 * <h2>What drives the transitions</h2>
 * <pre>
 *   event / timer                         decided by                         transition
 *   ------------------------------------  ---------------------------------  -----------------------
 *   link down                             ProbeVerdicts.failureState(link)   fail(LINK_DOWN) or
 *                                                                            group failure
 *   send tick, newest judged probe lost   ProbeVerdicts.failureState(probes) NONE / TARGET_FAILED /
 *                                                                            MEMBER_FAILED / GROUP_FAILED
 *   send tick, newest judged probe acked  ProbeVerdicts.repaired             repair()
 *   link up, no test address (or offline) flap guard (LINK_UP_PERMIN)        repair() or hold
 *   member timer                          flap guard minute over / damper    repair(), damper release
 *   if_mpadm -d / -r                      AdminCommands (minimum redundancy) takeOffline / bringOnline
 *   RTM_NEWLINK / RTM_DELLINK             EngineCore                         arrive / remove
 *   arrive, new hardware address, a       DuplicateHardwareAddresses         offlineForDuplicate... /
 *   member offline, removed or dropped     (phyint_lookup_hwaddr)             onlineWithUnique...
 * </pre>
 * The group ({@link net.ipmpd.engine.core.GroupRuntime}) switches on the
 * {@link net.ipmpd.engine.core.ProbeVerdicts.Verdict} and then settles: notifications, the active
 * set, address placement, outbound spreading, nominees, the group state.
 *
 * <h2>Probes</h2>
 * A probe instance ({@link net.ipmpd.engine.core.ProbeInstance}) keeps the last 52 probes
 * ({@link net.ipmpd.engine.core.ProbeHistory}): UNACKED --reply--&gt; ACKED; UNACKED --tick--&gt;
 * LOST; LOST --late reply--&gt; ACKED. Losses are judged only at send ticks: a probe is lost when its
 * start plus the target's CRTT in whole milliseconds (0: the probe interval) lies before the tick,
 * or when it is the older of the two newest. Verdicts read consecutive runs from the newest probe
 * back, so a late reply changes every later verdict. A probe instance reports its ticks and replies
 * to the {@link net.ipmpd.engine.core.ProbeVerdicts} it was created with (its group's), never
 * through its member's group. References point down (engine, group, member, instance, targets);
 * a part may read its owner (a member its group, an instance its member, a target list its
 * instance), but nothing acts through a chain of owners.
 *
 * <h2>Time</h2>
 * Every step happens at a time: a probe reply at its kernel receive stamp, any other event when
 * it was queued. Timers due before the event fire first, then the event, and timers due after it
 * wait for the next step, so a reply the daemon read late is never judged lost by a tick that came
 * after it arrived. Every time and duration says its unit in its name: {@code nowNanos},
 * {@code stepTimeNanos}, {@code effectiveFdtNanos}, {@code probeIntervalNanos} (nanoseconds of the
 * engine's monotonic clock), {@code ...Ms} where in.mpathd's whole milliseconds matter,
 * {@code ...Micros} for RTTs and CRTTs, and in {@code Rules} {@code QUIET_PERIOD_NANOS} and the
 * like, with {@code NANOS_PER_MS} to convert.
 *
 * <h2>Invariants</h2>
 * <ol>
 *   <li>A present member whose link is down is failed (set at link down, at arrival and at
 *       online); the one exception is in.mpathd's: an offline member whose link goes down while its
 *       group has failed is left alone until it is brought online.</li>
 *   <li>At most two probes per instance are outstanding (UNACKED) after a send tick.</li>
 *   <li>A member with test addresses is repaired only by ten consecutive answered probes on one
 *       family (or ten to one target); a member without is repaired by its link, unless the flap
 *       guard holds it.</li>
 *   <li>No RTT is learnt from a member that is not functioning or while its group has failed;
 *       a failure resets the member's RTT estimates.</li>
 *   <li>When the group fails, host targets are flushed and found again by all-hosts probes.</li>
 *   <li>A group with a usable member has an active member (ActiveSet.ensureOneActive); the flap
 *       damper never holds out a member when no other functioning member is free of it.</li>
 *   <li>Only link-downs feed the damper; probe verdicts never do.</li>
 *   <li>No two online members of a named group have one (known, non-zero) hardware address: the
 *       later one is offline with the duplicate mark until its address is unique.</li>
 * </ol>
 */
package net.ipmpd.engine.core;
