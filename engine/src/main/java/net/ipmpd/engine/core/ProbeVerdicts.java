package net.ipmpd.engine.core;

import net.ipmpd.engine.notify.Cause;
import net.ipmpd.engine.notify.Notification.FailureDetectionTimeChanged;
import net.ipmpd.engine.state.GroupState;
import net.ipmpd.engine.state.LinkState;
import net.ipmpd.engine.state.Presence;
import net.ipmpd.engine.state.TargetState;

/**
 * What a group's probe results mean (mpd_probe.c): a target failure, a member failure or a group
 * failure after losses; a repair after answers; and the failure detection time raised or lowered
 * as the targets' round-trip times change.
 */
final class ProbeVerdicts {
    private final GroupRuntime group;

    ProbeVerdicts(GroupRuntime group) {
        this.group = group;
    }


    /** mpd_probe.c phyint_inst_check_failure: target failure, member failure or group failure. */
    void probeLost(ProbeInstance pi, Target target, EngineContext ctx) {
        MemberRuntime m = pi.member;
        if (pi.consecutiveLosses >= Rules.PROBE_FAILS) {
            if (!pi.failed) {
                pi.failed = true;
                ctx.changed();
            }
            if (m.failed || !m.healthy()) {
                return;
            }
            ProbeInstance other = m.instance(pi.family.other());
            if (other != null && other.probeCapable() && !other.failed) {
                return;   // in.mpathd: IPv4 and IPv6 must both fail
            }
            long failTime = pi.firstLossAt;
            if (other != null && other.failed) {
                failTime = Math.min(failTime, other.firstLossAt);
            }
            if (group.anonymous || otherMemberWorkedSince(m, failTime)) {
                failMember(m, Cause.PROBES_LOST, ctx);
            } else {
                failGroup(ctx);
            }
        } else if (target.consecutiveLosses >= Rules.PROBE_FAILS) {
            pi.targets.targetFailed(target, ctx);
        }
    }

    /**
     * in.mpathd: a probe failure is a member failure only if another member proved the link works
     * after this member's first lost probe; otherwise the fault is beyond the group. ipmpd also
     * counts a usable member without test addresses as proof (in.mpathd has no such members in a
     * probed group: it would call this a group failure and fail members whose links are up).
     */
    private boolean otherMemberWorkedSince(MemberRuntime m, long failTime) {
        for (MemberRuntime o : group.members.values()) {
            if (o == m || !o.usable()) {
                continue;
            }
            if (o.lastProbeSuccessAt() > failTime || !o.probeCapable()) {
                return true;
            }
        }
        return false;
    }

    private void failMember(MemberRuntime m, Cause cause, EngineContext ctx) {
        m.failed = true;
        m.lastCause = cause;
        group.settle(cause, ctx);
    }

    /** mpd_probe.c: every member fails, RTTs are reset, host targets flushed for re-discovery. */
    private void failGroup(EngineContext ctx) {
        for (MemberRuntime o : group.members.values()) {
            if (o.offline()) {
                continue;
            }
            if (!o.failed) {
                o.failed = true;
                o.lastCause = Cause.GROUP_FAILURE;
            }
            for (ProbeInstance pi : o.instances()) {
                pi.consecutiveSuccesses = 0;
                pi.targets.resetRtts();
                pi.targets.flushHosts(ctx);
            }
        }
        group.settle(Cause.GROUP_FAILURE, ctx);
    }

    void probeAnswered(ProbeInstance pi, Target target, int seq, long netRttMicros, EngineContext ctx) {
        MemberRuntime m = pi.member;
        long intervalMicros = group.probeInterval / 1000;
        boolean first = target.newestAckedSequence < 0;
        boolean newest = seqNewer(seq, target.newestAckedSequence);
        if (newest) {
            target.newestAckedSequence = seq;
        }
        // mpd_probe.c: no RTT from stale replies, while the group is failed, or after a stall;
        // nor from a target's first reply, which waited for ARP/ND resolution
        if (newest && !first && group.state != GroupState.FAILED && netRttMicros <= Rules.STALL_INTERVALS * intervalMicros
                && target.crtt.sample(netRttMicros, intervalMicros)) {
            rttChanged(pi, target, ctx);
        }
        if (pi.consecutiveSuccesses >= Rules.PROBE_REPAIRS) {
            if (pi.failed) {
                pi.failed = false;
                ctx.changed();
            }
            if (m.failed && m.presence == Presence.PRESENT
                    && m.link == LinkState.UP) {
                repairMember(m, ctx);
            }
        }
    }

    void lateReply(ProbeInstance pi, Target target, int seq, long netRttMicros, EngineContext ctx) {
        long intervalMicros = group.probeInterval / 1000;
        if (group.state != GroupState.FAILED && netRttMicros <= Rules.STALL_INTERVALS * intervalMicros
                && seqNewer(seq, target.newestAckedSequence)) {
            target.newestAckedSequence = seq;
            if (target.crtt.sample(netRttMicros, intervalMicros)) {
                rttChanged(pi, target, ctx);
            }
        }
    }

    private static boolean seqNewer(int seq, int newest) {
        return newest < 0 || (short) (seq - newest) > 0;
    }

    void repairMember(MemberRuntime m, EngineContext ctx) {
        m.failed = false;
        m.arrival = MemberRuntime.Arrival.REPAIR;
        for (ProbeInstance pi : m.instances()) {
            pi.failed = false;
        }
        m.lastCause = Cause.REPAIRED;
        group.settle(Cause.REPAIRED, ctx);
    }

    /** mpd_probe.c: raise the FDT for a slow target, or treat it as an exception, or lower the FDT. */
    private void rttChanged(ProbeInstance pi, Target target, EngineContext ctx) {
        long crtt = target.crtt.crttMicros();
        long intervalMicros = group.probeInterval / 1000;
        if (crtt > intervalMicros) {
            if (isException(pi, target, intervalMicros)) {
                pi.targets.targetSlow(target, ctx);
                return;
            }
            long previous = group.effectiveFdt;
            group.probeInterval = Rules.NEXT_FDT_MULTIPLE * crtt * 1000;
            group.effectiveFdt = group.probeInterval * Rules.FDT_TO_INTERVAL;
            group.lastRaiseAt = ctx.now;
            ctx.notify(new FailureDetectionTimeChanged(ctx.now, group.name, pi.member.name, pi.family, target.address,
                    group.configuredFdt / Rules.MS, previous / Rules.MS, group.effectiveFdt / Rules.MS, Cause.NONE));
            intervalChanged(ctx);
        } else if (crtt < intervalMicros / Rules.LOWER_FDT_TRIGGER && group.effectiveFdt > group.configuredFdt
                && ctx.now - group.lastRaiseAt >= Rules.SETTLING_TIME && allTargetsFast(intervalMicros)) {
            long previous = group.effectiveFdt;
            group.effectiveFdt = Math.max(group.effectiveFdt / 2, group.configuredFdt);
            group.probeInterval = group.effectiveFdt / Rules.FDT_TO_INTERVAL;
            ctx.notify(new FailureDetectionTimeChanged(ctx.now, group.name, pi.member.name, pi.family, target.address,
                    group.configuredFdt / Rules.MS, previous / Rules.MS, group.effectiveFdt / Rules.MS, Cause.NONE));
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

    /** mpd_probe.c: a slow target is an exception if there are 4+ targets and all others are fast. */
    private static boolean isException(ProbeInstance pi, Target slow, long intervalMicros) {
        if (pi.targets.activeCount() < Rules.EXCEPTION_MIN_TARGETS) {
            return false;
        }
        for (Target t : pi.targets.all()) {
            if (t != slow && t.state == TargetState.ACTIVE
                    && t.crtt.crttMicros() >= intervalMicros / Rules.EXCEPTION_FACTOR) {
                return false;
            }
        }
        return true;
    }

    private boolean allTargetsFast(long intervalMicros) {
        for (MemberRuntime m : group.members.values()) {
            for (ProbeInstance p : m.instances()) {
                for (Target t : p.targets.all()) {
                    if (t.state == TargetState.ACTIVE && t.crtt.crttMicros() >= intervalMicros / Rules.LOWER_FDT_TRIGGER) {
                        return false;
                    }
                }
            }
        }
        return true;
    }
}
