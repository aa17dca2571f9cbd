package net.ipmpd.engine.state;

/** ipmpstat -i STATE. */
public enum MemberState {
    OK,
    FAILED,
    OFFLINE,
    /** Probe-enabled but no probe target found yet, so its health cannot be told (in.mpathd PI_NOTARGETS). */
    UNKNOWN
}
