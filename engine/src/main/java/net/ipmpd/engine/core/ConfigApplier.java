package net.ipmpd.engine.core;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import net.ipmpd.engine.CommandResult;
import net.ipmpd.engine.CommandResult.Reason;
import net.ipmpd.engine.CommandResult.Refused;
import net.ipmpd.engine.action.Action.PlumbTestAddress;
import net.ipmpd.engine.action.Action.RemoveAddress;
import net.ipmpd.engine.action.Action.SetMembers;
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
import net.ipmpd.engine.event.EngineEvent.LinkReported;
import net.ipmpd.engine.notify.Cause;
import net.ipmpd.engine.state.Presence;

/**
 * Applies a validated configuration as a difference against the running state, so unchanged
 * groups and members keep their state, probes and placements; refuses an invalid one whole.
 */
final class ConfigApplier {
    private final EngineCore core;
    private final EngineContext ctx;

    ConfigApplier(EngineCore core) {
        this.core = core;
        this.ctx = core.ctx;
    }

    CommandResult configure(EngineConfig config) {
        List<ConfigProblem> problems = ConfigValidator.validate(config);
        if (!problems.isEmpty()) {
            return new Refused(Reason.INVALID_CONFIG, "the configuration is invalid: " + problems.get(0)
                    + (problems.size() > 1 ? " (and " + (problems.size() - 1) + " more)" : ""), problems);
        }
        applyConfig(config);
        return CommandResult.OK;
    }

    /** Applies a validated configuration as a difference, so unchanged members keep their state. */
    void applyConfig(EngineConfig config) {
        ctx.config = config;
        ctx.ownAddresses = ownAddresses(config);
        Map<String, GroupConfig> wanted = new LinkedHashMap<>();
        for (GroupConfig gc : config.groups()) {
            wanted.put(gc.name(), gc);
        }
        for (GroupRuntime g : new ArrayList<>(core.groups.values())) {
            if (!wanted.containsKey(g.name)) {
                deleteGroup(g);
            }
        }
        Map<String, GroupRuntime> ordered = new LinkedHashMap<>();
        for (GroupConfig gc : config.groups()) {
            GroupRuntime g = core.groups.get(gc.name());
            if (g == null) {
                g = new GroupRuntime(gc.name(), false, gc, ctx);
            }
            ordered.put(gc.name(), g);
        }
        core.groups.clear();
        core.groups.putAll(ordered);
        for (GroupConfig gc : config.groups()) {
            applyGroup(core.groups.get(gc.name()), gc);
        }
        // after the groups: a member a group just let go is tracked in the anonymous group at once
        // (a member joining a group from it is taken over by newMember)
        updateAnonymousGroup(config);
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
        ctx.act(new SetOutbound(g.name, List.of(), List.of(), List.of()));
        ctx.act(new SetNominees(g.name, null, null, null));
        ctx.act(new SetMembers(g.name, List.of()));
        core.groups.remove(g.name);
    }

    private void dropMember(MemberRuntime m) {
        for (ProbeInstance pi : m.instances()) {
            pi.stop(ctx);
            if (m.presence == Presence.PRESENT) {
                ctx.act(new UnplumbTestAddress(m.name, pi.testAddress));
            }
        }
        ctx.timers.cancel(m);
        core.memberByName.remove(m.name);
    }

    private void updateAnonymousGroup(EngineConfig config) {
        if (config.trackInterfacesOnlyWithGroups()) {
            if (core.anonymous != null) {
                for (MemberRuntime m : core.anonymous.members.values()) {
                    ctx.timers.cancel(m);
                    core.memberByName.remove(m.name);
                }
                core.anonymous = null;
            }
            return;
        }
        if (core.anonymous == null) {
            core.anonymous = new GroupRuntime("", true, new GroupConfig("", List.of(), List.of()), ctx);
        }
        Set<String> grouped = new HashSet<>();
        for (GroupConfig gc : config.groups()) {
            gc.members().forEach(m -> grouped.add(m.interfaceName()));
        }
        for (String name : new ArrayList<>(core.anonymous.members.keySet())) {
            if (grouped.contains(name)) {
                MemberRuntime m = core.anonymous.members.remove(name);
                ctx.timers.cancel(m);
                core.memberByName.remove(name);
            }
        }
        for (LinkReported l : core.interfaces.values()) {
            if (!grouped.contains(l.interfaceName()) && !core.memberByName.containsKey(l.interfaceName())
                    && !EngineCore.isLoopback(l.interfaceName())) {
                MemberRuntime m = new MemberRuntime(l.interfaceName(), core.anonymous, MemberConfig.linkOnly(l.interfaceName(), false));
                core.anonymous.members.put(m.name, m);
                core.memberByName.put(m.name, m);
                core.arrive(m, l);
            }
        }
        core.anonymous.settle(Cause.CONFIG, ctx);
    }

    private void applyGroup(GroupRuntime g, GroupConfig gc) {
        g.config = gc;
        g.setConfiguredFdt(ctx);
        Map<String, MemberRuntime> ordered = new LinkedHashMap<>();
        Set<String> wantedMembers = new HashSet<>();
        List<MemberRuntime> dropped = new ArrayList<>();
        gc.members().forEach(mc -> wantedMembers.add(mc.interfaceName()));
        for (MemberRuntime m : new ArrayList<>(g.members.values())) {
            if (!wantedMembers.contains(m.name)) {
                dropMember(m);
                dropped.add(m);
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
        for (MemberRuntime m : dropped) {
            DuplicateHardwareAddresses.left(m, ctx);
        }

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
                core.routersFor(g, pi);
            }
        }
        g.settle(Cause.CONFIG, ctx);
    }

    private MemberRuntime newMember(GroupRuntime g, MemberConfig mc) {
        MemberRuntime stray = core.memberByName.get(mc.interfaceName());
        if (stray != null && stray.group.anonymous) {
            core.anonymous.members.remove(stray.name);
            ctx.timers.cancel(stray);
        }
        MemberRuntime m = new MemberRuntime(mc.interfaceName(), g, mc);
        core.memberByName.put(m.name, m);
        LinkReported known = core.interfaces.get(m.name);
        if (known != null) {
            core.arrive(m, known);
        } else if (ctx.inventoryComplete) {
            m.absent();
        }
        return m;
    }

    private void reconfigureMember(GroupRuntime g, MemberRuntime m, MemberConfig mc) {
        MemberConfig old = m.config;
        m.config = mc;
        m.ipv4 = replaceInstance(g, m, m.ipv4, Family.IPV4, old.ipv4Test(), mc.ipv4Test());
        m.ipv6 = replaceInstance(g, m, m.ipv6, Family.IPV6, old.ipv6Test(), mc.ipv6Test());
        if (old.standby() != mc.standby()) {
            g.activeSet.standbyChanged(m);
        }
    }

    private ProbeInstance replaceInstance(GroupRuntime g, MemberRuntime m, ProbeInstance current, Family f,
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
        ProbeInstance pi = new ProbeInstance(m, g.verdicts, f, after.get());
        if (m.presence == Presence.PRESENT) {
            ctx.act(new PlumbTestAddress(m.name, after.get()));
            core.kernel.plumbed(m.name, after.get(), ctx);
            pi.start(ctx);
        }
        return pi;
    }
}
