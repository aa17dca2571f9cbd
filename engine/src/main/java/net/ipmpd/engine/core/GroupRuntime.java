package net.ipmpd.engine.core;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import net.ipmpd.engine.action.Action.MoveAddress;
import net.ipmpd.engine.action.Action.PlaceAddress;
import net.ipmpd.engine.action.Action.SetNominees;
import net.ipmpd.engine.action.Action.SetOutbound;
import net.ipmpd.engine.config.DataAddressConfig;
import net.ipmpd.engine.config.GroupConfig;
import net.ipmpd.engine.notify.Cause;
import net.ipmpd.engine.notify.Notification.AddressMoved;
import net.ipmpd.engine.notify.Notification.FailureDetectionTimeChanged;
import net.ipmpd.engine.notify.Notification.Flapping;
import net.ipmpd.engine.notify.Notification.GroupFailed;
import net.ipmpd.engine.notify.Notification.GroupRepaired;
import net.ipmpd.engine.notify.Notification.InterfaceFailed;
import net.ipmpd.engine.notify.Notification.InterfaceOffline;
import net.ipmpd.engine.notify.Notification.InterfaceOnline;
import net.ipmpd.engine.notify.Notification.InterfaceRepaired;
import net.ipmpd.engine.state.DataAddressSnapshot;
import net.ipmpd.engine.state.GroupCounters;
import net.ipmpd.engine.state.GroupSnapshot;
import net.ipmpd.engine.state.GroupState;
import net.ipmpd.engine.state.LinkState;
import net.ipmpd.engine.state.MemberSnapshot;
import net.ipmpd.engine.state.Presence;
import net.ipmpd.engine.state.TargetState;

/**
 * One IPMP group (in.mpathd: struct phyint_group): who is active, where every data address
 * lives, the group's state and its failure detection time. Every change to a member ends in
 * {@link #settle}, which turns the new facts into notifications and actions in one place.
 */
final class GroupRuntime {
    /** A data address and the member that holds it now. */
    static final class DataAddress {
        DataAddressConfig config;
        String current;

        DataAddress(DataAddressConfig config) {
            this.config = config;
        }
    }

    final String name;
    final boolean anonymous;
    GroupConfig config;
    final Map<String, MemberRuntime> members = new LinkedHashMap<>();
    final Map<InetAddress, DataAddress> addresses = new LinkedHashMap<>();

    long configuredFdt;     // nanoseconds
    long effectiveFdt;
    long probeInterval;
    private long lastRaiseAt = Long.MIN_VALUE / 2;

    GroupState state = GroupState.OK;
    long lastChange;
    long failures;
    long repairs;
    long failoversCount;

    private List<String> lastOutbound = List.of();
    String ipv4MulticastNominee;
    String ipv4BroadcastNominee;
    String ipv6MulticastNominee;

    GroupRuntime(String name, boolean anonymous, GroupConfig config, EngineContext ctx) {
        this.name = name;
        this.anonymous = anonymous;
        this.config = config;
        setConfiguredFdt(ctx);
    }

    void setConfiguredFdt(EngineContext ctx) {
        long fdtMs = config.failureDetectionTimeMs().orElse(ctx.config.failureDetectionTimeMs());
        long newFdt = fdtMs * Rules.MS;
        if (newFdt != configuredFdt) {
            configuredFdt = newFdt;
            effectiveFdt = newFdt;
            probeInterval = newFdt / Rules.FDT_TO_INTERVAL;
            lastRaiseAt = Long.MIN_VALUE / 2;
            for (MemberRuntime m : members.values()) {
                for (ProbeInstance pi : m.instances()) {
                    pi.intervalChanged(ctx);
                }
            }
        }
    }

    // ---------------------------------------------------------------- probe decisions

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
            if (anonymous || otherMemberWorkedSince(m, failTime)) {
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
        for (MemberRuntime o : members.values()) {
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
        settle(cause, ctx);
    }

    /** mpd_probe.c: every member fails, RTTs are reset, host targets flushed for re-discovery. */
    private void failGroup(EngineContext ctx) {
        for (MemberRuntime o : members.values()) {
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
        settle(Cause.GROUP_FAILURE, ctx);
    }

    void probeAnswered(ProbeInstance pi, Target target, int seq, long netRttMicros, EngineContext ctx) {
        MemberRuntime m = pi.member;
        long intervalMicros = probeInterval / 1000;
        boolean first = target.newestAckedSequence < 0;
        boolean newest = seqNewer(seq, target.newestAckedSequence);
        if (newest) {
            target.newestAckedSequence = seq;
        }
        // mpd_probe.c: no RTT from stale replies, while the group is failed, or after a stall;
        // nor from a target's first reply, which waited for ARP/ND resolution
        if (newest && !first && state != GroupState.FAILED && netRttMicros <= Rules.STALL_INTERVALS * intervalMicros
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
        long intervalMicros = probeInterval / 1000;
        if (state != GroupState.FAILED && netRttMicros <= Rules.STALL_INTERVALS * intervalMicros
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
        settle(Cause.REPAIRED, ctx);
    }

    /** mpd_probe.c: raise the FDT for a slow target, or treat it as an exception, or lower the FDT. */
    private void rttChanged(ProbeInstance pi, Target target, EngineContext ctx) {
        long crtt = target.crtt.crttMicros();
        long intervalMicros = probeInterval / 1000;
        if (crtt > intervalMicros) {
            if (isException(pi, target, intervalMicros)) {
                pi.targets.targetSlow(target, ctx);
                return;
            }
            long previous = effectiveFdt;
            probeInterval = Rules.NEXT_FDT_MULTIPLE * crtt * 1000;
            effectiveFdt = probeInterval * Rules.FDT_TO_INTERVAL;
            lastRaiseAt = ctx.now;
            ctx.notify(new FailureDetectionTimeChanged(ctx.now, name, pi.member.name, pi.family, target.address,
                    configuredFdt / Rules.MS, previous / Rules.MS, effectiveFdt / Rules.MS, Cause.NONE));
            intervalChanged(ctx);
        } else if (crtt < intervalMicros / Rules.LOWER_FDT_TRIGGER && effectiveFdt > configuredFdt
                && ctx.now - lastRaiseAt >= Rules.SETTLING_TIME && allTargetsFast(intervalMicros)) {
            long previous = effectiveFdt;
            effectiveFdt = Math.max(effectiveFdt / 2, configuredFdt);
            probeInterval = effectiveFdt / Rules.FDT_TO_INTERVAL;
            ctx.notify(new FailureDetectionTimeChanged(ctx.now, name, pi.member.name, pi.family, target.address,
                    configuredFdt / Rules.MS, previous / Rules.MS, effectiveFdt / Rules.MS, Cause.NONE));
            intervalChanged(ctx);
        }
    }

    private void intervalChanged(EngineContext ctx) {
        for (MemberRuntime m : members.values()) {
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
        for (MemberRuntime m : members.values()) {
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

    // ---------------------------------------------------------------- member timers

    /** Flap guard and flap damper wake-ups. */
    void memberTimer(MemberRuntime m, EngineContext ctx) {
        boolean changed = false;
        if (m.damper.release(ctx.now, ctx.config.damping())) {
            ctx.notify(new Flapping(ctx.now, name, m.name, false, m.damper.penaltyAt(ctx.now, ctx.config.damping()), Cause.REPAIRED));
            changed = true;
        }
        if (m.flapGuardHolding && m.link != LinkState.UP) {
            m.flapGuardHolding = false;
        }
        if (m.flapGuardHolding && m.linkUpsWithinMinute(ctx.now) <= Rules.LINK_UPS_PER_MINUTE) {
            m.flapGuardHolding = false;
            if (m.failed) {
                m.failed = false;
                m.arrival = MemberRuntime.Arrival.REPAIR;
                m.lastCause = Cause.REPAIRED;
            }
            changed = true;
        }
        scheduleMemberTimer(m, ctx);
        if (changed) {
            settle(Cause.REPAIRED, ctx);
        }
    }

    void scheduleMemberTimer(MemberRuntime m, EngineContext ctx) {
        long at = Long.MAX_VALUE;
        if (m.damper.suppressed()) {
            at = Math.min(at, Math.max(ctx.now + 1, m.damper.reuseTime(ctx.config.damping())));
        }
        if (m.flapGuardHolding) {
            at = Math.min(at, Math.max(ctx.now + 1, m.flapGuardReleaseAt()));
        }
        if (at == Long.MAX_VALUE) {
            ctx.timers.cancel(m);
        } else {
            ctx.timers.schedule(m, at);
        }
    }

    // ---------------------------------------------------------------- settling

    /**
     * Turns the members' new facts into notifications, the active set, address placement,
     * outbound spreading, nominees and the group state. Called after every change.
     */
    void settle(Cause cause, EngineContext ctx) {
        ctx.changed();
        if (!ctx.inventoryComplete) {
            return;
        }
        boolean groupWasFailed = state == GroupState.FAILED;
        for (MemberRuntime m : members.values()) {
            settleMember(m, groupWasFailed, ctx);
        }
        if (anonymous) {
            return;
        }
        ensureOneActive();
        placeAddresses(cause, ctx);
        updateOutbound(ctx);
        updateNominees(ctx);
        updateState(cause, ctx);
    }

    private void settleMember(MemberRuntime m, boolean groupWasFailed, EngineContext ctx) {
        boolean usable = m.usable();
        boolean offline = m.offline();
        if (!m.initialized) {
            m.initialized = true;
            m.reportedOffline = offline;
            m.reportedUsable = usable;
            m.lastChange = ctx.now;
            if (usable) {
                transitionToRunning(m, MemberRuntime.Arrival.START, groupWasFailed, ctx);
            } else if (offline) {
                ctx.notify(new InterfaceOffline(ctx.now, name, m.name, m.lastCause));
            } else {
                m.failures++;
                ctx.notify(new InterfaceFailed(ctx.now, name, m.name, m.lastCause));
            }
            return;
        }
        boolean cameOnline = false;
        if (offline != m.reportedOffline) {
            m.reportedOffline = offline;
            m.lastChange = ctx.now;
            if (offline) {
                ctx.notify(new InterfaceOffline(ctx.now, name, m.name, m.lastCause));
            } else {
                cameOnline = true;
                ctx.notify(new InterfaceOnline(ctx.now, name, m.name, m.lastCause));
            }
        }
        if (usable == m.reportedUsable) {
            return;
        }
        m.reportedUsable = usable;
        m.lastChange = ctx.now;
        if (!usable) {
            boolean wasActive = !m.inactive;
            m.inactive = false;
            if (!offline) {
                m.failures++;
                ctx.notify(new InterfaceFailed(ctx.now, name, m.name, m.lastCause));
                if (m.damper.recordFailure(ctx.now, ctx.config.damping())) {
                    m.flaps++;
                    ctx.notify(new Flapping(ctx.now, name, m.name, true, m.damper.penaltyAt(ctx.now, ctx.config.damping()), Cause.FLAPPING));
                    scheduleMemberTimer(m, ctx);
                }
            }
            if (wasActive && !anonymous) {
                activateReplacement();
            }
        } else {
            if (!cameOnline) {
                m.repairs++;
                ctx.notify(new InterfaceRepaired(ctx.now, name, m.name, Cause.REPAIRED));
            }
            MemberRuntime.Arrival via = cameOnline ? MemberRuntime.Arrival.ONLINE : m.arrival;
            transitionToRunning(m, via, groupWasFailed, ctx);
        }
    }

    /**
     * mpd_probe.c phyint_transition_to_running: a standby member stays INACTIVE while the group
     * has as many active members as non-standby ones; a non-standby member becomes active (and may
     * push an active standby back to INACTIVE), except after a repair with FAILBACK=no, when it
     * stays INACTIVE unless the group had failed.
     */
    private void transitionToRunning(MemberRuntime m, MemberRuntime.Arrival via, boolean groupWasFailed, EngineContext ctx) {
        if (anonymous) {
            m.inactive = false;
            return;
        }
        int active = 0;
        int nonStandby = 0;
        for (MemberRuntime o : members.values()) {
            if (o != m && o.active()) {
                active++;
            }
            if (!o.standby()) {
                nonStandby++;
            }
        }
        if (m.standby()) {
            m.inactive = active >= Math.max(1, nonStandby);
        } else if (via == MemberRuntime.Arrival.REPAIR && !ctx.config.failback() && !groupWasFailed) {
            m.inactive = true;
        } else {
            m.inactive = false;
            if (active + 1 > nonStandby) {
                deactivateOneStandby(m);
            }
        }
    }

    /** The operator changed a member's standby flag: apply the capacity rule again, quietly. */
    void standbyChanged(MemberRuntime m) {
        if (!m.usable()) {
            return;
        }
        if (m.standby()) {
            m.inactive = true;   // ensureOneActive re-activates it if it was the only one
        } else if (m.inactive) {
            m.inactive = false;
            int active = 0;
            int nonStandby = 0;
            for (MemberRuntime o : members.values()) {
                active += o.active() ? 1 : 0;
                nonStandby += o.standby() ? 0 : 1;
            }
            if (active > nonStandby) {
                deactivateOneStandby(m);
            }
        }
    }

    private void deactivateOneStandby(MemberRuntime except) {
        MemberRuntime victim = null;
        for (MemberRuntime o : members.values()) {
            if (o != except && o.standby() && o.active()) {
                victim = o;   // the last one in configuration order
            }
        }
        if (victim != null) {
            victim.inactive = true;
        }
    }

    /** mpd_probe.c: when an active member is lost, activate an INACTIVE one, standby first. */
    private void activateReplacement() {
        MemberRuntime pick = null;
        for (MemberRuntime o : members.values()) {
            if (o.usable() && o.inactive && (pick == null || (o.standby() && !pick.standby()))) {
                pick = o;
            }
        }
        if (pick != null) {
            pick.inactive = false;
        }
    }

    /** phyint_standby_refresh_inactive: a group with a usable member always has an active one. */
    private void ensureOneActive() {
        MemberRuntime firstUsable = null;
        for (MemberRuntime o : members.values()) {
            if (o.active()) {
                return;
            }
            if (firstUsable == null && o.usable()) {
                firstUsable = o;
            }
        }
        if (firstUsable != null) {
            firstUsable.inactive = false;
        }
    }

    /**
     * Every data address lives on an active member: its home member when that is active (and,
     * with FAILBACK=yes, it returns there), else the active member holding the fewest addresses.
     * With no active member the addresses stay where they are: there is nowhere better.
     */
    private void placeAddresses(Cause cause, EngineContext ctx) {
        List<MemberRuntime> active = new ArrayList<>();
        for (MemberRuntime m : members.values()) {
            if (m.active()) {
                active.add(m);
            }
        }
        if (active.isEmpty()) {
            return;
        }
        Map<String, Integer> load = new HashMap<>();
        for (DataAddress a : addresses.values()) {
            if (a.current != null) {
                load.merge(a.current, 1, Integer::sum);
            }
        }
        // addresses going home first, so the homeless ones then spread over what is left
        List<DataAddress> order = new ArrayList<>(addresses.size());
        for (DataAddress a : addresses.values()) {
            MemberRuntime home = members.get(a.config.homeMember());
            if (home != null && home.active()) {
                order.add(a);
            }
        }
        for (DataAddress a : addresses.values()) {
            if (!order.contains(a)) {
                order.add(a);
            }
        }
        for (DataAddress a : order) {
            MemberRuntime current = a.current == null ? null : members.get(a.current);
            MemberRuntime home = members.get(a.config.homeMember());
            MemberRuntime target;
            Cause why;
            if (current != null && current.active()) {
                if (home != null && home != current && home.active() && (ctx.config.failback() || cause == Cause.CONFIG)) {
                    target = home;
                    why = cause == Cause.CONFIG ? Cause.CONFIG : Cause.FAILBACK;
                } else {
                    continue;
                }
            } else if (home != null && home.active()) {
                target = home;
                why = current == null ? cause : moveCause(current);
            } else {
                target = leastLoaded(active, load);
                why = current == null ? cause : moveCause(current);
            }
            if (a.current != null && current == null) {
                why = Cause.CONFIG;
            }
            if (a.current == null) {
                a.current = target.name;
                load.merge(target.name, 1, Integer::sum);
                ctx.act(new PlaceAddress(name, a.config, target.name));
            } else {
                // current is null here when its member was removed from the configuration
                String from = a.current;
                load.merge(from, -1, Integer::sum);
                load.merge(target.name, 1, Integer::sum);
                a.current = target.name;
                if (current != null) {
                    current.failovers++;
                }
                failoversCount++;
                ctx.act(new MoveAddress(name, a.config, from, target.name, why));
                ctx.notify(new AddressMoved(ctx.now, name, a.config.address(), from, target.name, why));
            }
        }
    }

    private static Cause moveCause(MemberRuntime from) {
        return from.usable() ? Cause.FAILBACK : from.lastCause;
    }

    private static MemberRuntime leastLoaded(List<MemberRuntime> active, Map<String, Integer> load) {
        MemberRuntime best = null;
        int bestLoad = Integer.MAX_VALUE;
        for (MemberRuntime m : active) {
            int l = load.getOrDefault(m.name, 0);
            if (l < bestLoad) {
                best = m;
                bestLoad = l;
            }
        }
        return best;
    }

    private void updateOutbound(EngineContext ctx) {
        List<String> now = new ArrayList<>();
        for (MemberRuntime m : members.values()) {
            if (m.active()) {
                now.add(m.name);
            }
        }
        if (!now.isEmpty() && !now.equals(lastOutbound)) {
            lastOutbound = List.copyOf(now);
            ctx.act(new SetOutbound(name, lastOutbound));
        }
    }

    /**
     * Solaris nominees: one active member receives the group's multicast and broadcast, so each
     * packet is received once. With FAILBACK=yes the first active member in configuration order is
     * nominated (re-nomination on repair); with FAILBACK=no a working nominee is kept.
     */
    private void updateNominees(EngineContext ctx) {
        String pick = null;
        MemberRuntime current = ipv4MulticastNominee == null ? null : members.get(ipv4MulticastNominee);
        if (!ctx.config.failback() && current != null && current.active()) {
            pick = current.name;
        } else {
            for (MemberRuntime m : members.values()) {
                if (m.active()) {
                    pick = m.name;
                    break;
                }
            }
        }
        if (!Objects.equals(pick, ipv4MulticastNominee) || !Objects.equals(pick, ipv6MulticastNominee)) {
            ipv4MulticastNominee = pick;
            ipv4BroadcastNominee = pick;
            ipv6MulticastNominee = pick;
            ctx.act(new SetNominees(name, pick, pick, pick));
        }
    }

    private void updateState(Cause cause, EngineContext ctx) {
        int usable = 0;
        for (MemberRuntime m : members.values()) {
            if (m.usable()) {
                usable++;
            }
        }
        GroupState next = usable == 0 ? GroupState.FAILED : usable == members.size() ? GroupState.OK : GroupState.DEGRADED;
        if (next == state) {
            return;
        }
        GroupState previous = state;
        state = next;
        lastChange = ctx.now;
        if (next == GroupState.FAILED) {
            failures++;
            ctx.notify(new GroupFailed(ctx.now, name, cause));
        } else if (previous == GroupState.FAILED) {
            repairs++;
            String first = null;
            for (MemberRuntime m : members.values()) {
                if (m.usable()) {
                    first = m.name;
                    break;
                }
            }
            ctx.notify(new GroupRepaired(ctx.now, name, first, cause));
        }
    }

    // ---------------------------------------------------------------- snapshot

    GroupSnapshot snapshot(EngineContext ctx) {
        List<MemberSnapshot> ms = new ArrayList<>(members.size());
        for (MemberRuntime m : members.values()) {
            ms.add(m.snapshot(ctx));
        }
        List<DataAddressSnapshot> das = new ArrayList<>(addresses.size());
        for (DataAddress a : addresses.values()) {
            MemberRuntime cur = a.current == null ? null : members.get(a.current);
            das.add(new DataAddressSnapshot(a.config.address(), a.config.prefixLength(), a.config.homeMember(),
                    Optional.ofNullable(a.current), cur != null && cur.usable()));
        }
        return new GroupSnapshot(name, anonymous ? GroupState.OK : state, configuredFdt / Rules.MS, effectiveFdt / Rules.MS,
                probeInterval / Rules.MS, ms, das, anonymous ? List.of() : lastOutbound,
                new GroupCounters(failures, repairs, failoversCount), lastChange);
    }
}
