package net.ipmpd.engine.core;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.ipmpd.engine.action.Action.MoveAddress;
import net.ipmpd.engine.action.Action.PlaceAddress;
import net.ipmpd.engine.notify.Cause;
import net.ipmpd.engine.notify.Notification.AddressMoved;
import net.ipmpd.engine.state.Presence;

/** Where a group's data addresses live: failover, failback and initial placement. */
final class AddressPlacement {
    private final GroupRuntime group;

    AddressPlacement(GroupRuntime group) {
        this.group = group;
    }

    /**
     * Every data address lives on an active member: its home member when that is active (and,
     * with FAILBACK=yes, it returns there), else the active member holding the fewest addresses.
     * With no active member the addresses stay where they are: there is nowhere better. One that
     * is nowhere (its interface was removed, or nothing was usable at start) is kept on a member
     * that exists, so it is on the wire the moment that member works again.
     */
    void placeAddresses(Cause cause, EngineContext ctx) {
        List<MemberRuntime> active = new ArrayList<>();
        for (MemberRuntime m : group.members.values()) {
            if (m.active()) {
                active.add(m);
            }
        }
        if (active.isEmpty()) {
            keepHomeless(cause, ctx);
            return;
        }
        Map<String, Integer> load = new HashMap<>();
        for (GroupRuntime.DataAddress a : group.addresses.values()) {
            if (a.current != null) {
                load.merge(a.current, 1, Integer::sum);
            }
        }
        // addresses going home first, so the homeless ones then spread over what is left
        List<GroupRuntime.DataAddress> order = new ArrayList<>(group.addresses.size());
        for (GroupRuntime.DataAddress a : group.addresses.values()) {
            MemberRuntime home = group.members.get(a.config.homeMember());
            if (home != null && home.active()) {
                order.add(a);
            }
        }
        for (GroupRuntime.DataAddress a : group.addresses.values()) {
            if (!order.contains(a)) {
                order.add(a);
            }
        }
        for (GroupRuntime.DataAddress a : order) {
            MemberRuntime current = a.current == null ? null : group.members.get(a.current);
            MemberRuntime home = group.members.get(a.config.homeMember());
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
                ctx.act(new PlaceAddress(group.name, a.config, target.name));
                a.added(target.name, ctx);
                group.heardFrom(a, target.name);
            } else {
                // current is null here when its member was removed from the configuration
                String from = a.current;
                load.merge(from, -1, Integer::sum);
                load.merge(target.name, 1, Integer::sum);
                a.current = target.name;
                if (current != null) {
                    current.failovers++;
                }
                group.failoversCount++;
                ctx.act(new MoveAddress(group.name, a.config, from, target.name, why));
                a.added(target.name, ctx);
                a.deleted(from, ctx);
                group.heardFrom(a, target.name);
                ctx.notify(new AddressMoved(ctx.nowNanos, group.name, a.config.address(), from, target.name, why));
            }
        }
    }

    private void keepHomeless(Cause cause, EngineContext ctx) {
        for (GroupRuntime.DataAddress a : group.addresses.values()) {
            MemberRuntime current = a.current == null ? null : group.members.get(a.current);
            if (current != null && current.presence == Presence.PRESENT) {
                continue;
            }
            MemberRuntime keeper = group.members.get(a.config.homeMember());
            if (keeper == null || keeper.presence != Presence.PRESENT || keeper.offline()) {
                keeper = null;
                for (MemberRuntime m : group.members.values()) {
                    if (m.presence == Presence.PRESENT && !m.offline()) {
                        keeper = m;
                        break;
                    }
                }
            }
            if (keeper == null || (a.current != null && current == null)) {
                continue;   // nowhere to keep it (or its member left the configuration: handled when one works)
            }
            a.current = keeper.name;
            ctx.act(new PlaceAddress(group.name, a.config, keeper.name));
            a.added(keeper.name, ctx);
            group.heardFrom(a, keeper.name);   // unheard: the keeper does not work
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
}
