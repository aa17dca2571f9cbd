package net.ipmpd.agent.linux;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import net.ipmpd.agent.linux.netlink.RtnetlinkMessage;
import net.ipmpd.agent.linux.netlink.RtnetlinkRequests;
import net.ipmpd.agent.linux.netlink.Rtnl;
import net.ipmpd.engine.event.EngineEvent;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * Watches the kernel through one subscribed rtnetlink socket (links, IPv4/IPv6 addresses and
 * routes) on its own thread, keeps the {@link InterfaceTable} current and reports link changes
 * and routers to the sink. No polling and no sysfs: sysfs shows the namespace of whoever mounted
 * it, a netlink socket always the one it was opened in.
 */
public final class KernelMonitor implements AutoCloseable {
    private static final Logger LOG = LogManager.getLogger(KernelMonitor.class);
    static final int GROUPS = Rtnl.RTMGRP_LINK | Rtnl.RTMGRP_IPV4_IFADDR | Rtnl.RTMGRP_IPV6_IFADDR
            | Rtnl.RTMGRP_IPV4_ROUTE | Rtnl.RTMGRP_IPV6_ROUTE;
    /** Route changes come in bursts (an address move deletes and adds several); report once. */
    static final long ROUTER_DEBOUNCE_MS = 200;

    private final InterfaceTable table;
    private final Runnable afterAddressDump;
    private final java.util.concurrent.atomic.AtomicInteger resyncs = new java.util.concurrent.atomic.AtomicInteger();
    private final Consumer<EngineEvent> sink;
    private final ScheduledExecutorService scheduler;
    private final RtnetlinkSocket events;
    private final RtnetlinkSocket dumps;
    private final Thread thread;
    private volatile boolean running = true;
    private final java.util.concurrent.atomic.AtomicBoolean routerScanPending = new java.util.concurrent.atomic.AtomicBoolean();
    private List<EngineEvent.Router> lastRouters = List.of();
    /** Sees every message the monitor receives (IPv6 make-before-break waits on them). */
    private volatile Consumer<RtnetlinkMessage> observer = m -> { };
    /** Told when an event added or removed an address the table did not know of: not our own change. */
    private volatile Runnable addressChanged = () -> { };
    private volatile Consumer<EngineEvent.AddressChange> changedBySomeoneElse = c -> { };
    private final Requester requester = new Requester();
    private boolean routersReported;

    /**
     * Subscribes first and dumps after, so that no change falls between the two; the dump fills
     * the table before this returns. Call on a thread of the namespace to watch; the monitor
     * thread is created here and inherits it.
     */
    public KernelMonitor(InterfaceTable table, Consumer<EngineEvent> sink, ScheduledExecutorService scheduler)
            throws NativeException {
        this(table, sink, scheduler, () -> { });
    }

    /**
     * @param afterAddressDump called on the monitor thread after the initial report and after
     *        every resync, once the table holds the kernel's addresses (the dataplane reports
     *        where data addresses are from here)
     */
    public KernelMonitor(InterfaceTable table, Consumer<EngineEvent> sink, ScheduledExecutorService scheduler,
            Runnable afterAddressDump) throws NativeException {
        this(table, sink, scheduler, afterAddressDump, 1 << 20);
    }

    KernelMonitor(InterfaceTable table, Consumer<EngineEvent> sink, ScheduledExecutorService scheduler,
            Runnable afterAddressDump, int receiveBuffer) throws NativeException {
        this.afterAddressDump = afterAddressDump;
        this.table = table;
        this.sink = sink;
        this.scheduler = scheduler;
        this.events = RtnetlinkSocket.openMonitor(GROUPS, 250, receiveBuffer);
        try {
            this.dumps = RtnetlinkSocket.openRequest();
            table.resync(links(dumps.dump(RtnetlinkRequests::linkDump, "dump links")));
            table.resyncAddresses(addresses(dumps.dump(RtnetlinkRequests::addressDump, "dump addresses")));
        } catch (NativeException e) {
            events.close();
            throw e;
        }
        this.thread = new Thread(this::run, "ipmpd-netlink-monitor");
        thread.setDaemon(true);
        thread.setPriority(Thread.MAX_PRIORITY);
    }

    /**
     * Reports every known interface, then (through the callback) where data addresses are, then
     * LinkDumpCompleted and the routers, and follows events until close().
     */
    public void start() {
        thread.start();
    }

    private void run() {
        try {
            table.report().forEach(sink);
            afterAddressDump.run();
            // every interface that exists has been reported: a configured member not among them is absent
            sink.accept(new EngineEvent.LinkDumpCompleted());
            scanRouters();
            while (running) {
                List<RtnetlinkMessage> batch;
                try {
                    batch = events.receiveEvents();
                } catch (NativeException e) {
                    if (e.errno() == LibC.ENOBUFS) {
                        LOG.warn("netlink monitor overflowed (ENOBUFS): events were lost, resynchronising links, addresses and routes");
                        resyncs.incrementAndGet();
                        events.drainEvents();
                        resync();
                        continue;
                    }
                    throw e;
                }
                handle(awaitDeletion(batch));
            }
        } catch (NativeException | RuntimeException e) {
            if (running) {
                LOG.error("netlink monitor stopped: {}; link changes are no longer seen", e.toString(), e);
            }
        } finally {
            events.close();
            dumps.close();
        }
    }

    /**
     * An interface that goes administratively down (IFF_UP cleared) may be on its way out: the
     * kernel closes a device before it deletes it. Such a batch waits for the deletion, up to
     * {@link #DELETION_WAIT_MS}, so that a removal is reported as one and not as a failure first;
     * the wait ends as soon as every closed interface's RTM_DELLINK has come. A carrier loss
     * (IFF_UP still set) never waits.
     */
    private List<RtnetlinkMessage> awaitDeletion(List<RtnetlinkMessage> batch) throws NativeException {
        Set<Integer> closed = new HashSet<>();
        Set<Integer> deleted = new HashSet<>();
        for (RtnetlinkMessage m : batch) {
            if (m instanceof RtnetlinkMessage.Link l) {
                if (l.type() == Rtnl.RTM_DELLINK) {
                    deleted.add(l.index());
                } else if ((l.flags() & Rtnl.IFF_UP) == 0 && table.link(l.name()).map(InterfaceTable.Link::running).orElse(false)) {
                    closed.add(l.index());
                }
            }
        }
        closed.removeAll(deleted);
        if (closed.isEmpty()) {
            return batch;
        }
        List<RtnetlinkMessage> more = new ArrayList<>(batch);
        more.addAll(events.receiveWithin(DELETION_WAIT_MS, arrived -> {
            for (RtnetlinkMessage m : arrived) {
                if (m instanceof RtnetlinkMessage.Link l && l.type() == Rtnl.RTM_DELLINK) {
                    closed.remove(l.index());
                }
            }
            return closed.isEmpty();
        }));
        return more;
    }

    /**
     * How long a close waits for its deletion. Between the two notices the kernel flushes every
     * CPU's backlog and waits for an RCU grace period: 0.1-0.8 ms on an idle 2-core VM, up to 6 ms
     * with two busy loops, more than 10 ms under the suite's load (a removal was then reported
     * as a link failure first). A close that is not a removal (ip link set down) fails over this
     * much later; a removal ends the wait as soon as it is seen.
     */
    private static final int DELETION_WAIT_MS = 50;

    void handle(List<RtnetlinkMessage> batch) {
        boolean routesChanged = false;
        boolean addressesChanged = false;
        // the kernel closes an interface (a link-down) just before it deletes it: that is a
        // removal, not a failure, so a link message is dropped when its interface goes in this batch
        Set<Integer> deleted = new HashSet<>();
        for (RtnetlinkMessage m : batch) {
            if (m instanceof RtnetlinkMessage.Link l && l.type() == Rtnl.RTM_DELLINK) {
                deleted.add(l.index());
            }
        }
        for (RtnetlinkMessage m : batch) {
            observer.accept(m);
            switch (m) {
                case RtnetlinkMessage.Link l when l.type() == Rtnl.RTM_NEWLINK && deleted.contains(l.index()) -> {
                }
                case RtnetlinkMessage.Link l -> table.apply(l).forEach(sink);
                case RtnetlinkMessage.Address a -> {
                    if (table.apply(a)) {
                        addressesChanged = true;
                        someoneElses(a);
                    }
                }
                case RtnetlinkMessage.Route r -> routesChanged |= !r.nextHops().isEmpty();
                default -> {
                }
            }
        }
        if (routesChanged) {
            scheduleRouterScan();
        }
        if (addressesChanged) {
            addressChanged.run();
        }
    }

    /**
     * Set once, before {@link #start()}: called on the monitor thread after a batch in which an
     * interface gained or lost an address that the table did not already show (our own changes
     * are recorded before their echo arrives, so this is someone else's, or a link flush).
     */
    void addressChanges(Runnable r) {
        addressChanged = r;
    }

    /**
     * Set once, before {@link #start()}: told of each address change the table did not already
     * show (someone else's), with who made it, before the batch's {@link #addressChanges} call.
     */
    void addressChangesBySomeoneElse(Consumer<EngineEvent.AddressChange> c) {
        changedBySomeoneElse = c;
    }

    /** On the monitor thread, at once: the requester may exit within a millisecond, and with it its /proc entry. */
    private void someoneElses(RtnetlinkMessage.Address a) {
        table.name(a.index()).ifPresent(name -> changedBySomeoneElse.accept(new EngineEvent.AddressChange(
                InterfaceTable.plain(a.address()), name, !a.deleted(),
                requester.describe(a.portId(), a.address() instanceof java.net.Inet6Address))));
    }

    /** Set once, before {@link #start()}. */
    void observer(Consumer<RtnetlinkMessage> o) {
        observer = o;
    }

    private void resync() throws NativeException {
        table.resync(links(dumps.dump(RtnetlinkRequests::linkDump, "dump links"))).forEach(sink);
        table.resyncAddresses(addresses(dumps.dump(RtnetlinkRequests::addressDump, "dump addresses")));
        afterAddressDump.run();
        scanRouters();
    }

    /** Called on the monitor thread: never waits for a scan in progress. */
    private void scheduleRouterScan() {
        if (routerScanPending.compareAndSet(false, true)) {
            scheduler.schedule(() -> {
                routerScanPending.set(false);
                scanRoutersLogged();
            }, ROUTER_DEBOUNCE_MS, TimeUnit.MILLISECONDS);
        }
    }

    private void scanRoutersLogged() {
        try {
            scanRouters();
        } catch (NativeException | RuntimeException e) {
            LOG.warn("route dump for router discovery failed: {}", e.toString());
        }
    }

    /** Dumps the routes and reports the routers when they changed (and always the first time). */
    private synchronized void scanRouters() throws NativeException {
        List<RtnetlinkMessage> routes = dumps.dump(RtnetlinkRequests::routeDump, "dump routes");
        List<EngineEvent.Router> routers = RouterDiscovery.routers(routes, table::name);
        if (!routersReported || !routers.equals(lastRouters)) {
            routersReported = true;
            lastRouters = routers;
            sink.accept(new EngineEvent.RoutersReported(routers));
        }
    }

    static List<RtnetlinkMessage.Link> links(List<RtnetlinkMessage> dump) {
        List<RtnetlinkMessage.Link> out = new ArrayList<>();
        dump.forEach(m -> {
            if (m instanceof RtnetlinkMessage.Link l) {
                out.add(l);
            }
        });
        return out;
    }

    static List<RtnetlinkMessage.Address> addresses(List<RtnetlinkMessage> dump) {
        List<RtnetlinkMessage.Address> out = new ArrayList<>();
        dump.forEach(m -> {
            if (m instanceof RtnetlinkMessage.Address a) {
                out.add(a);
            }
        });
        return out;
    }

    /** Fresh address dump on the monitor's dump socket (reconciliation). */
    public List<RtnetlinkMessage.Address> dumpAddresses() throws NativeException {
        return addresses(dumps.dump(RtnetlinkRequests::addressDump, "dump addresses"));
    }

    /** How often events were lost (ENOBUFS) and the state was re-dumped. */
    public int resyncs() {
        return resyncs.get();
    }

    @Override
    public void close() {
        running = false;
        if (Thread.currentThread() != thread && thread.isAlive()) {
            try {
                thread.join(2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        } else if (!thread.isAlive()) {
            events.close();
            dumps.close();
        }
    }
}
