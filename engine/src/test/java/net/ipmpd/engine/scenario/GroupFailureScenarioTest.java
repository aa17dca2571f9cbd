package net.ipmpd.engine.scenario;

import static net.ipmpd.engine.scenario.Lab.DATA_V4;
import static net.ipmpd.engine.scenario.Lab.DATA_V4_B;
import static net.ipmpd.engine.scenario.Lab.only;
import static org.assertj.core.api.Assertions.assertThat;

import net.ipmpd.engine.notify.Cause;
import net.ipmpd.engine.notify.Notification.GroupFailed;
import net.ipmpd.engine.notify.Notification.GroupRepaired;
import net.ipmpd.engine.notify.Notification.InterfaceFailed;
import net.ipmpd.engine.sim.Simulation;
import net.ipmpd.engine.state.GroupState;
import net.ipmpd.engine.state.MemberState;
import net.ipmpd.engine.state.TargetMode;
import org.junit.jupiter.api.Test;

/** Member failure versus group failure (mpd_probe.c, section 2.10 of the anchors note). */
class GroupFailureScenarioTest {

    @Test
    void whenEveryPathFailsAtOnceItIsAGroupFailureAndAddressesStayPut() {
        Simulation sim = Lab.settled(Lab.threeMembers(true, 10_000));
        int mark = sim.notificationMark();
        // the switch (or every target) dies: every member loses its probes
        sim.targetAlive(Lab.T1, false).targetAlive(Lab.T2, false).targetAlive(Lab.T3, false);
        sim.runUntil(s -> Lab.group(s).state() == GroupState.FAILED, 20_000);
        assertThat(Lab.group(sim).state()).isEqualTo(GroupState.FAILED);
        assertThat(only(sim.notificationsSince(mark), GroupFailed.class)).singleElement()
                .satisfies(g -> assertThat(g.cause()).isEqualTo(Cause.GROUP_FAILURE));
        assertThat(only(sim.notificationsSince(mark), InterfaceFailed.class))
                .extracting(InterfaceFailed::cause).containsOnly(Cause.GROUP_FAILURE);
        for (String m : new String[] {"eth0", "eth1", "eth2"}) {
            assertThat(Lab.member(sim, m).state()).isEqualTo(MemberState.FAILED);
        }
        assertThat(sim.network().interfacesWith(DATA_V4)).containsExactly("eth0");
        assertThat(sim.network().interfacesWith(DATA_V4_B)).containsExactly("eth1");
        // in.mpathd flushes host targets on group failure so that they are discovered afresh
        assertThat(Lab.member(sim, "eth0").probing().get(0).targets()).isEmpty();
        assertThat(Lab.member(sim, "eth0").probing().get(0).mode()).isEqualTo(TargetMode.MULTICAST);
    }

    @Test
    void theGroupRepairsWhenTheTargetsComeBack() {
        Simulation sim = Lab.settled(Lab.threeMembers(true, 10_000));
        sim.targetAlive(Lab.T1, false).targetAlive(Lab.T2, false).targetAlive(Lab.T3, false);
        sim.runUntil(s -> Lab.group(s).state() == GroupState.FAILED, 20_000);
        int mark = sim.notificationMark();
        sim.targetAlive(Lab.T1, true).targetAlive(Lab.T2, true).targetAlive(Lab.T3, true);
        double took = sim.runUntil(s -> Lab.group(s).state() == GroupState.OK, 60_000);
        assertThat(took).isPositive();
        assertThat(only(sim.notificationsSince(mark), GroupRepaired.class)).hasSize(1);
    }

    @Test
    void oneBrokenPortIsAMemberFailureNotAGroupFailure() {
        Simulation sim = Lab.settled(Lab.threeMembers(true, 10_000));
        int mark = sim.notificationMark();
        sim.portBlocked("eth1", true);
        sim.runUntil(s -> Lab.member(s, "eth1").state() == MemberState.FAILED, 20_000);
        sim.advanceMs(10_000);
        assertThat(Lab.group(sim).state()).isEqualTo(GroupState.DEGRADED);
        assertThat(only(sim.notificationsSince(mark), GroupFailed.class)).isEmpty();
        assertThat(Lab.member(sim, "eth0").state()).isEqualTo(MemberState.OK);
    }

    @Test
    void losingEveryLinkFailsTheGroupWithCauseLinkDown() {
        Simulation sim = Lab.settled(Lab.threeMembers(true, 10_000));
        int mark = sim.notificationMark();
        sim.carrierDown("eth0").carrierDown("eth1").carrierDown("eth2");
        assertThat(Lab.group(sim).state()).isEqualTo(GroupState.FAILED);
        assertThat(only(sim.notificationsSince(mark), GroupFailed.class)).singleElement()
                .satisfies(g -> assertThat(g.cause()).isEqualTo(Cause.LINK_DOWN));
        // the addresses stay on the members: there is nowhere better, and they come back with the links
        assertThat(sim.network().interfacesWith(DATA_V4)).hasSize(1);
        sim.carrierUp("eth2");
        sim.runUntil(s -> Lab.group(s).state() != GroupState.FAILED, 30_000);
        assertThat(sim.network().interfacesWith(DATA_V4)).containsExactly("eth2");
    }
}
