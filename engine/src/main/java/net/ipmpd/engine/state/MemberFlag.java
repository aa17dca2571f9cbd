package net.ipmpd.engine.state;

/** ipmpstat -i FLAGS and the in.mpathd interface flags, plus ipmpd's flap damper. */
public enum MemberFlag {
    /** Working but not used for data traffic by policy (standby, or FAILBACK=no after repair). */
    INACTIVE,
    /** Configured as standby. */
    STANDBY,
    FAILED,
    OFFLINE,
    /** Held out of service by the flap damper. */
    FLAPPING,
    /** Receives the group's IPv4 multicast (ipmpstat flag m). */
    IPV4_MULTICAST_NOMINEE,
    /** Receives the group's IPv4 broadcast (ipmpstat flag b). */
    IPV4_BROADCAST_NOMINEE,
    /** Receives the group's IPv6 multicast (ipmpstat flag M). */
    IPV6_MULTICAST_NOMINEE,
    /**
     * Offline because another member of the group has the same hardware address (in.mpathd
     * pi_hwaddrdup, ipmpstat flag h).
     */
    DUPLICATE_HARDWARE_ADDRESS
}
