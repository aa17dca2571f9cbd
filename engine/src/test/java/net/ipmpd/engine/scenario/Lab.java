package net.ipmpd.engine.scenario;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import net.ipmpd.engine.config.DampingConfig;
import net.ipmpd.engine.config.DataAddressConfig;
import net.ipmpd.engine.config.EngineConfig;
import net.ipmpd.engine.config.GroupConfig;
import net.ipmpd.engine.config.MemberConfig;
import net.ipmpd.engine.config.TestAddress;
import net.ipmpd.engine.sim.Simulation;

/** Configurations and simulations shared by the scenario tests. */
final class Lab {
    static final String GROUP = "ipmp0";
    static final InetAddress DATA_V4 = ip("198.18.0.100");
    static final InetAddress DATA_V4_B = ip("198.18.0.101");
    static final InetAddress DATA_V6 = ip("2001:2::100");
    static final InetAddress T1 = ip("198.18.0.1");
    static final InetAddress T2 = ip("198.18.0.2");
    static final InetAddress T3 = ip("198.18.0.3");
    static final InetAddress T6 = ip("fe80::1");
    static final long RTT = 200_000;   // 0.2 ms

    private Lab() {
    }

    static InetAddress ip(String literal) {
        try {
            return InetAddress.getByName(literal);   // literals only: no name lookup happens
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }

    static MemberConfig member(String name, int n, boolean standby) {
        return new MemberConfig(name, standby, Optional.of(new TestAddress(ip("198.18.0." + (10 + n)), 24)), Optional.empty());
    }

    static MemberConfig dualStack(String name, int n, boolean standby) {
        return new MemberConfig(name, standby, Optional.of(new TestAddress(ip("198.18.0." + (10 + n)), 24)),
                Optional.of(new TestAddress(ip("fe80::" + (10 + n)), 64)));
    }

    /** eth0 and eth1 active, eth2 standby, probe-based with IPv4 test addresses; two data addresses. */
    static EngineConfig threeMembers(boolean failback, long fdtMs) {
        GroupConfig g = new GroupConfig(GROUP, OptionalLong.empty(),
                List.of(member("eth0", 0, false), member("eth1", 1, false), member("eth2", 2, true)),
                List.of(new DataAddressConfig(DATA_V4, 24, "eth0"), new DataAddressConfig(DATA_V4_B, 24, "eth1")),
                List.of());
        return new EngineConfig(fdtMs, failback, true, DampingConfig.DEFAULT, List.of(g));
    }

    static EngineConfig linkOnly(String... names) {
        List<MemberConfig> ms = new ArrayList<>();
        for (String n : names) {
            ms.add(MemberConfig.linkOnly(n, false));
        }
        GroupConfig g = new GroupConfig(GROUP, ms, List.of(new DataAddressConfig(DATA_V4, 24, names[0])));
        return new EngineConfig(10_000, true, true, DampingConfig.DEFAULT, List.of(g));
    }

    /** A started simulation with three multicast-discoverable IPv4 hosts and one IPv6 host. */
    static Simulation started(EngineConfig config) {
        Simulation sim = new Simulation(config, 42);
        sim.network().addHost(T1, RTT);
        sim.network().addHost(T2, RTT);
        sim.network().addHost(T3, RTT);
        sim.network().addHost(T6, RTT);
        return sim.start();
    }

    /** The notifications of one kind, in order. */
    static <T extends net.ipmpd.engine.notify.Notification> List<T> only(List<net.ipmpd.engine.notify.Notification> all, Class<T> kind) {
        List<T> l = new ArrayList<>();
        for (var n : all) {
            if (kind.isInstance(n)) {
                l.add(kind.cast(n));
            }
        }
        return l;
    }

    /** The probes sent (unicast) by one member since an action mark. */
    static List<net.ipmpd.engine.action.Action.SendProbe> unicastProbes(Simulation sim, int actionMark, String member) {
        List<net.ipmpd.engine.action.Action.SendProbe> l = new ArrayList<>();
        for (var a : sim.actionsSince(actionMark)) {
            if (a instanceof net.ipmpd.engine.action.Action.SendProbe p && p.member().equals(member)
                    && p.kind() == net.ipmpd.engine.action.Action.ProbeKind.UNICAST) {
                l.add(p);
            }
        }
        return l;
    }

    static net.ipmpd.engine.state.MemberSnapshot member(Simulation sim, String name) {
        return sim.snapshot().member(name).orElseThrow();
    }

    static net.ipmpd.engine.state.GroupSnapshot group(Simulation sim) {
        return sim.snapshot().group(GROUP).orElseThrow();
    }

    /** Past the 40 s quiet period with targets discovered. */
    static Simulation settled(EngineConfig config) {
        Simulation sim = started(config);
        sim.advanceMs(45_000);
        return sim;
    }
}
