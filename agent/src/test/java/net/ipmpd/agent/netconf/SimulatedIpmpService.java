package net.ipmpd.agent.netconf;

import java.net.InetAddress;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import net.ipmpd.engine.CommandResult;
import net.ipmpd.engine.IpmpService;
import net.ipmpd.engine.config.DampingConfig;
import net.ipmpd.engine.config.DataAddressConfig;
import net.ipmpd.engine.config.EngineConfig;
import net.ipmpd.engine.config.GroupConfig;
import net.ipmpd.engine.config.MemberConfig;
import net.ipmpd.engine.event.EngineEvent;
import net.ipmpd.engine.notify.Notification;
import net.ipmpd.engine.sim.Simulation;
import net.ipmpd.engine.state.EngineSnapshot;

/**
 * The real engine on the engine's simulated network, behind the IpmpService contract: commands
 * are delivered on the caller's thread (under a lock, as the engine has one writer), and the
 * notifications they cause are dispatched in order on one separate thread.
 */
final class SimulatedIpmpService implements IpmpService, AutoCloseable {
    private final Simulation sim;
    private final List<Consumer<Notification>> listeners = new CopyOnWriteArrayList<>();
    private final ExecutorService dispatch = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "test-ipmp-dispatch");
        t.setDaemon(true);
        return t;
    });
    private final List<EngineConfig> configsReceived = new CopyOnWriteArrayList<>();
    private volatile EngineSnapshot snapshot;

    SimulatedIpmpService(EngineConfig config) {
        this.sim = new Simulation(config, 1);
        synchronized (this) {
            sim.start();
            sim.advanceMs(100);
            snapshot = sim.snapshot();
        }
    }

    /** Group g0 with link-only members eth0, eth1 (standby none) and data address 198.18.0.100 on eth0. */
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

    @Override
    public EngineSnapshot snapshot() {
        return snapshot;
    }

    @Override
    public AutoCloseable subscribe(Consumer<Notification> listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    @Override
    public synchronized CompletableFuture<CommandResult> submit(EngineEvent command) {
        int mark = sim.notificationMark();
        CommandResult r;
        if (command instanceof EngineEvent.ConfigChanged c) {
            configsReceived.add(c.config());
            r = sim.configure(c.config());
        } else {
            r = sim.deliver(command);
        }
        publish(mark);
        return CompletableFuture.completedFuture(r);
    }

    /** Pulls the cable of a simulated NIC: the engine fails the member and moves its addresses. */
    synchronized void carrierDown(String nic) {
        int mark = sim.notificationMark();
        sim.carrierDown(nic);
        publish(mark);
    }

    synchronized void carrierUp(String nic) {
        int mark = sim.notificationMark();
        sim.carrierUp(nic);
        sim.advanceMs(100);
        publish(mark);
    }

    private void publish(int mark) {
        snapshot = sim.snapshot();
        List<Notification> fresh = new ArrayList<>(sim.notificationsSince(mark));
        dispatch.execute(() -> fresh.forEach(n -> listeners.forEach(l -> l.accept(n))));
    }

    List<EngineConfig> configsReceived() {
        return List.copyOf(configsReceived);
    }

    Optional<EngineConfig> lastConfig() {
        return configsReceived.isEmpty() ? Optional.empty() : Optional.of(configsReceived.get(configsReceived.size() - 1));
    }

    @Override
    public Instant wallClock(long engineNanos) {
        return Instant.parse("2026-11-25T12:00:00Z").plusNanos(engineNanos);
    }

    @Override
    public long uptimeNanos(long engineNanos) {
        return engineNanos;
    }

    @Override
    public void close() {
        dispatch.shutdownNow();
    }
}
