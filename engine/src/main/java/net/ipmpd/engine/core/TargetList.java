package net.ipmpd.engine.core;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import net.ipmpd.engine.config.Family;
import net.ipmpd.engine.notify.Cause;
import net.ipmpd.engine.notify.Notification.TargetChanged;
import net.ipmpd.engine.state.TargetMode;
import net.ipmpd.engine.state.TargetState;

/**
 * The probe targets of one probe instance and how they are chosen (in.mpathd mpd_tables.c):
 * operator-configured targets first, else on-link routers, else hosts found by an all-hosts
 * echo. At most five are ACTIVE; the rest wait as UNUSED; misbehaving ones become SLOW or DEAD
 * and come back after a minute.
 */
final class TargetList {
    private final ProbeInstance owner;
    private final List<Target> targets = new ArrayList<>();
    private TargetMode mode = TargetMode.MULTICAST;
    private int roundRobin;

    TargetList(ProbeInstance owner) {
        this.owner = owner;
    }

    TargetMode mode() {
        return mode;
    }

    Collection<Target> all() {
        return targets;
    }

    /**
     * The targets from the one the round robin visits next, as Solaris ipmpstat -t lists them
     * ("in firing order").
     */
    List<Target> inFiringOrder() {
        int n = targets.size();
        List<Target> l = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            l.add(targets.get((roundRobin + i) % n));
        }
        return l;
    }

    boolean contains(Target t) {
        return targets.contains(t);
    }

    int activeCount() {
        int n = 0;
        for (Target t : targets) {
            if (t.state == TargetState.ACTIVE) {
                n++;
            }
        }
        return n;
    }

    /** Round robin over ACTIVE targets, in.mpathd's "firing order". */
    Target nextActive() {
        int n = targets.size();
        for (int i = 0; i < n; i++) {
            Target t = targets.get((roundRobin + i) % n);
            if (t.state == TargetState.ACTIVE) {
                roundRobin = (roundRobin + i + 1) % n;
                return t;
            }
        }
        return null;
    }

    /**
     * in.mpathd sends an all-hosts probe while it has no targets, and keeps doing so while it
     * has only one host target, to find more.
     */
    boolean wantsDiscovery() {
        return mode == TargetMode.MULTICAST && activeCount() < 2;
    }

    /** Operator targets: they replace routers and hosts. */
    void setStatic(List<InetAddress> addresses, EngineContext ctx) {
        List<InetAddress> usable = new ArrayList<>();
        for (InetAddress a : addresses) {
            if (Family.of(a) == owner.family && onLink(a, TargetMode.STATIC)) {
                usable.add(a);
            }
        }
        if (usable.isEmpty()) {
            if (mode == TargetMode.STATIC) {
                clear(ctx);
                mode = TargetMode.MULTICAST;
            }
            return;
        }
        replaceAll(usable, TargetMode.STATIC, ctx);
    }

    /** On-link routers from the routing table (ignored while operator targets exist). */
    void setRouters(List<InetAddress> routers, EngineContext ctx) {
        if (mode == TargetMode.STATIC) {
            return;
        }
        List<InetAddress> usable = new ArrayList<>();
        for (InetAddress r : routers) {
            if (Family.of(r) == owner.family && onLink(r, TargetMode.ROUTES) && !ctx.ownAddresses.contains(r)) {
                usable.add(r);
            }
        }
        if (usable.isEmpty()) {
            if (mode == TargetMode.ROUTES) {
                clear(ctx);
                mode = TargetMode.MULTICAST;
            }
            return;
        }
        // in.mpathd: the first router deletes any host targets
        replaceAll(usable, TargetMode.ROUTES, ctx);
    }

    private void replaceAll(List<InetAddress> addresses, TargetMode newMode, EngineContext ctx) {
        if (mode != newMode) {
            clear(ctx);
            mode = newMode;
        }
        targets.removeIf(t -> {
            if (!addresses.contains(t.address)) {
                owner.history.forget(t);
                announce(t, true, Cause.CONFIG, ctx);
                return true;
            }
            return false;
        });
        for (InetAddress a : addresses) {
            if (find(a) == null) {
                Target t = new Target(a, newMode);
                t.state = TargetState.UNUSED;
                targets.add(t);
            }
        }
        fillActive(ctx);
    }

    /**
     * A host answered an all-hosts probe (target_create for a host): used at once while fewer
     * than MAX_PROBE_TARGETS are active, never mixed with routers or operator targets.
     */
    void discovered(InetAddress from, EngineContext ctx) {
        if (mode != TargetMode.MULTICAST || find(from) != null || !onLink(from, TargetMode.MULTICAST)
                || ctx.ownAddresses.contains(from) || activeCount() >= Rules.MAX_TARGETS) {
            return;
        }
        Target t = new Target(from, TargetMode.MULTICAST);
        targets.add(t);
        ctx.changed();
        announce(t, false, Cause.NONE, ctx);
    }

    /**
     * in.mpathd target failure: a router (or operator target) becomes DEAD; a host is deleted and
     * an all-hosts probe goes out at once to find a replacement.
     */
    void targetFailed(Target t, EngineContext ctx) {
        if (t.keptWhenBad()) {
            t.state = TargetState.DEAD;
            t.crtt.reset();
            announce(t, false, Cause.TARGET_LOST, ctx);
            activateIfNoneActive(ctx);
        } else {
            delete(t, Cause.TARGET_LOST, ctx);
            owner.sendMulticast(ctx.nowNanos, ctx);
        }
    }

    /** An RTT exception (check_exception_target): a slow router waits as SLOW, a slow host is replaced. */
    void targetSlow(Target t, EngineContext ctx) {
        if (t.keptWhenBad()) {
            t.state = TargetState.SLOW;
            t.lastActiveAtNanos = ctx.nowNanos;
            t.crtt.reset();
            announce(t, false, Cause.TARGET_LOST, ctx);
            activateIfNoneActive(ctx);
        } else {
            delete(t, Cause.TARGET_LOST, ctx);
            owner.sendMulticast(ctx.nowNanos, ctx);
        }
    }

    /** target_delete: its probes can no longer be answered; with no targets left the history goes too. */
    private void delete(Target t, Cause cause, EngineContext ctx) {
        targets.remove(t);
        owner.history.forget(t);
        announce(t, true, cause, ctx);
        if (targets.isEmpty()) {
            owner.history.clear();
            roundRobin = 0;
        }
    }

    /**
     * The interface is gone: so are its host targets (copied from the group or found again when
     * it comes back); operator and router targets come from the configuration and routing table.
     */
    void dropHosts(EngineContext ctx) {
        if (mode != TargetMode.MULTICAST) {
            return;
        }
        for (Target t : new ArrayList<>(targets)) {
            delete(t, Cause.REMOVED, ctx);
        }
    }

    /** in.mpathd on group failure (target_flush_hosts): host targets may be what died; routers stay. */
    void flushHosts(EngineContext ctx) {
        if (mode != TargetMode.MULTICAST) {
            return;
        }
        for (Target t : new ArrayList<>(targets)) {
            delete(t, Cause.GROUP_FAILURE, ctx);
        }
    }

    /** Copies another member's host targets to this one while it has none (dup_host_targets). */
    void copyHosts(TargetList from, EngineContext ctx) {
        if (!targets.isEmpty() || mode != TargetMode.MULTICAST || from.mode != TargetMode.MULTICAST) {
            return;
        }
        for (Target t : from.targets) {
            discovered(t.address, ctx);
        }
    }

    void resetRtts() {
        for (Target t : targets) {
            t.crtt.reset();
        }
    }

    /**
     * target_next's walk over the targets at each probe: a DEAD one whose last active time is a
     * minute old gets another chance as SLOW, a SLOW one a minute later becomes UNUSED, and
     * UNUSED ones are used while fewer than MAX_PROBE_TARGETS are active.
     */
    void age(EngineContext ctx) {
        boolean changed = false;
        for (Target t : targets) {
            if (t.lastActiveAtNanos + Rules.RECOVERY_TIME_NANOS < ctx.nowNanos) {
                if (t.state == TargetState.DEAD) {
                    t.state = TargetState.SLOW;
                    t.lastActiveAtNanos = ctx.nowNanos;
                    changed = true;
                    announce(t, false, Cause.NONE, ctx);
                } else if (t.state == TargetState.SLOW) {
                    t.state = TargetState.UNUSED;
                    changed = true;
                    announce(t, false, Cause.NONE, ctx);
                }
            }
        }
        if (changed || activeCount() < Math.min(Rules.MAX_TARGETS, targets.size())) {
            fillActive(ctx);
        }
    }

    private void fillActive(EngineContext ctx) {
        int active = activeCount();
        for (Target t : targets) {
            if (active >= Rules.MAX_TARGETS) {
                break;
            }
            if (t.state == TargetState.UNUSED) {
                t.state = TargetState.ACTIVE;
                active++;
                announce(t, false, Cause.NONE, ctx);
            }
        }
    }

    /**
     * target_activate_all: with no active target left, the best others are used again, up to
     * MIN_PROBE_TARGETS: unused first, then slow, then dead, recovered ones before the rest.
     */
    private void activateIfNoneActive(EngineContext ctx) {
        fillActive(ctx);
        if (activeCount() > 0) {
            return;
        }
        for (TargetState from : new TargetState[] {TargetState.SLOW, TargetState.DEAD}) {
            for (Target t : targets) {
                if (activeCount() >= Rules.MIN_TARGETS) {
                    return;
                }
                if (t.state == from) {
                    t.state = TargetState.ACTIVE;
                    announce(t, false, Cause.NONE, ctx);
                }
            }
        }
    }

    private void clear(EngineContext ctx) {
        for (Target t : targets) {
            announce(t, true, Cause.CONFIG, ctx);
        }
        targets.clear();
        owner.history.clear();
        roundRobin = 0;
    }

    private Target find(InetAddress a) {
        for (Target t : targets) {
            if (t.address.equals(a)) {
                return t;
            }
        }
        return null;
    }

    /**
     * in.mpathd accepts only targets in the test address's subnet, and only link-local IPv6 ones
     * (an operator may name a global IPv6 target on the link).
     */
    private boolean onLink(InetAddress a, TargetMode as) {
        if (owner.family == Family.IPV6) {
            return a instanceof Inet6Address v6 && (v6.isLinkLocalAddress() || as == TargetMode.STATIC);
        }
        return owner.testAddress.sameSubnet(a);
    }

    private void announce(Target t, boolean removed, Cause cause, EngineContext ctx) {
        ctx.notify(new TargetChanged(ctx.nowNanos, owner.verdicts.groupName(), owner.member.name, owner.family, t.address,
                t.mode, t.state, removed, cause));
    }
}
