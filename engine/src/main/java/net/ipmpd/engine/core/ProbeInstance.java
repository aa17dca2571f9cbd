package net.ipmpd.engine.core;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
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
 * Probing of one member in one address family (in.mpathd: a phyint instance, mpd_probe.c).
 * Sends a probe every probe interval at a random time in the interval's second half, decides
 * which probes are lost, and counts consecutive losses and successes. The decisions that need
 * the whole group (member or group failure, FDT changes) are made by {@link GroupRuntime}.
 */
final class ProbeInstance extends Timed {
    private static final InetAddress ALL_HOSTS_V4 = literal(new byte[] {(byte) 224, 0, 0, 1});
    private static final InetAddress ALL_NODES_V6 = literal(new byte[] {(byte) 0xff, 2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1});

    /** A probe that has been sent and is neither answered nor lost yet. */
    private record Pending(int sequence, Target target, long sentAt, long lostAt, ProbeKind kind) {
    }

    final MemberRuntime member;
    final Family family;
    final TestAddress testAddress;
    final TargetList targets;

    private final ArrayDeque<Pending> pending = new ArrayDeque<>(4);
    /** Probes declared lost lately; a late reply to one still teaches us the RTT. */
    private final ArrayDeque<Pending> recentlyLost = new ArrayDeque<>(4);
    private int sequence;
    private long baseTime;
    private long nextSendAt = Long.MAX_VALUE;
    private long startedAt;
    private boolean quietPeriodOver;

    /** Consecutive lost unicast probes over all targets (in.mpathd pf_nfail). */
    int consecutiveLosses;
    /** Send time of the first of those losses: the time of first failure. */
    long firstLossAt;
    /** Consecutive answered unicast probes. */
    int consecutiveSuccesses;
    /** Set at the fifth loss; cleared by repair. */
    boolean failed;
    /** When a unicast probe of this instance was last answered (-1: never). */
    long lastSuccessAt = -1;

    private long sent;
    private long answered;
    private long lost;

    ProbeInstance(MemberRuntime member, Family family, TestAddress testAddress) {
        this.member = member;
        this.family = family;
        this.testAddress = testAddress;
        this.targets = new TargetList(this);
    }

    private static InetAddress literal(byte[] b) {
        try {
            return InetAddress.getByAddress(b);
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    /** Starts (or restarts) probing with a fresh history and the 40 s quiet period. */
    void start(EngineContext ctx) {
        startedAt = ctx.now;
        quietPeriodOver = false;
        clearHistory();
        scheduleFirstProbe(ctx);
    }

    /** Restarts the probe timer without resetting the quiet period (link up). */
    void restartTimer(EngineContext ctx) {
        scheduleFirstProbe(ctx);
    }

    private void scheduleFirstProbe(EngineContext ctx) {
        long interval = member.group.probeInterval;
        // in.mpathd spreads the interfaces' first probes over one interval (mpd_probe.c); the
        // first one goes out within that interval, so a new member is probed within one interval
        nextSendAt = ctx.now + (long) (ctx.random.nextDouble() * interval);
        baseTime = nextSendAt - interval * 3 / 4;
        reschedule(ctx);
    }

    void stop(EngineContext ctx) {
        pending.clear();
        nextSendAt = Long.MAX_VALUE;
        ctx.timers.cancel(this);
    }

    /** in.mpathd on link down: forget the history so pre-outage answers cannot count toward repair. */
    void clearHistory() {
        pending.clear();
        recentlyLost.clear();
        consecutiveLosses = 0;
        consecutiveSuccesses = 0;
        for (Target t : targets.all()) {
            t.consecutiveLosses = 0;
        }
    }

    /** The group's probe interval changed: pull the next send in if it now lies too far out. */
    void intervalChanged(EngineContext ctx) {
        long interval = member.group.probeInterval;
        if (nextSendAt != Long.MAX_VALUE && nextSendAt > ctx.now + interval) {
            baseTime = ctx.now;
            nextSendAt = baseTime + randomSecondHalf(ctx, interval);
            reschedule(ctx);
        }
    }

    private static long randomSecondHalf(EngineContext ctx, long interval) {
        return interval / 2 + (long) (ctx.random.nextDouble() * (interval - interval / 2));
    }

    boolean inQuietPeriod(long now) {
        return !quietPeriodOver && now - startedAt < Rules.QUIET_PERIOD;
    }

    /** Probe-capable: has a test address and at least one usable target (mpd_tables.h). */
    boolean probeCapable() {
        return targets.activeCount() > 0;
    }

    @Override
    void wake(long now, EngineContext ctx) {
        expireLosses(ctx);
        if (nextSendAt <= now) {
            long interval = member.group.probeInterval;
            if (member.canProbe()) {
                send(ctx);
            }
            baseTime += interval;
            if (baseTime + interval <= now) {
                // missed send slots (the daemon was stalled): in.mpathd counts and skips them
                baseTime = now;
            }
            nextSendAt = baseTime + randomSecondHalf(ctx, interval);
        }
        reschedule(ctx);
    }

    private void reschedule(EngineContext ctx) {
        long next = nextSendAt;
        for (Pending p : pending) {
            next = Math.min(next, p.lostAt);
        }
        if (next == Long.MAX_VALUE) {
            ctx.timers.cancel(this);
        } else {
            ctx.timers.schedule(this, next);
        }
    }

    private void send(EngineContext ctx) {
        long now = ctx.now;
        targets.age(ctx);
        Target t = targets.nextActive();
        long interval = member.group.probeInterval;
        if (t != null) {
            // in.mpathd: at most the two newest probes may be outstanding; the older is lost
            forceOlderLost(ctx);
            long lostAt = now + lossTimeout(t, interval);
            int seq = nextSequence();
            pending.addLast(new Pending(seq, t, now, lostAt, ProbeKind.UNICAST));
            sent++;
            ctx.act(new SendProbe(member.name, family, testAddress.address(), t.address, seq, ProbeKind.UNICAST));
        }
        if (targets.wantsDiscovery()) {
            int seq = nextSequence();
            pending.addLast(new Pending(seq, null, now, now + interval, ProbeKind.MULTICAST));
            ctx.act(new SendProbe(member.name, family, testAddress.address(),
                    family == Family.IPV4 ? ALL_HOSTS_V4 : ALL_NODES_V6, seq, ProbeKind.MULTICAST));
        }
    }

    /**
     * in.mpathd: a probe is lost when unanswered after the target's CRTT, or after the probe
     * interval while there is no CRTT yet. The CRTT is floored at {@link #MIN_LOSS_TIMEOUT}: a
     * sub-millisecond LAN RTT would otherwise turn one scheduling hiccup of the daemon into a lost
     * probe (in.mpathd measures in whole milliseconds, which gives it the same floor by accident).
     */
    private static long lossTimeout(Target t, long interval) {
        long crtt = t.crtt.crttMicros() * 1000;
        if (crtt <= 0) {
            return interval;
        }
        return Math.min(interval, Math.max(crtt, MIN_LOSS_TIMEOUT));
    }

    private static final long MIN_LOSS_TIMEOUT = 5 * Rules.MS;

    private int nextSequence() {
        sequence = (sequence + 1) & 0xffff;
        return sequence;
    }

    private void forceOlderLost(EngineContext ctx) {
        int unicast = 0;
        for (Pending p : pending) {
            if (p.kind == ProbeKind.UNICAST) {
                unicast++;
            }
        }
        Iterator<Pending> it = pending.iterator();
        while (unicast >= 2 && it.hasNext()) {
            Pending p = it.next();
            if (p.kind == ProbeKind.UNICAST) {
                it.remove();
                unicast--;
                probeLost(p, ctx);
            }
        }
    }

    private void expireLosses(EngineContext ctx) {
        if (pending.isEmpty()) {
            return;
        }
        List<Pending> due = null;
        Iterator<Pending> it = pending.iterator();
        while (it.hasNext()) {
            Pending p = it.next();
            if (p.lostAt <= ctx.now) {
                it.remove();
                if (p.kind == ProbeKind.UNICAST && ctx.stepTime - p.lostAt > member.group.probeInterval) {
                    // the daemon was stalled (a long GC pause, a stopped process) for more than an
                    // interval: its reply may be waiting unread, so this says nothing about the path
                    // (in.mpathd likewise distrusts what it measured across a stall)
                    continue;
                }
                if (p.kind == ProbeKind.UNICAST) {
                    if (due == null) {
                        due = new ArrayList<>(2);
                    }
                    due.add(p);
                }
            }
        }
        if (due != null) {
            for (Pending p : due) {
                probeLost(p, ctx);
            }
        }
    }

    private void probeLost(Pending p, EngineContext ctx) {
        lost++;
        if (recentlyLost.size() == 4) {
            recentlyLost.removeFirst();
        }
        recentlyLost.addLast(p);
        ctx.notify(new ProbeCompleted(ctx.now, member.group.name, member.name, family, p.target.address, p.sequence,
                -1, -1, p.target.crtt.averageMicros(), p.target.crtt.deviationMicros(), Cause.PROBES_LOST));
        if (inQuietPeriod(ctx.now) || !targets.contains(p.target)) {
            return;
        }
        consecutiveSuccesses = 0;
        if (consecutiveLosses == 0) {
            firstLossAt = p.sentAt;
        }
        consecutiveLosses++;
        p.target.consecutiveLosses++;
        member.group.verdicts.probeLost(this, p.target, ctx);
    }

    /** A reply arrived; returns false if it matched nothing we are waiting for. */
    boolean replied(InetAddress from, int seq, long receivedAt, long stampedSentAt, EngineContext ctx) {
        if (!member.canProbe()) {
            return false;   // in.mpathd drops replies while the link is down
        }
        Pending match = null;
        for (Pending p : pending) {
            if (p.sequence == seq) {
                match = p;
                break;
            }
        }
        if (match == null) {
            return lateReply(from, seq, receivedAt, stampedSentAt, ctx);
        }
        if (match.kind == ProbeKind.MULTICAST) {
            // keep the entry: more hosts may answer the same all-hosts probe
            targets.discovered(from, ctx);
            return true;
        }
        if (!match.target.address.equals(from)) {
            return false;
        }
        pending.remove(match);
        answered++;
        quietPeriodOver = true;
        consecutiveLosses = 0;
        match.target.consecutiveLosses = 0;
        consecutiveSuccesses++;
        lastSuccessAt = ctx.now;
        // the payload's stamp is when the request really left; our own sentAt is when we asked for it
        long sentAt = stampedSentAt > 0 && stampedSentAt >= match.sentAt && stampedSentAt <= receivedAt ? stampedSentAt : match.sentAt;
        long netRtt = Math.max(0, receivedAt - sentAt) / 1000;
        long rtt = Math.max(0, ctx.now - match.sentAt) / 1000;
        member.group.verdicts.probeAnswered(this, match.target, seq, netRtt, ctx);
        ctx.notify(new ProbeCompleted(ctx.now, member.group.name, member.name, family, match.target.address, seq,
                netRtt, rtt, match.target.crtt.averageMicros(), match.target.crtt.deviationMicros(), Cause.NONE));
        reschedule(ctx);
        return true;
    }

    /**
     * A reply to a probe already counted as lost stays lost (in.mpathd does not undo a loss), but
     * its RTT is real: learning it lets the timeout grow with a slower path instead of failing the
     * member on a mere latency step.
     */
    private boolean lateReply(InetAddress from, int seq, long receivedAt, long stampedSentAt, EngineContext ctx) {
        for (Pending p : recentlyLost) {
            if (p.sequence == seq && p.target.address.equals(from)) {
                recentlyLost.remove(p);
                long sentAt = stampedSentAt > 0 && stampedSentAt >= p.sentAt && stampedSentAt <= receivedAt ? stampedSentAt : p.sentAt;
                member.group.verdicts.lateReply(this, p.target, seq, Math.max(0, receivedAt - sentAt) / 1000, ctx);
                return true;
            }
        }
        return false;
    }

    ProbeState probeState() {
        if (failed) {
            return ProbeState.FAILED;
        }
        return targets.activeCount() > 0 ? ProbeState.OK : ProbeState.UNKNOWN;
    }

    ProbeInstanceSnapshot snapshot() {
        List<TargetSnapshot> ts = new ArrayList<>();
        for (Target t : targets.all()) {
            ts.add(new TargetSnapshot(t.address, t.mode, t.state, t.crtt.averageMicros(), t.crtt.deviationMicros()));
        }
        TargetMode mode = targets.mode();
        return new ProbeInstanceSnapshot(family, testAddress, mode, probeState(), ts, new ProbeStats(sent, answered, lost));
    }
}
