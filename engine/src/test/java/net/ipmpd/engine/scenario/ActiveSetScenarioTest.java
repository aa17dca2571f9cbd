package net.ipmpd.engine.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.OptionalLong;
import net.ipmpd.engine.config.DampingConfig;
import net.ipmpd.engine.config.DataAddressConfig;
import net.ipmpd.engine.config.EngineConfig;
import net.ipmpd.engine.config.GroupConfig;
import net.ipmpd.engine.config.MemberConfig;
import net.ipmpd.engine.sim.Simulation;
import net.ipmpd.engine.state.MemberFlag;
import org.junit.jupiter.api.Test;

/**
 * Who is active (mpd_probe.c phyint_transition_to_running, phyint_standby_refresh_inactive): a
 * standby member is used only while fewer members are active than there are non-standby ones.
 */
class ActiveSetScenarioTest {

    private static boolean inactive(Simulation sim, String member) {
        var m = Lab.member(sim, member);
        return !m.active() && m.flags().contains(MemberFlag.INACTIVE);
    }

    @Test
    void aStandbyMemberStartsInactiveWhileTheOthersCoverTheGroup() {
        Simulation sim = Lab.settled(Lab.threeMembers(true, 10_000));
        assertThat(inactive(sim, "eth2")).isTrue();
        assertThat(Lab.member(sim, "eth0").active()).isTrue();
        assertThat(Lab.member(sim, "eth1").active()).isTrue();
        assertThat(sim.network().outbound(Lab.GROUP)).containsExactly("eth0", "eth1");
    }

    @Test
    void aRepairedStandbyIsInactiveWhileTheOthersCoverTheGroup() {
        Simulation sim = Lab.settled(Lab.threeMembers(true, 10_000));
        sim.carrierDown("eth2").carrierUp("eth2");
        sim.advanceMs(30_000);   // ten answered probes repair it
        assertThat(Lab.member(sim, "eth2").usable()).isTrue();
        assertThat(inactive(sim, "eth2")).isTrue();
        assertThat(sim.network().outbound(Lab.GROUP)).containsExactly("eth0", "eth1");
    }

    @Test
    void aRepairedMemberLeavesTheStandbyActiveWhileFewerAreActiveThanThereAreNonStandbyMembers() {
        // three normal members and one standby: with two normal ones down the standby fills in, and
        // when one comes back the group has three active for three non-standby: the standby stays
        GroupConfig g = new GroupConfig(Lab.GROUP, OptionalLong.empty(),
                List.of(Lab.member("eth0", 0, false), Lab.member("eth1", 1, false), Lab.member("eth2", 2, false),
                        Lab.member("eth3", 3, true)),
                List.of(new DataAddressConfig(Lab.DATA_V4, 24, "eth0")), List.of());
        Simulation sim = Lab.settled(new EngineConfig(10_000, true, true, DampingConfig.DEFAULT, List.of(g)));
        assertThat(inactive(sim, "eth3")).isTrue();
        sim.carrierDown("eth0").carrierDown("eth1");
        assertThat(Lab.member(sim, "eth3").active()).isTrue();
        sim.carrierUp("eth1");
        sim.advanceMs(30_000);   // ten answered probes repair eth1
        assertThat(Lab.member(sim, "eth1").active()).isTrue();
        assertThat(Lab.member(sim, "eth3").active()).isTrue();
        sim.carrierUp("eth0");
        sim.advanceMs(30_000);
        assertThat(Lab.member(sim, "eth0").active()).isTrue();
        assertThat(inactive(sim, "eth3")).isTrue();
    }

    @Test
    void settingTheStandbyFlagOnAnActiveMemberMakesItInactive() {
        EngineConfig cfg = Lab.threeMembers(true, 10_000);
        Simulation sim = Lab.settled(cfg);
        GroupConfig g = cfg.groups().get(0);
        List<MemberConfig> eth1Standby = List.of(g.members().get(0), Lab.member("eth1", 1, true), g.members().get(2));
        assertThat(sim.configure(new EngineConfig(cfg.failureDetectionTimeMs(), true, true, DampingConfig.DEFAULT,
                List.of(new GroupConfig(g.name(), g.failureDetectionTimeMs(), eth1Standby, g.dataAddresses(), g.staticTargets()))))
                .ok()).isTrue();
        assertThat(inactive(sim, "eth1")).isTrue();
        assertThat(inactive(sim, "eth2")).isTrue();
        assertThat(Lab.member(sim, "eth0").active()).isTrue();
    }

    @Test
    void clearingTheStandbyFlagActivatesTheMemberAndSettingItMakesAMemberInactive() {
        EngineConfig cfg = Lab.threeMembers(true, 10_000);
        Simulation sim = Lab.settled(cfg);
        GroupConfig g = cfg.groups().get(0);
        List<MemberConfig> swapped = List.of(g.members().get(0), Lab.member("eth1", 1, true), Lab.member("eth2", 2, false));
        assertThat(sim.configure(new EngineConfig(cfg.failureDetectionTimeMs(), true, true, DampingConfig.DEFAULT,
                List.of(new GroupConfig(g.name(), g.failureDetectionTimeMs(), swapped, g.dataAddresses(), g.staticTargets()))))
                .ok()).isTrue();
        assertThat(Lab.member(sim, "eth2").active()).isTrue();
        assertThat(inactive(sim, "eth1")).isTrue();
        assertThat(Lab.member(sim, "eth0").active()).isTrue();
    }
}
