package net.ipmpd.engine.config;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.Objects;

/** A member's test address (in.mpathd: a NOFAILOVER address) with its prefix length. */
public record TestAddress(InetAddress address, int prefixLength) {
    public TestAddress {
        Objects.requireNonNull(address, "address");
        int max = address instanceof Inet4Address ? 32 : 128;
        if (prefixLength < 0 || prefixLength > max) {
            throw new IllegalArgumentException("prefix length " + prefixLength + " is out of range for " + address.getHostAddress());
        }
    }

    public Family family() {
        return Family.of(address);
    }

    /** True when {@code other} lies in this address's subnet (the on-link test for targets). */
    public boolean sameSubnet(InetAddress other) {
        return Family.of(other) == family() && Prefixes.contains(address, prefixLength, other);
    }

    public boolean isIpv6LinkLocal() {
        return address instanceof Inet6Address a && a.isLinkLocalAddress();
    }

    @Override
    public String toString() {
        return AddressText.of(address) + "/" + prefixLength;
    }
}
