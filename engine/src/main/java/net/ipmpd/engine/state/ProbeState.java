package net.ipmpd.engine.state;

/** ipmpstat -i PROBE. */
public enum ProbeState {
    OK,
    FAILED,
    /** Probing is enabled but no target is known yet. */
    UNKNOWN,
    /** No test address: link-based detection only. */
    DISABLED
}
