package net.ipmpd.agent.control;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import net.ipmpd.engine.config.EngineConfig;
import net.ipmpd.engine.config.Family;
import net.ipmpd.engine.config.TestAddress;
import net.ipmpd.engine.notify.Cause;
import net.ipmpd.engine.state.DataAddressSnapshot;
import net.ipmpd.engine.state.EngineSnapshot;
import net.ipmpd.engine.state.GroupCounters;
import net.ipmpd.engine.state.GroupSnapshot;
import net.ipmpd.engine.state.GroupState;
import net.ipmpd.engine.state.KeptRoute;
import net.ipmpd.engine.state.RouteOrigin;
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

/**
 * A hand-built snapshot with one of each situation ipmpstat shows:
 * g0 (probe-based): net0 active nominee, net1 standby inactive, net2 failed, net3 offline;
 * g1 (link-based only): net4 active, net5 held by the flap damper, net6 missing at boot;
 * the anonymous group with eth9.
 */
public final class SampleSnapshot {
    private SampleSnapshot() {
    }

    public static InetAddress ip(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }

    public static TargetSnapshot target(String address, TargetMode mode, TargetState state) {
        return new TargetSnapshot(ip(address), mode, state, 250, 40);
    }

    public static ProbeInstanceSnapshot probing(Family f, String test, int prefix, TargetMode mode, ProbeState state,
                                                TargetSnapshot... targets) {
        return new ProbeInstanceSnapshot(f, new TestAddress(ip(test), prefix), mode, state, List.of(targets),
                new ProbeStats(100, 98, 2));
    }

    public static MemberSnapshot member(String name, String group, MemberState state, boolean active, Set<MemberFlag> flags,
                                        LinkState link, ProbeState probe, Presence presence,
                                        ProbeInstanceSnapshot... probing) {
        return new MemberSnapshot(name, group, presence == Presence.PRESENT ? 3 : 0, state, active, flags, link, probe,
                presence, Cause.NONE, 0, MemberCounters.ZERO, 0, List.of(probing));
    }

    public static EngineSnapshot sample() {
        MemberSnapshot net0 = member("net0", "g0", MemberState.OK, true,
                Set.of(MemberFlag.IPV4_MULTICAST_NOMINEE, MemberFlag.IPV4_BROADCAST_NOMINEE, MemberFlag.IPV6_MULTICAST_NOMINEE),
                LinkState.UP, ProbeState.OK, Presence.PRESENT,
                probing(Family.IPV4, "198.18.0.11", 24, TargetMode.ROUTES, ProbeState.OK,
                        target("198.18.0.1", TargetMode.ROUTES, TargetState.ACTIVE),
                        target("198.18.0.2", TargetMode.ROUTES, TargetState.ACTIVE),
                        target("198.18.0.3", TargetMode.ROUTES, TargetState.DEAD)),
                probing(Family.IPV6, "fe80::11", 64, TargetMode.MULTICAST, ProbeState.OK,
                        target("fe80::1", TargetMode.MULTICAST, TargetState.ACTIVE)));
        MemberSnapshot net1 = member("net1", "g0", MemberState.OK, false, Set.of(MemberFlag.STANDBY, MemberFlag.INACTIVE),
                LinkState.UP, ProbeState.OK, Presence.PRESENT,
                probing(Family.IPV4, "198.18.0.12", 24, TargetMode.ROUTES, ProbeState.OK,
                        target("198.18.0.1", TargetMode.ROUTES, TargetState.ACTIVE)));
        MemberSnapshot net2 = member("net2", "g0", MemberState.FAILED, false, Set.of(MemberFlag.FAILED),
                LinkState.DOWN, ProbeState.FAILED, Presence.PRESENT,
                probing(Family.IPV4, "198.18.0.13", 24, TargetMode.ROUTES, ProbeState.FAILED));
        MemberSnapshot net3 = member("net3", "g0", MemberState.OFFLINE, false, Set.of(MemberFlag.OFFLINE),
                LinkState.UP, ProbeState.DISABLED, Presence.PRESENT);
        GroupSnapshot g0 = new GroupSnapshot("g0", GroupState.DEGRADED, 10_000, 10_000, 2_000,
                List.of(net0, net1, net2, net3),
                List.of(new DataAddressSnapshot(ip("198.18.0.100"), 24, "net0", Optional.of("net0"), true),
                        new DataAddressSnapshot(ip("2001:2:0:0:0:0:0:100"), 64, "net1", Optional.of("net0"), true),
                        new DataAddressSnapshot(ip("198.18.0.101"), 24, "net2", Optional.of("net2"), false)),
                List.of("net0"), new GroupCounters(0, 0, 2), 5).withRoutes(List.of(
                new KeptRoute(Family.IPV4, ip("198.18.0.0"), 24, 0, List.of(), List.of("net0"), RouteOrigin.CREATED),
                new KeptRoute(Family.IPV4, ip("0.0.0.0"), 0, 0, List.of(ip("198.18.0.1")), List.of("net0"), RouteOrigin.FOLLOWED),
                new KeptRoute(Family.IPV6, ip("2001:2:0:1::"), 64, 1024, List.of(ip("2001:2::1"), ip("2001:2::2")),
                        List.of("net0"), RouteOrigin.FOLLOWED)));
        MemberSnapshot net4 = member("net4", "g1", MemberState.OK, true, Set.of(), LinkState.UP, ProbeState.DISABLED,
                Presence.PRESENT);
        MemberSnapshot net5 = member("net5", "g1", MemberState.FAILED, false, Set.of(MemberFlag.FLAPPING, MemberFlag.FAILED),
                LinkState.UP, ProbeState.DISABLED, Presence.PRESENT);
        MemberSnapshot net6 = member("net6", "g1", MemberState.FAILED, false, Set.of(MemberFlag.FAILED), LinkState.UNKNOWN,
                ProbeState.DISABLED, Presence.NOT_PRESENT);
        GroupSnapshot g1 = new GroupSnapshot("g1", GroupState.DEGRADED, 10_000, 10_000, 2_000, List.of(net4, net5, net6),
                List.of(new DataAddressSnapshot(ip("198.18.1.100"), 24, "net4", Optional.of("net4"), true)),
                List.of("net4"), GroupCounters.ZERO, 0);
        MemberSnapshot eth9 = member("eth9", "", MemberState.OK, true, Set.of(), LinkState.UP, ProbeState.DISABLED,
                Presence.PRESENT);
        GroupSnapshot anonymous = new GroupSnapshot("", GroupState.OK, 10_000, 10_000, 2_000, List.of(eth9), List.of(),
                List.of(), GroupCounters.ZERO, 0);
        return new EngineSnapshot(42, 1_000_000_000L, EngineConfig.defaults(), List.of(g0, g1), Optional.of(anonymous));
    }
}
