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
    private long saMicros;   // in.mpathd tg_rtt_sa: 8 x smoothed RTT
    private long svMicros;   // in.mpathd tg_rtt_sd: 4 x mean deviation
    private boolean hasSample;
    private final long[] deferredMicros = new long[Rules.MAX_DEFERRED_RTT];
    private int deferredCount;

    /** The CRTT in microseconds, 0 before the first sample. */
    long crttMicros() {
        return hasSample ? saMicros / 8 + svMicros : 0;
    }

    /** in.mpathd's tg_crtt: the CRTT truncated to whole milliseconds (0: no estimate, use the interval). */
    long crttMs() {
        return crttMicros() / 1000;
    }

    long averageMicros() {
        return hasSample ? saMicros / 8 : 0;
    }

    long deviationMicros() {
        return hasSample ? svMicros / 4 : 0;
    }

    boolean hasSample() {
        return hasSample;
    }

    void reset() {
        saMicros = 0;
        svMicros = 0;
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
        long sampleMicros = Math.max(rttMicros, 1);
        // pi_set_crtt: a sample whose CRTT (whole ms) would exceed the interval (ms) is suspect;
        // for a first sample the CRTT is 3 x the sample (sa = 8m, sv = 2m)
        boolean spike = crttWith(sampleMicros) / 1000 > probeIntervalMicros / 1000;
        if (spike) {
            if (deferredCount < deferredMicros.length) {
                deferredMicros[deferredCount++] = sampleMicros;
                return false;
            }
            for (int i = 0; i < deferredCount; i++) {
                apply(deferredMicros[i]);
            }
            deferredCount = 0;
            apply(sampleMicros);
            return true;
        }
        deferredCount = 0;
        apply(sampleMicros);
        return true;
    }

    private long crttWith(long sampleMicros) {
        if (!hasSample) {
            return 3 * sampleMicros;
        }
        long errMicros = sampleMicros - saMicros / 8;
        long aMicros = saMicros + errMicros;
        long vMicros = svMicros + Math.abs(errMicros) - svMicros / 4;
        return aMicros / 8 + vMicros;
    }

    private void apply(long sampleMicros) {
        if (!hasSample) {
            saMicros = 8 * sampleMicros;
            svMicros = 2 * sampleMicros;
            hasSample = true;
            return;
        }
        long errMicros = sampleMicros - saMicros / 8;
        saMicros += errMicros;
        svMicros += Math.abs(errMicros) - svMicros / 4;
    }
}
