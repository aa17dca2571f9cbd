package net.ipmpd.engine.scenario;

import static net.ipmpd.engine.scenario.Lab.T1;
import static net.ipmpd.engine.scenario.Lab.T2;
import static net.ipmpd.engine.scenario.Lab.T3;
import static net.ipmpd.engine.scenario.Lab.ip;
import static net.ipmpd.engine.scenario.Lab.only;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.util.List;
import net.ipmpd.engine.config.EngineConfig;
import net.ipmpd.engine.event.EngineEvent.Router;
import net.ipmpd.engine.notify.Cause;
import net.ipmpd.engine.notify.Notification.FailureDetectionTimeChanged;
import net.ipmpd.engine.notify.Notification.InterfaceFailed;
import net.ipmpd.engine.notify.Notification.TargetChanged;
import net.ipmpd.engine.sim.Simulation;
import net.ipmpd.engine.state.MemberState;
import net.ipmpd.engine.state.TargetMode;
import net.ipmpd.engine.state.TargetSnapshot;
import net.ipmpd.engine.state.TargetState;
import org.junit.jupiter.api.Test;

/** Target selection, target failure and the RTT-driven failure detection time (mpd_tables.c, mpd_probe.c). */
class TargetScenarioTest {

    private static List<InetAddress> targets(Simulation sim, String member) {
        return Lab.member(sim, member).probing().get(0).targets().stream().map(TargetSnapshot::address).toList();
    }

    private static TargetSnapshot target(Simulation sim, String member, InetAddress a) {
        return Lab.member(sim, member).probing().get(0).targets().stream().filter(t -> t.address().equals(a)).findFirst().orElseThrow();
    }

    @Test
    void withoutRoutersHostsAnsweringTheAllHostsProbeBecomeTargets() {
        Simulation sim = Lab.settled(Lab.threeMembers(true, 10_000));
        assertThat(targets(sim, "eth0")).containsExactlyInAnyOrder(T1, T2, T3);
        assertThat(Lab.member(sim, "eth0").probing().get(0).mode()).isEqualTo(TargetMode.MULTICAST);
        // our own addresses never become targets, and hosts that ignore multicast echo are not found
        assertThat(targets(sim, "eth0")).doesNotContain(ip("198.18.0.11"), ip("198.18.0.100"));
    }

    @Test
    void atMostFiveTargetsAreUsed() {
        Simulation sim = new Simulation(Lab.threeMembers(true, 10_000), 1);
        for (int i = 1; i <= 8; i++) {
            sim.network().addHost(ip("198.18.0." + i), Lab.RTT);
        }
        sim.start().advanceMs(30_000);
        assertThat(targets(sim, "eth0")).hasSize(5);
    }

    @Test
    void onLinkRoutersArePreferredAndReplaceHostTargets() {
        Simulation sim = Lab.settled(Lab.threeMembers(true, 10_000));
        // a router off our subnet is ignored; IPv4 routers in the test subnet are used
        sim.routers(List.of(new Router(T3, "eth0"), new Router(ip("198.19.0.1"), "eth0")));
        assertThat(targets(sim, "eth1")).containsExactly(T3);
        assertThat(Lab.member(sim, "eth1").probing().get(0).mode()).isEqualTo(TargetMode.ROUTES);
    }

    @Test
    void operatorTargetsComeFirst() {
        EngineConfig cfg = Lab.threeMembers(true, 10_000);
        cfg = cfg.withGroups(List.of(cfg.groups().get(0).withStaticTargets(List.of(T2))));
        Simulation sim = Lab.settled(cfg);
        sim.routers(List.of(new Router(T3, "eth0")));
        assertThat(targets(sim, "eth0")).containsExactly(T2);
        assertThat(Lab.member(sim, "eth0").probing().get(0).mode()).isEqualTo(TargetMode.STATIC);
    }

    @Test
    void aDeadHostTargetIsDroppedWhileTheMemberStaysUp() {
        Simulation sim = Lab.settled(Lab.threeMembers(true, 10_000));
        int mark = sim.notificationMark();
        sim.targetAlive(T2, false);
        sim.advanceMs(40_000);
        assertThat(only(sim.notificationsSince(mark), InterfaceFailed.class)).isEmpty();
        assertThat(targets(sim, "eth0")).doesNotContain(T2).contains(T1, T3);
        assertThat(only(sim.notificationsSince(mark), TargetChanged.class))
                .anySatisfy(t -> {
                    assertThat(t.target()).isEqualTo(T2);
                    assertThat(t.removed()).isTrue();
                    assertThat(t.cause()).isEqualTo(Cause.TARGET_LOST);
                });
    }

    @Test
    void aDeadRouterTargetIsMarkedDeadAndComesBackAfterTheRecoveryTime() {
        Simulation sim = Lab.settled(Lab.threeMembers(true, 10_000));
        sim.routers(List.of(new Router(T1, "eth0"), new Router(T2, "eth0"), new Router(T3, "eth0")));
        sim.advanceMs(5_000);
        sim.targetAlive(T2, false);
        sim.runUntil(s -> target(s, "eth0", T2).state() == TargetState.DEAD, 40_000);
        assertThat(target(sim, "eth0", T2).state()).isEqualTo(TargetState.DEAD);
        assertThat(Lab.member(sim, "eth0").state()).isEqualTo(MemberState.OK);
        sim.targetAlive(T2, true);
        // in.mpathd: marking a router DEAD leaves its last-active time alone, so the next probe's
        // walk makes it SLOW, and a minute later it is UNUSED and used again: about 60 s, not 120
        double took = sim.runUntil(s -> target(s, "eth0", T2).state() == TargetState.ACTIVE, 200_000);
        assertThat(took).isBetween(60_000.0, 60_000 + 3 * 1429.0);
    }

    @Test
    void aSlowPathRaisesTheFailureDetectionTimeAndAFastOneLowersItAgain() {
        Simulation sim = Lab.settled(Lab.threeMembers(true, 1_000));   // 142 ms probe interval
        int mark = sim.notificationMark();
        for (var h : List.of(T1, T2, T3)) {
            sim.network().setRtt(h, 120_000_000);   // 120 ms: CRTT beyond the interval
        }
        sim.runUntil(s -> Lab.group(s).effectiveFdtMs() > 1_000, 30_000);
        var raised = only(sim.notificationsSince(mark), FailureDetectionTimeChanged.class);
        assertThat(raised).isNotEmpty();
        assertThat(raised.get(0).requestedMs()).isEqualTo(1_000);
        assertThat(raised.get(0).effectiveMs()).isGreaterThan(1_000);
        assertThat(Lab.group(sim).effectiveFdtMs()).isGreaterThan(1_000);
        assertThat(only(sim.notificationsSince(mark), InterfaceFailed.class)).isEmpty();
        for (var h : List.of(T1, T2, T3)) {
            sim.network().setRtt(h, Lab.RTT);
        }
        // lowered by halves, no sooner than 60 s after the last raise, back to what was asked for
        double took = sim.runUntil(s -> Lab.group(s).effectiveFdtMs() == 1_000, 400_000);
        assertThat(took).isGreaterThanOrEqualTo(50_000);
        var last = only(sim.notifications(), FailureDetectionTimeChanged.class);
        assertThat(last.get(last.size() - 1).effectiveMs()).isEqualTo(1_000);
    }

    @Test
    void oneSlowTargetAmongFourIsAnExceptionNotAReasonToRaiseTheFdt() {
        EngineConfig cfg = Lab.threeMembers(true, 1_000);
        InetAddress t4 = ip("198.18.0.4");
        cfg = cfg.withGroups(List.of(cfg.groups().get(0).withStaticTargets(List.of(T1, T2, T3, t4))));
        Simulation sim = new Simulation(cfg, 5);
        for (var h : List.of(T1, T2, T3, t4)) {
            sim.network().addHost(h, Lab.RTT);
        }
        sim.start().advanceMs(45_000);
        sim.network().setRtt(t4, 120_000_000);
        sim.advanceMs(30_000);
        assertThat(Lab.group(sim).effectiveFdtMs()).isEqualTo(1_000);
        assertThat(target(sim, "eth0", t4).state()).isIn(TargetState.SLOW, TargetState.DEAD);
    }

    @Test
    void oneStrayRttSpikeDoesNotRaiseTheFdtButTwoInARowDo() {
        Simulation sim = Lab.settled(Lab.threeMembers(true, 1_000));
        // one 400 ms sample alone would put T1's CRTT far above the 142 ms interval
        sim.network().setRtt(T1, 400_000_000);
        int actions = sim.actionMark();
        sim.runUntil(s -> Lab.unicastProbes(s, actions, "eth0").stream().filter(p -> p.target().equals(T1)).count() == 1, 5_000);
        sim.network().setRtt(T1, Lab.RTT);
        sim.advanceMs(10_000);
        assertThat(Lab.group(sim).effectiveFdtMs()).isEqualTo(1_000);
        // MAXDEFERREDRTT is 1: the second spike in a row is believed, with the deferred one
        sim.network().setRtt(T1, 400_000_000);
        sim.runUntil(s -> Lab.group(s).effectiveFdtMs() > 1_000, 10_000);
        assertThat(Lab.group(sim).effectiveFdtMs()).isGreaterThan(1_000);
    }
}
