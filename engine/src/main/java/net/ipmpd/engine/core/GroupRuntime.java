package net.ipmpd.engine.core;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import net.ipmpd.engine.action.Action.AnnounceAddress;
import net.ipmpd.engine.action.Action.SetMembers;
import net.ipmpd.engine.action.Action.Subnet;
import net.ipmpd.engine.action.Action.PlaceAddress;
import net.ipmpd.engine.action.Action.SetNominees;
import net.ipmpd.engine.action.Action.SetOutbound;
import net.ipmpd.engine.config.DataAddressConfig;
import net.ipmpd.engine.config.GroupConfig;
import net.ipmpd.engine.notify.Cause;
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

/**
 * One IPMP group (in.mpathd: struct phyint_group): who is active, where every data address
 * lives, the group's state and its failure detection time. Every change to a member ends in
 * {@link #settle}, which turns the new facts into notifications and actions in one place.
 */
final class GroupRuntime {
    /** A data address, the member that holds it now, and what the kernel and the neighbours know of it. */
    static final class DataAddress {
        DataAddressConfig config;
        String current;
        /**
         * The members that hold it in the kernel: the last read ({@link KernelAddresses}), with our
         * own actions since applied; null before the first read.
         */
        Set<String> inKernel;
        /** When the engine last changed it in the kernel (the step's time): a read taken before is stale. */
        long actedAtNanos = Long.MIN_VALUE;
        /** The member the neighbours last heard it from (an announcement from an active member); null: unknown. */
        String announcedFrom;

        DataAddress(DataAddressConfig config) {
            this.config = config;
        }

        void added(String member, EngineContext ctx) {
            actedAtNanos = Math.max(actedAtNanos, ctx.stepTimeNanos);
            if (inKernel != null) {
                inKernel.add(member);
            }
        }

        void deleted(String member, EngineContext ctx) {
            actedAtNanos = Math.max(actedAtNanos, ctx.stepTimeNanos);
            if (inKernel != null) {
                inKernel.remove(member);
            }
        }
    }

    final String name;
    final boolean anonymous;
    GroupConfig config;
    final Map<String, MemberRuntime> members = new LinkedHashMap<>();
    final Map<InetAddress, DataAddress> addresses = new LinkedHashMap<>();

    long configuredFdtNanos;
    long effectiveFdtNanos;
    long probeIntervalNanos;
    long lastRaiseAtNanos = Long.MIN_VALUE / 2;

    GroupState state = GroupState.OK;
    long lastChangeNanos;
    long failures;
    long repairs;
    long failoversCount;

    private List<String> lastOutbound = List.of();
    private SetOutbound lastOutboundAction;
    private List<String> lastMembers = List.of();
    String ipv4MulticastNominee;
    String ipv4BroadcastNominee;
    String ipv6MulticastNominee;

    final ProbeVerdicts verdicts = new ProbeVerdicts(this);
    final ActiveSet activeSet = new ActiveSet(this);
    final AddressPlacement placement = new AddressPlacement(this);

    GroupRuntime(String name, boolean anonymous, GroupConfig config, EngineContext ctx) {
        this.name = name;
        this.anonymous = anonymous;
        this.config = config;
        setConfiguredFdt(ctx);
    }

    void setConfiguredFdt(EngineContext ctx) {
        long fdtMs = config.failureDetectionTimeMs().orElse(ctx.config.failureDetectionTimeMs());
        long newFdtNanos = fdtMs * Rules.NANOS_PER_MS;
        if (newFdtNanos != configuredFdtNanos) {
            configuredFdtNanos = newFdtNanos;
            effectiveFdtNanos = newFdtNanos;
            probeIntervalNanos = newFdtNanos / Rules.FDT_TO_INTERVAL;
            lastRaiseAtNanos = Long.MIN_VALUE / 2;
            for (MemberRuntime m : members.values()) {
                for (ProbeInstance pi : m.instances()) {
                    pi.intervalChanged(ctx);
                }
            }
        }
    }

    // ---------------------------------------------------------------- member timers

    /** Flap guard and flap damper wake-ups. */
    void memberTimer(MemberRuntime m, EngineContext ctx) {
        boolean changed = false;
        if (m.damper.release(ctx.nowNanos, ctx.config.damping())) {
            ctx.notify(new Flapping(ctx.nowNanos, name, m.name, false, m.damper.penaltyAt(ctx.nowNanos, ctx.config.damping()), Cause.REPAIRED));
            changed = true;
        }
        if (m.failed && m.repairedByLink() && verdicts.repaired(m, ctx)) {
            m.repair();   // in.mpathd phyint_inst_timer: the flap guard's minute is over
            changed = true;
        }
        scheduleMemberTimer(m, ctx);
        if (changed) {
            settle(Cause.REPAIRED, ctx);
        }
    }

    void scheduleMemberTimer(MemberRuntime m, EngineContext ctx) {
        long atNanos = Long.MAX_VALUE;
        if (m.damper.suppressed()) {
            atNanos = Math.min(atNanos, Math.max(ctx.nowNanos + 1, m.damper.reuseTimeNanos(ctx.config.damping())));
        }
        if (m.failed && m.repairedByLink() && m.link == LinkState.UP && m.flapGuardHolds(ctx.nowNanos)) {
            atNanos = Math.min(atNanos, Math.max(ctx.nowNanos + 1, m.flapGuardReleaseAtNanos()));
        }
        if (atNanos == Long.MAX_VALUE) {
            ctx.timers.cancel(m);
        } else {
            ctx.timers.schedule(m, atNanos);
        }
    }

    /** For the damper's exemption: is some other member functioning and free of the damper? */
    boolean hasUndampedFunctioningMemberBesides(MemberRuntime m) {
        for (MemberRuntime o : members.values()) {
            if (o != m && o.functioning() && !o.damper.suppressed()) {
                return true;
            }
        }
        return false;
    }

    /**
     * A link went down: a flap for the damper, whatever state the member is in (a link that
     * flaps faster than probes can repair it still flaps). Probe failures never feed the damper:
     * they may be false (a loaded host), and ten answers already hold a flapping path out.
     */
    void linkFlapped(MemberRuntime m, EngineContext ctx) {
        if (m.damper.recordFlap(ctx.nowNanos, ctx.config.damping())) {
            m.flaps++;
            ctx.notify(new Flapping(ctx.nowNanos, name, m.name, true, m.damper.penaltyAt(ctx.nowNanos, ctx.config.damping()), Cause.FLAPPING));
            scheduleMemberTimer(m, ctx);
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
        List<MemberRuntime> revived = null;
        for (MemberRuntime m : members.values()) {
            boolean known = m.initialized;
            boolean wasUsable = m.reportedUsable;
            settleMember(m, groupWasFailed, ctx);
            if (known && !wasUsable && m.reportedUsable) {
                if (revived == null) {
                    revived = new ArrayList<>(2);
                }
                revived.add(m);
            }
        }
        if (anonymous) {
            return;
        }
        activeSet.ensureOneActive();
        updateMembers(ctx);
        Map<InetAddress, String> holders = revived == null ? Map.of() : currentHolders();
        placement.placeAddresses(cause, ctx);
        if (revived != null) {
            announceAgain(revived, holders, ctx);
        }
        KernelAddresses.reconcile(this, ctx);
        announceWhereUnheard(ctx);
        // after the moves: the routes are written once, with the final members and sources
        updateOutbound(ctx);
        updateNominees(ctx);
        updateState(cause, ctx);
    }

    private Map<InetAddress, String> currentHolders() {
        Map<InetAddress, String> h = new java.util.HashMap<>();
        for (DataAddress a : addresses.values()) {
            if (a.current != null) {
                h.put(a.config.address(), a.current);
            }
        }
        return h;
    }

    /**
     * A member that works again and still holds addresses (they stayed while nothing in the group
     * worked, or their announcement went out just before it failed) announces them again: the
     * neighbours may have missed or forgotten the last one. Placing an address where it is re-adds
     * it (harmless) and sends the gratuitous ARP / unsolicited NA.
     */
    private void announceAgain(List<MemberRuntime> revived, Map<InetAddress, String> before, EngineContext ctx) {
        for (DataAddress a : addresses.values()) {
            for (MemberRuntime m : revived) {
                if (m.name.equals(a.current) && m.name.equals(before.get(a.config.address())) && m.active()) {
                    ctx.act(new PlaceAddress(name, a.config, m.name));
                    a.added(m.name, ctx);
                    heardFrom(a, m.name);
                }
            }
        }
    }

    /**
     * Every address on an active member that the neighbours last heard of elsewhere (or not at
     * all: adopted at start, or placed while its member did not work) is announced from there.
     */
    private void announceWhereUnheard(EngineContext ctx) {
        for (DataAddress a : addresses.values()) {
            MemberRuntime holder = a.current == null ? null : members.get(a.current);
            if (holder != null && holder.active() && !a.current.equals(a.announcedFrom)) {
                ctx.act(new AnnounceAddress(name, a.config, a.current));
                a.announcedFrom = a.current;
            }
        }
    }

    /** init_host_targets: a member that starts probing without targets shares the group's host targets. */
    void shareHostTargets(MemberRuntime m, ProbeInstance pi, EngineContext ctx) {
        if (anonymous) {
            return;
        }
        for (MemberRuntime o : members.values()) {
            ProbeInstance other = o == m ? null : o.instance(pi.family);
            if (other != null) {
                pi.targets.copyHosts(other.targets, ctx);
            }
        }
    }

    /** The kernel deleted a removed member's addresses with its interface; any that could not move are gone. */
    void addressesGoneWith(MemberRuntime m) {
        for (DataAddress a : addresses.values()) {
            if (m.name.equals(a.current)) {
                a.current = null;
            }
            if (a.inKernel != null) {
                a.inKernel.remove(m.name);
            }
        }
    }

    /** An announcement from {@code member} went out: heard if the member works. */
    void heardFrom(DataAddress a, String member) {
        MemberRuntime m = members.get(member);
        a.announcedFrom = m != null && m.active() ? member : null;
    }

    private void updateMembers(EngineContext ctx) {
        List<String> names = List.copyOf(members.keySet());
        if (!names.equals(lastMembers)) {
            lastMembers = names;
            ctx.act(new SetMembers(name, names));
        }
    }

    private void settleMember(MemberRuntime m, boolean groupWasFailed, EngineContext ctx) {
        boolean usable = m.usable();
        boolean offline = m.offline();
        if (!m.initialized) {
            m.initialized = true;
            m.reportedOffline = offline;
            m.reportedUsable = usable;
            m.lastChangeNanos = ctx.nowNanos;
            if (usable) {
                activeSet.transitionToRunning(m, MemberRuntime.Arrival.START, groupWasFailed, ctx);
            } else if (offline) {
                ctx.notify(new InterfaceOffline(ctx.nowNanos, name, m.name, m.lastCause));
            } else {
                m.failures++;
                ctx.notify(new InterfaceFailed(ctx.nowNanos, name, m.name, m.lastCause));
            }
            return;
        }
        boolean cameOnline = false;
        if (offline != m.reportedOffline) {
            m.reportedOffline = offline;
            m.lastChangeNanos = ctx.nowNanos;
            if (offline) {
                ctx.notify(new InterfaceOffline(ctx.nowNanos, name, m.name, m.lastCause));
            } else {
                cameOnline = true;
                ctx.notify(new InterfaceOnline(ctx.nowNanos, name, m.name, m.onlineCause));
            }
        }
        if (usable == m.reportedUsable) {
            return;
        }
        m.reportedUsable = usable;
        m.lastChangeNanos = ctx.nowNanos;
        if (!usable) {
            boolean wasActive = !m.inactive;
            m.makeActive();
            if (!offline) {
                m.failures++;
                ctx.notify(new InterfaceFailed(ctx.nowNanos, name, m.name,
                        m.healthy() && m.damper.suppressed() ? Cause.FLAPPING : m.lastCause));
            }
            if (wasActive && !anonymous) {
                activeSet.activateReplacement();
            }
        } else {
            if (!cameOnline) {
                m.repairs++;
                ctx.notify(new InterfaceRepaired(ctx.nowNanos, name, m.name, Cause.REPAIRED));
            }
            MemberRuntime.Arrival via = cameOnline ? MemberRuntime.Arrival.ONLINE : m.arrival;
            activeSet.transitionToRunning(m, via, groupWasFailed, ctx);
        }
    }

    private void updateOutbound(EngineContext ctx) {
        List<String> activeNames = new ArrayList<>();
        for (MemberRuntime m : members.values()) {
            if (m.active()) {
                activeNames.add(m.name);
            }
        }
        if (activeNames.isEmpty()) {
            return;
        }
        SetOutbound wanted = new SetOutbound(name, activeNames, List.copyOf(members.keySet()), subnets());
        if (!wanted.equals(lastOutboundAction)) {
            lastOutboundAction = wanted;
            lastOutbound = wanted.members();
            ctx.act(wanted);
        }
    }

    /**
     * The distinct subnets of the data addresses in configuration order, each with the first of
     * its addresses that is placed as the route's preferred source.
     */
    private List<Subnet> subnets() {
        Map<List<Object>, Subnet> out = new LinkedHashMap<>();
        for (DataAddress a : addresses.values()) {
            DataAddressConfig d = a.config;
            InetAddress network = Subnets.network(d.address(), d.prefixLength());
            List<Object> key = List.of(d.family(), network, d.prefixLength());
            Subnet known = out.get(key);
            InetAddress source = known != null && known.source() != null ? known.source() : a.current != null ? d.address() : null;
            out.put(key, new Subnet(d.family(), network, d.prefixLength(), source));
        }
        return List.copyOf(out.values());
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
        lastChangeNanos = ctx.nowNanos;
        if (next == GroupState.FAILED) {
            failures++;
            // mpd_tables.c phyint_group_chstate: host targets may be what died; find them afresh
            for (MemberRuntime m : members.values()) {
                for (ProbeInstance pi : m.instances()) {
                    pi.targets.flushHosts(ctx);
                }
            }
            ctx.notify(new GroupFailed(ctx.nowNanos, name, cause));
        } else if (previous == GroupState.FAILED) {
            repairs++;
            String first = null;
            for (MemberRuntime m : members.values()) {
                if (m.usable()) {
                    first = m.name;
                    break;
                }
            }
            ctx.notify(new GroupRepaired(ctx.nowNanos, name, first, cause));
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
        return new GroupSnapshot(name, anonymous ? GroupState.OK : state, configuredFdtNanos / Rules.NANOS_PER_MS, effectiveFdtNanos / Rules.NANOS_PER_MS,
                probeIntervalNanos / Rules.NANOS_PER_MS, ms, das, anonymous ? List.of() : lastOutbound,
                new GroupCounters(failures, repairs, failoversCount), lastChangeNanos);
    }
}
