package net.ipmpd.engine;

import java.time.Instant;
import java.util.function.Consumer;
import net.ipmpd.engine.notify.Notification;
import net.ipmpd.engine.state.EngineSnapshot;

/**
 * An engine service in front of another (the configuration store, the history's attribution):
 * everything but {@link #execute} passes straight through to {@link #next}, so a wrapper writes
 * only what it adds to the command path.
 */
public abstract class ForwardingIpmpService implements IpmpService {
    /** The service behind this one. */
    protected final IpmpService next;

    protected ForwardingIpmpService(IpmpService next) {
        this.next = next;
    }

    @Override
    public EngineSnapshot snapshot() {
        return next.snapshot();
    }

    @Override
    public AutoCloseable subscribe(Consumer<Notification> listener) {
        return next.subscribe(listener);
    }

    @Override
    public Instant wallClock(long engineNanos) {
        return next.wallClock(engineNanos);
    }

    @Override
    public long uptimeNanos(long engineNanos) {
        return next.uptimeNanos(engineNanos);
    }
}
