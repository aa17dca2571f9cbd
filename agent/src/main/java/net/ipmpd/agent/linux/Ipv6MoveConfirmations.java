package net.ipmpd.agent.linux;

import java.net.InetAddress;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import net.ipmpd.agent.linux.netlink.RtnetlinkMessage;
import net.ipmpd.agent.linux.netlink.Rtnl;

/**
 * IPv6 make-before-break needs the kernel's word that the new copy works. The kernel acks an
 * IPv6 RTM_NEWADDR at once but installs the address's local route (without which packets to it
 * are not delivered) later, from its DAD work queue, even with IFA_F_NODAD; its RTM_NEWADDR
 * event comes from there too. Deleting the old copy on the ack left the address on no member
 * for 3-26 ms. So the old copy goes only when the monitor has seen the new copy's RTM_NEWADDR
 * and its local route, or after {@link #BOUND_MS} if a confirmation never comes (a lost event
 * must not keep two copies for good).
 *
 * <p>One pending step per address. A new action for an address settles the pending one first
 * ({@link #settle}): a pending delete of the copy the new action targets is dropped, any other
 * runs at once, so steps for one address never run out of order.
 */
final class Ipv6MoveConfirmations {
    static final long BOUND_MS = 500;

    /** What the old copy is waiting for. */
    private static final class Pending {
        final int newIndex;
        final String from;
        final Consumer<Boolean> deleteOld;
        boolean addressSeen;
        boolean routeSeen;
        ScheduledFuture<?> timeout;

        Pending(int newIndex, String from, Consumer<Boolean> deleteOld) {
            this.newIndex = newIndex;
            this.from = from;
            this.deleteOld = deleteOld;
        }
    }

    private final ScheduledExecutorService timer;
    private final long boundMs;
    private final Map<InetAddress, Pending> pending = new HashMap<>();

    Ipv6MoveConfirmations(ScheduledExecutorService timer, long boundMs) {
        this.timer = timer;
        this.boundMs = boundMs;
    }

    /**
     * Before the add of {@code address} on interface {@code newIndex}: {@code deleteOld} (the
     * delete of the copy on {@code from}) runs on the monitor thread once the kernel confirms the
     * new copy (with true), or on the timer thread after the bound (with false).
     */
    synchronized void expect(InetAddress address, int newIndex, String from, Consumer<Boolean> deleteOld) {
        Pending p = new Pending(newIndex, from, deleteOld);
        pending.put(InterfaceTable.plain(address), p);
        p.timeout = timer.schedule(() -> fire(address, p, false), boundMs, TimeUnit.MILLISECONDS);
    }

    /**
     * A new action for {@code address} that puts it on {@code target} (null: removes it):
     * a pending delete of the copy on {@code target} is dropped, any other pending delete runs
     * now, on the caller's thread.
     */
    void settle(InetAddress address, String target) {
        Pending p;
        synchronized (this) {
            p = pending.remove(InterfaceTable.plain(address));
            if (p == null) {
                return;
            }
            p.timeout.cancel(false);
        }
        if (!p.from.equals(target)) {
            p.deleteOld.accept(false);
        }
    }

    /** Whether a pending move of {@code address} will delete its copy on {@code member} once the new one works. */
    synchronized boolean willDelete(InetAddress address, String member) {
        Pending p = pending.get(InterfaceTable.plain(address));
        return p != null && p.from.equals(member);
    }

    /** Every message of the kernel monitor passes here (monitor thread). */
    void observe(RtnetlinkMessage m) {
        Pending ready = null;
        InetAddress key = null;
        synchronized (this) {
            if (pending.isEmpty()) {
                return;
            }
            if (m instanceof RtnetlinkMessage.Address a && !a.deleted()) {
                key = InterfaceTable.plain(a.address());
                Pending p = pending.get(key);
                if (p != null && p.newIndex == a.index()) {
                    p.addressSeen = true;
                    ready = p;
                }
            } else if (m instanceof RtnetlinkMessage.Route r && !r.deleted() && r.routeType() == Rtnl.RTN_LOCAL
                    && r.destination() != null) {
                key = InterfaceTable.plain(r.destination());
                Pending p = pending.get(key);
                if (p != null && r.nextHops().stream().anyMatch(h -> h.ifIndex() == p.newIndex)) {
                    p.routeSeen = true;
                    ready = p;
                }
            }
            if (ready == null || !(ready.addressSeen && ready.routeSeen)) {
                return;
            }
            ready.timeout.cancel(false);
        }
        // on this (the monitor's) thread: the timer thread may be busy for 100+ ms with the
        // nominees' nft process on a loaded host, and the delete is one acked netlink request
        fire(key, ready, true);
    }

    /** Runs the delete if it is still the pending step for the address (exactly once). */
    private void fire(InetAddress address, Pending p, boolean confirmed) {
        synchronized (this) {
            if (!pending.remove(InterfaceTable.plain(address), p)) {
                return;
            }
        }
        p.deleteOld.accept(confirmed);
    }
}
