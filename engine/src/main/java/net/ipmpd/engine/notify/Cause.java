package net.ipmpd.engine.notify;

/**
 * Why something happened. Every notification carries one, so an operator (or an NMS) can tell a
 * pulled cable from a dead switch port from an administrator's DR detach without reading logs.
 * The names are those of the YANG enumeration and the MIB's IpmpCause textual convention.
 */
public enum Cause {
    /** The interface lost its link (IFF_RUNNING cleared: carrier loss or admin down). */
    LINK_DOWN("link-down"),
    /** Probes to every target were lost on every probed address family. */
    PROBES_LOST("probes-lost"),
    /** One probe target stopped answering while others still answer; the member is fine. */
    TARGET_LOST("target-lost"),
    /** Every member failed at once: the fault is beyond the group (switch, uplink, targets). */
    GROUP_FAILURE("group-failure"),
    /** An operator took the member offline (if_mpadm -d, SNMP, NETCONF): DR detach. */
    ADMIN_OFFLINE("admin-offline"),
    /** An operator brought the member back (if_mpadm -r): DR attach. */
    ADMIN_ONLINE("admin-online"),
    /** The flap damper holds the member out of service. */
    FLAPPING("flapping"),
    /** Link and probes say the member works again. */
    REPAIRED("repaired"),
    /** A data address returns to its repaired home member (FAILBACK=yes). */
    FAILBACK("failback"),
    /** A configured member's interface does not exist. */
    NOT_PRESENT("not-present"),
    /** The member's interface disappeared (hot removal), handled as a DR detach. */
    REMOVED("removed"),
    /**
     * The member's hardware address is also another member's in its group: in.mpathd offlines
     * the later one ("... has a hardware address which is not unique in group ...; offlining")
     * and brings it back online once its address is unique again.
     */
    DUPLICATE_HARDWARE_ADDRESS("duplicate-hardware-address"),
    /** The configuration changed. */
    CONFIG("config-change"),
    /**
     * The kernel's addresses differed from ipmpd's placement (another tool, an operator or a
     * link flush changed them) and ipmpd put its own back: a data address deleted, copied or
     * moved by hand, a test address deleted.
     */
    KERNEL_CHANGE("kernel-change"),
    /** Nothing has happened yet. */
    NONE("none");

    private final String yangName;

    Cause(String yangName) {
        this.yangName = yangName;
    }

    /** The name used by the YANG module, the MIB's enumeration labels and the logs. */
    public String yangName() {
        return yangName;
    }
}
