package net.ipmpd.engine.config;

/**
 * Flap damping per member, in the style of RFC 2439 route flap damping: every failure adds
 * {@code penaltyPerFailure}; the penalty halves every {@code halfLifeMs}; above
 * {@code suppressThreshold} the member is held out of service (reported as flapping) until the
 * penalty decays below {@code reuseThreshold}. The penalty never exceeds {@code maxPenalty}, which
 * bounds how long a member that stopped flapping stays suppressed.
 *
 * <p>The defaults let one or two failures a minute pass untouched (in.mpathd's own flap guard
 * allows two link-ups a minute) and suppress the third.
 */
public record DampingConfig(
        boolean enabled,
        int penaltyPerFailure,
        int suppressThreshold,
        int reuseThreshold,
        long halfLifeMs,
        int maxPenalty) {

    public static final DampingConfig DEFAULT = new DampingConfig(true, 1000, 2500, 800, 60_000, 6000);
    public static final DampingConfig DISABLED = new DampingConfig(false, 1000, 2500, 800, 60_000, 6000);

    public DampingConfig {
        if (penaltyPerFailure <= 0 || suppressThreshold <= 0 || reuseThreshold <= 0 || maxPenalty <= 0) {
            throw new IllegalArgumentException("damping penalties and thresholds must be positive");
        }
        if (reuseThreshold >= suppressThreshold) {
            throw new IllegalArgumentException("damping reuse threshold (" + reuseThreshold
                    + ") must be below the suppress threshold (" + suppressThreshold + ")");
        }
        if (maxPenalty < suppressThreshold) {
            throw new IllegalArgumentException("damping max penalty (" + maxPenalty
                    + ") must be at least the suppress threshold (" + suppressThreshold + ")");
        }
        if (halfLifeMs < 1000) {
            throw new IllegalArgumentException("damping half-life must be at least 1000 ms, got " + halfLifeMs);
        }
    }
}
