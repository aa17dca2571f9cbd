package net.ipmpd.engine.config;

import java.util.Objects;
import java.util.Optional;

/**
 * A member interface of a group.
 *
 * @param interfaceName the Linux interface name (IFNAMSIZ: at most 15 characters)
 * @param standby in.mpathd STANDBY: used only when an active member fails
 * @param ipv4Test the IPv4 test address, used only for probing; never moves
 * @param ipv6Test the IPv6 test address; in.mpathd requires it to be link-local
 */
public record MemberConfig(
        String interfaceName,
        boolean standby,
        Optional<TestAddress> ipv4Test,
        Optional<TestAddress> ipv6Test) {

    public MemberConfig {
        Objects.requireNonNull(interfaceName, "interfaceName");
        Objects.requireNonNull(ipv4Test, "ipv4Test");
        Objects.requireNonNull(ipv6Test, "ipv6Test");
    }

    /** A member with link-based detection only. */
    public static MemberConfig linkOnly(String interfaceName, boolean standby) {
        return new MemberConfig(interfaceName, standby, Optional.empty(), Optional.empty());
    }

    public boolean hasTestAddress() {
        return ipv4Test.isPresent() || ipv6Test.isPresent();
    }
}
