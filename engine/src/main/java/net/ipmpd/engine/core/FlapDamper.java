package net.ipmpd.engine.core;

import net.ipmpd.engine.config.DampingConfig;

/**
 * Penalty/decay flap damping for one member (after RFC 2439's route flap damping, which in.mpathd
 * lacks: it only has a fixed "2 link-ups a minute" guard, and only without test addresses). Every
 * link-down adds a penalty that decays exponentially; above the suppress threshold the member is
 * held out of service until the penalty falls below the reuse threshold (unless it is the group's
 * last working member, see MemberRuntime.usable).
 */
final class FlapDamper {
    private double penalty;
    private long penaltySetAtNanos;
    private boolean suppressed;

    int penaltyAt(long nowNanos, DampingConfig cfg) {
        return (int) Math.round(decayed(nowNanos, cfg));
    }

    boolean suppressed() {
        return suppressed;
    }

    /** Records a flap (a link-down); returns true if this flap starts suppression. */
    boolean recordFlap(long nowNanos, DampingConfig cfg) {
        if (!cfg.enabled()) {
            return false;
        }
        penalty = Math.min(decayed(nowNanos, cfg) + cfg.penaltyPerFailure(), cfg.maxPenalty());
        penaltySetAtNanos = nowNanos;
        if (!suppressed && penalty > cfg.suppressThreshold()) {
            suppressed = true;
            return true;
        }
        return false;
    }

    /** Ends suppression once the penalty decayed below the reuse threshold; true if it ended now. */
    boolean release(long nowNanos, DampingConfig cfg) {
        if (suppressed && (!cfg.enabled() || decayed(nowNanos, cfg) < cfg.reuseThreshold())) {
            suppressed = false;
            return true;
        }
        return false;
    }

    /** When the penalty will fall below the reuse threshold (engine nanoseconds). */
    long reuseTimeNanos(DampingConfig cfg) {
        if (penalty <= cfg.reuseThreshold()) {
            return penaltySetAtNanos;
        }
        double halfLives = Math.log(penalty / cfg.reuseThreshold()) / Math.log(2);
        return penaltySetAtNanos + (long) Math.ceil(halfLives * cfg.halfLifeMs() * Rules.NANOS_PER_MS) + 1;
    }

    private double decayed(long nowNanos, DampingConfig cfg) {
        if (penalty == 0) {
            return 0;
        }
        double halfLives = (double) (nowNanos - penaltySetAtNanos) / (cfg.halfLifeMs() * Rules.NANOS_PER_MS);
        return penalty * Math.pow(0.5, Math.max(0, halfLives));
    }
}
