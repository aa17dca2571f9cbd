package net.ipmpd.engine.core;

import static org.assertj.core.api.Assertions.assertThat;

import net.ipmpd.engine.config.DampingConfig;
import org.junit.jupiter.api.Test;

/** The flap damper's penalty arithmetic: add per flap, halve per half-life, cap, suppress and reuse thresholds. */
class FlapDamperTest {
    private static final long MS = Rules.NANOS_PER_MS;
    /** 1000 per flap, suppress above 2500, reuse below 800, half-life 60 s, at most 6000. */
    private static final DampingConfig CFG = DampingConfig.DEFAULT;

    @Test
    void aFreshDamperHasNoPenaltyAndIsNotSuppressed() {
        FlapDamper d = new FlapDamper();
        assertThat(d.penaltyAt(5 * Rules.NANOS_PER_SECOND, CFG)).isZero();
        assertThat(d.suppressed()).isFalse();
        assertThat(d.release(5 * Rules.NANOS_PER_SECOND, CFG)).isFalse();
    }

    @Test
    void eachFlapAddsItsPenaltyAndThePenaltyHalvesEveryHalfLife() {
        FlapDamper d = new FlapDamper();
        assertThat(d.recordFlap(0, CFG)).isFalse();
        assertThat(d.penaltyAt(0, CFG)).isEqualTo(1000);
        assertThat(d.penaltyAt(60_000 * MS, CFG)).isEqualTo(500);
        assertThat(d.penaltyAt(120_000 * MS, CFG)).isEqualTo(250);
        // a second flap one half-life later adds to the decayed penalty
        assertThat(d.recordFlap(60_000 * MS, CFG)).isFalse();
        assertThat(d.penaltyAt(60_000 * MS, CFG)).isEqualTo(1500);
    }

    @Test
    void theThirdQuickFlapSuppressesAndOnlyThatOneSaysSo() {
        FlapDamper d = new FlapDamper();
        assertThat(d.recordFlap(0, CFG)).isFalse();
        assertThat(d.recordFlap(1, CFG)).isFalse();   // about 2000: not above 2500
        assertThat(d.suppressed()).isFalse();
        assertThat(d.recordFlap(2, CFG)).isTrue();    // about 3000
        assertThat(d.suppressed()).isTrue();
        assertThat(d.recordFlap(3, CFG)).isFalse();   // already suppressed
        assertThat(d.suppressed()).isTrue();
    }

    @Test
    void aPenaltyExactlyAtTheSuppressThresholdDoesNotSuppress() {
        DampingConfig cfg = new DampingConfig(true, 1250, 2500, 800, 60_000, 6000);
        FlapDamper d = new FlapDamper();
        d.recordFlap(0, cfg);
        assertThat(d.recordFlap(0, cfg)).isFalse();   // exactly 2500, not above
        assertThat(d.suppressed()).isFalse();
    }

    @Test
    void thePenaltyIsCappedAtTheMaximum() {
        FlapDamper d = new FlapDamper();
        for (int i = 0; i < 10; i++) {
            d.recordFlap(0, CFG);
        }
        assertThat(d.penaltyAt(0, CFG)).isEqualTo(6000);
    }

    @Test
    void suppressionEndsOnlyOnceThePenaltyDecayedBelowTheReuseThreshold() {
        FlapDamper d = new FlapDamper();
        for (int i = 0; i < 3; i++) {
            d.recordFlap(0, CFG);
        }
        long reuse = d.reuseTimeNanos(CFG);
        // 3000 -> 800 takes log2(3.75) = 1.907 half-lives = 114.4 s
        assertThat(reuse).isBetween(114_000 * MS, 115_000 * MS);
        assertThat(d.release(reuse - 2 * Rules.NANOS_PER_SECOND, CFG)).isFalse();
        assertThat(d.suppressed()).isTrue();
        assertThat(d.release(reuse, CFG)).isTrue();
        assertThat(d.suppressed()).isFalse();
        assertThat(d.release(reuse + 1, CFG)).isFalse();   // already released
    }

    @Test
    void theReuseTimeOfASmallPenaltyIsWhenItWasSet() {
        FlapDamper d = new FlapDamper();
        d.recordFlap(7 * MS, new DampingConfig(true, 500, 2500, 800, 60_000, 6000));
        assertThat(d.reuseTimeNanos(CFG)).isEqualTo(7 * MS);
    }

    @Test
    void aDisabledDamperNeverPenalisesAndReleasesAnEarlierSuppression() {
        FlapDamper off = new FlapDamper();
        for (int i = 0; i < 5; i++) {
            assertThat(off.recordFlap(i, DampingConfig.DISABLED)).isFalse();
        }
        assertThat(off.penaltyAt(5, DampingConfig.DISABLED)).isZero();

        FlapDamper d = new FlapDamper();
        for (int i = 0; i < 3; i++) {
            d.recordFlap(0, CFG);
        }
        assertThat(d.suppressed()).isTrue();
        // damping turned off while suppressed: the member is released at once
        assertThat(d.release(1, DampingConfig.DISABLED)).isTrue();
        assertThat(d.suppressed()).isFalse();
    }

    @Test
    void timeBeforeThePenaltyWasSetDoesNotGrowIt() {
        FlapDamper d = new FlapDamper();
        d.recordFlap(10 * Rules.NANOS_PER_SECOND, CFG);
        assertThat(d.penaltyAt(5 * Rules.NANOS_PER_SECOND, CFG)).isEqualTo(1000);
    }
}
