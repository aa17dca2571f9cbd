package net.ipmpd.engine.sim;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.SplittableRandom;
import java.util.function.Predicate;
import net.ipmpd.engine.Command;
import net.ipmpd.engine.CommandResult;
import net.ipmpd.engine.Engine;
import net.ipmpd.engine.EngineOutput;
import net.ipmpd.engine.action.Action;
import net.ipmpd.engine.config.EngineConfig;
import net.ipmpd.engine.config.GroupConfig;
import net.ipmpd.engine.config.MemberConfig;
import net.ipmpd.engine.event.EngineEvent;
import net.ipmpd.engine.event.EngineEvent.InterfaceRemoved;
import net.ipmpd.engine.event.EngineEvent.LinkDumpCompleted;
import net.ipmpd.engine.event.EngineEvent.LinkReported;
import net.ipmpd.engine.event.EngineEvent.ProbeReplied;
import net.ipmpd.engine.event.EngineEvent.Router;
import net.ipmpd.engine.event.EngineEvent.RoutersReported;
import net.ipmpd.engine.notify.Notification;
import net.ipmpd.engine.state.EngineSnapshot;

/**
 * The engine wired to a {@link SimulatedNetwork} in simulated time: deterministic (seeded) and
 * fast, so any sequence of failures, repairs and admin actions can be replayed exactly. Time is
 * in nanoseconds; the helpers take milliseconds.
 */
public final class Simulation {
    private static final long MS = 1_000_000L;

    private record Scheduled(long at, long order, EngineEvent event) {
    }

    private final PriorityQueue<Scheduled> queue = new PriorityQueue<>(
            (a, b) -> a.at != b.at ? Long.compare(a.at, b.at) : Long.compare(a.order, b.order));
    private final SimulatedNetwork network;
    private final Engine engine;
    private final List<Notification> notifications = new ArrayList<>();
    private final List<Action> actions = new ArrayList<>();
    private final List<Action> stepActions = new ArrayList<>();
    private final EngineOutput output = new EngineOutput() {
        @Override
        public void act(Action action) {
            stepActions.add(action);
        }

        @Override
        public void notify(Notification notification) {
            notifications.add(notification);
        }
    };
    private final long start;
    private long now;
    private long order;
    /** When positive, the daemon is busy: it only runs every this many nanoseconds (see {@link #busy}). */
    private long busyPeriodNanos;
    private long replyDelayMinNanos;
    private long replyDelayMaxNanos;
    private final java.util.SplittableRandom delays = new java.util.SplittableRandom(7);

    /**
     * Builds the network from the configuration: one simulated NIC per configured member (all
     * up), and one host per static target.
     */
    public Simulation(EngineConfig config, long seed) {
        this.start = 1_000 * MS;
        this.now = start;
        this.network = new SimulatedNetwork((delay, event) -> queue.add(new Scheduled(now + delay, order++, event)));
        for (GroupConfig g : config.groups()) {
            for (MemberConfig m : g.members()) {
                network.addNic(m.interfaceName());
            }
        }
        this.engine = new Engine(config, new SplittableRandom(seed), now);
    }

    public SimulatedNetwork network() {
        return network;
    }

    public Engine engine() {
        return engine;
    }

    /** Reports every present NIC, then the end of the dump, as the Linux dataplane does at start. */
    public Simulation start() {
        for (SimulatedNetwork.Nic n : network.nics()) {
            if (n.present) {
                deliver(new LinkReported(n.name, n.ifIndex, network.running(n.name), n.hardwareAddress()));
            }
        }
        deliver(new LinkDumpCompleted());
        return this;
    }

    /** Simulated milliseconds since the simulation started. */
    public double elapsedMs() {
        return (now - start) / (double) MS;
    }

    public long nowNanos() {
        return now;
    }

    /** Delivers an event now and carries out the actions it produced. */
    public void deliver(EngineEvent event) {
        engine.handle(event, now, output);
        flushActions();
    }

    /** Carries out a manager's command now, as the daemon's command path does. */
    public CommandResult execute(Command command) {
        CommandResult r = engine.execute(command, now, now, output);
        flushActions();
        return r;
    }

    private void flushActions() {
        for (int i = 0; i < stepActions.size(); i++) {
            Action a = stepActions.get(i);
            actions.add(a);
            network.execute(a);
        }
        stepActions.clear();
    }

    /** Runs the simulation for {@code ms} milliseconds. */
    public Simulation advanceMs(double ms) {
        runUntil((long) (now + ms * MS));
        return this;
    }

    /**
     * Runs until the condition holds (checked after every step) or {@code maxMs} passed.
     *
     * @return the milliseconds it took, or -1 if the condition never held
     */
    public double runUntil(Predicate<Simulation> condition, double maxMs) {
        long begin = now;
        long end = (long) (now + maxMs * MS);
        if (condition.test(this)) {
            return 0;
        }
        while (true) {
            long next = nextTime();
            if (next > end) {
                now = end;
                return -1;
            }
            step(next);
            if (condition.test(this)) {
                return (now - begin) / (double) MS;
            }
        }
    }

    private void runUntil(long end) {
        while (true) {
            long next = nextTime();
            if (next > end) {
                now = Math.max(now, end);
                engine.advance(now, output);
                flushActions();
                return;
            }
            step(next);
        }
    }

    /**
     * A busy host: the daemon gets the CPU only every {@code periodMs}. Each time it runs it reads
     * every reply that arrived meanwhile (with the kernel's receive stamp) and every other queued
     * event in arrival order, as the agent's runner does, and then lets its clock catch up.
     */
    public Simulation busy(double periodMs) {
        busyPeriodNanos = (long) (periodMs * MS);
        return this;
    }

    /**
     * The receiving side is slow: each reply reaches the engine {@code minMs}..{@code maxMs}
     * after the kernel stamped it (the stamp is what the engine sees as its receive time).
     */
    public Simulation replyProcessingDelay(double minMs, double maxMs) {
        replyDelayMinNanos = (long) (minMs * MS);
        replyDelayMaxNanos = (long) (maxMs * MS);
        return this;
    }

    private long nextTime() {
        long t = engine.nextDeadline();
        Scheduled s = queue.peek();
        if (s != null) {
            t = Math.min(t, s.at);
        }
        t = Math.max(t, now);
        if (busyPeriodNanos > 0 && t != Long.MAX_VALUE) {
            t = (Math.floorDiv(t - start - 1, busyPeriodNanos) + 1) * busyPeriodNanos + start;
        }
        return t;
    }

    private void step(long at) {
        now = at;
        if (busyPeriodNanos > 0) {
            busyStep();
            return;
        }
        Scheduled s = queue.peek();
        if (s != null && s.at <= at) {
            queue.poll();
            EngineEvent e = s.event;
            if (e instanceof ProbeReplied p) {
                SimulatedNetwork.Nic n = network.nic(p.interfaceName());
                if (!n.present || !n.carrier || !n.forwarding) {
                    return;   // the reply was lost on its way back
                }
                if (p.receivedAtNanos() < 0 && replyDelayMaxNanos > 0) {
                    // stamped by the kernel now, read by the daemon later
                    long delay = replyDelayMinNanos + delays.nextLong(replyDelayMaxNanos - replyDelayMinNanos + 1);
                    queue.add(new Scheduled(now + delay, order++, new ProbeReplied(p.interfaceName(), p.family(), p.from(),
                            p.sequence(), now)));
                    return;
                }
                e = new ProbeReplied(p.interfaceName(), p.family(), p.from(), p.sequence(),
                        p.receivedAtNanos() < 0 ? now : p.receivedAtNanos());
            }
            engine.handle(e, now, output);
        } else {
            engine.advance(now, output);
        }
        flushActions();
    }

    private void busyStep() {
        while (!queue.isEmpty() && queue.peek().at <= now) {
            Scheduled s = queue.poll();
            EngineEvent e = s.event;
            if (e instanceof ProbeReplied p) {
                SimulatedNetwork.Nic n = network.nic(p.interfaceName());
                if (!n.present || !n.carrier || !n.forwarding) {
                    continue;
                }
                e = new ProbeReplied(p.interfaceName(), p.family(), p.from(), p.sequence(), s.at);
            }
            engine.handle(e, s.at, now, output);
            flushActions();
        }
        engine.advance(now, output);
        flushActions();
    }

    /**
     * The daemon itself stops for {@code ms} (a long GC pause, SIGSTOP): nothing runs, the network
     * goes on. Afterwards the replies that arrived meanwhile are read with the kernel's receive
     * times, in order, each after the timers due before it (as the agent's runner hands them in),
     * and then the clock catches up.
     */
    public Simulation stall(double ms) {
        long end = (long) (now + ms * MS);
        List<Scheduled> arrived = new ArrayList<>();
        while (!queue.isEmpty() && queue.peek().at <= end) {
            arrived.add(queue.poll());
        }
        now = end;
        for (Scheduled s : arrived) {
            EngineEvent e = s.event;
            if (e instanceof ProbeReplied p) {
                SimulatedNetwork.Nic n = network.nic(p.interfaceName());
                if (!n.present || !n.carrier || !n.forwarding) {
                    continue;
                }
                e = new ProbeReplied(p.interfaceName(), p.family(), p.from(), p.sequence(), s.at);
            }
            engine.handle(e, now, output);
            flushActions();
        }
        engine.advance(now, output);
        flushActions();
        return this;
    }

    // ------------------------------------------------------------------ faults and commands

    /** The cable is pulled (carrier lost): the kernel reports the link down at once. */
    public Simulation carrierDown(String nic) {
        network.setCarrier(nic, false);
        return deliverIfPresent(nic);
    }

    public Simulation carrierUp(String nic) {
        network.setCarrier(nic, true);
        return deliverIfPresent(nic);
    }

    private Simulation deliverIfPresent(String nic) {
        SimulatedNetwork.Nic n = network.nic(nic);
        if (n.present) {
            deliver(new LinkReported(nic, n.ifIndex, network.running(nic), n.hardwareAddress()));
        }
        return this;
    }

    /** {@code ip link set dev NIC address ADDRESS}: the kernel reports the link with its new address. */
    public Simulation hardwareAddress(String nic, String address) {
        network.setHardwareAddress(nic, address);
        return deliverIfPresent(nic);
    }

    /** The switch port stops forwarding while the carrier stays up: only probes can tell. */
    public Simulation portBlocked(String nic, boolean blocked) {
        network.setForwarding(nic, !blocked);
        return this;
    }

    public Simulation targetAlive(InetAddress target, boolean alive) {
        network.setAlive(target, alive);
        return this;
    }

    /** Hot removal of the NIC (RTM_DELLINK). */
    public Simulation removeNic(String nic) {
        network.setPresent(nic, false);
        deliver(new InterfaceRemoved(nic));
        return this;
    }

    /** The NIC appears (module loaded, USB NIC plugged, DR attach). */
    public Simulation insertNic(String nic) {
        network.setPresent(nic, true);
        return deliverIfPresent(nic);
    }

    public Simulation routers(List<Router> routers) {
        deliver(new RoutersReported(routers));
        return this;
    }

    public CommandResult offline(String nic) {
        return execute(new Command.Offline(nic));
    }

    public CommandResult online(String nic) {
        return execute(new Command.Online(nic));
    }

    public CommandResult configure(EngineConfig config) {
        for (GroupConfig g : config.groups()) {
            for (MemberConfig m : g.members()) {
                try {
                    network.nic(m.interfaceName());
                } catch (IllegalArgumentException absent) {
                    // a new NIC: the dataplane reports every link, configured or not
                    SimulatedNetwork.Nic n = network.addNic(m.interfaceName());
                    deliver(new LinkReported(n.name, n.ifIndex, true, n.hardwareAddress()));
                }
            }
        }
        return execute(new Command.ReplaceConfig(config, Optional.empty(), Command.Save.RUNNING_ONLY));
    }

    // ------------------------------------------------------------------ observations

    public EngineSnapshot snapshot() {
        return engine.snapshot();
    }

    public List<Notification> notifications() {
        return List.copyOf(notifications);
    }

    public int notificationMark() {
        return notifications.size();
    }

    public List<Notification> notificationsSince(int mark) {
        return List.copyOf(notifications.subList(mark, notifications.size()));
    }

    public List<Action> actions() {
        return List.copyOf(actions);
    }

    public int actionMark() {
        return actions.size();
    }

    public List<Action> actionsSince(int mark) {
        return List.copyOf(actions.subList(mark, actions.size()));
    }

    /** Counts notifications of each kind, for summaries. */
    public Map<String, Integer> notificationCounts() {
        Map<String, Integer> m = new HashMap<>();
        notifications.forEach(n -> m.merge(n.getClass().getSimpleName(), 1, Integer::sum));
        return m;
    }
}
