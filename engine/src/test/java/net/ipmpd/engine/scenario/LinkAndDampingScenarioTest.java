package net.ipmpd.engine.scenario;

import static net.ipmpd.engine.scenario.Lab.DATA_V4;
import static net.ipmpd.engine.scenario.Lab.only;
import static org.assertj.core.api.Assertions.assertThat;

import net.ipmpd.engine.config.DampingConfig;
import net.ipmpd.engine.config.EngineConfig;
import net.ipmpd.engine.notify.Cause;
import net.ipmpd.engine.notify.Notification.FlapGuardEngaged;
import net.ipmpd.engine.notify.Notification.Flapping;
import net.ipmpd.engine.notify.Notification.InterfaceRepaired;
import net.ipmpd.engine.notify.Notification.LinkChanged;
import net.ipmpd.engine.sim.Simulation;
import net.ipmpd.engine.state.MemberFlag;
import net.ipmpd.engine.state.MemberState;
import org.junit.jupiter.api.Test;

/** Link-based detection, in.mpathd's flap guard, and ipmpd's flap damper. */
class LinkAndDampingScenarioTest {

    private static EngineConfig linkOnlyUndamped() {
        return Lab.linkOnly("eth0", "eth1").withDamping(DampingConfig.DISABLED);
    }

    @Test
    void withoutTestAddressesLinkUpRepairsAtOnce() {
        Simulation sim = Lab.settled(Lab.linkOnly("eth0", "eth1"));
        sim.carrierDown("eth0");
        int mark = sim.notificationMark();
        sim.carrierUp("eth0");
        assertThat(Lab.member(sim, "eth0").state()).isEqualTo(MemberState.OK);
        assertThat(only(sim.notificationsSince(mark), InterfaceRepaired.class)).hasSize(1);
        assertThat(only(sim.notificationsSince(mark), LinkChanged.class)).singleElement()
                .satisfies(l -> assertThat(l.up()).isTrue());
        assertThat(sim.network().interfacesWith(DATA_V4)).containsExactly("eth0");
    }

    @Test
    void theThirdLinkUpWithinAMinuteHoldsRepairUntilTheLinkSettles() {
        Simulation sim = Lab.settled(linkOnlyUndamped());
        for (int i = 0; i < 2; i++) {
            sim.carrierDown("eth0");
            sim.advanceMs(1_000);
            sim.carrierUp("eth0");
            sim.advanceMs(1_000);
        }
        assertThat(Lab.member(sim, "eth0").state()).isEqualTo(MemberState.OK);
        int mark = sim.notificationMark();
        sim.carrierDown("eth0");
        sim.advanceMs(1_000);
        sim.carrierUp("eth0");
        // in.mpathd: "The link has come up on %s more than 2 times in the last minute; disabling repair"
        assertThat(only(sim.notificationsSince(mark), FlapGuardEngaged.class)).singleElement()
                .satisfies(f -> assertThat(f.linkUpsLastMinute()).isEqualTo(3));
        assertThat(Lab.member(sim, "eth0").state()).isEqualTo(MemberState.FAILED);
        double took = sim.runUntil(s -> Lab.member(s, "eth0").state() == MemberState.OK, 120_000);
        // in.mpathd: repaired once the second-newest link-up (at +3 s) is a minute old: 58 s after
        // the third (the oldest, at +1 s, would give 56 s)
        assertThat(took).isBetween(57_900.0, 58_100.0);
    }

    @Test
    void linkDownForgetsProbeHistorySoOldAnswersDoNotCountTowardRepair() {
        Simulation sim = Lab.settled(Lab.threeMembers(true, 10_000));
        sim.carrierDown("eth0");
        sim.carrierUp("eth0");
        // in.mpathd clears the probe statistics on link down: 10 new answers are needed
        assertThat(Lab.member(sim, "eth0").state()).isEqualTo(MemberState.FAILED);
        double took = sim.runUntil(s -> Lab.member(s, "eth0").state() == MemberState.OK, 30_000);
        assertThat(took).isGreaterThan(5 * 1428.0);
    }

    @Test
    void aFlappingMemberIsHeldOutOfServiceAndReportedUntilThePenaltyDecays() {
        Simulation sim = Lab.settled(Lab.linkOnly("eth0", "eth1"));
        int mark = sim.notificationMark();
        for (int i = 0; i < 3; i++) {
            sim.carrierDown("eth0");
            sim.advanceMs(500);
            sim.carrierUp("eth0");
            sim.advanceMs(500);
        }
        var flapping = only(sim.notificationsSince(mark), Flapping.class);
        assertThat(flapping).singleElement().satisfies(f -> {
            assertThat(f.suppressed()).isTrue();
            assertThat(f.cause()).isEqualTo(Cause.FLAPPING);
            assertThat(f.member()).isEqualTo("eth0");
        });
        var eth0 = Lab.member(sim, "eth0");
        assertThat(eth0.flags()).contains(MemberFlag.FLAPPING);
        assertThat(eth0.state()).isEqualTo(MemberState.FAILED);
        assertThat(sim.network().interfacesWith(DATA_V4)).containsExactly("eth1");
        // penalty 3000 (minus decay) must fall below 800: a little under two half-lives
        double took = sim.runUntil(s -> Lab.member(s, "eth0").state() == MemberState.OK, 300_000);
        assertThat(took).isBetween(90_000.0, 130_000.0);
        assertThat(only(sim.notifications(), Flapping.class)).last().satisfies(f -> assertThat(f.suppressed()).isFalse());
        assertThat(sim.network().interfacesWith(DATA_V4)).containsExactly("eth0");
        assertThat(Lab.member(sim, "eth0").counters().flaps()).isEqualTo(1);
    }

    @Test
    void twoFailuresAMinuteAreNotFlapping() {
        Simulation sim = Lab.settled(Lab.linkOnly("eth0", "eth1"));
        int mark = sim.notificationMark();
        for (int i = 0; i < 2; i++) {
            sim.carrierDown("eth0");
            sim.advanceMs(500);
            sim.carrierUp("eth0");
            sim.advanceMs(20_000);
        }
        assertThat(only(sim.notificationsSince(mark), Flapping.class)).isEmpty();
        assertThat(Lab.member(sim, "eth0").state()).isEqualTo(MemberState.OK);
    }

    @Test
    void dampingCanBeTurnedOff() {
        Simulation sim = Lab.settled(Lab.threeMembers(true, 10_000).withDamping(DampingConfig.DISABLED));
        for (int i = 0; i < 6; i++) {
            sim.carrierDown("eth0");
            sim.advanceMs(100);
            sim.carrierUp("eth0");
            sim.runUntil(s -> Lab.member(s, "eth0").state() == MemberState.OK, 30_000);
        }
        assertThat(only(sim.notifications(), Flapping.class)).isEmpty();
        assertThat(Lab.member(sim, "eth0").counters().failures()).isEqualTo(6);
        assertThat(Lab.member(sim, "eth0").counters().repairs()).isEqualTo(6);
    }
}
