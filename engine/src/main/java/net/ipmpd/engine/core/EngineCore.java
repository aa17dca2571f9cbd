package net.ipmpd.engine.core;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.random.RandomGenerator;
import net.ipmpd.engine.CommandResult;
import net.ipmpd.engine.CommandResult.Reason;
import net.ipmpd.engine.CommandResult.Refused;
import net.ipmpd.engine.EngineOutput;
import net.ipmpd.engine.action.Action.PlumbTestAddress;
import net.ipmpd.engine.action.Action.RemoveAddress;
import net.ipmpd.engine.action.Action.SetNominees;
import net.ipmpd.engine.action.Action.SetOutbound;
import net.ipmpd.engine.action.Action.UnplumbTestAddress;
import net.ipmpd.engine.config.ConfigProblem;
import net.ipmpd.engine.config.ConfigValidator;
import net.ipmpd.engine.config.DataAddressConfig;
import net.ipmpd.engine.config.EngineConfig;
import net.ipmpd.engine.config.Family;
import net.ipmpd.engine.config.GroupConfig;
import net.ipmpd.engine.config.MemberConfig;
import net.ipmpd.engine.config.TestAddress;
import net.ipmpd.engine.event.EngineEvent;
import net.ipmpd.engine.event.EngineEvent.AddressesObserved;
import net.ipmpd.engine.event.EngineEvent.ConfigChanged;
import net.ipmpd.engine.event.EngineEvent.InterfaceRemoved;
import net.ipmpd.engine.event.EngineEvent.LinkDumpCompleted;
import net.ipmpd.engine.event.EngineEvent.LinkReported;
import net.ipmpd.engine.event.EngineEvent.OfflineRequested;
import net.ipmpd.engine.event.EngineEvent.OnlineRequested;
import net.ipmpd.engine.event.EngineEvent.ProbeReplied;
import net.ipmpd.engine.event.EngineEvent.Router;
import net.ipmpd.engine.event.EngineEvent.RoutersReported;
import net.ipmpd.engine.notify.Cause;
import net.ipmpd.engine.notify.Notification.FlapGuardEngaged;
import net.ipmpd.engine.notify.Notification.LinkChanged;
import net.ipmpd.engine.state.EngineSnapshot;
import net.ipmpd.engine.state.GroupSnapshot;
import net.ipmpd.engine.state.GroupState;
import net.ipmpd.engine.state.LinkState;
import net.ipmpd.engine.state.Presence;

/**
 * The engine's implementation behind {@link net.ipmpd.engine.Engine}: dispatches events to the
 * groups and members, fires timers, applies configuration changes. Not thread-safe: one writer.
 */
public final class EngineCore {
    private final EngineContext ctx;
    private final Map<String, GroupRuntime> groups = new LinkedHashMap<>();
    private final Map<String, MemberRuntime> memberByName = new HashMap<>();
    /** Every interface the dataplane reported: name to (ifindex, running). */
    private final Map<String, LinkReported> interfaces = new HashMap<>();
    private GroupRuntime anonymous;
    private List<Router> routers = List.of();

    public EngineCore(EngineConfig config, RandomGenerator random, long now) {
        List<ConfigProblem> problems = ConfigValidator.validate(config);
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("invalid configuration: " + problems.get(0)
                    + (problems.size() > 1 ? " (and " + (problems.size() - 1) + " more problems)" : ""));
        }
        ctx = new EngineContext(EngineConfig.defaults(), random);
        ctx.now = now;
        applyConfig(config);
    }

    public CommandResult handle(EngineEvent event, long now, EngineOutput out) {
        ctx.out = out;
        long eventTime = event instanceof ProbeReplied p ? Math.min(p.receivedAtNanos(), now) : now;
        fireTimers(eventTime);
        fireTimers(now);
        ctx.now = now;
        try {
            return switch (event) {
                case LinkReported l -> {
                    linkReported(l);
                    yield CommandResult.OK;
                }
                case LinkDumpCompleted d -> {
                    dumpCompleted();
                    yield CommandResult.OK;
                }
                case AddressesObserved a -> {
                    adopt(a.interfaceOfAddress());
                    yield CommandResult.OK;
                }
                case InterfaceRemoved r -> {
                    removed(r.interfaceName());
                    yield CommandResult.OK;
                }
                case ProbeReplied p -> {
                    probeReplied(p);
                    yield CommandResult.OK;
                }
                case RoutersReported r -> {
                    routers = r.routers();
                    applyRouters();
                    yield CommandResult.OK;
                }
                case OfflineRequested o -> offline(o.interfaceName());
                case OnlineRequested o -> online(o.interfaceName());
                case ConfigChanged c -> configure(c.config());
            };
        } finally {
            ctx.out = EngineOutput.DISCARD;
        }
    }

    public void advance(long now, EngineOutput out) {
        ctx.out = out;
        try {
            fireTimers(now);
            ctx.now = Math.max(ctx.now, now);
        } finally {
            ctx.out = EngineOutput.DISCARD;
        }
    }

    private void fireTimers(long upTo) {
        while (ctx.timers.nextDeadline() <= upTo) {
            ctx.now = Math.max(ctx.now, ctx.timers.nextDeadline());
            ctx.timers.pollDue(upTo).wake(ctx.now, ctx);
        }
    }

    public long nextDeadline() {
        return ctx.timers.nextDeadline();
    }

    public long version() {
        return ctx.changes;
    }

    public EngineConfig config() {
        return ctx.config;
    }

    public EngineSnapshot snapshot() {
        List<GroupSnapshot> gs = new ArrayList<>(groups.size());
        for (GroupRuntime g : groups.values()) {
            gs.add(g.snapshot(ctx));
        }
        return new EngineSnapshot(ctx.changes, ctx.now, ctx.config, gs,
                anonymous == null ? Optional.empty() : Optional.of(anonymous.snapshot(ctx)));
    }

    // ---------------------------------------------------------------- links and presence

    private void linkReported(LinkReported l) {
        interfaces.put(l.interfaceName(), l);
        MemberRuntime m = memberByName.get(l.interfaceName());
        if (m == null) {
            if (anonymous == null || isLoopback(l.interfaceName())) {
                return;
            }
            m = new MemberRuntime(l.interfaceName(), anonymous, MemberConfig.linkOnly(l.interfaceName(), false));
            anonymous.members.put(m.name, m);
            memberByName.put(m.name, m);
        }
        GroupRuntime g = m.group;
        m.ifIndex = l.ifIndex();
        if (m.presence != Presence.PRESENT) {
            arrive(m, l.running());
            g.settle(m.lastCause, ctx);
            return;
        }
        LinkState link = l.running() ? LinkState.UP : LinkState.DOWN;
        if (link == m.link) {
            return;
        }
        m.link = link;
        if (!l.running()) {
            m.failed = true;
            m.flapGuardHolding = false;   // the next link-up decides afresh
            m.lastCause = Cause.LINK_DOWN;
            for (ProbeInstance pi : m.instances()) {
                pi.clearHistory();
            }
            ctx.notify(new LinkChanged(ctx.now, g.name, m.name, false, Cause.LINK_DOWN));
            g.settle(Cause.LINK_DOWN, ctx);
            return;
        }
        ctx.notify(new LinkChanged(ctx.now, g.name, m.name, true, Cause.REPAIRED));
        boolean tooManyLinkUps = m.recordLinkUp(ctx.now);
        for (ProbeInstance pi : m.instances()) {
            pi.restartTimer(ctx);
        }
        if (m.failed && !m.probeCapable()) {
            if (tooManyLinkUps && !m.probeEnabled()) {
                // in.mpathd flap guard: no test address, too many link-ups a minute: wait
                m.flapGuardHolding = true;
                ctx.notify(new FlapGuardEngaged(ctx.now, g.name, m.name, m.linkUpsWithinMinute(ctx.now), Cause.FLAPPING));
                g.scheduleMemberTimer(m, ctx);
            } else {
                m.failed = false;
                m.arrival = MemberRuntime.Arrival.REPAIR;
                m.lastCause = Cause.REPAIRED;
            }
        }
        g.settle(Cause.REPAIRED, ctx);
    }

    private static boolean isLoopback(String name) {
        return name.equals("lo");
    }

    /** The member's interface exists now: at start, after a NIC appeared, or after re-insertion. */
    private void arrive(MemberRuntime m, boolean running) {
        Presence before = m.presence;
        m.presence = Presence.PRESENT;
        m.link = running ? LinkState.UP : LinkState.DOWN;
        m.failed = !running;
        if (before == Presence.REMOVED) {
            m.arrival = MemberRuntime.Arrival.ONLINE;
            m.lastCause = running ? Cause.REPAIRED : Cause.LINK_DOWN;
        } else {
            m.arrival = before == Presence.UNKNOWN ? MemberRuntime.Arrival.START : MemberRuntime.Arrival.REPAIR;
            m.lastCause = running ? (before == Presence.UNKNOWN ? Cause.NONE : Cause.REPAIRED) : Cause.LINK_DOWN;
        }
        plumbTestAddresses(m);
        for (ProbeInstance pi : m.instances()) {
            pi.start(ctx);
        }
    }

    private void plumbTestAddresses(MemberRuntime m) {
        m.config.ipv4Test().ifPresent(t -> ctx.act(new PlumbTestAddress(m.name, t)));
        m.config.ipv6Test().ifPresent(t -> ctx.act(new PlumbTestAddress(m.name, t)));
    }

    private void dumpCompleted() {
        ctx.inventoryComplete = true;
        for (MemberRuntime m : memberByName.values()) {
            if (m.presence == Presence.UNKNOWN) {
                m.presence = Presence.NOT_PRESENT;
                m.lastCause = Cause.NOT_PRESENT;
            }
        }
        for (GroupRuntime g : allGroups()) {
            g.settle(Cause.NONE, ctx);
        }
    }

    /** Adopts the kernel's placement of data addresses found at start (a restart moves nothing). */
    private void adopt(Map<InetAddress, String> found) {
        if (ctx.inventoryComplete) {
            return;   // after start the dataplane corrects the kernel to the engine's view
        }
        for (GroupRuntime g : groups.values()) {
            for (GroupRuntime.DataAddress a : g.addresses.values()) {
                String where = found.get(a.config.address());
                if (where != null && g.members.containsKey(where)) {
                    a.current = where;
                }
            }
        }
        ctx.changed();
    }

    private void removed(String name) {
        interfaces.remove(name);
        MemberRuntime m = memberByName.get(name);
        if (m == null || m.presence == Presence.REMOVED) {
            return;
        }
        m.presence = Presence.REMOVED;
        m.link = LinkState.DOWN;
        m.lastCause = Cause.REMOVED;
        for (ProbeInstance pi : m.instances()) {
            pi.stop(ctx);
        }
        m.group.settle(Cause.REMOVED, ctx);
        // the kernel deleted the interface's addresses with it; any that could not move are gone
        for (GroupRuntime.DataAddress a : m.group.addresses.values()) {
            if (m.name.equals(a.current)) {
                a.current = null;
            }
        }
    }

    // ---------------------------------------------------------------- probes and routers

    private void probeReplied(ProbeReplied p) {
        MemberRuntime m = memberByName.get(p.interfaceName());
        if (m == null) {
            return;
        }
        ProbeInstance pi = m.instance(p.family());
        if (pi != null) {
            pi.replied(p.from(), p.sequence(), p.receivedAtNanos(), ctx);
        }
    }

    private void applyRouters() {
        for (GroupRuntime g : allGroups()) {
            for (MemberRuntime m : g.members.values()) {
                for (ProbeInstance pi : m.instances()) {
                    routersFor(g, pi);
                }
            }
        }
    }

    private void routersFor(GroupRuntime g, ProbeInstance pi) {
        List<InetAddress> mine = new ArrayList<>();
        for (Router r : routers) {
            if (Family.of(r.address()) != pi.family) {
                continue;
            }
            // in.mpathd: an IPv6 (link-local) router counts for the group of its interface
            if (pi.family == Family.IPV6 && !(g.members.containsKey(r.interfaceName()))) {
                continue;
            }
            if (!mine.contains(r.address())) {
                mine.add(r.address());
            }
        }
        pi.targets.setRouters(mine, ctx);
    }

    // ---------------------------------------------------------------- offline / online

    private CommandResult offline(String name) {
        MemberRuntime m = memberByName.get(name);
        if (m == null) {
            return new Refused(Reason.UNKNOWN_INTERFACE, name + " is not a member of any IPMP group");
        }
        GroupRuntime g = m.group;
        if (g.anonymous) {
            return new Refused(Reason.NOT_IN_GROUP, name + " is not in an IPMP group");
        }
        if (m.offline()) {
            return new Refused(Reason.ALREADY_OFFLINE, name + " is already offline");
        }
        // in.mpathd (mpd_tables.c, if_mpadm min_redundancy 1): the other functioning members;
        // once the group has failed any member that is not offline counts
        boolean groupFailed = g.state == GroupState.FAILED;
        int others = 0;
        for (MemberRuntime o : g.members.values()) {
            if (o != m && (groupFailed ? !o.offline() : o.usable())) {
                others++;
            }
        }
        if (others < 1) {
            return new Refused(Reason.MIN_REDUNDANCY,
                    "cannot offline " + name + ": no other functioning interfaces are in its IPMP group " + g.name);
        }
        m.adminOffline = true;
        m.lastCause = Cause.ADMIN_OFFLINE;
        for (ProbeInstance pi : m.instances()) {
            pi.stop(ctx);
        }
        g.settle(Cause.ADMIN_OFFLINE, ctx);
        return CommandResult.OK;
    }

    private CommandResult online(String name) {
        MemberRuntime m = memberByName.get(name);
        if (m == null) {
            return new Refused(Reason.UNKNOWN_INTERFACE, name + " is not a member of any IPMP group");
        }
        if (m.group.anonymous) {
            return new Refused(Reason.NOT_IN_GROUP, name + " is not in an IPMP group");
        }
        if (!m.adminOffline) {
            if (m.presence == Presence.REMOVED) {
                return new Refused(Reason.NOT_PRESENT, name + " was removed; it comes back online when the interface reappears");
            }
            return new Refused(Reason.NOT_OFFLINE, name + " is not offline");
        }
        m.adminOffline = false;
        m.arrival = MemberRuntime.Arrival.ONLINE;
        m.lastCause = Cause.ADMIN_ONLINE;
        if (m.presence == Presence.PRESENT) {
            // in.mpathd undo-offline: FAILED if the link failed meanwhile, else running
            m.failed = m.link != LinkState.UP;
            for (ProbeInstance pi : m.instances()) {
                pi.start(ctx);
            }
        }
        m.group.settle(Cause.ADMIN_ONLINE, ctx);
        return CommandResult.OK;
    }

    // ---------------------------------------------------------------- configuration

    private CommandResult configure(EngineConfig config) {
        List<ConfigProblem> problems = ConfigValidator.validate(config);
        if (!problems.isEmpty()) {
            return new Refused(Reason.INVALID_CONFIG, "the configuration is invalid: " + problems.get(0)
                    + (problems.size() > 1 ? " (and " + (problems.size() - 1) + " more)" : ""), problems);
        }
        applyConfig(config);
        return CommandResult.OK;
    }

    /** Applies a validated configuration as a difference, so unchanged members keep their state. */
    private void applyConfig(EngineConfig config) {
        ctx.config = config;
        ctx.ownAddresses = ownAddresses(config);
        Map<String, GroupConfig> wanted = new LinkedHashMap<>();
        for (GroupConfig gc : config.groups()) {
            wanted.put(gc.name(), gc);
        }
        for (GroupRuntime g : new ArrayList<>(groups.values())) {
            if (!wanted.containsKey(g.name)) {
                deleteGroup(g);
            }
        }
        Map<String, GroupRuntime> ordered = new LinkedHashMap<>();
        for (GroupConfig gc : config.groups()) {
            GroupRuntime g = groups.get(gc.name());
            if (g == null) {
                g = new GroupRuntime(gc.name(), false, gc, ctx);
            }
            ordered.put(gc.name(), g);
        }
        groups.clear();
        groups.putAll(ordered);
        updateAnonymousGroup(config);
        for (GroupConfig gc : config.groups()) {
            applyGroup(groups.get(gc.name()), gc);
        }
        ctx.changed();
    }

    private static Set<InetAddress> ownAddresses(EngineConfig config) {
        Set<InetAddress> own = new HashSet<>();
        for (GroupConfig g : config.groups()) {
            for (MemberConfig m : g.members()) {
                m.ipv4Test().ifPresent(t -> own.add(t.address()));
                m.ipv6Test().ifPresent(t -> own.add(t.address()));
            }
            for (DataAddressConfig d : g.dataAddresses()) {
                own.add(d.address());
            }
        }
        return Set.copyOf(own);
    }

    private void deleteGroup(GroupRuntime g) {
        for (GroupRuntime.DataAddress a : g.addresses.values()) {
            if (a.current != null) {
                ctx.act(new RemoveAddress(g.name, a.config, a.current));
            }
        }
        for (MemberRuntime m : g.members.values()) {
            dropMember(m);
        }
        ctx.act(new SetOutbound(g.name, List.of()));
        ctx.act(new SetNominees(g.name, null, null, null));
        groups.remove(g.name);
    }

    private void dropMember(MemberRuntime m) {
        for (ProbeInstance pi : m.instances()) {
            pi.stop(ctx);
            if (m.presence == Presence.PRESENT) {
                ctx.act(new UnplumbTestAddress(m.name, pi.testAddress));
            }
        }
        ctx.timers.cancel(m);
        memberByName.remove(m.name);
    }

    private void updateAnonymousGroup(EngineConfig config) {
        if (config.trackInterfacesOnlyWithGroups()) {
            if (anonymous != null) {
                for (MemberRuntime m : anonymous.members.values()) {
                    ctx.timers.cancel(m);
                    memberByName.remove(m.name);
                }
                anonymous = null;
            }
            return;
        }
        if (anonymous == null) {
            anonymous = new GroupRuntime("", true, new GroupConfig("", List.of(), List.of()), ctx);
        }
        Set<String> grouped = new HashSet<>();
        for (GroupConfig gc : config.groups()) {
            gc.members().forEach(m -> grouped.add(m.interfaceName()));
        }
        for (String name : new ArrayList<>(anonymous.members.keySet())) {
            if (grouped.contains(name)) {
                MemberRuntime m = anonymous.members.remove(name);
                ctx.timers.cancel(m);
                memberByName.remove(name);
            }
        }
        for (LinkReported l : interfaces.values()) {
            if (!grouped.contains(l.interfaceName()) && !memberByName.containsKey(l.interfaceName())
                    && !isLoopback(l.interfaceName())) {
                MemberRuntime m = new MemberRuntime(l.interfaceName(), anonymous, MemberConfig.linkOnly(l.interfaceName(), false));
                anonymous.members.put(m.name, m);
                memberByName.put(m.name, m);
                m.ifIndex = l.ifIndex();
                arrive(m, l.running());
            }
        }
        anonymous.settle(Cause.CONFIG, ctx);
    }

    private void applyGroup(GroupRuntime g, GroupConfig gc) {
        g.config = gc;
        g.setConfiguredFdt(ctx);
        Map<String, MemberRuntime> ordered = new LinkedHashMap<>();
        Set<String> wantedMembers = new HashSet<>();
        gc.members().forEach(mc -> wantedMembers.add(mc.interfaceName()));
        for (MemberRuntime m : new ArrayList<>(g.members.values())) {
            if (!wantedMembers.contains(m.name)) {
                dropMember(m);
            }
        }
        for (MemberConfig mc : gc.members()) {
            MemberRuntime m = g.members.get(mc.interfaceName());
            if (m == null) {
                m = newMember(g, mc);
            } else if (!m.config.equals(mc)) {
                reconfigureMember(g, m, mc);
            }
            ordered.put(m.name, m);
        }
        g.members.clear();
        g.members.putAll(ordered);

        Map<InetAddress, GroupRuntime.DataAddress> addresses = new LinkedHashMap<>();
        for (DataAddressConfig dc : gc.dataAddresses()) {
            GroupRuntime.DataAddress a = g.addresses.get(dc.address());
            if (a == null) {
                a = new GroupRuntime.DataAddress(dc);
            } else if (a.current != null && dc.prefixLength() != a.config.prefixLength()) {
                // a new prefix length means a different address on the wire: replace it
                ctx.act(new RemoveAddress(g.name, a.config, a.current));
                a = new GroupRuntime.DataAddress(dc);
            } else {
                a.config = dc;
            }
            addresses.put(dc.address(), a);
        }
        for (GroupRuntime.DataAddress a : g.addresses.values()) {
            if (!addresses.containsKey(a.config.address()) && a.current != null) {
                ctx.act(new RemoveAddress(g.name, a.config, a.current));
            }
        }
        g.addresses.clear();
        g.addresses.putAll(addresses);

        for (MemberRuntime m : g.members.values()) {
            for (ProbeInstance pi : m.instances()) {
                pi.targets.setStatic(gc.staticTargets(), ctx);
                routersFor(g, pi);
            }
        }
        g.settle(Cause.CONFIG, ctx);
    }

    private MemberRuntime newMember(GroupRuntime g, MemberConfig mc) {
        MemberRuntime stray = memberByName.get(mc.interfaceName());
        if (stray != null && stray.group.anonymous) {
            anonymous.members.remove(stray.name);
            ctx.timers.cancel(stray);
        }
        MemberRuntime m = new MemberRuntime(mc.interfaceName(), g, mc);
        memberByName.put(m.name, m);
        LinkReported known = interfaces.get(m.name);
        if (known != null) {
            m.ifIndex = known.ifIndex();
            arrive(m, known.running());
        } else if (ctx.inventoryComplete) {
            m.presence = Presence.NOT_PRESENT;
            m.lastCause = Cause.NOT_PRESENT;
        }
        return m;
    }

    private void reconfigureMember(GroupRuntime g, MemberRuntime m, MemberConfig mc) {
        MemberConfig old = m.config;
        m.config = mc;
        m.ipv4 = replaceInstance(m, m.ipv4, Family.IPV4, old.ipv4Test(), mc.ipv4Test());
        m.ipv6 = replaceInstance(m, m.ipv6, Family.IPV6, old.ipv6Test(), mc.ipv6Test());
        if (old.standby() != mc.standby()) {
            g.standbyChanged(m);
        }
    }

    private ProbeInstance replaceInstance(MemberRuntime m, ProbeInstance current, Family f,
                                          Optional<TestAddress> before, Optional<TestAddress> after) {
        if (before.equals(after)) {
            return current;
        }
        if (current != null) {
            current.stop(ctx);
            if (m.presence == Presence.PRESENT) {
                ctx.act(new UnplumbTestAddress(m.name, current.testAddress));
            }
        }
        if (after.isEmpty()) {
            return null;
        }
        ProbeInstance pi = new ProbeInstance(m, f, after.get());
        if (m.presence == Presence.PRESENT) {
            ctx.act(new PlumbTestAddress(m.name, after.get()));
            pi.start(ctx);
        }
        return pi;
    }

    private List<GroupRuntime> allGroups() {
        List<GroupRuntime> all = new ArrayList<>(groups.values());
        if (anonymous != null) {
            all.add(anonymous);
        }
        return all;
    }
}
