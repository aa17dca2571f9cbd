package net.ipmpd.engine.core;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.ipmpd.engine.action.Action.MoveAddress;
import net.ipmpd.engine.action.Action.PlaceAddress;
import net.ipmpd.engine.action.Action.PlumbTestAddress;
import net.ipmpd.engine.action.Action.RemoveAddress;
import net.ipmpd.engine.config.TestAddress;
import net.ipmpd.engine.event.EngineEvent.AddressChange;
import net.ipmpd.engine.event.EngineEvent.AddressesObserved;
import net.ipmpd.engine.notify.Cause;
import net.ipmpd.engine.notify.Notification.AddressMoved;
import net.ipmpd.engine.notify.Notification.ConfigWarning;
import net.ipmpd.engine.state.Presence;

/**
 * The kernel's addresses against the engine's placement: the one place that decides what to do
 * about them, so the dataplane is the only writer and never decides. Before placement starts the
 * engine adopts where the data addresses are (a restart never drops or moves an address that is
 * up); from then on a data address missing from its member is put back, a stray copy on another
 * member is removed (only once its member holds it: make-before-break), and a missing test
 * address is plumbed again. A read taken before the engine's own last change of an address is
 * stale and ignored for it. What the engine puts back or moves back carries the cause
 * kernel-change and is told as an address move; the change that undid it is a warning naming
 * who made it.
 */
final class KernelAddresses {
    /** When each member's test address was last plumbed ("eth0 198.18.0.10"): reads before that are stale. */
    private final Map<String, Long> plumbedAtNanos = new HashMap<>();

    void plumbed(String member, TestAddress t, EngineContext ctx) {
        plumbedAtNanos.merge(key(member, t), ctx.stepTimeNanos, Math::max);
    }

    /** Takes a read of the kernel in; the groups settle (and reconcile) afterwards. */
    void observe(EngineCore core, AddressesObserved seen, EngineContext ctx) {
        for (GroupRuntime g : core.groups.values()) {
            for (GroupRuntime.DataAddress a : g.addresses.values()) {
                if (seen.takenAtNanos() < a.actedAtNanos) {
                    continue;   // the engine changed it since: what it did is newer than this read
                }
                Set<String> holders = new LinkedHashSet<>();
                for (String m : g.members.keySet()) {
                    if (seen.holdersOf(a.config.address()).contains(m)) {
                        holders.add(m);
                    }
                }
                a.inKernel = holders;
                if (!ctx.inventoryComplete && a.current == null) {
                    a.current = adoptFrom(core, g, a, holders);
                }
            }
            if (ctx.inventoryComplete) {
                replumbTestAddresses(g, seen, ctx);
            }
        }
        if (ctx.inventoryComplete) {
            warnAboutChanges(core, seen, ctx);
        }
        ctx.changed();
    }

    /** Of several copies (a crash mid-move) the one on the home member if it runs, else one that runs. */
    private static String adoptFrom(EngineCore core, GroupRuntime g, GroupRuntime.DataAddress a, Set<String> holders) {
        String home = a.config.homeMember();
        if (holders.contains(home) && running(core, home)) {
            return home;
        }
        for (String h : holders) {
            if (running(core, h)) {
                return h;
            }
        }
        return holders.isEmpty() ? null : holders.iterator().next();
    }

    private static boolean running(EngineCore core, String name) {
        var l = core.interfaces.get(name);
        return l != null && l.running();
    }

    private void replumbTestAddresses(GroupRuntime g, AddressesObserved seen, EngineContext ctx) {
        for (MemberRuntime m : g.members.values()) {
            if (m.presence != Presence.PRESENT) {
                continue;
            }
            for (ProbeInstance pi : m.instances()) {
                TestAddress t = pi.testAddress;
                Long plumbedNanos = plumbedAtNanos.get(key(m.name, t));
                if ((plumbedNanos == null || seen.takenAtNanos() >= plumbedNanos) && !seen.holdersOf(t.address()).contains(m.name)) {
                    ctx.act(new PlumbTestAddress(m.name, t));   // someone deleted it, or a link flush did
                    plumbed(m.name, t, ctx);
                }
            }
        }
    }

    /**
     * Makes the kernel match the placement for every data address read at least once: its
     * member holds it and no other member of the group does. Runs after placement in every settle.
     */
    static void reconcile(GroupRuntime g, EngineContext ctx) {
        for (GroupRuntime.DataAddress a : g.addresses.values()) {
            MemberRuntime holder = a.current == null ? null : g.members.get(a.current);
            if (a.inKernel == null || holder == null || holder.presence != Presence.PRESENT) {
                continue;
            }
            List<String> strays = new ArrayList<>(a.inKernel);
            strays.remove(a.current);
            if (a.inKernel.contains(a.current)) {
                for (String s : strays) {
                    ctx.act(new RemoveAddress(g.name, a.config, s));
                    a.deleted(s, ctx);
                }
                continue;
            }
            String from = strays.isEmpty() ? null : strays.getFirst();
            if (from == null) {
                ctx.act(new PlaceAddress(g.name, a.config, a.current));   // lost: put back and announce
            } else {
                // a move, so that a failed add leaves the stray copy in place: never on no member
                ctx.act(new MoveAddress(g.name, a.config, from, a.current, Cause.KERNEL_CHANGE));
                a.deleted(from, ctx);
                for (String s : strays.subList(1, strays.size())) {
                    ctx.act(new RemoveAddress(g.name, a.config, s));
                    a.deleted(s, ctx);
                }
            }
            a.added(a.current, ctx);
            g.heardFrom(a, a.current);
            // managers and the history hear of it as of a failover: from nowhere (put back) or from the copy
            ctx.notify(new AddressMoved(ctx.nowNanos, g.name, a.config.address(), from, a.current, Cause.KERNEL_CHANGE));
        }
    }

    /**
     * Issue 11: a change someone else made to what ipmpd owns is a warning that names who made
     * it (the dataplane read the requester from the kernel's event); what ipmpd does about it
     * follows from the same read. Changes to addresses ipmpd does not own say nothing.
     */
    private static void warnAboutChanges(EngineCore core, AddressesObserved seen, EngineContext ctx) {
        for (AddressChange c : seen.changes()) {
            MemberRuntime m = core.memberByName.get(c.interfaceName());
            if (m == null || m.presence != Presence.PRESENT) {
                continue;
            }
            String what = whatChanged(m, c, seen.takenAtNanos());
            if (what != null) {
                ctx.notify(new ConfigWarning(ctx.nowNanos, m.group.name, m.name, what + " by " + c.by()
                        + ", not by ipmpd; putting back ipmpd's placement", Cause.KERNEL_CHANGE));
            }
        }
    }

    /** What the change undid of ipmpd's placement on {@code m} ("data address ... deleted from m0"), or null. */
    private static String whatChanged(MemberRuntime m, AddressChange c, long takenAtNanos) {
        String address = c.address().getHostAddress();
        GroupRuntime.DataAddress a = m.group.addresses.get(c.address());
        if (a != null) {
            if (a.current == null || takenAtNanos < a.actedAtNanos) {
                return null;   // not placed yet, or ipmpd changed it since: nothing of ours was undone
            }
            boolean undone = c.added() != m.name.equals(a.current);
            return undone ? "data address " + address + (c.added() ? " added on " : " deleted from ") + m.name : null;
        }
        for (ProbeInstance pi : m.instances()) {
            if (!c.added() && pi.testAddress.address().equals(c.address())) {
                return "test address " + address + " deleted from " + m.name;
            }
        }
        return null;
    }

    private static String key(String member, TestAddress t) {
        return member + " " + t.address().getHostAddress();
    }
}
