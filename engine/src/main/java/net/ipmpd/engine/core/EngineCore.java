package net.ipmpd.engine.core;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.random.RandomGenerator;
import net.ipmpd.engine.Command;
import net.ipmpd.engine.CommandResult;
import net.ipmpd.engine.EngineOutput;
import net.ipmpd.engine.action.Action.PlumbTestAddress;
import net.ipmpd.engine.config.ConfigProblem;
import net.ipmpd.engine.config.ConfigValidator;
import net.ipmpd.engine.config.EngineConfig;
import net.ipmpd.engine.config.Family;
import net.ipmpd.engine.config.MemberConfig;
import net.ipmpd.engine.event.EngineEvent;
import net.ipmpd.engine.event.EngineEvent.AddressesObserved;
import net.ipmpd.engine.event.EngineEvent.InterfaceRemoved;
import net.ipmpd.engine.event.EngineEvent.LinkDumpCompleted;
import net.ipmpd.engine.event.EngineEvent.LinkReported;
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
    final EngineContext ctx;
    final Map<String, GroupRuntime> groups = new LinkedHashMap<>();
    final Map<String, MemberRuntime> memberByName = new HashMap<>();
    /** Every interface the dataplane reported: name to (ifindex, running). */
    final Map<String, LinkReported> interfaces = new HashMap<>();
    GroupRuntime anonymous;
    List<Router> routers = List.of();
    final KernelAddresses kernel = new KernelAddresses();
    private final KeptRoutes keptRoutes = new KeptRoutes();
    private final AdminCommands admin;
    private final ConfigApplier configApplier;

    public EngineCore(EngineConfig config, RandomGenerator random, long nowNanos) {
        List<ConfigProblem> problems = ConfigValidator.validate(config);
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("invalid configuration: " + problems.get(0)
                    + (problems.size() > 1 ? " (and " + (problems.size() - 1) + " more problems)" : ""));
        }
        ctx = new EngineContext(EngineConfig.defaults(), random);
        ctx.nowNanos = nowNanos;
        admin = new AdminCommands(this);
        configApplier = new ConfigApplier(this);
        configApplier.applyConfig(config);
    }

    /**
     * Processes an event that happened at {@code occurredAtNanos}, read at {@code nowNanos}.
     * Everything is ordered by time: the timers due before the event fire first; a probe reply
     * happened when the kernel stamped it, so only the timers due before that stamp fire before it,
     * and a reply the daemon read late is never judged lost by a send tick that came after it
     * arrived. Timers due after the event are left for {@link #advance} (or the next event), so a
     * caller with several queued events hands them all in before the clock moves on.
     */
    public void handle(EngineEvent event, long occurredAtNanos, long nowNanos, EngineOutput out) {
        long happenedNanos = Math.min(occurredAtNanos, nowNanos);
        long eventTimeNanos = event instanceof ProbeReplied p ? Math.min(p.receivedAtNanos(), happenedNanos) : happenedNanos;
        enter(eventTimeNanos, nowNanos, out);
        try {
            switch (event) {
                case LinkReported l -> linkReported(l);
                case LinkDumpCompleted d -> dumpCompleted();
                case AddressesObserved a -> addressesObserved(a);
                case InterfaceRemoved r -> removed(r.interfaceName());
                case ProbeReplied p -> probeReplied(p);
                case RoutersReported r -> {
                    routers = r.routers();
                    applyRouters();
                }
                case EngineEvent.RoutesKept r -> {
                    if (keptRoutes.keep(r.group(), r.routes())) {
                        ctx.changed();
                    }
                }
            }
        } finally {
            ctx.out = EngineOutput.DISCARD;
        }
    }

    /**
     * Carries out a manager's command sent at {@code occurredAtNanos}, ordered by time as an event
     * is. A configuration edit applies to the configuration running now; a replacement built on
     * another one is refused as stale. A refused command changes nothing.
     */
    public CommandResult execute(Command command, long occurredAtNanos, long nowNanos, EngineOutput out) {
        enter(Math.min(occurredAtNanos, nowNanos), nowNanos, out);
        try {
            return switch (command) {
                case Command.Offline o -> admin.offline(o.interfaceName());
                case Command.Online o -> admin.online(o.interfaceName());
                case Command.EditConfig e -> {
                    EngineConfig edited;
                    try {
                        edited = e.edit().apply(ctx.config);
                    } catch (IllegalArgumentException bad) {
                        yield new CommandResult.Refused(CommandResult.Reason.INVALID_CONFIG, e.description() + ": " + bad.getMessage());
                    }
                    yield configApplier.configure(edited);
                }
                case Command.ReplaceConfig r -> r.basedOn().isPresent() && !r.basedOn().get().equals(ctx.config)
                        ? new CommandResult.Refused(CommandResult.Reason.STALE_CONFIG, "the configuration changed since this "
                                + "change was built on it; build it again on the running configuration")
                        : configApplier.configure(r.config());
            };
        } finally {
            ctx.out = EngineOutput.DISCARD;
        }
    }

    /** A step begins at {@code stepAtNanos}: the timers due before it fire first. */
    private void enter(long stepAtNanos, long nowNanos, EngineOutput out) {
        ctx.out = out;
        ctx.stepTimeNanos = Math.max(ctx.stepTimeNanos, nowNanos);
        fireTimers(stepAtNanos);
        ctx.nowNanos = Math.max(ctx.nowNanos, stepAtNanos);
    }

    public void advance(long nowNanos, EngineOutput out) {
        try {
            enter(nowNanos, nowNanos, out);
        } finally {
            ctx.out = EngineOutput.DISCARD;
        }
    }

    private void fireTimers(long upToNanos) {
        while (ctx.timers.nextDeadlineNanos() <= upToNanos) {
            ctx.nowNanos = Math.max(ctx.nowNanos, ctx.timers.nextDeadlineNanos());
            ctx.timers.pollDue(upToNanos).wake(ctx.nowNanos, ctx);
        }
    }

    public long nextDeadline() {
        return ctx.timers.nextDeadlineNanos();
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
            GroupSnapshot s = g.snapshot(ctx);
            List<net.ipmpd.engine.state.KeptRoute> routes = keptRoutes.of(g.name);
            gs.add(routes.isEmpty() ? s : s.withRoutes(routes));
        }
        return new EngineSnapshot(ctx.changes, ctx.nowNanos, ctx.config, gs,
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
        if (m.presence != Presence.PRESENT) {
            arrive(m, l);
            g.settle(m.lastCause, ctx);
            return;
        }
        LinkState link = l.running() ? LinkState.UP : LinkState.DOWN;
        m.reported(l.ifIndex());
        if (!l.hardwareAddress().equals(m.hardwareAddress)) {
            DuplicateHardwareAddresses.addressChanged(m, l.hardwareAddress(), ctx);
            g.settle(Cause.DUPLICATE_HARDWARE_ADDRESS, ctx);
        }
        if (link == m.link) {
            return;
        }
        m.linkChanged(l.running());
        if (!l.running()) {
            linkDown(m, g);
        } else {
            linkUp(m, g);
        }
    }

    /** process_link_state_down: forget the probe history, count the flap, judge the failure. */
    private void linkDown(MemberRuntime m, GroupRuntime g) {
        ctx.notify(new LinkChanged(ctx.nowNanos, g.name, m.name, false, Cause.LINK_DOWN));
        for (ProbeInstance pi : m.instances()) {
            pi.clearHistory();
        }
        g.linkFlapped(m, ctx);
        if (!m.failed && (!m.offline() || g.state != GroupState.FAILED)) {
            g.verdicts.linkDown(m, ctx);
        } else {
            g.settle(Cause.LINK_DOWN, ctx);
        }
    }

    /**
     * process_link_state_up: probing restarts; a member repaired by its link alone (no test
     * address, or offline) is repaired unless the flap guard holds; one with test addresses needs
     * ten answered probes. The link-up is recorded after that decision, as in.mpathd does.
     */
    private void linkUp(MemberRuntime m, GroupRuntime g) {
        ctx.notify(new LinkChanged(ctx.nowNanos, g.name, m.name, true, Cause.REPAIRED));
        if (!m.offline()) {
            for (ProbeInstance pi : m.instances()) {
                pi.restartTimer(ctx);
            }
        }
        if (m.failed && m.repairedByLink()) {
            if (m.flapGuardHolds(ctx.nowNanos)) {
                // "The link has come up on %s more than 2 times in the last minute; disabling repair"
                ctx.notify(new FlapGuardEngaged(ctx.nowNanos, g.name, m.name, m.linkUpsWithinMinute(ctx.nowNanos) + 1, Cause.FLAPPING));
            } else {
                m.repair();
            }
        }
        m.recordLinkUp(ctx.nowNanos);
        g.scheduleMemberTimer(m, ctx);
        g.settle(Cause.REPAIRED, ctx);
    }

    static boolean isLoopback(String name) {
        return name.equals("lo");
    }

    /**
     * The member's interface exists now: at start, after a NIC appeared, or after re-insertion.
     * One whose hardware address an online member of its group has is taken offline at once.
     */
    void arrive(MemberRuntime m, LinkReported l) {
        m.arrive(l.ifIndex(), l.running());
        m.hardwareAddressReported(l.hardwareAddress());
        plumbTestAddresses(m);
        for (ProbeInstance pi : m.instances()) {
            pi.start(ctx);
            m.group.shareHostTargets(m, pi, ctx);
        }
        DuplicateHardwareAddresses.arrived(m, ctx);
    }

    private void plumbTestAddresses(MemberRuntime m) {
        m.config.ipv4Test().ifPresent(t -> {
            ctx.act(new PlumbTestAddress(m.name, t));
            kernel.plumbed(m.name, t, ctx);
        });
        m.config.ipv6Test().ifPresent(t -> {
            ctx.act(new PlumbTestAddress(m.name, t));
            kernel.plumbed(m.name, t, ctx);
        });
    }

    private void dumpCompleted() {
        ctx.inventoryComplete = true;
        for (MemberRuntime m : memberByName.values()) {
            if (m.presence == Presence.UNKNOWN) {
                m.absent();
            }
        }
        for (GroupRuntime g : allGroups()) {
            g.settle(Cause.NONE, ctx);
        }
    }

    /** Adopts the kernel's placement at start; later puts back, removes strays, announces ({@link KernelAddresses}). */
    private void addressesObserved(AddressesObserved seen) {
        kernel.observe(this, seen, ctx);
        for (GroupRuntime g : groups.values()) {
            g.settle(Cause.NONE, ctx);
        }
    }

    private void removed(String name) {
        interfaces.remove(name);
        MemberRuntime m = memberByName.get(name);
        if (m == null || m.presence == Presence.REMOVED) {
            return;
        }
        m.remove();
        DuplicateHardwareAddresses.left(m, ctx);
        m.forgetDuplicateHardwareAddress();
        for (ProbeInstance pi : m.instances()) {
            pi.stop(ctx);
            pi.targets.dropHosts(ctx);   // in.mpathd deletes the phyint instance and its targets
        }
        GroupRuntime g = m.group;
        g.settle(Cause.REMOVED, ctx);
        g.addressesGoneWith(m);
    }

    // ---------------------------------------------------------------- probes and routers

    private void probeReplied(ProbeReplied p) {
        MemberRuntime m = memberByName.get(p.interfaceName());
        if (m == null) {
            return;
        }
        ProbeInstance pi = m.instance(p.family());
        if (pi != null) {
            pi.replied(p.from(), p.sequence(), p.receivedAtNanos(), p.sentAtNanos(), ctx);
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

    void routersFor(GroupRuntime g, ProbeInstance pi) {
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

    private List<GroupRuntime> allGroups() {
        List<GroupRuntime> all = new ArrayList<>(groups.values());
        if (anonymous != null) {
            all.add(anonymous);
        }
        return all;
    }
}
