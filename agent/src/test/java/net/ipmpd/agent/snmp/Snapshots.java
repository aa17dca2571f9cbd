package net.ipmpd.agent.snmp;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;
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

/** Hand-built snapshots (the engine's records are public), in the lab's address ranges. */
final class Snapshots {
    private Snapshots() {
    }

    static InetAddress ip(String s) {
        try {
            return InetAddress.getByName(s);
        } catch (java.net.UnknownHostException e) {
            throw new IllegalArgumentException(s, e);
        }
    }

    static MemberSnapshot member(String name, String group, int ifIndex, MemberState state, boolean active,
                                 Set<MemberFlag> flags, Presence presence, List<ProbeInstanceSnapshot> probing) {
        return new MemberSnapshot(name, group, ifIndex, state, active, flags,
                presence == Presence.PRESENT ? LinkState.UP : LinkState.UNKNOWN,
                probing.isEmpty() ? ProbeState.DISABLED : ProbeState.OK, presence,
                state == MemberState.OK ? Cause.REPAIRED : Cause.NOT_PRESENT, 1_000_000_000L,
                new MemberCounters(3, 2, 1, 0), 0, probing);
    }

    /**
     * Group ipmp0: net0 (ifIndex 2, active, probing IPv4 from 198.18.7.10 to router 198.18.7.1),
     * net1 (ifIndex 3, standby, inactive), net2 (configured, absent). Data addresses
     * 198.18.7.100/24 and 2001:2::100/64 on net0.
     */
    static EngineSnapshot ipmp0() {
        ProbeInstanceSnapshot probe = new ProbeInstanceSnapshot(Family.IPV4, new TestAddress(ip("198.18.7.10"), 24),
                TargetMode.ROUTES, ProbeState.OK,
                List.of(new TargetSnapshot(ip("198.18.7.1"), TargetMode.ROUTES, TargetState.ACTIVE, 350, 80)),
                new ProbeStats(5_000_000_000L, 4_999_999_990L, 10));
        MemberSnapshot net0 = member("net0", "ipmp0", 2, MemberState.OK, true, Set.of(MemberFlag.IPV4_MULTICAST_NOMINEE),
                Presence.PRESENT, List.of(probe));
        MemberSnapshot net1 = member("net1", "ipmp0", 3, MemberState.OK, false,
                Set.of(MemberFlag.STANDBY, MemberFlag.INACTIVE), Presence.PRESENT, List.of());
        MemberSnapshot net2 = member("net2", "ipmp0", 0, MemberState.OFFLINE, false, Set.of(MemberFlag.OFFLINE),
                Presence.NOT_PRESENT, List.of());
        GroupSnapshot g = new GroupSnapshot("ipmp0", GroupState.DEGRADED, 10_000, 12_000, 2_000,
                List.of(net0, net1, net2),
                List.of(new DataAddressSnapshot(ip("198.18.7.100"), 24, "net0", Optional.of("net0"), true),
                        new DataAddressSnapshot(ip("2001:2::100"), 64, "net0", Optional.of("net0"), true)),
                List.of("net0"), new GroupCounters(1, 1, 4), 2_000_000_000L);
        EngineConfig config = EngineConfig.defaults().withGroups(List.of(new GroupConfig("ipmp0",
                List.of(MemberConfig.linkOnly("net0", false), MemberConfig.linkOnly("net1", true),
                        MemberConfig.linkOnly("net2", false)),
                List.of(new DataAddressConfig(ip("198.18.7.100"), 24, "net0")))));
        return new EngineSnapshot(7, 3_000_000_000L, config, List.of(g), Optional.empty());
    }

    /** A group of {@code n} members named m0..m(n-1) with ifIndex 1000+i (benchmark and walk tests). */
    static EngineSnapshot bigGroup(int n) {
        List<MemberSnapshot> members = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            members.add(member("m" + i, "big", 1000 + i, i % 7 == 3 ? MemberState.FAILED : MemberState.OK, i % 2 == 0,
                    Set.of(), Presence.PRESENT, List.of()));
        }
        GroupSnapshot g = new GroupSnapshot("big", GroupState.DEGRADED, 10_000, 10_000, 2_000, members, List.of(),
                List.of(), GroupCounters.ZERO, 0);
        return new EngineSnapshot(1, 0, EngineConfig.defaults(), List.of(g), Optional.empty());
    }

    /** The same snapshot with one member changed (and a new version, as the engine would publish). */
    static EngineSnapshot withMember(EngineSnapshot s, String name, UnaryOperator<MemberSnapshot> change) {
        List<GroupSnapshot> groups = new ArrayList<>();
        for (GroupSnapshot g : s.groups()) {
            List<MemberSnapshot> ms = g.members().stream().map(m -> m.name().equals(name) ? change.apply(m) : m).toList();
            groups.add(new GroupSnapshot(g.name(), g.state(), g.configuredFdtMs(), g.effectiveFdtMs(), g.probeIntervalMs(),
                    ms, g.dataAddresses(), g.outboundMembers(), g.counters(), g.lastChangeNanos()));
        }
        return new EngineSnapshot(s.version() + 1, s.atNanos(), s.config(), groups, s.anonymous());
    }

    static MemberSnapshot withState(MemberSnapshot m, MemberState state, Cause cause) {
        Set<MemberFlag> flags = EnumSet.noneOf(MemberFlag.class);
        flags.addAll(m.flags());
        if (state == MemberState.OFFLINE) {
            flags.add(MemberFlag.OFFLINE);
        } else {
            flags.remove(MemberFlag.OFFLINE);
        }
        return new MemberSnapshot(m.name(), m.group(), m.ifIndex(), state, state == MemberState.OK && !m.standby(), flags,
                m.link(), m.probe(), m.presence(), cause, m.lastChangeNanos() + 1, m.counters(), m.flapPenalty(),
                m.probing());
    }

    static EngineSnapshot withConfig(EngineSnapshot s, EngineConfig c) {
        return new EngineSnapshot(s.version() + 1, s.atNanos(), c, s.groups(), s.anonymous());
    }
}
