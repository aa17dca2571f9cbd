package net.ipmpd.engine.state;

/** Probe counters of one member and address family since ipmpd started. */
public record ProbeStats(long sent, long answered, long lost) {
    public static final ProbeStats ZERO = new ProbeStats(0, 0, 0);
}
