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

    @Test
    void aSampleIsASpikeOnlyWhenItsCrttInWholeMillisecondsExceedsTheInterval() {
        // after one 1 ms sample (sa = 8000, sv = 2000), a 20 ms sample gives
        // sa/8 = (8000 + 19000)/8 = 3375 and sv = 2000 + 19000 - 500 = 20500: CRTT 23.875 ms, i.e. 23
        Crtt atInterval = new Crtt();
        atInterval.sample(1000, 1_000_000);
        assertThat(atInterval.sample(20_000, 23_000)).isTrue();
        assertThat(atInterval.crttMicros()).isEqualTo(23_875);

        Crtt belowInterval = new Crtt();
        belowInterval.sample(1000, 1_000_000);
        assertThat(belowInterval.sample(20_000, 22_999)).isFalse();   // 23 > 22
        assertThat(belowInterval.crttMicros()).isEqualTo(3000);
    }

    @Test
    void aFirstSampleIsASpikeWhenThreeTimesItExceedsTheInterval() {
        Crtt c = new Crtt();
        assertThat(c.sample(10_000, 30_000)).isTrue();   // 30 ms is not above 30 ms
        assertThat(c.hasSample()).isTrue();
        Crtt d = new Crtt();
        assertThat(d.sample(10_000, 29_999)).isFalse();
        assertThat(d.hasSample()).isFalse();
    }

    @Test
    void heldSpikesAreBelievedInOrderAsIfNeverHeld() {
        Crtt filtered = new Crtt();
        Crtt unfiltered = new Crtt();
        for (int i = 0; i < 20; i++) {
            filtered.sample(1000, 100_000);
            unfiltered.sample(1000, 10_000_000);
        }
        filtered.sample(300_000, 100_000);
        filtered.sample(500_000, 100_000);
        unfiltered.sample(300_000, 10_000_000);
        unfiltered.sample(500_000, 10_000_000);
        assertThat(filtered.crttMicros()).isEqualTo(unfiltered.crttMicros());
        assertThat(filtered.averageMicros()).isEqualTo(unfiltered.averageMicros());
        assertThat(filtered.deviationMicros()).isEqualTo(unfiltered.deviationMicros());
    }

    @Test
    void resetForgetsTheEstimateAndAnyHeldSpike() {
        Crtt c = new Crtt();
        c.sample(1000, 100_000);
        c.sample(500_000, 100_000);   // held
        c.reset();
        assertThat(c.hasSample()).isFalse();
        assertThat(c.crttMicros()).isZero();
        assertThat(c.crttMs()).isZero();
        assertThat(c.averageMicros()).isZero();
        assertThat(c.deviationMicros()).isZero();
        c.sample(1000, 100_000);
        assertThat(c.sample(500_000, 100_000)).isFalse();   // the held spike went with the reset
        assertThat(c.crttMs()).isEqualTo(3);
    }
}
