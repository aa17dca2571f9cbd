package net.ipmpd.testlab.bench;

import java.util.Arrays;
import java.util.List;

/** Order statistics of a sample, nearest-rank percentiles (no interpolation: every figure is a measured value). */
record Stats(int n, double min, double median, double p90, double p99, double max) {
    static Stats of(List<Double> values) {
        if (values.isEmpty()) {
            return new Stats(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
        }
        double[] v = values.stream().mapToDouble(Double::doubleValue).toArray();
        Arrays.sort(v);
        return new Stats(v.length, v[0], rank(v, 50), rank(v, 90), rank(v, 99), v[v.length - 1]);
    }

    /** Nearest rank: the smallest value with at least p% of the sample at or below it. */
    static double rank(double[] sorted, int percent) {
        int r = (int) Math.ceil(percent / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, r - 1))];
    }
}
