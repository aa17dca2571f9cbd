package net.ipmpd.agent.netconf;

import java.net.InetAddress;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import net.ipmpd.agent.runtime.EngineRunner;
import java.time.Duration;
import net.ipmpd.engine.Command;
import net.ipmpd.engine.Outcome;
import net.ipmpd.engine.IpmpService;
import net.ipmpd.engine.action.Action;
import net.ipmpd.engine.config.DampingConfig;
import net.ipmpd.engine.config.DataAddressConfig;
import net.ipmpd.engine.config.EngineConfig;
import net.ipmpd.engine.config.GroupConfig;
import net.ipmpd.engine.config.MemberConfig;
import net.ipmpd.engine.event.EngineEvent;
import net.ipmpd.engine.notify.Notification;
import net.ipmpd.engine.state.EngineSnapshot;

/**
 * The daemon's own EngineRunner (the real engine on its writer thread) behind the NETCONF
 * server, with a dataplane that records actions and reports the links the test sets. It also
 * records every configuration NETCONF sends, refused or not, and saves accepted TO_FILE changes
 * as the daemon's configuration store does.
 */
final class RunnerIpmpService implements IpmpService, AutoCloseable {
    private final EngineRunner runner;
    private final List<Action> actions = new CopyOnWriteArrayList<>();
    private final List<EngineConfig> configsReceived = new CopyOnWriteArrayList<>();
    private final List<String> nics;

    RunnerIpmpService(EngineConfig config) {
        this.runner = new EngineRunner(config, actions::add, new SplittableRandom(1));
        this.nics = config.groups().stream().flatMap(g -> g.members().stream()).map(MemberConfig::interfaceName).toList();
        runner.start();
        for (String nic : nics) {
            runner.accept(new EngineEvent.LinkReported(nic, ifIndex(nic), true));
        }
        runner.accept(new EngineEvent.LinkDumpCompleted());
        awaitSnapshot(s -> s.allMembers().stream().allMatch(m -> m.ifIndex() != 0));
    }

    /** Group g0 with link-only members eth0 and eth1, data address 198.18.0.100/24 at home on eth0. */
    static EngineConfig twoMembers() {
        try {
            return new EngineConfig(10_000, true, true, DampingConfig.DEFAULT, List.of(new GroupConfig("g0", OptionalLong.empty(),
                    List.of(MemberConfig.linkOnly("eth0", false), MemberConfig.linkOnly("eth1", false)),
                    List.of(new DataAddressConfig(InetAddress.getByName("198.18.0.100"), 24, "eth0")),
                    List.of())));
        } catch (java.net.UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    private int ifIndex(String nic) {
        return 2 + Math.max(0, nics.indexOf(nic));
    }

    @Override
    public EngineSnapshot snapshot() {
        return runner.snapshot();
    }

    @Override
    public AutoCloseable subscribe(Consumer<Notification> listener) {
        return runner.subscribe(listener);
    }

    /**
     * Stands in for the daemon's configuration store: a configuration change the engine accepted
     * with Save.TO_FILE is handed to this before its outcome completes.
     */
    @FunctionalInterface
    interface Saver {
        void save(EngineConfig config) throws java.io.IOException;
    }

    private volatile Saver saver = config -> { };

    void saveWith(Saver s) {
        saver = s;
    }

    @Override
    public CompletableFuture<Outcome> execute(Command command, Duration timeout) {
        if (command instanceof Command.ReplaceConfig r) {
            configsReceived.add(r.config());
        }
        return runner.execute(command, timeout).thenApply(outcome -> {
            if (outcome instanceof Outcome.Done d && command instanceof Command.ConfigCommand c && c.save() == Command.Save.TO_FILE) {
                try {
                    saver.save(d.config());
                } catch (java.io.IOException e) {
                    return new Outcome.Failed("cannot save: " + e.getMessage(), e);
                }
            }
            return outcome;
        });
    }

    /** Pulls the cable of a NIC and waits until the engine has published what it made of it. */
    void carrierDown(String nic) {
        runner.accept(new EngineEvent.LinkReported(nic, ifIndex(nic), false));
        awaitSnapshot(s -> s.member(nic).map(m -> m.link() == net.ipmpd.engine.state.LinkState.DOWN).orElse(false));
    }

    /** Reports, as the dataplane does, the routes kept for a group and waits until the snapshot shows them. */
    void routesKept(String group, List<net.ipmpd.engine.state.KeptRoute> routes) {
        runner.accept(new EngineEvent.RoutesKept(group, routes));
        awaitSnapshot(s -> s.group(group).map(g -> g.routes().equals(routes)).orElse(false));
    }

    private void awaitSnapshot(java.util.function.Predicate<EngineSnapshot> condition) {
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (!condition.test(runner.snapshot())) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the engine did not reach the expected state within 5 s");
            }
            Thread.onSpinWait();
            try {
                Thread.sleep(2);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    List<EngineConfig> configsReceived() {
        return List.copyOf(configsReceived);
    }

    Optional<EngineConfig> lastConfig() {
        return configsReceived.isEmpty() ? Optional.empty() : Optional.of(configsReceived.get(configsReceived.size() - 1));
    }

    @Override
    public Instant wallClock(long engineNanos) {
        return runner.wallClock(engineNanos);
    }

    @Override
    public long uptimeNanos(long engineNanos) {
        return runner.uptimeNanos(engineNanos);
    }

    @Override
    public void close() {
        runner.close();
    }
}
