package net.ipmpd.engine.scenario;

import static net.ipmpd.engine.scenario.Lab.DATA_V4;
import static net.ipmpd.engine.scenario.Lab.DATA_V4_B;
import static net.ipmpd.engine.scenario.Lab.only;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import net.ipmpd.engine.CommandResult;
import net.ipmpd.engine.config.DataAddressConfig;
import net.ipmpd.engine.config.EngineConfig;
import net.ipmpd.engine.config.GroupConfig;
import net.ipmpd.engine.config.MemberConfig;
import net.ipmpd.engine.notify.Cause;
import net.ipmpd.engine.notify.Notification.AddressMoved;
import net.ipmpd.engine.notify.Notification.InterfaceFailed;
import net.ipmpd.engine.notify.Notification.InterfaceRepaired;
import net.ipmpd.engine.sim.Simulation;
import net.ipmpd.engine.state.MemberState;
import org.junit.jupiter.api.Test;

/** Configuration changes applied live, whole or not at all. */
class ConfigScenarioTest {

    @Test
    void anInvalidConfigurationIsRefusedWholeAndNothingChanges() {
        Simulation sim = Lab.settled(Lab.threeMembers(true, 10_000));
        var before = sim.snapshot();
        GroupConfig g = before.config().groups().get(0);
        EngineConfig bad = before.config().withFailback(false).withGroups(List.of(g.withDataAddresses(
                List.of(new DataAddressConfig(DATA_V4, 24, "eth9")))));
        CommandResult r = sim.configure(bad);
        assertThat(r).isInstanceOfSatisfying(CommandResult.Refused.class, ref -> {
            assertThat(ref.problems()).singleElement().satisfies(p ->
                    assertThat(p.path()).isEqualTo("/ipmp/group[name='ipmp0']/data-address[address='198.18.0.100']/home-member"));
        });
        assertThat(sim.snapshot().config()).isEqualTo(before.config());
        assertThat(sim.snapshot().version()).isEqualTo(before.version());
    }

    @Test
    void aNewMemberIsProbedAndAnAddressWhoseHomeMovesIsMoved() {
        Simulation sim = Lab.settled(Lab.threeMembers(true, 10_000));
        GroupConfig g = sim.snapshot().config().groups().get(0);
        List<MemberConfig> members = new ArrayList<>(g.members());
        members.add(Lab.member("eth3", 3, false));
        GroupConfig changed = g.withMembers(members).withDataAddresses(List.of(
                new DataAddressConfig(DATA_V4, 24, "eth3"), new DataAddressConfig(DATA_V4_B, 24, "eth1")));
        int actions = sim.actionMark();
        int mark = sim.notificationMark();
        assertThat(sim.configure(sim.snapshot().config().withGroups(List.of(changed))).ok()).isTrue();
        assertThat(sim.network().interfacesWith(DATA_V4)).containsExactly("eth3");
        assertThat(only(sim.notificationsSince(mark), AddressMoved.class)).singleElement()
                .satisfies(m -> assertThat(m.cause()).isEqualTo(Cause.CONFIG));
        // probing of the new member starts within one probe interval
        sim.advanceMs(10_000 / 7.0);
        assertThat(sim.actionsSince(actions)).anyMatch(a -> a instanceof net.ipmpd.engine.action.Action.SendProbe p
                && p.member().equals("eth3"));
    }

    @Test
    void changingTheFailureDetectionTimeReschedulesProbing() {
        Simulation sim = Lab.settled(Lab.threeMembers(true, 10_000));
        assertThat(sim.configure(sim.snapshot().config().withFailureDetectionTimeMs(700)).ok()).isTrue();
        assertThat(Lab.group(sim).probeIntervalMs()).isEqualTo(100);
        sim.advanceMs(200);   // let the already scheduled probe come in
        int mark = sim.actionMark();
        sim.advanceMs(1_000);
        assertThat(Lab.unicastProbes(sim, mark, "eth0")).hasSizeBetween(9, 11);
        sim.portBlocked("eth0", true);
        double took = sim.runUntil(s -> Lab.member(s, "eth0").state() == MemberState.FAILED, 5_000);
        // in.mpathd's bound: the FDT plus half an interval (see FailureDetectionTimeTest)
        assertThat(took).isPositive().isLessThanOrEqualTo(750);
    }

    @Test
    void removingADataAddressDeletesItAndRemovingAGroupCleansUp() {
        Simulation sim = Lab.settled(Lab.threeMembers(true, 10_000));
        GroupConfig g = sim.snapshot().config().groups().get(0);
        sim.configure(sim.snapshot().config().withGroups(List.of(g.withDataAddresses(List.of(new DataAddressConfig(DATA_V4, 24, "eth0"))))));
        assertThat(sim.network().interfacesWith(DATA_V4_B)).isEmpty();
        sim.configure(sim.snapshot().config().withGroups(List.of()));
        assertThat(sim.network().interfacesWith(DATA_V4)).isEmpty();
        assertThat(sim.network().interfacesWith(Lab.ip("198.18.0.10"))).isEmpty();
        assertThat(sim.network().outbound(Lab.GROUP)).isEmpty();
        assertThat(sim.snapshot().groups()).isEmpty();
    }

    @Test
    void aPerGroupFailureDetectionTimeOverridesTheGlobalOne() {
        EngineConfig cfg = Lab.threeMembers(true, 10_000);
        cfg = cfg.withGroups(List.of(cfg.groups().get(0).withFailureDetectionTimeMs(OptionalLong.of(2_100))));
        Simulation sim = Lab.settled(cfg);
        assertThat(Lab.group(sim).configuredFdtMs()).isEqualTo(2_100);
        assertThat(Lab.group(sim).probeIntervalMs()).isEqualTo(300);
    }

    @Test
    void withTrackingOfAllInterfacesUngroupedOnesFormTheAnonymousGroup() {
        EngineConfig cfg = Lab.threeMembers(true, 10_000).withTrackInterfacesOnlyWithGroups(false);
        Simulation sim = new Simulation(cfg, 1);
        sim.network().addNic("eth9");
        sim.network().addHost(Lab.T1, Lab.RTT);
        sim.start();
        var anon = sim.snapshot().anonymous().orElseThrow();
        assertThat(anon.members()).extracting(m -> m.name()).containsExactly("eth9");
        int mark = sim.notificationMark();
        sim.carrierDown("eth9");
        // detection only: a failure is reported (with an empty group name), nothing moves
        assertThat(only(sim.notificationsSince(mark), InterfaceFailed.class)).singleElement()
                .satisfies(f -> assertThat(f.group()).isEmpty());
        assertThat(only(sim.notificationsSince(mark), AddressMoved.class)).isEmpty();
        sim.carrierUp("eth9");
        assertThat(only(sim.notifications(), InterfaceRepaired.class)).anySatisfy(r -> assertThat(r.member()).isEqualTo("eth9"));
        // with the default (track only grouped interfaces) it is not tracked
        Simulation plain = new Simulation(Lab.threeMembers(true, 10_000), 1);
        plain.network().addNic("eth9");
        plain.start();
        assertThat(plain.snapshot().anonymous()).isEmpty();
        assertThat(plain.snapshot().member("eth9")).isEmpty();
    }

    @Test
    void withTrackingOfAllInterfacesAMemberTakenOutOfItsGroupIsTrackedInTheAnonymousGroupAtOnce() {
        // in.mpathd: an interface that leaves its group goes on being tracked (failure detection only)
        EngineConfig cfg = Lab.threeMembers(true, 10_000).withTrackInterfacesOnlyWithGroups(false);
        Simulation sim = new Simulation(cfg, 1);
        sim.network().addHost(Lab.T1, Lab.RTT);
        sim.start();
        GroupConfig g = sim.snapshot().config().groups().get(0);
        GroupConfig without = g.withMembers(g.members().stream().filter(m -> !m.interfaceName().equals("eth2")).toList());
        assertThat(sim.configure(cfg.withGroups(List.of(without))).ok()).isTrue();
        assertThat(sim.snapshot().anonymous().orElseThrow().members()).extracting(m -> m.name()).containsExactly("eth2");
        assertThat(sim.snapshot().member("eth2").orElseThrow().group()).isEmpty();
    }

    @Test
    void changingStandbyAppliesTheCapacityRuleWithoutAFailover() {
        Simulation sim = Lab.settled(Lab.threeMembers(true, 10_000));
        GroupConfig g = sim.snapshot().config().groups().get(0);
        List<MemberConfig> members = new ArrayList<>();
        for (MemberConfig m : g.members()) {
            // eth1 becomes the standby, eth2 an ordinary member
            members.add(new MemberConfig(m.interfaceName(), m.interfaceName().equals("eth1"), m.ipv4Test(), m.ipv6Test()));
        }
        int mark = sim.notificationMark();
        GroupConfig changed = g.withMembers(members).withDataAddresses(List.of(
                new DataAddressConfig(DATA_V4, 24, "eth0"), new DataAddressConfig(DATA_V4_B, 24, "eth2")));
        assertThat(sim.configure(sim.snapshot().config().withGroups(List.of(changed))).ok()).isTrue();
        assertThat(Lab.member(sim, "eth2").active()).isTrue();
        assertThat(Lab.member(sim, "eth1").active()).isFalse();
        assertThat(Lab.member(sim, "eth1").flags()).contains(net.ipmpd.engine.state.MemberFlag.INACTIVE);
        assertThat(sim.network().interfacesWith(DATA_V4_B)).containsExactly("eth2");
        assertThat(only(sim.notificationsSince(mark), InterfaceFailed.class)).isEmpty();
    }
}
