package net.ipmpd.engine.scenario;

import static net.ipmpd.engine.scenario.Lab.DATA_V4;
import static net.ipmpd.engine.scenario.Lab.only;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import net.ipmpd.engine.action.Action;
import net.ipmpd.engine.action.Action.SetNominees;
import net.ipmpd.engine.config.DampingConfig;
import net.ipmpd.engine.config.DataAddressConfig;
import net.ipmpd.engine.config.EngineConfig;
import net.ipmpd.engine.config.GroupConfig;
import net.ipmpd.engine.config.MemberConfig;
import net.ipmpd.engine.notify.Notification.GroupFailed;
import net.ipmpd.engine.notify.Notification.GroupRepaired;
import net.ipmpd.engine.sim.Simulation;
import net.ipmpd.engine.state.DataAddressSnapshot;
import net.ipmpd.engine.state.GroupSnapshot;
import net.ipmpd.engine.state.GroupState;
import net.ipmpd.engine.state.MemberFlag;
import org.junit.jupiter.api.Test;

/**
 * The group's own state (mpd_tables.c phyint_group_chstate, phyint_group_refresh_state): OK,
 * DEGRADED and FAILED, its counters, the data addresses' UP flag, the nominees and the anonymous group.
 */
class GroupStateScenarioTest {

    private static DataAddressSnapshot address(Simulation sim) {
        return Lab.group(sim).dataAddresses().stream().filter(a -> a.address().equals(DATA_V4)).findFirst().orElseThrow();
    }

    private static List<SetNominees> nominees(List<Action> actions) {
        return actions.stream().filter(a -> a instanceof SetNominees).map(a -> (SetNominees) a).toList();
    }

    @Test
    void aGroupFailureAndItsRepairAreCountedOnceAndTheRepairNamesTheFirstUsableMember() {
        Simulation sim = Lab.started(Lab.linkOnly("eth0", "eth1", "eth2"));
        assertThat(address(sim).up()).isTrue();
        int mark = sim.notificationMark();
        sim.carrierDown("eth1");
        assertThat(Lab.group(sim).state()).isEqualTo(GroupState.DEGRADED);
        sim.carrierDown("eth2").carrierDown("eth0");
        GroupSnapshot failed = Lab.group(sim);
        assertThat(failed.state()).isEqualTo(GroupState.FAILED);
        assertThat(failed.counters().failures()).isEqualTo(1);
        assertThat(failed.counters().repairs()).isZero();
        // the address stays where it is, but it is not up: nothing can carry it
        assertThat(address(sim).currentMember()).contains("eth0");
        assertThat(address(sim).up()).isFalse();
        sim.carrierUp("eth2");
        GroupSnapshot repaired = Lab.group(sim);
        assertThat(repaired.state()).isEqualTo(GroupState.DEGRADED);
        assertThat(repaired.counters().repairs()).isEqualTo(1);
        assertThat(only(sim.notificationsSince(mark), GroupRepaired.class)).singleElement()
                .satisfies(r -> assertThat(r.firstUsableMember()).isEqualTo("eth2"));
        assertThat(address(sim).currentMember()).contains("eth2");
        assertThat(address(sim).up()).isTrue();
        // DEGRADED to OK is no group repair
        sim.carrierUp("eth0").carrierUp("eth1");
        assertThat(Lab.group(sim).state()).isEqualTo(GroupState.OK);
        assertThat(only(sim.notificationsSince(mark), GroupRepaired.class)).hasSize(1);
        assertThat(only(sim.notificationsSince(mark), GroupFailed.class)).hasSize(1);
        assertThat(Lab.group(sim).counters().failures()).isEqualTo(1);
        assertThat(Lab.group(sim).counters().repairs()).isEqualTo(1);
    }

    @Test
    void anAddressWithoutAHolderIsNotUp() {
        Simulation sim = Lab.started(Lab.linkOnly("eth0", "eth1"));
        sim.removeNic("eth0").removeNic("eth1");
        assertThat(address(sim).up()).isFalse();
    }

    @Test
    void withFailbackTheFirstActiveMemberIsNominatedAgainAfterItsRepair() {
        Simulation sim = Lab.started(Lab.linkOnly("eth0", "eth1", "eth2"));
        assertThat(Lab.member(sim, "eth0").flags()).contains(MemberFlag.IPV4_MULTICAST_NOMINEE,
                MemberFlag.IPV4_BROADCAST_NOMINEE, MemberFlag.IPV6_MULTICAST_NOMINEE);
        int actions = sim.actionMark();
        sim.carrierDown("eth0");
        assertThat(nominees(sim.actionsSince(actions))).singleElement()
                .isEqualTo(new SetNominees(Lab.GROUP, "eth1", "eth1", "eth1"));
        sim.carrierUp("eth0");
        assertThat(nominees(sim.actionsSince(actions))).last().isEqualTo(new SetNominees(Lab.GROUP, "eth0", "eth0", "eth0"));
        // a change that moves no nominee sends none
        int quiet = sim.actionMark();
        sim.carrierDown("eth2");
        sim.carrierUp("eth2");
        assertThat(nominees(sim.actionsSince(quiet))).isEmpty();
    }

    @Test
    void withoutFailbackAWorkingNomineeIsKeptWhenAnEarlierMemberComesBack() {
        Simulation sim = Lab.started(Lab.linkOnly("eth0", "eth1", "eth2").withFailback(false));
        int actions = sim.actionMark();
        assertThat(sim.offline("eth0").ok()).isTrue();
        assertThat(sim.online("eth0").ok()).isTrue();
        assertThat(Lab.member(sim, "eth0").active()).isTrue();   // back online, and active
        assertThat(nominees(sim.actionsSince(actions))).singleElement()
                .isEqualTo(new SetNominees(Lab.GROUP, "eth1", "eth1", "eth1"));
        assertThat(Lab.member(sim, "eth1").flags()).contains(MemberFlag.IPV4_MULTICAST_NOMINEE);
        assertThat(Lab.member(sim, "eth0").flags()).doesNotContain(MemberFlag.IPV4_MULTICAST_NOMINEE);
        // when the nominee goes, the first active member takes over
        sim.carrierDown("eth1");
        assertThat(nominees(sim.actionsSince(actions))).last().isEqualTo(new SetNominees(Lab.GROUP, "eth0", "eth0", "eth0"));
    }

    @Test
    void makingTheOnlyWorkingMemberStandbyLeavesItActive() {
        EngineConfig cfg = Lab.linkOnly("eth0", "eth1");
        Simulation sim = Lab.started(cfg);
        sim.carrierDown("eth1");
        GroupConfig g = cfg.groups().get(0);
        GroupConfig standby = new GroupConfig(Lab.GROUP, List.of(MemberConfig.linkOnly("eth0", true), MemberConfig.linkOnly("eth1", false)),
                g.dataAddresses());
        assertThat(sim.configure(cfg.withGroups(List.of(standby))).ok()).isTrue();
        // phyint_standby_refresh_inactive: a group with a usable member has an active one
        assertThat(Lab.member(sim, "eth0").active()).isTrue();
        assertThat(Lab.member(sim, "eth0").flags()).contains(MemberFlag.STANDBY).doesNotContain(MemberFlag.INACTIVE);
        assertThat(sim.network().interfacesWith(DATA_V4)).containsExactly("eth0");
    }

    @Test
    void theAnonymousGroupIsAlwaysOkAndSpreadsNothing() {
        GroupConfig g = new GroupConfig(Lab.GROUP, List.of(MemberConfig.linkOnly("eth0", false)),
                List.of(new DataAddressConfig(DATA_V4, 24, "eth0")));
        EngineConfig cfg = new EngineConfig(10_000, true, false, DampingConfig.DEFAULT, List.of(g));
        Simulation sim = new Simulation(cfg, 3);
        sim.network().addNic("eth9");
        sim.start();
        GroupSnapshot anon = sim.snapshot().anonymous().orElseThrow();
        assertThat(anon.member("eth9")).isPresent();
        sim.carrierDown("eth9");
        anon = sim.snapshot().anonymous().orElseThrow();
        assertThat(anon.member("eth9").orElseThrow().flags()).contains(MemberFlag.FAILED);
        assertThat(anon.state()).isEqualTo(GroupState.OK);
        assertThat(anon.outboundMembers()).isEmpty();
        assertThat(only(sim.notifications(), GroupFailed.class)).isEmpty();
    }
}
