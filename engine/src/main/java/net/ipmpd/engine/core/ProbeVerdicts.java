package net.ipmpd.engine.core;

import java.net.InetAddress;
import net.ipmpd.engine.notify.Cause;
import net.ipmpd.engine.notify.Notification.FailureDetectionTimeChanged;
import net.ipmpd.engine.state.GroupState;
import net.ipmpd.engine.state.LinkState;
import net.ipmpd.engine.state.Presence;
import net.ipmpd.engine.state.TargetState;

/**
 * What a group's probe results mean (mpd_probe.c): {@link #failureState} classifies a suspect
 * member as in.mpathd's failure_state() does, and the group acts on the {@link Verdict}; repair
 * after ten answers; the failure detection time raised or lowered as the targets' RTTs change.
 */
final class ProbeVerdicts {
    /** The outcome of looking at a member's probes or link (failure_state and its callers). */
    enum Verdict {
        /** Nothing to do. */
        NONE,
        /** One target stopped answering while others answer: the target goes, the member stays. */
        TARGET_FAILED,
        /** This member failed; another member proved the path works. */
        MEMBER_FAILED,
        /** No other member proved anything: the fault is beyond the group. */
        GROUP_FAILED
    }

    private final GroupRuntime group;

    ProbeVerdicts(GroupRuntime group) {
        this.group = group;
    }

    /** The group's current probe interval: raised and lowered here as the targets' RTTs change. */
    long probeIntervalNanos() {
        return group.probeIntervalNanos;
    }

    /** The group the verdicts are about, for the notifications of its probe instances. */
    String groupName() {
        return group.name;
    }

    /** A send tick found a lost probe (phyint_inst_check_for_failure). */
    void checkFailure(ProbeInstance pi, EngineContext ctx) {
        act(pi.member, failureState(pi, false, ctx), Cause.PROBES_LOST, ctx);
    }

    /** The member's link went down (process_link_state_down). */
    void linkDown(MemberRuntime m, EngineContext ctx) {
        act(m, failureState(null, true, m, ctx), Cause.LINK_DOWN, ctx);
    }

    private Verdict failureState(ProbeInstance pi, boolean linkDown, EngineContext ctx) {
        return failureState(pi, linkDown, pi.member, ctx);
    }

    /**
     * in.mpathd failure_state(): five consecutive losses on every probe-capable family (the other
     * family's current run, not a flag from its last failure) make the member suspect; it is a
     * member failure if another member proved the path works after the first of those losses,
     * else a group failure. A target that alone stopped answering is dropped instead.
     */
    Verdict failureState(ProbeInstance pi, boolean linkDown, MemberRuntime m, EngineContext ctx) {
        long firstLossMs = Long.MIN_VALUE;
        if (!linkDown) {
            Target newestTarget = pi.history.recent(0).target;
            ProbeHistory.Failures f = pi.failures(newestTarget, ctx);
            if (f.probes() < Rules.PROBE_FAILS && f.toTarget() >= Rules.PROBE_FAILS && newestTarget != null) {
                pi.targets.targetFailed(newestTarget, ctx);
                return Verdict.TARGET_FAILED;
            }
            if (f.probes() < Rules.PROBE_FAILS) {
                return Verdict.NONE;
            }
            firstLossMs = f.firstLossMs();
            ProbeInstance other = m.instance(pi.family.other());
            if (other != null && other.probeCapable()) {
                ProbeHistory.Failures of = other.failures(null, ctx);
                if (of.probes() < Rules.PROBE_FAILS) {
                    return Verdict.NONE;   // in.mpathd: IPv4 and IPv6 must both fail
                }
                firstLossMs = Math.min(firstLossMs, of.firstLossMs());
            }
        }
        if (group.anonymous) {
            return Verdict.MEMBER_FAILED;
        }
        boolean groupFailed = group.state == GroupState.FAILED;
        for (MemberRuntime o : group.members.values()) {
            if (o == m || o.presence != Presence.PRESENT || o.link != LinkState.UP) {
                continue;
            }
            if (linkDown) {
                if (o.functioning() && !groupFailed) {
                    return Verdict.MEMBER_FAILED;
                }
                continue;
            }
            if (!o.probeEnabled()) {
                return Verdict.MEMBER_FAILED;   // link up and no probing: it works
            }
            if (!groupFailed && o.functioning() && !o.probeCapable()) {
                return Verdict.MEMBER_FAILED;   // ipmpd: a working member without targets counts (README)
            }
            for (ProbeInstance opi : o.instances()) {
                ProbeHistory.Successes s = opi.successes(null, ctx);
                if (s.answeredEver() && ProbeHistory.ms(s.lastAnswerNanos()) > firstLossMs
                        && o.functioning() && !groupFailed) {
                    return Verdict.MEMBER_FAILED;
                }
            }
        }
        return Verdict.GROUP_FAILED;
    }

    private void act(MemberRuntime m, Verdict verdict, Cause cause, EngineContext ctx) {
        switch (verdict) {
            case NONE, TARGET_FAILED -> {
            }
            case MEMBER_FAILED -> {
                m.fail(cause);
                m.resetRtts();
                group.settle(cause, ctx);
            }
            case GROUP_FAILED -> {
                // every member is failed (offline ones too: they come back failed); RTTs reset
                Cause own = cause == Cause.LINK_DOWN ? Cause.LINK_DOWN : Cause.GROUP_FAILURE;
                for (MemberRuntime o : group.members.values()) {
                    o.fail(o == m ? own : Cause.GROUP_FAILURE);
                    if (!o.offline()) {
                        o.resetRtts();
                    }
                }
                group.settle(cause == Cause.LINK_DOWN ? Cause.LINK_DOWN : Cause.GROUP_FAILURE, ctx);
            }
        }
    }

    /**
     * phyint_repaired(): a member with test addresses is repaired by ten consecutive answers on
     * either family (or ten from the newest probe's target); without test addresses by its link,
     * unless the link came up more than twice in the last minute.
     */
    void checkRepair(MemberRuntime m, EngineContext ctx) {
        if (!repaired(m, ctx)) {
            return;
        }
        m.repair();
        group.settle(Cause.REPAIRED, ctx);
    }

    boolean repaired(MemberRuntime m, EngineContext ctx) {
        if (m.link != LinkState.UP || m.presence != Presence.PRESENT) {
            return false;
        }
        if (!m.probeEnabled() || m.offline()) {
            return !m.flapGuardHolds(ctx.nowNanos);
        }
        for (ProbeInstance pi : m.instances()) {
            if (!pi.probeCapable()) {
                continue;
            }
            ProbeHistory.Successes s = pi.successes(pi.history.recent(0).target, ctx);
            if (s.probes() >= Rules.PROBE_REPAIRS || s.toTarget() >= Rules.PROBE_REPAIRS) {
                return true;
            }
        }
        return false;
    }

    /** incoming_mcast_reply: a host that answered the all-hosts probe becomes a target of every member. */
    void hostDiscovered(ProbeInstance pi, InetAddress from, EngineContext ctx) {
        if (group.anonymous) {
            pi.targets.discovered(from, ctx);
            return;
        }
        for (MemberRuntime o : group.members.values()) {
            ProbeInstance opi = o.instance(pi.family);
            if (opi != null && o.presence == Presence.PRESENT) {
                opi.targets.discovered(from, ctx);
            }
        }
    }

    /**
     * incoming_echo_reply: the RTT is learnt only while the member runs and the group has not
     * failed (replies that queued behind ARP on a failed path would teach a false RTT), only from
     * the newest answered probe to the target, and not across a stall.
     */
    void probeAnswered(ProbeInstance pi, Target target, long netRttMicros, boolean newestForTarget, EngineContext ctx) {
        long intervalMicros = group.probeIntervalNanos / 1000;
        MemberRuntime m = pi.member;
        if (!m.functioning() || group.state == GroupState.FAILED || !newestForTarget
                || netRttMicros / 1000 > (long) Rules.PROBE_STATS_COUNT * (intervalMicros / 1000)) {
            return;
        }
        if (target.crtt.sample(netRttMicros, intervalMicros)) {
            rttChanged(pi, target, ctx);
        }
    }

    /** mpd_probe.c: raise the FDT for a slow target, or treat it as an exception, or lower the FDT. */
    private void rttChanged(ProbeInstance pi, Target target, EngineContext ctx) {
        long crttMs = target.crtt.crttMs();
        long intervalMs = group.probeIntervalNanos / Rules.NANOS_PER_MS;
        if (crttMs > intervalMs) {
            if (isException(pi, target, intervalMs)) {
                pi.targets.targetSlow(target, ctx);
                return;
            }
            long previousFdtNanos = group.effectiveFdtNanos;
            group.probeIntervalNanos = Rules.NEXT_FDT_MULTIPLE * crttMs * Rules.NANOS_PER_MS;
            group.effectiveFdtNanos = group.probeIntervalNanos * Rules.FDT_TO_INTERVAL;
            group.lastRaiseAtNanos = ctx.nowNanos;
            ctx.notify(new FailureDetectionTimeChanged(ctx.nowNanos, group.name, pi.member.name, pi.family, target.address,
                    group.configuredFdtNanos / Rules.NANOS_PER_MS, previousFdtNanos / Rules.NANOS_PER_MS, group.effectiveFdtNanos / Rules.NANOS_PER_MS, Cause.NONE));
            intervalChanged(ctx);
        } else if (crttMs < intervalMs / Rules.LOWER_FDT_TRIGGER && group.effectiveFdtNanos > group.configuredFdtNanos
                && ctx.nowNanos - group.lastRaiseAtNanos > Rules.SETTLING_TIME_NANOS && allTargetsFast(intervalMs)) {
            long previousFdtNanos = group.effectiveFdtNanos;
            group.effectiveFdtNanos = Math.max(group.effectiveFdtNanos / Rules.NEXT_FDT_MULTIPLE, group.configuredFdtNanos);
            group.probeIntervalNanos = group.effectiveFdtNanos / Rules.FDT_TO_INTERVAL;
            ctx.notify(new FailureDetectionTimeChanged(ctx.nowNanos, group.name, pi.member.name, pi.family, target.address,
                    group.configuredFdtNanos / Rules.NANOS_PER_MS, previousFdtNanos / Rules.NANOS_PER_MS, group.effectiveFdtNanos / Rules.NANOS_PER_MS, Cause.NONE));
            intervalChanged(ctx);
        }
    }

    private void intervalChanged(EngineContext ctx) {
        for (MemberRuntime m : group.members.values()) {
            for (ProbeInstance p : m.instances()) {
                p.intervalChanged(ctx);
            }
        }
    }

    /** check_exception_target: a slow target is an exception if there are 4+ targets and all others are fast. */
    private static boolean isException(ProbeInstance pi, Target slow, long intervalMs) {
        if (pi.targets.activeCount() < Rules.EXCEPTION_MIN_TARGETS) {
            return false;
        }
        for (Target t : pi.targets.all()) {
            if (t != slow && t.state == TargetState.ACTIVE && t.crtt.crttMs() > intervalMs / Rules.EXCEPTION_FACTOR) {
                return false;
            }
        }
        return true;
    }

    /** check_pg_crtt_improved: every active target of every running member is fast. */
    private boolean allTargetsFast(long intervalMs) {
        for (MemberRuntime m : group.members.values()) {
            if (m.failed) {
                continue;
            }
            for (ProbeInstance p : m.instances()) {
                for (Target t : p.targets.all()) {
                    if (t.state == TargetState.ACTIVE && t.crtt.crttMs() > intervalMs / Rules.LOWER_FDT_TRIGGER) {
                        return false;
                    }
                }
            }
        }
        return true;
    }
}
