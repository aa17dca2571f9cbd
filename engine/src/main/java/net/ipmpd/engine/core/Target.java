package net.ipmpd.engine.core;

import java.net.InetAddress;
import net.ipmpd.engine.state.TargetMode;
import net.ipmpd.engine.state.TargetState;

/** A probe target of one probe instance (in.mpathd: struct target). */
final class Target {
    final InetAddress address;
    final TargetMode mode;
    TargetState state = TargetState.ACTIVE;
    long stateSince;
    final Crtt crtt = new Crtt();
    /** Consecutive probes to this target that were lost (in.mpathd pf_nfail_tg). */
    int consecutiveLosses;
    /** The newest acknowledged sequence; only newer replies update the RTT (mpd_probe.c). */
    int newestAckedSequence = -1;

    Target(InetAddress address, TargetMode mode, long now) {
        this.address = address;
        this.mode = mode;
        this.stateSince = now;
    }

    void setState(TargetState s, long now) {
        state = s;
        stateSince = now;
    }

    /** Router and operator targets are kept when they misbehave; discovered hosts are dropped. */
    boolean keptWhenBad() {
        return mode != TargetMode.MULTICAST;
    }
}
