package net.ipmpd.yang.config;

import java.net.InetAddress;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import net.ipmpd.engine.config.DampingConfig;
import net.ipmpd.engine.config.DataAddressConfig;
import net.ipmpd.engine.config.EngineConfig;
import net.ipmpd.engine.config.GroupConfig;
import net.ipmpd.engine.config.MemberConfig;
import net.ipmpd.engine.config.TestAddress;

/** Configurations built by hand, for round trips. */
final class EngineConfigFixtures {
    private EngineConfigFixtures() {
    }

    static InetAddress ip(String literal) {
        return com.google.common.net.InetAddresses.forString(literal);
    }

    static EngineConfig sample() {
        GroupConfig g0 = new GroupConfig("ipmp0", OptionalLong.empty(), List.of(
                new MemberConfig("eth0", false, Optional.of(new TestAddress(ip("198.18.0.1"), 24)), Optional.empty()),
                new MemberConfig("eth1", false, Optional.of(new TestAddress(ip("198.18.0.2"), 24)),
                        Optional.of(new TestAddress(ip("fe80::2"), 64))),
                new MemberConfig("eth2", true, Optional.of(new TestAddress(ip("198.18.0.3"), 24)), Optional.empty())),
                List.of(new DataAddressConfig(ip("198.18.0.100"), 24, "eth0"),
                        new DataAddressConfig(ip("2001:2::100"), 64, "eth1")),
                List.of(ip("198.18.0.254"), ip("2001:2::1")));
        GroupConfig g1 = new GroupConfig("backend", OptionalLong.of(2000), List.of(
                MemberConfig.linkOnly("ens3f0", false), MemberConfig.linkOnly("ens3f1", true)),
                List.of(new DataAddressConfig(ip("198.18.5.10"), 26, "ens3f1")), List.of());
        return new EngineConfig(5000, false, false, new DampingConfig(false, 500, 3000, 700, 120_000, 9000), List.of(g0, g1));
    }
}
