package net.ipmpd.engine.state;

/** in.mpathd PG_OK / PG_DEGRADED / PG_FAILED (ipmpstat -g STATE). */
public enum GroupState {
    /** Every member is usable. */
    OK,
    /** Some members are unusable (failed, offline, flapping or absent) but at least one works. */
    DEGRADED,
    /** No member is usable. */
    FAILED
}
