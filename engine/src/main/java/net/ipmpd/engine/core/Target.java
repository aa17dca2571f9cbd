package net.ipmpd.engine.core;

import java.net.InetAddress;
import net.ipmpd.engine.state.TargetMode;
import net.ipmpd.engine.state.TargetState;

/** A probe target of one probe instance (in.mpathd: struct target). */
final class Target {
    final InetAddress address;
    final TargetMode mode;
    TargetState state = TargetState.ACTIVE;
    /**
     * in.mpathd tg_latime: set when the target is found slow and when a dead one is given another
     * chance; marking it dead does not touch it, so a dead router is retried at the next probe
     * as SLOW and used again a minute later (MIN_RECOVERY_TIME).
     */
    long lastActiveAtNanos = Long.MIN_VALUE / 4;
    final Crtt crtt = new Crtt();

    Target(InetAddress address, TargetMode mode) {
        this.address = address;
        this.mode = mode;
    }

    /** Router and operator targets are kept when they misbehave; discovered hosts are dropped. */
    boolean keptWhenBad() {
        return mode != TargetMode.MULTICAST;
    }
}
