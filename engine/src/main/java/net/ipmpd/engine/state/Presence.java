package net.ipmpd.engine.state;

/** Whether the member's interface exists in the kernel. */
public enum Presence {
    PRESENT,
    /** Configured but never seen since ipmpd started (the NIC is missing at boot). */
    NOT_PRESENT,
    /** It existed and was deleted (hot removal, DR). */
    REMOVED,
    /** The dataplane has not reported on it yet. */
    UNKNOWN
}
