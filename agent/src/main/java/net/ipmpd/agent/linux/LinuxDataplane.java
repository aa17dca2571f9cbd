package net.ipmpd.agent.linux;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import net.ipmpd.agent.linux.netlink.RtnetlinkMessage;
import net.ipmpd.agent.linux.netlink.RtnetlinkParser;
import net.ipmpd.agent.linux.netlink.RtnetlinkRequests;
import net.ipmpd.agent.linux.packet.ArpAnnouncement;
import net.ipmpd.agent.linux.packet.IcmpEcho;
import net.ipmpd.agent.linux.packet.NeighborAdvertisement;
import net.ipmpd.engine.action.Action;
import net.ipmpd.engine.config.DataAddressConfig;
import net.ipmpd.engine.config.TestAddress;
import net.ipmpd.engine.event.EngineEvent;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * The engine's Linux dataplane: carries out {@link Action}s with rtnetlink, AF_PACKET and raw
 * ICMP sockets, and reports what the kernel says as {@link EngineEvent}s to the sink, from its
 * own threads. Construct it on a thread of the network namespace to manage: every socket and
 * thread it ever uses is created in the constructor or by the caller's {@link #execute} thread.
 *
 * <p>Threads: {@code ipmpd-netlink-monitor} (links, addresses, routes), {@code ipmpd-probe-receiver}
 * (echo replies), {@code ipmpd-dataplane-timer} (announcement repeats, debounced router scans,
 * IPv6 move bounds) and {@code ipmpd-multicast} (nominee rules, proxy memberships, reports).
 * {@link #execute} never blocks on anything slow: netlink changes are acked in tens of
 * microseconds, sends are non-blocking, repeats are scheduled.
 */
public final class LinuxDataplane implements AutoCloseable {
    private static final Logger LOG = LogManager.getLogger(LinuxDataplane.class);

    private final Consumer<EngineEvent> sink;
    private final InterfaceTable table = new InterfaceTable();
    private final ScheduledThreadPoolExecutor timer;
    private final RtnetlinkSocket requests;
    private final KernelMonitor monitor;
    private final Announcer announcer;
    private final Prober prober;
    private final Sysctls sysctls;
    private final AddressOps addresses;
    private final OutboundRoutes routes;
    private final MulticastNominees nominees;
    private final java.util.concurrent.ScheduledExecutorService multicastThread;
    private final Ipv6MoveConfirmations confirmations;
    private final Map<String, Integer> sysctlsAppliedTo = new ConcurrentHashMap<>();
    /** Each group's members, as the engine's last SetMembers said: they get the IPMP sysctls. */
    private final Map<String, List<String>> membersOfGroup = new ConcurrentHashMap<>();
    private volatile long lastMoveNanos;
    private final Requester requester = new Requester();
    private static final long OWN_PID = ProcessHandle.current().pid();
    private final net.ipmpd.agent.log.RateLimitedLog changeWarnings;
    /** Someone else's changes since the last read, with who made them: the engine's warning names them. */
    private final java.util.concurrent.ConcurrentLinkedQueue<EngineEvent.AddressChange> unreportedChanges =
            new java.util.concurrent.ConcurrentLinkedQueue<>();
    private final java.util.concurrent.atomic.AtomicInteger unreportedCount = new java.util.concurrent.atomic.AtomicInteger();
    private static final int MAX_UNREPORTED_CHANGES = 64;
    /** Someone else's address changes come in bursts (a link flush): one read for the engine per burst. */
    private static final long OBSERVE_DEBOUNCE_MS = 20;
    private final java.util.concurrent.atomic.AtomicBoolean observationPending = new java.util.concurrent.atomic.AtomicBoolean();
    /** When the engine's thread last began an address or route action: a read in the middle of a step is partial. */
    private volatile long lastChangeNanos;
    private volatile boolean changedYet;
    /** Route events come in bursts (a flush, our own replace): one refresh per burst. */
    private static final long ROUTE_DEBOUNCE_MS = 20;
    private final java.util.concurrent.atomic.AtomicBoolean routeRefreshPending = new java.util.concurrent.atomic.AtomicBoolean();

    /**
     * Opens everything and warms the failover path; call {@link #start()} next. What to do with
     * the interfaces (members, their sysctls, routes, nominees) comes from the engine's actions.
     */
    public LinuxDataplane(Consumer<EngineEvent> sink) throws NativeException {
        this(sink, new Sysctls());
    }

    public LinuxDataplane(Consumer<EngineEvent> sink, Sysctls sysctls) throws NativeException {
        this.sink = sink;
        this.sysctls = sysctls;
        LibC.get();
        this.timer = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "ipmpd-dataplane-timer");
            t.setDaemon(true);
            return t;
        });
        timer.setRemoveOnCancelPolicy(true);
        timer.prestartAllCoreThreads();   // now, so that it is born in this thread's namespace
        changeWarnings = new net.ipmpd.agent.log.RateLimitedLog(LOG, timer);
        List<AutoCloseable> opened = new ArrayList<>();
        try {
            requests = RtnetlinkSocket.openRequest();
            opened.add(requests);
            monitor = new KernelMonitor(table, this::fromKernel, timer, this::reportAddresses);
            opened.add(monitor);
            announcer = new Announcer(table, timer);
            opened.add(announcer);
            prober = new Prober(table, sink);
        } catch (NativeException | RuntimeException e) {
            for (AutoCloseable c : opened) {
                closeQuietly(c);
            }
            timer.shutdownNow();
            throw e;
        }
        addresses = new AddressOps(requests, table);
        routes = new OutboundRoutes(requests, table, sink);
        // its own thread: an nft run takes 100+ ms on a loaded host, and must not delay the
        // announcement repeats and IPv6 move bounds on the timer
        multicastThread = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "ipmpd-multicast");
            t.setDaemon(true);
            return t;
        });
        multicastThread.submit(() -> { });   // born now, in this thread's namespace
        nominees = new MulticastNominees(multicastThread);
        confirmations = new Ipv6MoveConfirmations(timer, Ipv6MoveConfirmations.BOUND_MS);
        monitor.observer(m -> {
            confirmations.observe(m);
            if (m instanceof RtnetlinkMessage.Route r && r.deleted() && r.portId() != 0 && routes.follows(r)) {
                deletedBySomeoneElse(r);
            }
            if (m instanceof RtnetlinkMessage.Route r && (r.deleted() ? routes.follows(r) : hasGateway(r))) {
                // the kernel dropped a route that follows a group, or someone added one that may
                // have to: learn and place it now, before a failure, not at the next one
                if (routeRefreshPending.compareAndSet(false, true)) {
                    timer.schedule(this::restoreRoutes, ROUTE_DEBOUNCE_MS, TimeUnit.MILLISECONDS);
                }
            }
        });
        monitor.addressChangesBySomeoneElse(this::unreported);
        monitor.addressChanges(this::scheduleObservation);
        warmUp();
    }

    /** Starts the threads: the first events (every interface, the routers) arrive from here on. */
    public void start() {
        prober.start();
        monitor.start();
        nominees.start();
    }

    /**
     * Carries out one action. Failures are logged naming the interface and group and never
     * thrown at the engine: what the kernel then reports (or a missing probe reply) is what the
     * engine acts on. Act first, log after.
     */
    public void execute(Action action) {
        if (!(action instanceof Action.SendProbe)) {
            lastChangeNanos = System.nanoTime();
            changedYet = true;
        }
        try {
            switch (action) {
                case Action.PlaceAddress a -> place(a);
                case Action.MoveAddress a -> move(a);
                case Action.RemoveAddress a -> remove(a);
                case Action.PlumbTestAddress a -> plumb(a);
                case Action.UnplumbTestAddress a -> {
                    prober.close(a.member(), a.testAddress().family());
                    addresses.delete(a.member(), a.testAddress().address(), a.testAddress().prefixLength());
                    LOG.info("test address {} removed from {}", a.testAddress(), a.member());
                }
                case Action.AnnounceAddress a -> {
                    announcer.announce(a.member(), a.address().address());
                    LOG.info("group {}: data address {} announced on {}", a.group(), a.address(), a.member());
                }
                case Action.SendProbe a -> prober.send(a);
                case Action.SetMembers a -> setMembers(a);
                case Action.SetOutbound a -> {
                    routes.setOutbound(a);
                    if (a.members().isEmpty()) {
                        LOG.info("group {}: removed from the configuration, its routes deleted", a.group());
                    } else {
                        LOG.info("group {}: outbound traffic via {}", a.group(), a.members());
                    }
                }
                case Action.SetNominees a -> nominees.nominate(a);
            }
        } catch (NativeException | RuntimeException e) {
            LOG.error("{} failed: {}", action, e.getMessage());
        }
    }

    private void place(Action.PlaceAddress a) throws NativeException {
        DataAddressConfig d = a.address();
        confirmations.settle(d.address(), a.member());
        addresses.add(a.member(), d.address(), d.prefixLength());
        announcer.announce(a.member(), d.address());
        LOG.info("group {}: data address {} placed on {}", a.group(), d, a.member());
    }

    /**
     * Make-before-break: add on {@code to}, announce from {@code to}, then delete from
     * {@code from}. Linux accepts the same address on two interfaces, so the address stays local
     * throughout and routes with it as preferred source survive (break-before-make deletes
     * them with the address). A failed delete must not stop the announcement: the address
     * already answers on the new member.
     */
    private void move(Action.MoveAddress a) throws NativeException {
        DataAddressConfig d = a.address();
        long t0 = System.nanoTime();
        confirmations.settle(d.address(), a.to());
        boolean leavesACopy = a.from() != null && !a.from().equals(a.to());
        if (d.address() instanceof java.net.Inet6Address && leavesACopy && !table.has(a.to(), d.address())) {
            moveIpv6(a, t0);
            return;
        }
        addresses.add(a.to(), d.address(), d.prefixLength());
        net.ipmpd.agent.history.FailoverSteps.addressAdded(a.group(), a.to(), d.address());
        // announce as soon as the new member holds the address; the old copy goes after
        announcer.announce(a.to(), d.address());
        net.ipmpd.agent.history.FailoverSteps.announced(a.group(), a.to(), d.address());
        NativeException deleteFailed = null;
        if (a.from() != null && !a.from().equals(a.to())) {
            try {
                addresses.delete(a.from(), d.address(), d.prefixLength());
            } catch (NativeException e) {
                deleteFailed = e;
            }
        }
        long took = System.nanoTime() - t0;
        lastMoveNanos = took;
        // no route rewrite here: the address stays local throughout, and the engine's SetOutbound
        // after the moves rewrites each route once with the new members
        LOG.info("group {}: data address {} moved from {} to {} ({}), announced in {} us",
                a.group(), d, a.from(), a.to(), a.cause().yangName(), took / 1000);
        if (deleteFailed != null) {
            LOG.error("group {}: data address {} is now also still on {}: {}", a.group(), d, a.from(), deleteFailed.getMessage());
        }
    }

    /**
     * IPv6 make-before-break: the add is acked before the new copy works (its local route comes
     * later from the kernel's DAD work queue), so the announcement and the delete of the old copy
     * wait for the kernel's confirmation, bounded ({@link Ipv6MoveConfirmations}).
     */
    private void moveIpv6(Action.MoveAddress a, long t0) throws NativeException {
        DataAddressConfig d = a.address();
        int toIndex = table.index(a.to()).orElseThrow(() -> new NativeException("move " + d + " to " + a.to()
                + ": no such interface", LibC.ENODEV));
        confirmations.expect(d.address(), toIndex, a.from(), confirmed -> finishIpv6Move(a, t0, confirmed));
        try {
            addresses.add(a.to(), d.address(), d.prefixLength());
        } catch (NativeException e) {
            confirmations.settle(d.address(), a.from());   // the old copy stays: it is the only one
            throw e;
        }
    }

    /** On the monitor thread once the new copy is confirmed, or on the timer once the bound passed. */
    private void finishIpv6Move(Action.MoveAddress a, long t0, boolean confirmed) {
        DataAddressConfig d = a.address();
        long confirmedAfter = System.nanoTime() - t0;
        // the step where the new copy works (the kernel's confirmation, or the bound), not the add's ack
        net.ipmpd.agent.history.FailoverSteps.addressAdded(a.group(), a.to(), d.address());
        try {
            announcer.announce(a.to(), d.address());
            net.ipmpd.agent.history.FailoverSteps.announced(a.group(), a.to(), d.address());
        } catch (NativeException | RuntimeException e) {
            LOG.error("group {}: announcing {} on {} failed: {}", a.group(), d, a.to(), e.getMessage());
        }
        try {
            addresses.delete(a.from(), d.address(), d.prefixLength());
        } catch (NativeException | RuntimeException e) {
            LOG.error("group {}: data address {} is now also still on {}: {}", a.group(), d, a.from(), e.getMessage());
        }
        lastMoveNanos = System.nanoTime() - t0;
        LOG.info("group {}: data address {} moved from {} to {} ({}); {} after {} us, then announced and deleted from {}",
                a.group(), d, a.from(), a.to(), a.cause().yangName(),
                confirmed ? "the kernel confirmed the new copy" : "no confirmation of the new copy from the kernel",
                confirmedAfter / 1000, a.from());
    }

    private void remove(Action.RemoveAddress a) throws NativeException {
        DataAddressConfig d = a.address();
        if (confirmations.willDelete(d.address(), a.member())) {
            // an IPv6 move's old copy: it goes once the kernel confirms the new one, not before
            LOG.debug("group {}: data address {} leaves {} when its move completes", a.group(), d, a.member());
            return;
        }
        confirmations.settle(d.address(), null);
        addresses.delete(a.member(), d.address(), d.prefixLength());
        LOG.info("group {}: data address {} removed from {}", a.group(), d, a.member());
    }

    /**
     * The group's members: the nominee filter covers them, and they (and the host, when a group
     * has several) get the sysctls IPMP needs, from the timer thread, which lives in our
     * namespace (the engine's thread may not).
     */
    private void setMembers(Action.SetMembers a) {
        if (a.members().isEmpty()) {
            membersOfGroup.remove(a.group());
        } else {
            membersOfGroup.put(a.group(), a.members());
        }
        nominees.members(a.group(), a.members());
        boolean multipath = membersOfGroup.values().stream().anyMatch(m -> m.size() > 1);
        timer.execute(() -> {
            sysctls.applyHost(multipath);
            applyMemberSysctls();
        });
    }

    private void plumb(Action.PlumbTestAddress a) throws NativeException {
        TestAddress t = a.testAddress();
        addresses.add(a.member(), t.address(), t.prefixLength());
        prober.open(a.member(), t.address());
        LOG.info("test address {} plumbed on {}", t, a.member());
    }

    /** Time of the last make-before-break move including the first announcement, in nanoseconds. */
    public long lastMoveNanos() {
        return lastMoveNanos;
    }

    /**
     * Tells the engine every address the kernel holds and where (start-up, after a resync, and
     * after someone else's change), read from the table the monitor keeps: the engine decides
     * what to adopt, put back, remove and announce.
     */
    private void reportAddresses() {
        // before the read: a change the engine makes after it is newer. But a step's actions run
        // after the step, which stamps them with its start: a read between the two shows the kernel
        // before them though the clock says it is newer, and the engine would put back what it is
        // about to place (a kernel-change move nobody made). So the read counts as taken when the
        // last change before it began, or before anything when there was none.
        long readAt = System.nanoTime();
        long takenAt = changedYet ? Math.min(readAt, lastChangeNanos) : Long.MIN_VALUE;
        List<EngineEvent.AddressChange> changes = new ArrayList<>();
        for (EngineEvent.AddressChange c; (c = unreportedChanges.poll()) != null; ) {
            changes.add(c);
        }
        unreportedCount.addAndGet(-changes.size());
        sink.accept(new EngineEvent.AddressesObserved(table.holdersByAddress(), takenAt, changes));
    }

    /** On the monitor thread: someone else's change, for the next read to name; a flood keeps the first few. */
    private void unreported(EngineEvent.AddressChange c) {
        if (unreportedCount.incrementAndGet() <= MAX_UNREPORTED_CHANGES) {
            unreportedChanges.add(c);
        } else {
            unreportedCount.decrementAndGet();
        }
    }

    /** On the monitor thread: someone else added or deleted an address; the engine hears of it once per burst. */
    private void scheduleObservation() {
        if (observationPending.compareAndSet(false, true)) {
            timer.schedule(() -> observeWhenQuiet(0), OBSERVE_DEBOUNCE_MS, TimeUnit.MILLISECONDS);
        }
    }

    /**
     * Reads once the engine's thread has not changed anything for a debounce period (at most
     * ten times longer): a read between two actions of one step shows half of it, which the
     * engine survives (it re-adds what it placed) but answers with needless re-adds and announcements.
     */
    private void observeWhenQuiet(int deferred) {
        if (deferred < 10 && System.nanoTime() - lastChangeNanos < TimeUnit.MILLISECONDS.toNanos(OBSERVE_DEBOUNCE_MS)) {
            timer.schedule(() -> observeWhenQuiet(deferred + 1), OBSERVE_DEBOUNCE_MS, TimeUnit.MILLISECONDS);
            return;
        }
        observationPending.set(false);
        reportAddresses();
    }

    /**
     * Issue 11: a process deleted a route ipmpd keeps (the kernel's own drops, port 0, are a link or
     * an address going: routine, and put back all the same). Named at once, before it can exit.
     */
    private void deletedBySomeoneElse(RtnetlinkMessage.Route r) {
        if (r.portId() == OWN_PID) {
            return;   // our first netlink socket's port is our pid
        }
        String route = r.destinationLength() == 0 ? "default"
                : net.ipmpd.engine.config.AddressText.of(r.destination()) + "/" + r.destinationLength();
        String by = requester.describe(r.portId(), false);
        changeWarnings.warn("route " + route, "changes by others", "route " + route + " deleted by " + by
                + ", not by ipmpd; putting it back");
    }

    private static boolean hasGateway(RtnetlinkMessage.Route r) {
        return r.table() == net.ipmpd.agent.linux.netlink.Rtnl.RT_TABLE_MAIN
                && r.nextHops().stream().anyMatch(h -> h.gateway() != null);
    }

    private void restoreRoutes() {
        routeRefreshPending.set(false);
        try {
            routes.refreshAll();
        } catch (NativeException | RuntimeException e) {
            LOG.warn("restoring the routes that follow the groups failed: {}", e.getMessage());
        }
    }

    /** Kernel events pass through here: the engine gets them first, then members that (re)appear get their sysctls. */
    private void fromKernel(EngineEvent e) {
        net.ipmpd.agent.history.FailoverSteps.kernelNotice(e);
        sink.accept(e);
        if (e instanceof EngineEvent.LinkReported l && l.running() && isMember(l.interfaceName())) {
            nominees.linkRunning(l.interfaceName());
        }
        if (e instanceof EngineEvent.LinkReported l && isMember(l.interfaceName())) {
            Integer before = sysctlsAppliedTo.put(l.interfaceName(), l.ifIndex());
            if (before == null || before != l.ifIndex()) {
                sysctls.applyMember(l.interfaceName());
            }
        } else if (e instanceof EngineEvent.InterfaceRemoved r) {
            sysctlsAppliedTo.remove(r.interfaceName());
        }
    }

    private boolean isMember(String name) {
        for (List<String> members : membersOfGroup.values()) {
            if (members.contains(name)) {
                return true;
            }
        }
        return false;
    }

    private void applyMemberSysctls() {
        for (List<String> members : membersOfGroup.values()) {
            for (String m : members) {
                table.index(m).ifPresent(i -> {
                    if (!Integer.valueOf(i).equals(sysctlsAppliedTo.put(m, i))) {
                        sysctls.applyMember(m);
                    }
                });
            }
        }
    }

    /**
     * The first failover of a fresh JVM was 6-80 ms slower than the rest (class loading, first
     * jnr calls, first string formatting; research note §5.3). Build one message of each kind
     * and run the codecs once, without side effects.
     */
    private void warmUp() {
        try {
            InetAddress v4 = InetAddress.getByName("198.18.0.1");
            InetAddress v6 = InetAddress.getByName("2001:2::1");
            byte[] mac = new byte[6];
            RtnetlinkParser.parse(RtnetlinkRequests.newAddress(1, 1, v4, 24));
            RtnetlinkParser.parse(RtnetlinkRequests.newAddress(1, 1, v6, 64));
            RtnetlinkParser.parse(RtnetlinkRequests.deleteAddress(1, 1, v4, 24));
            RtnetlinkParser.parse(RtnetlinkRequests.replaceSubnetRoute(1, v4, 24, v4, List.of(1, 2), 4, 0));
            ArpAnnouncement.encode(mac, (java.net.Inet4Address) v4);
            NeighborAdvertisement.encode((java.net.Inet6Address) v6, mac);
            IcmpEcho.parseReply(true, IcmpEcho.request(true, 1, 1, 1), IcmpEcho.LENGTH);
            SockAddr.packet(1, SockAddr.ETH_P_ARP, ArpAnnouncement.BROADCAST);
            new HashMap<>(table.links());
            String.format("%s %d", "warm", 1);
            LOG.debug("dataplane warmed up: {} interfaces known", table.links().size());
        } catch (java.net.UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    /** Subnet route requests sent so far (a failover should add one per route). */
    int subnetRouteRequests() {
        return routes.subnetRouteRequests();
    }

    /** Hands in the probe replies already waiting in the sockets; for the engine's thread before timers fire. */
    public void drainPendingReplies() {
        prober.drainPending();
    }

    /** Multicast probe replies dropped because they came from one of our own addresses. */
    long ownRepliesDropped() {
        return prober.ownRepliesDropped();
    }

    public InterfaceTable interfaces() {
        return table;
    }

    /**
     * Stops the threads, closes the sockets and restores the sysctls. Addresses and routes stay:
     * a daemon restart must not take a data address that is up off the wire.
     */
    @Override
    public void close() {
        nominees.close();   // the nominee rules and proxy memberships are ours: removed on exit
        multicastThread.shutdownNow();
        try {
            // /proc/sys/net is per namespace of the writing thread: restore from our own thread.
            timer.submit(sysctls::close).get(2, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException
                | java.util.concurrent.RejectedExecutionException e) {
            LOG.warn("restoring sysctls failed: {}", e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        timer.shutdownNow();
        try {
            timer.awaitTermination(1, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        prober.close();
        monitor.close();
        announcer.close();
        requests.close();
        sysctls.close();
    }

    private static void closeQuietly(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception e) {
            LOG.debug("close: {}", e.toString());
        }
    }
}
