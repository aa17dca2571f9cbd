package net.ipmpd.engine.scenario;

import static net.ipmpd.engine.scenario.Lab.T1;
import static net.ipmpd.engine.scenario.Lab.T2;
import static net.ipmpd.engine.scenario.Lab.T3;
import static net.ipmpd.engine.scenario.Lab.T6;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.OptionalLong;
import net.ipmpd.engine.config.DampingConfig;
import net.ipmpd.engine.config.DataAddressConfig;
import net.ipmpd.engine.config.EngineConfig;
import net.ipmpd.engine.config.Family;
import net.ipmpd.engine.config.GroupConfig;
import net.ipmpd.engine.sim.Simulation;
import net.ipmpd.engine.state.MemberState;
import net.ipmpd.engine.state.ProbeState;
import org.junit.jupiter.api.Test;

/** in.mpathd: a member fails only when IPv4 and IPv6 probing both fail; either repairs it. */
class DualStackScenarioTest {

    private static Simulation dual() {
        GroupConfig g = new GroupConfig(Lab.GROUP, OptionalLong.empty(),
                List.of(Lab.dualStack("eth0", 0, false), Lab.dualStack("eth1", 1, false)),
                List.of(new DataAddressConfig(Lab.DATA_V4, 24, "eth0"), new DataAddressConfig(Lab.DATA_V6, 64, "eth0")),
                List.of());
        return Lab.settled(new EngineConfig(10_000, true, true, DampingConfig.DEFAULT, List.of(g)));
    }

    @Test
    void bothFamiliesAreProbedWithLinkLocalIpv6Targets() {
        Simulation sim = dual();
        var eth0 = Lab.member(sim, "eth0");
        assertThat(eth0.probing()).extracting(p -> p.family()).containsExactly(Family.IPV4, Family.IPV6);
        assertThat(eth0.probing().get(1).targets()).extracting(t -> t.address()).containsExactly(T6);
    }

    @Test
    void ipv4FailingAloneIsNotAMemberFailure() {
        Simulation sim = dual();
        sim.targetAlive(T1, false).targetAlive(T2, false).targetAlive(T3, false);
        sim.advanceMs(30_000);
        var eth0 = Lab.member(sim, "eth0");
        assertThat(eth0.state()).isEqualTo(MemberState.OK);
        assertThat(eth0.probing().get(0).state()).isEqualTo(ProbeState.FAILED);
        assertThat(eth0.probing().get(1).state()).isEqualTo(ProbeState.OK);
    }

    @Test
    void bothFamiliesFailingIsAFailureAndEitherRecoveringRepairs() {
        Simulation sim = dual();
        sim.portBlocked("eth0", true);
        sim.runUntil(s -> Lab.member(s, "eth0").state() == MemberState.FAILED, 20_000);
        assertThat(Lab.member(sim, "eth0").state()).isEqualTo(MemberState.FAILED);
        // only IPv6 comes back (the IPv4 targets are gone): that is enough to repair
        sim.targetAlive(T1, false).targetAlive(T2, false).targetAlive(T3, false);
        sim.portBlocked("eth0", false);
        double took = sim.runUntil(s -> Lab.member(s, "eth0").state() == MemberState.OK, 40_000);
        assertThat(took).isPositive();
    }
}
