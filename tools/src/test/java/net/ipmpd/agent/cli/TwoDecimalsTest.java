package net.ipmpd.agent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** TwoDecimals prints what String.format(Locale.ROOT, "%.2f", v) prints, which ipmpstat printed before it. */
class TwoDecimalsTest {

    private static void sameAsFormatter(double v) {
        assertThat(TwoDecimals.of(v)).as("%%.2f of %s", v).isEqualTo(String.format(Locale.ROOT, "%.2f", v));
    }

    @Test
    void everyFdtAndRttUpToOneHundredSecondsAsIpmpstatComputesThem() {
        for (long ms = 0; ms <= 100_000; ms++) {
            sameAsFormatter((double) ((float) ms / 1000));   // FDT in seconds, RTT micros in milliseconds
        }
    }

    @Test
    void halfwayCasesCarriesAndTinyOrHugeValues() {
        double[] cases = {0.0, 0.005, 0.015, 0.025, 0.125, 0.995, 1.005, 1.015, 9.995, 99.995, 999.995, 0.0049999,
            1e-3, 1.5e-5, 4.9e-324, 1e7, 1.2345678e7, 9.999999e6, 123456789.125, 1e21, 1e300, Double.MAX_VALUE,
            Double.MIN_NORMAL, Double.NaN, Double.POSITIVE_INFINITY};
        for (double v : cases) {
            sameAsFormatter(v);
            sameAsFormatter(-v);
        }
    }

    @Test
    void negativeValuesKeepTheirSignEvenWhenTheyRoundToZero() {
        sameAsFormatter(-0.0);
        sameAsFormatter(-0.001);
        sameAsFormatter(-0.004999);
        sameAsFormatter(-0.005);
        assertThat(TwoDecimals.of(-0.001)).isEqualTo("-0.00");
    }

    @Test
    void probeTimesAndRandomDoublesOfEveryMagnitude() {
        Random random = new Random(20261206);
        for (int i = 0; i < 20_000; i++) {
            long nanos = random.nextLong() % 1_000_000_000_000L;
            sameAsFormatter((double) ((float) nanos / 1e9f));   // ipmpstat -p's TIME
            double v = Double.longBitsToDouble(random.nextLong());
            if (Double.isFinite(v)) {
                sameAsFormatter(v);
            }
            sameAsFormatter(random.nextDouble() * Math.pow(10, random.nextInt(24) - 12));
        }
    }
}
