package net.ipmpd.engine.core;

/** in.mpathd's numbers, each with where it comes from (illumos mpd_defs.h / mpd_tables.h). */
final class Rules {
    private Rules() {
    }

    static final long NANOS_PER_MS = 1_000_000L;
    static final long NANOS_PER_SECOND = 1_000 * NANOS_PER_MS;

    /** NUM_PROBE_FAILS: consecutive lost probes that make a failure. */
    static final int PROBE_FAILS = 5;
    /** NUM_PROBE_REPAIRS: consecutive answered probes that make a repair. */
    static final int PROBE_REPAIRS = 10;
    /** user_probe_interval = FDT / (NUM_PROBE_FAILS + 2): probe n-2 is surely lost when n is sent. */
    static final int FDT_TO_INTERVAL = PROBE_FAILS + 2;
    /** FAILURE_DETECTION_QP: losses are ignored this long after probing starts (STP listening/learning). */
    static final long QUIET_PERIOD_NANOS = 40 * NANOS_PER_SECOND;
    /** MAX_PROBE_TARGETS. */
    static final int MAX_TARGETS = 5;
    /** MIN_PROBE_TARGETS: at least this many targets re-activated after a deletion, if possible. */
    static final int MIN_TARGETS = 3;
    /** MIN_PROBE_TARGETS + 1: a slow target may be an exception only among this many. */
    static final int EXCEPTION_MIN_TARGETS = MIN_TARGETS + 1;
    /** EXCEPTION_FACTOR: the other targets must answer within interval / 2. */
    static final int EXCEPTION_FACTOR = 2;
    /** NEXT_FDT_MULTIPLE: a raised probe interval is twice the slow target's CRTT. */
    static final int NEXT_FDT_MULTIPLE = 2;
    /** LOWER_FDT_TRIGGER: every target under interval / 4 allows halving the FDT. */
    static final int LOWER_FDT_TRIGGER = 4;
    /** MIN_SETTLING_TIME: no lowering within this time of a raise. */
    static final long SETTLING_TIME_NANOS = 60 * NANOS_PER_SECOND;
    /** MIN_RECOVERY_TIME: a SLOW target returns to UNUSED, and a DEAD one to SLOW, after this. */
    static final long RECOVERY_TIME_NANOS = 60 * NANOS_PER_SECOND;
    /** MAXDEFERREDRTT: RTT spikes deferred before they are believed. */
    static final int MAX_DEFERRED_RTT = 1;
    /**
     * PROBE_STATS_COUNT: probes remembered per instance; enough to see a failure, a repair and a
     * target failure. A reply later than this many intervals means the daemon stalled.
     */
    static final int PROBE_STATS_COUNT = PROBE_REPAIRS * MAX_TARGETS + 2;
    /** LINK_UP_PERMIN: more link-ups than this within a minute disable repair (no test address). */
    static final int LINK_UPS_PER_MINUTE = 2;
    static final long MINUTE_NANOS = 60 * NANOS_PER_SECOND;
}
