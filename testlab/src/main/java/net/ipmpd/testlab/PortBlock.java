package net.ipmpd.testlab;

/** Which direction a switch port stops forwarding, seen from the interface plugged into it. */
public enum PortBlock {
    /** The switch drops what it receives from the attached interface (nft {@code iifname}). */
    FROM_ATTACHED,
    /** The switch drops what it would send to the attached interface (nft {@code oifname}). */
    TO_ATTACHED,
    /** Both: the port is up with carrier and forwards nothing. */
    BOTH
}
