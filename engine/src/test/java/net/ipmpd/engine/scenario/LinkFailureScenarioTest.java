package net.ipmpd.engine.scenario;

import static net.ipmpd.engine.scenario.Lab.DATA_V4;
import static net.ipmpd.engine.scenario.Lab.DATA_V4_B;
import static org.assertj.core.api.Assertions.assertThat;

import net.ipmpd.engine.notify.Cause;
import net.ipmpd.engine.notify.Notification;
import net.ipmpd.engine.notify.Notification.AddressMoved;
import net.ipmpd.engine.notify.Notification.InterfaceFailed;
import net.ipmpd.engine.notify.Notification.InterfaceRepaired;
import net.ipmpd.engine.sim.Simulation;
import net.ipmpd.engine.state.GroupState;
import net.ipmpd.engine.state.MemberState;
import org.junit.jupiter.api.Test;

class LinkFailureScenarioTest {

    @Test
    void startPlacesEveryDataAddressOnItsHomeMember() {
        Simulation sim = Lab.started(Lab.threeMembers(true, 10_000));
        assertThat(sim.network().interfacesWith(DATA_V4)).containsExactly("eth0");
        assertThat(sim.network().interfacesWith(DATA_V4_B)).containsExactly("eth1");
        assertThat(sim.snapshot().group(Lab.GROUP).orElseThrow().state()).isEqualTo(GroupState.OK);
        assertThat(sim.network().outbound(Lab.GROUP)).containsExactly("eth0", "eth1");
    }

    @Test
    void linkDownFailsTheMemberAtOnceAndMovesItsAddressToTheStandby() {
        // t=0 eth0 link down; expect 198.18.0.100 on eth2 (standby) within 0 ms; cause link-down
        Simulation sim = Lab.settled(Lab.threeMembers(true, 10_000));
        int mark = sim.notificationMark();
        sim.carrierDown("eth0");
        assertThat(sim.network().interfacesWith(DATA_V4)).containsExactly("eth2");
        assertThat(sim.notificationsSince(mark)).anySatisfy(n -> {
            assertThat(n).isInstanceOf(InterfaceFailed.class);
            assertThat(((InterfaceFailed) n).member()).isEqualTo("eth0");
            assertThat(n.cause()).isEqualTo(Cause.LINK_DOWN);
        });
        assertThat(sim.notificationsSince(mark)).anySatisfy(n -> {
            assertThat(n).isInstanceOf(AddressMoved.class);
            AddressMoved m = (AddressMoved) n;
            assertThat(m.from()).isEqualTo("eth0");
            assertThat(m.to()).isEqualTo("eth2");
            assertThat(m.cause()).isEqualTo(Cause.LINK_DOWN);
        });
        var eth0 = sim.snapshot().member("eth0").orElseThrow();
        assertThat(eth0.state()).isEqualTo(MemberState.FAILED);
        assertThat(sim.snapshot().group(Lab.GROUP).orElseThrow().state()).isEqualTo(GroupState.DEGRADED);
        assertThat(sim.network().announcements()).contains(DATA_V4.getHostAddress() + "@eth2");
    }

    @Test
    void linkUpAloneDoesNotRepairAProbedMemberTenAnsweredProbesDo() {
        Simulation sim = Lab.settled(Lab.threeMembers(true, 10_000));
        sim.carrierDown("eth0");
        sim.advanceMs(5_000);
        int mark = sim.notificationMark();
        sim.carrierUp("eth0");
        assertThat(sim.snapshot().member("eth0").orElseThrow().state()).isEqualTo(MemberState.FAILED);
        double took = sim.runUntil(s -> s.snapshot().member("eth0").orElseThrow().state() == MemberState.OK, 30_000);
        // in.mpathd: 10 consecutive answered probes, one per probe interval (FDT/7 = 1428 ms)
        assertThat(took).isBetween(10 * 1428.0 * 0.5, 11 * 1428.0);
        assertThat(sim.notificationsSince(mark)).anyMatch(n -> n instanceof InterfaceRepaired r && r.member().equals("eth0"));
        assertThat(sim.network().interfacesWith(DATA_V4)).containsExactly("eth0");
    }

    @Test
    void notificationsCarryTheEngineTime() {
        Simulation sim = Lab.settled(Lab.threeMembers(true, 10_000));
        long at = sim.nowNanos();
        int mark = sim.notificationMark();
        sim.carrierDown("eth1");
        for (Notification n : sim.notificationsSince(mark)) {
            assertThat(n.atNanos()).isEqualTo(at);
        }
    }
}
