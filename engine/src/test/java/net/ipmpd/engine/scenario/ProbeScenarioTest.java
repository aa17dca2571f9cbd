package net.ipmpd.engine.scenario;

import static net.ipmpd.engine.scenario.Lab.DATA_V4;
import static net.ipmpd.engine.scenario.Lab.member;
import static net.ipmpd.engine.scenario.Lab.only;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import net.ipmpd.engine.notify.Cause;
import net.ipmpd.engine.notify.Notification.InterfaceFailed;
import net.ipmpd.engine.notify.Notification.InterfaceRepaired;
import net.ipmpd.engine.notify.Notification.ProbeCompleted;
import net.ipmpd.engine.sim.Simulation;
import net.ipmpd.engine.state.MemberState;
import net.ipmpd.engine.state.ProbeState;
import org.junit.jupiter.api.Test;

/** in.mpathd's probing rules (mpd_probe.c), each as a timeline in simulated time. */
class ProbeScenarioTest {
    private static final double INTERVAL_MS = 10_000 / 7.0;

    @Test
    void probeIntervalIsOneSeventhOfTheFailureDetectionTime() {
        Simulation sim = Lab.settled(Lab.threeMembers(true, 10_000));
        int mark = sim.actionMark();
        sim.advanceMs(70_000);
        // 70 s / 1428.6 ms = 49 probes (the first and last may fall either side)
        assertThat(Lab.unicastProbes(sim, mark, "eth0")).hasSizeBetween(48, 50);
    }

    @Test
    void eachProbeGoesOutAtARandomTimeInTheSecondHalfOfItsInterval() {
        Simulation sim = Lab.settled(Lab.threeMembers(true, 10_000));
        List<Long> sendTimes = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            int mark = sim.actionMark();
            sim.runUntil(s -> !Lab.unicastProbes(s, mark, "eth1").isEmpty(), 5_000);
            sendTimes.add(sim.nowNanos());
        }
        // base + U(0.5, 1.0) x interval, the base strictly periodic: every send lies in the second
        // half of its own interval, measured from the first send's base
        double[] gaps = new double[sendTimes.size() - 1];
        for (int i = 1; i < sendTimes.size(); i++) {
            gaps[i - 1] = (sendTimes.get(i) - sendTimes.get(i - 1)) / 1e6;
            assertThat(gaps[i - 1]).isBetween(0.5 * INTERVAL_MS, 1.5 * INTERVAL_MS);
        }
        double total = (sendTimes.get(sendTimes.size() - 1) - sendTimes.get(0)) / 1e6;
        assertThat(total / gaps.length).isCloseTo(INTERVAL_MS, org.assertj.core.data.Offset.offset(0.1 * INTERVAL_MS));
        // random, not periodic: the gaps spread over most of their possible range
        double min = java.util.Arrays.stream(gaps).min().orElseThrow();
        double max = java.util.Arrays.stream(gaps).max().orElseThrow();
        assertThat(min).isLessThan(0.6 * INTERVAL_MS);
        assertThat(max).isGreaterThan(1.4 * INTERVAL_MS);
    }

    @Test
    void membersDoNotProbeInLockstep() {
        Simulation sim = Lab.started(Lab.threeMembers(true, 10_000));
        int mark = sim.actionMark();
        sim.advanceMs(INTERVAL_MS * 2);
        long first0 = -1;
        long first1 = -1;
        // in.mpathd spreads each interface's first base time over one interval
        for (var a : sim.actionsSince(mark)) {
            if (a instanceof net.ipmpd.engine.action.Action.SendProbe p) {
                if (p.member().equals("eth0") && first0 < 0) {
                    first0 = p.sequence();
                }
                if (p.member().equals("eth1") && first1 < 0) {
                    first1 = p.sequence();
                }
            }
        }
        assertThat(first0).isNotNegative();
        assertThat(first1).isNotNegative();
        List<String> order = sim.actionsSince(mark).stream()
                .filter(a -> a instanceof net.ipmpd.engine.action.Action.SendProbe)
                .map(a -> ((net.ipmpd.engine.action.Action.SendProbe) a).member()).toList();
        assertThat(order).doesNotContainSequence("eth0", "eth1", "eth2", "eth0", "eth1", "eth2", "eth0", "eth1", "eth2");
    }

    @Test
    void fiveConsecutiveLostProbesFailTheMemberWithinTheFailureDetectionTime() {
        // t=0 the switch port of eth0 stops forwarding (carrier stays up)
        Simulation sim = Lab.settled(Lab.threeMembers(true, 10_000));
        int mark = sim.notificationMark();
        sim.portBlocked("eth0", true);
        double took = sim.runUntil(s -> Lab.member(s, "eth0").state() == MemberState.FAILED, 20_000);
        assertThat(took).isPositive().isLessThanOrEqualTo(10_000);
        var lost = only(sim.notificationsSince(mark), ProbeCompleted.class).stream()
                .filter(p -> p.member().equals("eth0") && p.lost()).toList();
        // the older of the two newest probes and the newest may be judged at the same send tick
        assertThat(lost).hasSizeBetween(5, 6);
        var failed = only(sim.notificationsSince(mark), InterfaceFailed.class);
        assertThat(failed).singleElement().satisfies(f -> {
            assertThat(f.member()).isEqualTo("eth0");
            assertThat(f.cause()).isEqualTo(Cause.PROBES_LOST);
        });
        assertThat(Lab.member(sim, "eth0").probe()).isEqualTo(ProbeState.FAILED);
        assertThat(sim.network().interfacesWith(DATA_V4)).containsExactly("eth2");
    }

    @Test
    void fourLostProbesAreNotAFailure() {
        Simulation sim = Lab.settled(Lab.threeMembers(true, 10_000));
        int mark = sim.notificationMark();
        int actions = sim.actionMark();
        sim.portBlocked("eth0", true);
        // exactly four probes go out into the blocked port, the fifth is answered
        sim.runUntil(s -> Lab.unicastProbes(s, actions, "eth0").size() == 4, 20_000);
        sim.advanceMs(300);
        sim.portBlocked("eth0", false);
        sim.advanceMs(20_000);
        assertThat(only(sim.notificationsSince(mark), InterfaceFailed.class)).isEmpty();
        assertThat(Lab.member(sim, "eth0").state()).isEqualTo(MemberState.OK);
    }

    @Test
    void tenConsecutiveAnsweredProbesRepairTheMember() {
        Simulation sim = Lab.settled(Lab.threeMembers(true, 10_000));
        sim.portBlocked("eth0", true);
        sim.runUntil(s -> Lab.member(s, "eth0").state() == MemberState.FAILED, 20_000);
        int mark = sim.notificationMark();
        sim.portBlocked("eth0", false);
        sim.runUntil(s -> Lab.member(s, "eth0").state() == MemberState.OK, 40_000);
        var answered = only(sim.notificationsSince(mark), ProbeCompleted.class).stream()
                .filter(p -> p.member().equals("eth0") && !p.lost()).count();
        assertThat(answered).isEqualTo(10);
        assertThat(only(sim.notificationsSince(mark), InterfaceRepaired.class)).singleElement()
                .satisfies(r -> assertThat(r.member()).isEqualTo("eth0"));
        assertThat(sim.network().interfacesWith(DATA_V4)).containsExactly("eth0");   // failback
    }

    @Test
    void lossesDuringTheFortySecondQuietPeriodAreIgnored() {
        Simulation sim = new Simulation(Lab.threeMembers(true, 10_000), 7);
        sim.network().addHost(Lab.T1, Lab.RTT);
        sim.network().addHost(Lab.T2, Lab.RTT);
        sim.network().setForwarding("eth0", false);    // eth0 never gets an answer
        sim.start();
        // the targets are found through eth1 only, so eth0 has no targets: give it some statically
        sim.configure(Lab.threeMembers(true, 10_000).withGroups(List.of(
                Lab.threeMembers(true, 10_000).groups().get(0).withStaticTargets(List.of(Lab.T1, Lab.T2)))));
        double took = sim.runUntil(s -> Lab.member(s, "eth0").state() == MemberState.FAILED, 60_000);
        // in.mpathd FAILURE_DETECTION_QP: nothing counts before 40 s (from when probing started)
        assertThat(took).isGreaterThanOrEqualTo(40_000).isLessThan(52_000);
    }

    @Test
    void theFirstAnsweredProbeEndsTheQuietPeriod() {
        Simulation sim = Lab.started(Lab.threeMembers(true, 10_000));
        sim.advanceMs(8_000);   // answers arrived: quiet period over
        sim.portBlocked("eth1", true);
        double took = sim.runUntil(s -> Lab.member(s, "eth1").state() == MemberState.FAILED, 20_000);
        assertThat(took).isPositive().isLessThanOrEqualTo(10_000);
        assertThat(sim.elapsedMs()).isLessThan(40_000);
    }

    @Test
    void aLateReplyStaysLostButTeachesTheRoundTripTime() {
        Simulation sim = Lab.settled(Lab.threeMembers(true, 10_000));
        long before = Lab.member(sim, "eth0").probing().get(0).targets().get(0).rttAverageMicros();
        // the path slows down 100-fold: the first probes time out, later ones wait long enough
        for (var h : List.of(Lab.T1, Lab.T2, Lab.T3)) {
            sim.network().setRtt(h, 20_000_000);
        }
        int mark = sim.notificationMark();
        sim.advanceMs(30_000);
        assertThat(only(sim.notificationsSince(mark), InterfaceFailed.class)).isEmpty();
        long after = Lab.member(sim, "eth0").probing().get(0).targets().get(0).rttAverageMicros();
        assertThat(after).isGreaterThan(before * 10);
    }

    @Test
    void aStalledDaemonDoesNotBlameThePathForProbesItCouldNotRead() {
        // 1.5 s without running (a GC pause) at FDT 1000 ms: every probe in flight is overdue
        Simulation sim = Lab.settled(Lab.threeMembers(true, 1_000));
        int mark = sim.notificationMark();
        sim.stall(1_500);
        sim.advanceMs(5_000);
        assertThat(only(sim.notificationsSince(mark), InterfaceFailed.class)).isEmpty();
        assertThat(only(sim.notificationsSince(mark), net.ipmpd.engine.notify.Notification.GroupFailed.class)).isEmpty();
        // and a path that really broke during the stall is still found within the FDT after it
        sim.portBlocked("eth0", true);
        sim.stall(1_500);
        double took = sim.runUntil(s -> Lab.member(s, "eth0").state() == MemberState.FAILED, 5_000);
        assertThat(took).isPositive().isLessThanOrEqualTo(1_000);
    }

    @Test
    void membersWithoutTargetsAreUnknownAndStillFailOnLinkDown() {
        Simulation sim = new Simulation(Lab.threeMembers(true, 10_000), 3).start();   // no hosts at all
        sim.advanceMs(60_000);
        assertThat(Lab.member(sim, "eth0").state()).isEqualTo(MemberState.UNKNOWN);
        assertThat(Lab.member(sim, "eth0").probe()).isEqualTo(ProbeState.UNKNOWN);
        sim.carrierDown("eth0");
        assertThat(Lab.member(sim, "eth0").state()).isEqualTo(MemberState.FAILED);
        assertThat(sim.network().interfacesWith(DATA_V4)).containsExactly("eth2");
        assertThat(member("eth0", 0, false).hasTestAddress()).isTrue();
    }
}
