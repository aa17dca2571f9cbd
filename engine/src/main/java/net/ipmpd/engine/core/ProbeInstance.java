package net.ipmpd.engine.core;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import net.ipmpd.engine.action.Action.ProbeKind;
import net.ipmpd.engine.action.Action.SendProbe;
import net.ipmpd.engine.config.Family;
import net.ipmpd.engine.config.TestAddress;
import net.ipmpd.engine.notify.Cause;
import net.ipmpd.engine.notify.Notification.ProbeCompleted;
import net.ipmpd.engine.state.ProbeInstanceSnapshot;
import net.ipmpd.engine.state.ProbeState;
import net.ipmpd.engine.state.ProbeStats;
import net.ipmpd.engine.state.TargetMode;
import net.ipmpd.engine.state.TargetSnapshot;

/**
 * Probing of one member in one address family (in.mpathd: a phyint instance and its
 * phyint_inst_timer, mpd_probe.c). One probe goes out per probe interval at a random time in the
 * interval's second half. Losses are judged only at those send ticks, the way in.mpathd does: at
 * each tick the two newest probes are looked at, and one is lost if its start plus the target's
 * CRTT (whole ms; 0 means the probe interval) lies before the tick, or if it is the older of the
 * two. A reply that comes later still turns its probe into an answered one. The verdicts that need
 * the whole group (member or group failure, repair, FDT changes) come from {@link ProbeVerdicts}.
 */
final class ProbeInstance extends Timed {
    private static final InetAddress ALL_HOSTS_V4 = literal(new byte[] {(byte) 224, 0, 0, 1});
    private static final InetAddress ALL_NODES_V6 = literal(new byte[] {(byte) 0xff, 2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1});
    /** Multicast (discovery) probes carry sequence numbers with this bit; unicast ones never do. */
    private static final int MULTICAST_SEQUENCE = 0x8000;
    private static final int RECENT_MULTICASTS = 8;

    final MemberRuntime member;
    /** The group's verdicts this instance reports its ticks and replies to (and reads the probe interval from). */
    final ProbeVerdicts verdicts;
    final Family family;
    final TestAddress testAddress;
    final TargetList targets;
    final ProbeHistory history = new ProbeHistory();

    private int unicastSequence;
    private int multicastSequence;
    private final int[] recentMulticasts = new int[RECENT_MULTICASTS];
    private int recentMulticastNext;
    private long baseTimeNanos;
    private long nextSendAtNanos = Long.MAX_VALUE;
    /** in.mpathd pii_fd_hrtime: losses do not fail the member before this (FAILURE_DETECTION_QP). */
    private long quietPeriodEndsAtNanos;

    private long sent;
    private long answered;
    private long lost;
    /** At the last send tick, the newest NUM_PROBE_FAILS probes were all lost (for ipmpstat's PROBE column). */
    private boolean failing;

    ProbeInstance(MemberRuntime member, ProbeVerdicts verdicts, Family family, TestAddress testAddress) {
        this.member = member;
        this.verdicts = verdicts;
        this.family = family;
        this.testAddress = testAddress;
        this.targets = new TargetList(this);
        Arrays.fill(recentMulticasts, -1);
    }

    private static InetAddress literal(byte[] b) {
        try {
            return InetAddress.getByAddress(b);
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    /**
     * The interface appeared (start, NIC inserted, new test address): a fresh history and the
     * 40 s quiet period, as a new phyint instance gets in in.mpathd (phyint_inst_create).
     */
    void start(EngineContext ctx) {
        quietPeriodEndsAtNanos = ctx.nowNanos + Rules.QUIET_PERIOD_NANOS;
        history.clear();
        scheduleFirstProbe(ctx);
    }

    /** Restarts the probe timer without a new quiet period (link up, online: in.mpathd restart_timer). */
    void restartTimer(EngineContext ctx) {
        scheduleFirstProbe(ctx);
    }

    private void scheduleFirstProbe(EngineContext ctx) {
        long intervalNanos = verdicts.probeIntervalNanos();
        // in.mpathd start_timer: the first base time is spread over one interval
        nextSendAtNanos = ctx.nowNanos + (long) (ctx.random.nextDouble() * intervalNanos);
        baseTimeNanos = nextSendAtNanos - intervalNanos * 3 / 4;
        reschedule(ctx);
    }

    /** Offline or removed: no more probes (in.mpathd stop_probing); the history is dropped with the socket. */
    void stop(EngineContext ctx) {
        nextSendAtNanos = Long.MAX_VALUE;
        ctx.timers.cancel(this);
        history.clear();
        targets.resetRtts();
    }

    /** in.mpathd on link down: forget the history so pre-outage answers cannot count toward repair. */
    void clearHistory() {
        history.clear();
        failing = false;
    }

    /** The group's probe interval changed: pull the next send in if it now lies too far out. */
    void intervalChanged(EngineContext ctx) {
        long intervalNanos = verdicts.probeIntervalNanos();
        if (nextSendAtNanos != Long.MAX_VALUE && nextSendAtNanos > ctx.nowNanos + intervalNanos) {
            baseTimeNanos = ctx.nowNanos;
            nextSendAtNanos = baseTimeNanos + randomSecondHalf(ctx, intervalNanos);
            reschedule(ctx);
        }
    }

    private static long randomSecondHalf(EngineContext ctx, long intervalNanos) {
        return intervalNanos / 2 + (long) (ctx.random.nextDouble() * (intervalNanos - intervalNanos / 2));
    }

    boolean inQuietPeriod(long nowNanos) {
        return nowNanos < quietPeriodEndsAtNanos;
    }

    /** Probe-capable: has a test address and at least one usable target (mpd_tables.h). */
    boolean probeCapable() {
        return targets.activeCount() > 0;
    }

    private void reschedule(EngineContext ctx) {
        if (nextSendAtNanos == Long.MAX_VALUE) {
            ctx.timers.cancel(this);
        } else {
            ctx.timers.schedule(this, nextSendAtNanos);
        }
    }

    /** A send tick (phyint_inst_timer): judge the newest probes, decide, send the next probe. */
    @Override
    void wake(long nowNanos, EngineContext ctx) {
        if (!member.canProbe()) {
            nextSendAtNanos = Long.MAX_VALUE;   // link down or offline: restart_timer brings it back
            return;
        }
        long intervalNanos = verdicts.probeIntervalNanos();
        long realNowNanos = Math.max(ctx.stepTimeNanos, nowNanos);
        // a tick that runs more than an interval late means the daemon itself was stalled: the
        // replies that came meanwhile may still be unread, so this tick blames no one
        boolean stalled = realNowNanos - nowNanos > intervalNanos;
        baseTimeNanos += intervalNanos;
        nextSendAtNanos = baseTimeNanos + randomSecondHalf(ctx, intervalNanos);
        if (nextSendAtNanos <= realNowNanos) {
            // missed send slots (the daemon was late): skip them whole, as in.mpathd does
            long skipped = (realNowNanos - nextSendAtNanos) / intervalNanos + 1;
            nextSendAtNanos += skipped * intervalNanos;
            baseTimeNanos += skipped * intervalNanos;
        }
        targets.age(ctx);
        if (!probeCapable()) {
            sendMulticast(realNowNanos, ctx);
            reschedule(ctx);
            return;
        }
        ProbeHistory.Probe newestResolved = judgeNewest(ctx);
        boolean newestAnswered = newestResolved != null && newestResolved.status == ProbeHistory.Status.ACKED;
        failing = !newestAnswered && failures(null, ctx).probes() >= Rules.PROBE_FAILS;
        if (member.failed) {
            if (newestAnswered) {
                verdicts.checkRepair(member, ctx);
            }
        } else if (!inQuietPeriod(nowNanos) && !stalled && !newestAnswered) {
            verdicts.checkFailure(this, ctx);
        }
        if (member.canProbe() && probeCapable()) {
            sendUnicast(realNowNanos, ctx);
            if (targets.mode() == TargetMode.MULTICAST && targets.activeCount() == 1) {
                sendMulticast(realNowNanos, ctx);   // one host target is no resilience: look for more
            }
        } else if (member.canProbe()) {
            sendMulticast(realNowNanos, ctx);
        }
        reschedule(ctx);
    }

    /**
     * Looks at the two newest probes: an answered one ends the quiet period; an unanswered one is
     * lost if its time is up or if it is the older of the two (at most two may be outstanding).
     * Returns the newest probe that is no longer outstanding.
     */
    private ProbeHistory.Probe judgeNewest(EngineContext ctx) {
        long nowMs = ProbeHistory.ms(ctx.nowNanos);
        long intervalMs = verdicts.probeIntervalNanos() / Rules.NANOS_PER_MS;
        int stillOutstanding = 0;
        // the older first, so that losses are reported in the order the probes went out
        for (int back = 1; back >= 0; back--) {
            ProbeHistory.Probe p = history.recent(back);
            if (p.status == ProbeHistory.Status.ACKED && inQuietPeriod(ctx.nowNanos)) {
                quietPeriodEndsAtNanos = ctx.nowNanos;   // an answer: the switch forwards, detection may start
            } else if (p.status == ProbeHistory.Status.UNACKED) {
                if (ProbeHistory.overdue(p, nowMs, intervalMs)) {
                    markLost(p, ProbeHistory.lossTimeMs(p, intervalMs), ctx);
                } else if (back == 1) {
                    markLost(p, nowMs, ctx);
                } else {
                    stillOutstanding++;
                }
            }
        }
        ProbeHistory.Probe newest = history.recent(stillOutstanding);
        return newest.status == ProbeHistory.Status.UNUSED ? null : newest;
    }

    private void markLost(ProbeHistory.Probe p, long lostAtMs, EngineContext ctx) {
        p.status = ProbeHistory.Status.LOST;
        p.lostAtMs = lostAtMs;
        lost++;
        if (p.target != null) {
            ctx.notify(new ProbeCompleted(ctx.nowNanos, verdicts.groupName(), member.name, family, p.target.address, p.sequence,
                    p.startNanos, -1, -1, p.target.crtt.averageMicros(), p.target.crtt.deviationMicros(), Cause.PROBES_LOST));
        }
    }

    private void sendUnicast(long atNanos, EngineContext ctx) {
        Target t = targets.nextActive();
        if (t == null) {
            return;
        }
        unicastSequence = (unicastSequence + 1) & (MULTICAST_SEQUENCE - 1);
        history.sent(unicastSequence, t, atNanos);
        sent++;
        ctx.act(new SendProbe(member.name, family, testAddress.address(), t.address, unicastSequence, ProbeKind.UNICAST));
    }

    /** An all-hosts (all-nodes) echo: whoever answers may become a target of every member. */
    void sendMulticast(long atNanos, EngineContext ctx) {
        multicastSequence = (multicastSequence + 1) & (MULTICAST_SEQUENCE - 1);
        int seq = MULTICAST_SEQUENCE | multicastSequence;
        recentMulticasts[recentMulticastNext] = seq;
        recentMulticastNext = (recentMulticastNext + 1) % RECENT_MULTICASTS;
        ctx.act(new SendProbe(member.name, family, testAddress.address(),
                family == Family.IPV4 ? ALL_HOSTS_V4 : ALL_NODES_V6, seq, ProbeKind.MULTICAST));
    }

    private boolean isRecentMulticast(int seq) {
        for (int s : recentMulticasts) {
            if (s == seq) {
                return true;
            }
        }
        return false;
    }

    /**
     * A reply arrived (incoming_echo_reply / incoming_mcast_reply). A reply to a probe already
     * judged lost turns it into an answered probe, as in.mpathd does.
     */
    boolean replied(InetAddress from, int seq, long receivedAtNanos, long stampedSentAtNanos, EngineContext ctx) {
        if (!member.canProbe()) {
            return false;   // in.mpathd drops replies while the link is down; offline closed the socket
        }
        if ((seq & MULTICAST_SEQUENCE) != 0) {
            if (!isRecentMulticast(seq)) {
                return false;
            }
            verdicts.hostDiscovered(this, from, ctx);
            return true;
        }
        ProbeHistory.Probe p = history.find(seq);
        if (p == null || p.target == null || !p.target.address.equals(from) || p.status == ProbeHistory.Status.ACKED) {
            return false;   // out of window, fake or duplicate
        }
        // the payload's stamp is when the request really left; our own start is when we asked for it
        long sentAtNanos = stampedSentAtNanos > 0 && stampedSentAtNanos >= p.startNanos && stampedSentAtNanos <= receivedAtNanos ? stampedSentAtNanos : p.startNanos;
        long netRttMicros = Math.max(0, receivedAtNanos - sentAtNanos) / 1000;
        long rttMicros = Math.max(0, ctx.nowNanos - p.startNanos) / 1000;
        Target target = p.target;
        boolean newestForTarget = history.newestAnswerTo(p);
        if (p.status == ProbeHistory.Status.LOST) {
            lost--;
        }
        p.status = ProbeHistory.Status.ACKED;
        p.ackedAtNanos = ctx.nowNanos;
        answered++;
        ctx.notify(new ProbeCompleted(ctx.nowNanos, verdicts.groupName(), member.name, family, target.address, seq,
                p.startNanos, netRttMicros, rttMicros, target.crtt.averageMicros(), target.crtt.deviationMicros(), Cause.NONE));
        verdicts.probeAnswered(this, target, netRttMicros, newestForTarget, ctx);
        return true;
    }

    /** Consecutive lost probes now (probe_fail_info), for the IPv4-and-IPv6 rule. */
    ProbeHistory.Failures failures(Target target, EngineContext ctx) {
        return history.failures(target, ProbeHistory.ms(ctx.nowNanos), verdicts.probeIntervalNanos() / Rules.NANOS_PER_MS);
    }

    ProbeHistory.Successes successes(Target target, EngineContext ctx) {
        return history.successes(target, ProbeHistory.ms(ctx.nowNanos), verdicts.probeIntervalNanos() / Rules.NANOS_PER_MS);
    }

    ProbeState probeState() {
        if (member.failed || failing) {   // in.mpathd ifprobestate: a failed member's probe state is failed
            return ProbeState.FAILED;
        }
        return targets.activeCount() > 0 ? ProbeState.OK : ProbeState.UNKNOWN;
    }

    ProbeInstanceSnapshot snapshot() {
        List<TargetSnapshot> ts = new ArrayList<>();
        if (member.presence != net.ipmpd.engine.state.Presence.PRESENT) {
            // an interface that is not there probes nothing (ipmpstat -t, -i PROBE)
            return new ProbeInstanceSnapshot(family, testAddress, targets.mode(), ProbeState.UNKNOWN, ts,
                    new ProbeStats(sent, answered, lost));
        }
        for (Target t : targets.inFiringOrder()) {
            ts.add(new TargetSnapshot(t.address, t.mode, t.state, t.crtt.averageMicros(), t.crtt.deviationMicros()));
        }
        TargetMode mode = targets.mode();
        return new ProbeInstanceSnapshot(family, testAddress, mode, probeState(), ts, new ProbeStats(sent, answered, lost));
    }
}
