package net.ipmpd.yang.state;

import java.net.InetAddress;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.LongFunction;
import net.ipmpd.engine.config.DampingConfig;
import net.ipmpd.engine.config.DataAddressConfig;
import net.ipmpd.engine.config.EngineConfig;
import net.ipmpd.engine.config.Family;
import net.ipmpd.engine.config.GroupConfig;
import net.ipmpd.engine.config.MemberConfig;
import net.ipmpd.engine.config.TestAddress;
import net.ipmpd.engine.notify.Cause;
import net.ipmpd.engine.state.DataAddressSnapshot;
import net.ipmpd.engine.state.EngineSnapshot;
import net.ipmpd.engine.state.GroupCounters;
import net.ipmpd.engine.state.GroupSnapshot;
import net.ipmpd.engine.state.KeptRoute;
import net.ipmpd.engine.state.RouteOrigin;
import net.ipmpd.engine.state.GroupState;
import net.ipmpd.engine.state.LinkState;
import net.ipmpd.engine.state.MemberCounters;
import net.ipmpd.engine.state.MemberFlag;
import net.ipmpd.engine.state.MemberSnapshot;
import net.ipmpd.engine.state.MemberState;
import net.ipmpd.engine.state.Presence;
import net.ipmpd.engine.state.ProbeInstanceSnapshot;
import net.ipmpd.engine.state.ProbeState;
import net.ipmpd.engine.state.ProbeStats;
import net.ipmpd.engine.state.TargetMode;
import net.ipmpd.engine.state.TargetSnapshot;
import net.ipmpd.engine.state.TargetState;

/** A hand-built snapshot of group ipmp0 after eth0 failed: eth1 holds both data addresses. */
final class Snapshots {
    static final Instant BOOT = Instant.parse("2026-11-25T08:00:00Z");
    /** Engine nanoseconds count from BOOT. */
    static final LongFunction<Instant> CLOCK = nanos -> BOOT.plusNanos(nanos);
    static final long T1 = 90_000_000_000L;   // 08:01:30
    static final long T2 = 95_500_000_000L;   // 08:01:35.5

    private Snapshots() {
    }

    static InetAddress ip(String s) {
        return com.google.common.net.InetAddresses.forString(s);
    }

    static EngineConfig config() {
        return new EngineConfig(10_000, true, false, DampingConfig.DEFAULT, List.of(new GroupConfig("ipmp0", OptionalLong.empty(),
                List.of(new MemberConfig("eth0", false, Optional.of(new TestAddress(ip("198.18.0.10"), 24)), Optional.empty()),
                        new MemberConfig("eth1", false, Optional.of(new TestAddress(ip("198.18.0.11"), 24)),
                                Optional.of(new TestAddress(ip("fe80::11"), 64))),
                        MemberConfig.linkOnly("eth2", true)),
                List.of(new DataAddressConfig(ip("198.18.0.100"), 24, "eth0"), new DataAddressConfig(ip("2001:2::100"), 64, "eth1")),
                List.of(ip("198.18.0.1")))));
    }

    /** The routes kept after eth0 failed: the subnet routes and the default routes, through eth1 and eth2. */
    static final List<KeptRoute> ROUTES = List.of(
            new KeptRoute(Family.IPV4, ip("198.18.0.0"), 24, 0, List.of(), List.of("eth1", "eth2"), RouteOrigin.CREATED),
            new KeptRoute(Family.IPV4, ip("0.0.0.0"), 0, 0, List.of(ip("198.18.0.1")), List.of("eth1", "eth2"), RouteOrigin.FOLLOWED),
            new KeptRoute(Family.IPV6, ip("::"), 0, 1024, List.of(ip("fe80::1")), List.of("eth1"), RouteOrigin.FOLLOWED));

    static EngineSnapshot afterEth0Failed() {
        TestAddress eth0Test = new TestAddress(ip("198.18.0.10"), 24);
        MemberSnapshot eth0 = new MemberSnapshot("eth0", "ipmp0", 2, MemberState.FAILED, false, Set.of(MemberFlag.FAILED),
                LinkState.UP, ProbeState.FAILED, Presence.PRESENT, Cause.PROBES_LOST, T1, new MemberCounters(1, 0, 1, 0), 1000,
                List.of(new ProbeInstanceSnapshot(Family.IPV4, eth0Test, TargetMode.STATIC, ProbeState.FAILED,
                        List.of(new TargetSnapshot(ip("198.18.0.1"), TargetMode.STATIC, TargetState.DEAD, 1200, 300)),
                        new ProbeStats(40, 35, 5))));
        MemberSnapshot eth1 = new MemberSnapshot("eth1", "ipmp0", 3, MemberState.OK, true,
                Set.of(MemberFlag.IPV4_MULTICAST_NOMINEE, MemberFlag.IPV4_BROADCAST_NOMINEE, MemberFlag.IPV6_MULTICAST_NOMINEE),
                LinkState.UP, ProbeState.OK, Presence.PRESENT, Cause.NONE, 0, MemberCounters.ZERO, 0,
                List.of(new ProbeInstanceSnapshot(Family.IPV4, new TestAddress(ip("198.18.0.11"), 24), TargetMode.STATIC, ProbeState.OK,
                                List.of(new TargetSnapshot(ip("198.18.0.1"), TargetMode.STATIC, TargetState.ACTIVE, 950, 120)),
                                new ProbeStats(40, 40, 0)),
                        new ProbeInstanceSnapshot(Family.IPV6, new TestAddress(ip("fe80::11"), 64), TargetMode.MULTICAST, ProbeState.OK,
                                List.of(new TargetSnapshot(ip("fe80::1"), TargetMode.MULTICAST, TargetState.ACTIVE, 800, 90),
                                        new TargetSnapshot(ip("fe80::2"), TargetMode.MULTICAST, TargetState.UNUSED, 0, 0)),
                                new ProbeStats(20, 20, 0))));
        MemberSnapshot eth2 = new MemberSnapshot("eth2", "ipmp0", 4, MemberState.OK, true, Set.of(MemberFlag.STANDBY),
                LinkState.UP, ProbeState.DISABLED, Presence.PRESENT, Cause.REPAIRED, T2, MemberCounters.ZERO, 0, List.of());
        GroupSnapshot g = new GroupSnapshot("ipmp0", GroupState.DEGRADED, 10_000, 12_000, 2000, List.of(eth0, eth1, eth2),
                List.of(new DataAddressSnapshot(ip("198.18.0.100"), 24, "eth0", Optional.of("eth1"), true),
                        new DataAddressSnapshot(ip("2001:2::100"), 64, "eth1", Optional.of("eth1"), true)),
                List.of("eth1", "eth2"), new GroupCounters(0, 0, 1), T1).withRoutes(ROUTES);
        MemberSnapshot lone = new MemberSnapshot("eth9", "", 9, MemberState.OK, true, Set.of(), LinkState.DOWN,
                ProbeState.DISABLED, Presence.NOT_PRESENT, Cause.NOT_PRESENT, 0, MemberCounters.ZERO, 0, List.of());
        GroupSnapshot anonymous = new GroupSnapshot("", GroupState.OK, 10_000, 10_000, 2000, List.of(lone), List.of(),
                List.of(), GroupCounters.ZERO, 0);
        return new EngineSnapshot(7, T2, config(), List.of(g), Optional.of(anonymous));
    }
}
