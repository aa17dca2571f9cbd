package net.ipmpd.engine.core;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CrttTest {

    @Test
    void theFirstSampleGivesTheAverageAndHalfOfItAsDeviation() {
        Crtt c = new Crtt();
        c.sample(1000, 1_000_000);
        // Jacobson/Karels: sa = 8m, sv = 2m, so CRTT = m + 2m
        assertThat(c.averageMicros()).isEqualTo(1000);
        assertThat(c.deviationMicros()).isEqualTo(500);
        assertThat(c.crttMicros()).isEqualTo(3000);
    }

    @Test
    void steadySamplesConvergeTowardsTheRttWithASmallDeviation() {
        Crtt c = new Crtt();
        for (int i = 0; i < 100; i++) {
            c.sample(2000, 1_000_000);
        }
        assertThat(c.averageMicros()).isEqualTo(2000);
        assertThat(c.deviationMicros()).isLessThan(5);
        assertThat(c.crttMicros()).isBetween(2000L, 2020L);
    }

    @Test
    void oneSpikeAboveTheProbeIntervalIsHeldBackTheSecondIsBelieved() {
        Crtt c = new Crtt();
        for (int i = 0; i < 20; i++) {
            c.sample(1000, 100_000);
        }
        long steady = c.crttMicros();
        assertThat(c.sample(500_000, 100_000)).isFalse();
        assertThat(c.crttMicros()).isEqualTo(steady);
        assertThat(c.sample(500_000, 100_000)).isTrue();
        assertThat(c.crttMicros()).isGreaterThan(100_000);
    }

    @Test
    void aSlowFirstSampleIsHeldBackToo() {
        Crtt c = new Crtt();
        assertThat(c.sample(40_000, 100_000)).isFalse();   // CRTT would be 3 x 40 ms
        assertThat(c.hasSample()).isFalse();
        c.sample(1000, 100_000);
        assertThat(c.averageMicros()).isEqualTo(1000);
    }

    @Test
    void aNormalSampleDiscardsAHeldSpike() {
        Crtt c = new Crtt();
        for (int i = 0; i < 20; i++) {
            c.sample(1000, 100_000);
        }
        c.sample(500_000, 100_000);
        c.sample(1000, 100_000);
        assertThat(c.sample(500_000, 100_000)).isFalse();   // held again: the old spike was dropped
    }
}
