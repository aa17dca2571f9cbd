package net.ipmpd.testlab;

import java.util.Set;

/**
 * One interface as `ip -j -s -s link` reports it.
 *
 * @param flags          IFF flags as ip names them ("UP", "LOWER_UP", "NO-CARRIER", ...)
 * @param operState      RFC 2863 operational state ("UP", "DOWN", "LOWERLAYERDOWN", "UNKNOWN")
 * @param master         the bridge or bond this port is enslaved to, or null
 * @param carrierChanges the kernel's carrier transition counter (IFLA_CARRIER_CHANGES); -1 if not reported
 */
public record LinkInfo(String name, int ifindex, String mac, Set<String> flags, String operState, int mtu,
                       String master, long carrierChanges) {
    public LinkInfo {
        flags = Set.copyOf(flags);
    }

    /** Administratively up (IFF_UP). */
    public boolean adminUp() {
        return flags.contains("UP");
    }

    /** Carrier present (IFF_LOWER_UP): what the daemon sees as link up when it edge-detects IFF_RUNNING. */
    public boolean hasCarrier() {
        return flags.contains("LOWER_UP") && !flags.contains("NO-CARRIER");
    }
}
