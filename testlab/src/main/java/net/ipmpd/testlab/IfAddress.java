package net.ipmpd.testlab;

import java.util.Set;

/**
 * One address on an interface as `ip -j addr` reports it.
 *
 * @param address the address text as ip prints it (e.g. "198.18.0.10", "2001:2::10", "fe80::ff:fe00:100")
 * @param family  "inet" or "inet6"
 * @param scope   "global", "link", "host"
 * @param flags   the boolean flags ip reports as true: "tentative", "noprefixroute", "nodad", "secondary",
 *                "deprecated", "dadfailed", ...
 */
public record IfAddress(String ifname, String family, String address, int prefixLength, String scope,
                        Set<String> flags) {
    public IfAddress {
        flags = Set.copyOf(flags);
    }

    public boolean isIpv6() {
        return family.equals("inet6");
    }

    public boolean tentative() {
        return flags.contains("tentative");
    }

    public String cidr() {
        return address + "/" + prefixLength;
    }
}
