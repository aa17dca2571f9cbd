package net.ipmpd.engine.config;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.Objects;

/**
 * A data address: what applications and peers use. It lives on exactly one active member at a
 * time, starting on (and, with FAILBACK=yes, returning to) its home member.
 */
public record DataAddressConfig(InetAddress address, int prefixLength, String homeMember) {
    public DataAddressConfig {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(homeMember, "homeMember");
        int max = address instanceof Inet4Address ? 32 : 128;
        if (prefixLength < 0 || prefixLength > max) {
            throw new IllegalArgumentException("prefix length " + prefixLength + " is out of range for " + address.getHostAddress());
        }
    }

    public Family family() {
        return Family.of(address);
    }

    @Override
    public String toString() {
        return AddressText.of(address) + "/" + prefixLength;
    }
}
