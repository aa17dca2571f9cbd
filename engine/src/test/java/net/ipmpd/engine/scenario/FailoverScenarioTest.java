package net.ipmpd.engine.scenario;

import static net.ipmpd.engine.scenario.Lab.DATA_V4;
import static net.ipmpd.engine.scenario.Lab.DATA_V4_B;
import static net.ipmpd.engine.scenario.Lab.DATA_V6;
import static net.ipmpd.engine.scenario.Lab.only;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.OptionalLong;
import net.ipmpd.engine.config.DampingConfig;
import net.ipmpd.engine.config.DataAddressConfig;
import net.ipmpd.engine.config.EngineConfig;
import net.ipmpd.engine.config.GroupConfig;
import net.ipmpd.engine.notify.Cause;
import net.ipmpd.engine.notify.Notification.AddressMoved;
import net.ipmpd.engine.sim.Simulation;
import net.ipmpd.engine.state.MemberFlag;
import net.ipmpd.engine.state.MemberState;
import org.junit.jupiter.api.Test;

/** Failover, failback and the standby / INACTIVE rules (mpd_probe.c phyint_transition_to_running). */
class FailoverScenarioTest {

    @Test
    void aStandbyMemberStartsInactiveAndCarriesNothing() {
        Simulation sim = Lab.started(Lab.threeMembers(true, 10_000));
        var eth2 = Lab.member(sim, "eth2");
        assertThat(eth2.flags()).contains(MemberFlag.STANDBY, MemberFlag.INACTIVE);
        assertThat(eth2.active()).isFalse();
        assertThat(sim.network().outbound(Lab.GROUP)).doesNotContain("eth2");
    }

    @Test
    void whenAnActiveMemberFailsTheStandbyIsActivatedAndTakesItsAddresses() {
        Simulation sim = Lab.settled(Lab.threeMembers(true, 10_000));
        sim.carrierDown("eth1");
        assertThat(Lab.member(sim, "eth2").active()).isTrue();
        assertThat(Lab.member(sim, "eth2").flags()).doesNotContain(MemberFlag.INACTIVE);
        assertThat(sim.network().interfacesWith(DATA_V4_B)).containsExactly("eth2");
        assertThat(sim.network().outbound(Lab.GROUP)).containsExactly("eth0", "eth2");
    }

    @Test
    void failbackYesReturnsAddressesHomeAndTheStandbyGoesInactiveAgain() {
        Simulation sim = Lab.settled(Lab.threeMembers(true, 10_000));
        sim.carrierDown("eth1");
        sim.advanceMs(1_000);
        int mark = sim.notificationMark();
        sim.carrierUp("eth1");
        sim.runUntil(s -> Lab.member(s, "eth1").state() == MemberState.OK, 30_000);
        assertThat(sim.network().interfacesWith(DATA_V4_B)).containsExactly("eth1");
        assertThat(Lab.member(sim, "eth2").flags()).contains(MemberFlag.INACTIVE);
        assertThat(only(sim.notificationsSince(mark), AddressMoved.class)).singleElement().satisfies(m -> {
            assertThat(m.from()).isEqualTo("eth2");
            assertThat(m.to()).isEqualTo("eth1");
            assertThat(m.cause()).isEqualTo(Cause.FAILBACK);
        });
    }

    @Test
    void failbackNoLeavesAddressesWhereTheyAreAndTheRepairedMemberInactive() {
        Simulation sim = Lab.settled(Lab.threeMembers(false, 10_000));
        sim.carrierDown("eth1");
        sim.advanceMs(1_000);
        sim.carrierUp("eth1");
        sim.runUntil(s -> Lab.member(s, "eth1").state() == MemberState.OK, 30_000);
        sim.advanceMs(5_000);
        assertThat(sim.network().interfacesWith(DATA_V4_B)).containsExactly("eth2");
        assertThat(Lab.member(sim, "eth1").flags()).contains(MemberFlag.INACTIVE);
        assertThat(Lab.member(sim, "eth2").active()).isTrue();
        // the inactive member is used again when another fails
        sim.carrierDown("eth2");
        assertThat(sim.network().interfacesWith(DATA_V4_B)).containsExactly("eth1");
    }

    @Test
    void withoutStandbyAFailedMembersAddressesGoToTheLeastLoadedActiveMember() {
        Simulation sim = Lab.settled(Lab.linkOnly("eth0", "eth1", "eth2"));
        sim.carrierDown("eth0");
        assertThat(sim.network().interfacesWith(DATA_V4)).containsExactly("eth1");
        sim.carrierUp("eth0");
        assertThat(sim.network().interfacesWith(DATA_V4)).containsExactly("eth0");
    }

    @Test
    void ipv6DataAddressesFailOverLikeIpv4() {
        GroupConfig g = new GroupConfig(Lab.GROUP, OptionalLong.empty(),
                List.of(Lab.dualStack("eth0", 0, false), Lab.dualStack("eth1", 1, false)),
                List.of(new DataAddressConfig(DATA_V6, 64, "eth0"), new DataAddressConfig(DATA_V4, 24, "eth0")),
                List.of());
        Simulation sim = Lab.settled(new EngineConfig(10_000, true, true, DampingConfig.DEFAULT, List.of(g)));
        assertThat(sim.network().interfacesWith(DATA_V6)).containsExactly("eth0");
        sim.carrierDown("eth0");
        assertThat(sim.network().interfacesWith(DATA_V6)).containsExactly("eth1");
        assertThat(sim.network().announcements()).contains(DATA_V6.getHostAddress() + "@eth1");
    }

    @Test
    void aMoveAddsOnTheNewMemberBeforeItDeletesOnTheOld() {
        Simulation sim = Lab.settled(Lab.threeMembers(true, 10_000));
        int mark = sim.actionMark();
        sim.carrierDown("eth0");
        var move = sim.actionsSince(mark).stream().filter(a -> a instanceof net.ipmpd.engine.action.Action.MoveAddress).findFirst();
        assertThat(move).isPresent();   // one action: the dataplane adds before it deletes
        assertThat(sim.network().interfacesWith(DATA_V4)).hasSize(1);
    }

    @Test
    void outboundTrafficIsSpreadOverTheActiveMembersOnly() {
        Simulation sim = Lab.settled(Lab.threeMembers(true, 10_000));
        assertThat(sim.network().outbound(Lab.GROUP)).containsExactly("eth0", "eth1");
        sim.portBlocked("eth0", true);
        sim.runUntil(s -> Lab.member(s, "eth0").state() == MemberState.FAILED, 20_000);
        // a probe-detected failure leaves the carrier up: the outbound set must still drop it
        assertThat(sim.network().outbound(Lab.GROUP)).containsExactly("eth1", "eth2");
    }

    @Test
    void oneMemberOfEachNomineeKindIsChosenAndReplacedOnFailure() {
        Simulation sim = Lab.settled(Lab.threeMembers(true, 10_000));
        assertThat(sim.network().nominees(Lab.GROUP).orElseThrow().ipv4Multicast()).isEqualTo("eth0");
        assertThat(Lab.member(sim, "eth0").flags()).contains(MemberFlag.IPV4_MULTICAST_NOMINEE,
                MemberFlag.IPV4_BROADCAST_NOMINEE, MemberFlag.IPV6_MULTICAST_NOMINEE);
        sim.carrierDown("eth0");
        assertThat(sim.network().nominees(Lab.GROUP).orElseThrow().ipv4Multicast()).isEqualTo("eth1");
        sim.carrierUp("eth0");
        sim.runUntil(s -> Lab.member(s, "eth0").state() == MemberState.OK, 30_000);
        // FAILBACK=yes re-nominates the first member in configuration order
        assertThat(sim.network().nominees(Lab.GROUP).orElseThrow().ipv6Multicast()).isEqualTo("eth0");
    }
}
