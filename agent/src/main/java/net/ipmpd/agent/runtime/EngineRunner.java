package net.ipmpd.agent.runtime;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.random.RandomGenerator;
import net.ipmpd.engine.Command;
import net.ipmpd.engine.CommandResult;
import net.ipmpd.engine.Outcome;
import net.ipmpd.engine.Engine;
import net.ipmpd.engine.EngineOutput;
import net.ipmpd.engine.IpmpService;
import net.ipmpd.engine.action.Action;
import net.ipmpd.engine.config.EngineConfig;
import net.ipmpd.engine.event.EngineEvent;
import net.ipmpd.engine.notify.Notification;
import net.ipmpd.engine.notify.Notification.ProbeCompleted;
import net.ipmpd.engine.notify.Notification.TargetChanged;
import net.ipmpd.engine.state.EngineSnapshot;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * Runs an {@link Engine} on one writer thread with the real monotonic clock: events and commands
 * are queued to it, its actions are carried out on that same thread (act first), then a new
 * immutable snapshot is published and the notifications are handed to a dispatch thread (log
 * after). Readers never touch the engine.
 */
public final class EngineRunner implements IpmpService, Consumer<EngineEvent>, AutoCloseable {
    private static final Logger LOG = LogManager.getLogger(EngineRunner.class);
    /** Probe statistics alone refresh the snapshot at most this often; state changes at once. */
    private static final long QUIET_PUBLISH_NANOS = 100_000_000L;

    /**
     * An event from the dataplane, or a manager's command with the future of its outcome, and when
     * it was queued: the time it happened, as far as the engine can know.
     */
    private record Input(EngineEvent event, long queuedAtNanos, Command command, CompletableFuture<Outcome> outcome) {
        static Input event(EngineEvent event, long queuedAtNanos) {
            return new Input(event, queuedAtNanos, null, null);
        }

        boolean fromManager() {
            return outcome != null;
        }

        Object what() {
            return command != null ? command : event;
        }
    }

    private final Engine engine;
    private final Consumer<Action> dataplane;
    private final BlockingQueue<Input> inputs = new LinkedBlockingQueue<>();
    private final BlockingQueue<Notification> outbox = new LinkedBlockingQueue<>();
    private final List<Consumer<Notification>> listeners = new CopyOnWriteArrayList<>();
    private final List<Consumer<EngineConfig>> configListeners = new CopyOnWriteArrayList<>();
    private final long startNanos;
    private final Instant startWall;
    private final Thread writer;
    private final Thread dispatcher;
    private volatile EngineSnapshot snapshot;
    private volatile boolean running = true;
    private long publishedVersion = -1;
    private long lastPublish;
    /** Reads what the dataplane has received but not queued yet; see {@link #drainBeforeTimers}. */
    private volatile Runnable pendingDrain = () -> { };
    /** Tasks for the writer thread between steps; see {@link #betweenSteps}. */
    private final java.util.concurrent.ConcurrentLinkedQueue<Runnable> betweenSteps = new java.util.concurrent.ConcurrentLinkedQueue<>();
    /** The inputs of one writer step, in the order they happened; only touched by the writer thread. */
    private final List<Input> batch = new ArrayList<>();

    /** Step-local buffers, only touched by the writer thread. */
    private final List<Action> stepActions = new ArrayList<>();
    private final List<Notification> stepNotifications = new ArrayList<>();
    private final EngineOutput output = new EngineOutput() {
        @Override
        public void act(Action action) {
            stepActions.add(action);
        }

        @Override
        public void notify(Notification notification) {
            stepNotifications.add(notification);
        }
    };

    public EngineRunner(EngineConfig config, Consumer<Action> dataplane, RandomGenerator random) {
        this.startNanos = System.nanoTime();
        this.startWall = Instant.now();
        this.engine = new Engine(config, random, startNanos);
        this.dataplane = dataplane;
        this.snapshot = engine.snapshot();
        this.writer = Thread.ofPlatform().name("ipmpd-engine").daemon().unstarted(this::runWriter);
        this.writer.setPriority(Thread.MAX_PRIORITY);
        this.dispatcher = Thread.ofPlatform().name("ipmpd-notify").daemon().unstarted(this::runDispatcher);
    }

    public void start() {
        writer.start();
        dispatcher.start();
    }

    /** Events from the dataplane: queued for the writer thread. */
    @Override
    public void accept(EngineEvent event) {
        inputs.add(Input.event(event, System.nanoTime()));
    }


    @Override
    public CompletableFuture<Outcome> execute(Command command, Duration timeout) {
        CompletableFuture<Outcome> f = new CompletableFuture<>();
        if (!running) {
            f.complete(new Outcome.Failed("ipmpd is shutting down", null));
            return f;
        }
        Input in = new Input(null, System.nanoTime(), command, f);
        inputs.add(in);
        if (!running && inputs.remove(in)) {
            // close() ran between the check above and the queueing: nobody would answer it
            f.complete(new Outcome.Failed("ipmpd is shutting down", null));
        }
        return f.completeOnTimeout(new Outcome.TimedOut(timeout), timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    @Override
    public EngineSnapshot snapshot() {
        return snapshot;
    }

    @Override
    public AutoCloseable subscribe(Consumer<Notification> listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    /**
     * A hook the writer thread runs whenever a timer is due, before it fires: the dataplane hands
     * in (via {@link #accept}) the replies already waiting in its sockets, so a receive thread
     * that a busy host has not scheduled yet never makes a probe count as lost.
     */
    public void drainBeforeTimers(Runnable drain) {
        this.pendingDrain = drain;
    }

    /**
     * Runs a task on the writer thread between two steps (within one quiet-publish period): the
     * actions of every step so far have been executed and the snapshot shows their placement, so
     * a task that compares the kernel with the placement never races a move in flight.
     */
    public void betweenSteps(Runnable task) {
        betweenSteps.add(task);
    }

    private void runBetweenSteps() {
        for (Runnable task; (task = betweenSteps.poll()) != null; ) {
            try {
                task.run();
            } catch (RuntimeException e) {
                LOG.error("a task between engine steps failed: {}", e.toString(), e);
            }
        }
    }

    /** Called on the writer thread after every accepted configuration change (before the snapshot). */
    public void onConfigApplied(Consumer<EngineConfig> listener) {
        configListeners.add(listener);
    }

    @Override
    public Instant wallClock(long engineNanos) {
        return startWall.plusNanos(engineNanos - startNanos);
    }

    @Override
    public long uptimeNanos(long engineNanos) {
        return engineNanos - startNanos;
    }

    private void runWriter() {
        while (running) {
            try {
                long now = System.nanoTime();
                long deadline = engine.nextDeadline();
                long wait = Math.min(deadline - now, QUIET_PUBLISH_NANOS);
                Input first = wait > 0 ? inputs.poll(wait, TimeUnit.NANOSECONDS) : inputs.poll();
                if (first != null) {
                    batch.add(first);
                }
                if (engine.nextDeadline() <= System.nanoTime()) {
                    // a timer will fire: what the sockets already hold comes in first
                    runPendingDrain();
                }
                inputs.drainTo(batch);
                // every queued event goes in at the time it happened (a reply at its kernel
                // stamp), oldest first, before the clock moves on: a send tick that is due never
                // judges a probe lost whose reply is already here
                batch.sort(Comparator.comparingLong(EngineRunner::occurredAt));
                for (int i = 0; i < batch.size(); i++) {
                    step(batch.get(i), i == batch.size() - 1);
                }
                if (batch.isEmpty()) {
                    step(null, true);
                }
                batch.clear();
                runBetweenSteps();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private void runPendingDrain() {
        try {
            pendingDrain.run();
        } catch (RuntimeException e) {
            LOG.error("reading pending replies failed: {}", e.toString(), e);
        }
    }

    /** When an input happened: a probe reply at its receive stamp when that is earlier than its queueing. */
    private static long occurredAt(Input in) {
        if (in.event() instanceof EngineEvent.ProbeReplied r && r.receivedAtNanos() > 0) {
            return Math.min(r.receivedAtNanos(), in.queuedAtNanos());
        }
        return in.queuedAtNanos();
    }

    /**
     * One step; a step that throws completes its command with the error and the engine goes on.
     * The clock advances after the last input of a batch, unless more are already queued.
     */
    private void step(Input in, boolean last) {
        long now = System.nanoTime();
        try {
            CommandResult result = null;
            if (in != null) {
                if (in.command() != null) {
                    result = engine.execute(in.command(), in.queuedAtNanos(), now, output);
                } else {
                    engine.handle(in.event(), in.queuedAtNanos(), now, output);
                    result = CommandResult.OK;
                }
                if (last && inputs.isEmpty()) {
                    engine.advance(now, output);
                }
            } else {
                engine.advance(now, output);
            }
            finishStep(in, result, now);
        } catch (RuntimeException | Error e) {
            // the engine must keep running: log the bug with the event and go on
            LOG.error("engine step failed on {}: {}", in == null ? "timers" : in.what(), e.toString(), e);
            stepActions.clear();
            stepNotifications.clear();
            if (in != null && in.outcome() != null) {
                in.outcome().complete(new Outcome.Failed("the engine failed on " + in.command() + ": " + e, e));
            }
        }
    }

    private void finishStep(Input in, CommandResult result, long now) {
        // anything but a probe changes what readers see (placement, routes, nominees): publish at once
        // the routes the dataplane keeps are what readers asked to see: no quiet-period delay either
        boolean important = in != null && (in.fromManager() || in.event() instanceof EngineEvent.RoutesKept);
        for (int i = 0; i < stepActions.size(); i++) {
            Action a = stepActions.get(i);
            important |= !(a instanceof Action.SendProbe);
            try {
                dataplane.accept(a);
            } catch (RuntimeException e) {
                LOG.error("dataplane failed on {}: {}", a, e.toString());
            }
        }
        stepActions.clear();
        boolean configChanged = in != null && result != null && result.ok()
                && in.command() instanceof Command.ConfigCommand;
        if (configChanged) {
            for (Consumer<EngineConfig> l : configListeners) {
                l.accept(engine.config());
            }
        }
        for (Notification n : stepNotifications) {
            if (!(n instanceof ProbeCompleted) && !(n instanceof TargetChanged)) {
                important = true;
                break;
            }
        }
        long version = engine.version();
        if (version != publishedVersion && (important || now - lastPublish >= QUIET_PUBLISH_NANOS)) {
            snapshot = engine.snapshot();
            publishedVersion = version;
            lastPublish = now;
        }
        outbox.addAll(stepNotifications);
        stepNotifications.clear();
        if (in != null && in.outcome() != null) {
            in.outcome().complete(result instanceof CommandResult.Refused r ? r : new Outcome.Done(engine.config()));
        }
    }

    private void runDispatcher() {
        while (running || !outbox.isEmpty()) {
            try {
                Notification n = outbox.poll(200, TimeUnit.MILLISECONDS);
                if (n == null) {
                    continue;
                }
                for (Consumer<Notification> l : listeners) {
                    try {
                        l.accept(n);
                    } catch (RuntimeException e) {
                        LOG.error("notification listener failed on {}: {}", n, e.toString());
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    @Override
    public void close() {
        running = false;
        writer.interrupt();
        try {
            writer.join(2_000);
            dispatcher.join(2_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (Input in : inputs) {
            if (in.outcome() != null) {
                in.outcome().complete(new Outcome.Failed("ipmpd is shutting down", null));
            }
        }
    }
}
