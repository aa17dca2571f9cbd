package net.ipmpd.engine.core;

/**
 * The conservative round-trip time of one target, Jacobson/Karels (SIGCOMM '88) as in.mpathd's
 * compute_crtt(): sa is 8 x the smoothed RTT, sv 4 x the mean deviation, CRTT = sa/8 + sv, i.e.
 * average plus four deviations. A probe is lost when no reply came within the CRTT.
 *
 * <p>Spike filter (mpd_probe.c, MAXDEFERREDRTT): a sample that alone would push the CRTT above
 * the probe interval is held back; only when another such sample follows are the held samples
 * believed. One stray slow reply therefore cannot raise the failure detection time. As in
 * in.mpathd, the CRTT that decides losses and spikes is taken in whole milliseconds.
 */
final class Crtt {
    private long sa;   // 8 x smoothed RTT, microseconds
    private long sv;   // 4 x mean deviation, microseconds
    private boolean hasSample;
    private final long[] deferred = new long[Rules.MAX_DEFERRED_RTT];
    private int deferredCount;

    /** The CRTT in microseconds, 0 before the first sample. */
    long crttMicros() {
        return hasSample ? sa / 8 + sv : 0;
    }

    /** in.mpathd's tg_crtt: the CRTT truncated to whole milliseconds (0: no estimate, use the interval). */
    long crttMs() {
        return crttMicros() / 1000;
    }

    long averageMicros() {
        return hasSample ? sa / 8 : 0;
    }

    long deviationMicros() {
        return hasSample ? sv / 4 : 0;
    }

    boolean hasSample() {
        return hasSample;
    }

    void reset() {
        sa = 0;
        sv = 0;
        hasSample = false;
        deferredCount = 0;
    }

    /**
     * Takes one RTT sample, subject to the spike filter.
     *
     * @param probeIntervalMicros the group's current probe interval
     * @return true if the sample (and any held ones) changed the CRTT
     */
    boolean sample(long rttMicros, long probeIntervalMicros) {
        long m = Math.max(rttMicros, 1);
        // pi_set_crtt: a sample whose CRTT (whole ms) would exceed the interval (ms) is suspect;
        // for a first sample the CRTT is 3 x the sample (sa = 8m, sv = 2m)
        boolean spike = crttWith(m) / 1000 > probeIntervalMicros / 1000;
        if (spike) {
            if (deferredCount < deferred.length) {
                deferred[deferredCount++] = m;
                return false;
            }
            for (int i = 0; i < deferredCount; i++) {
                apply(deferred[i]);
            }
            deferredCount = 0;
            apply(m);
            return true;
        }
        deferredCount = 0;
        apply(m);
        return true;
    }

    private long crttWith(long m) {
        if (!hasSample) {
            return 3 * m;
        }
        long err = m - sa / 8;
        long a = sa + err;
        long v = sv + Math.abs(err) - sv / 4;
        return a / 8 + v;
    }

    private void apply(long m) {
        if (!hasSample) {
            sa = 8 * m;
            sv = 2 * m;
            hasSample = true;
            return;
        }
        long err = m - sa / 8;
        sa += err;
        sv += Math.abs(err) - sv / 4;
    }
}
