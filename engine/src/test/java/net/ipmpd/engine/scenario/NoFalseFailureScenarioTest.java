package net.ipmpd.engine.scenario;

import static net.ipmpd.engine.scenario.Lab.only;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.util.List;
import net.ipmpd.engine.config.EngineConfig;
import net.ipmpd.engine.config.GroupConfig;
import net.ipmpd.engine.notify.Notification.GroupFailed;
import net.ipmpd.engine.notify.Notification.InterfaceFailed;
import net.ipmpd.engine.notify.Notification.ProbeCompleted;
import net.ipmpd.engine.sim.Simulation;
import net.ipmpd.engine.state.GroupState;
import org.junit.jupiter.api.Test;

/** Issue 9 items 1, 2 and 12: healthy members are never failed by latency, load or stale RTTs. */
class NoFalseFailureScenarioTest {

    private static Simulation fiveTargets(EngineConfig cfg) {
        return fiveTargets(cfg, Lab.RTT);
    }

    private static Simulation fiveTargets(EngineConfig cfg, long rttNanos) {
        Simulation sim = new Simulation(cfg, 11);
        for (int i = 1; i <= 5; i++) {
            sim.network().addHost(Lab.ip("198.18.0." + i), rttNanos);
        }
        sim.start().advanceMs(45_000);
        return sim;
    }

    private static long lost(Simulation sim, int mark) {
        return only(sim.notificationsSince(mark), ProbeCompleted.class).stream().filter(ProbeCompleted::lost).count();
    }

    @Test
    void aLatencyStepFromASubMillisecondRttTo20msLosesNoProbeWithFiveTargets() {
        Simulation sim = fiveTargets(Lab.threeMembers(true, 10_000));
        int mark = sim.notificationMark();
        for (int i = 1; i <= 5; i++) {
            sim.network().setRtt(Lab.ip("198.18.0." + i), 20_000_000);
        }
        sim.advanceMs(120_000);
        // in.mpathd: judged at the next send tick against start + CRTT (0 ms: the interval)
        assertThat(lost(sim, mark)).isZero();
        assertThat(only(sim.notificationsSince(mark), InterfaceFailed.class)).isEmpty();
        assertThat(Lab.group(sim).state()).isEqualTo(GroupState.OK);
    }

    @Test
    void repliesReadSixToTenMillisecondsAfterTheKernelStampedThemAreNotLost() {
        Simulation sim = fiveTargets(Lab.threeMembers(true, 1_000));
        sim.replyProcessingDelay(6, 10);
        int mark = sim.notificationMark();
        sim.advanceMs(180_000);
        assertThat(lost(sim, mark)).isZero();
        assertThat(only(sim.notificationsSince(mark), InterfaceFailed.class)).isEmpty();
        assertThat(only(sim.notificationsSince(mark), GroupFailed.class)).isEmpty();
    }

    @Test
    void aBusyDaemonThatRunsEveryTenMillisecondsJudgesRepliesByTheirKernelStampBeforeItsOverdueTicks() {
        // FDT 100 ms: a 14 ms probe interval, so a 10 ms scheduling lag spans send ticks; a 2 ms
        // RTT gives a 2 ms CRTT, so a tick judged before an earlier-stamped reply would lose it
        Simulation sim = fiveTargets(Lab.threeMembers(true, 100), 2_000_000);
        sim.busy(10);
        int mark = sim.notificationMark();
        sim.advanceMs(60_000);
        assertThat(only(sim.notificationsSince(mark), InterfaceFailed.class)).isEmpty();
        assertThat(only(sim.notificationsSince(mark), GroupFailed.class)).isEmpty();
        assertThat(lost(sim, mark)).isZero();
    }

    @Test
    void noRoundTripTimeIsLearntWhileTheGroupIsFailedSoTheFdtStaysAfterAnOutage() {
        Simulation sim = Lab.settled(Lab.threeMembers(true, 1_000));
        for (String m : List.of("eth0", "eth1", "eth2")) {
            sim.portBlocked(m, true);
        }
        sim.runUntil(s -> Lab.group(s).state() == GroupState.FAILED, 10_000);
        // while failed, replies queue for seconds (ARP on a dead path): they teach nothing
        for (InetAddress t : List.of(Lab.T1, Lab.T2, Lab.T3)) {
            sim.network().setRtt(t, 3_000_000_000L);
        }
        sim.portBlocked("eth1", false);
        sim.advanceMs(3_000);
        for (InetAddress t : List.of(Lab.T1, Lab.T2, Lab.T3)) {
            sim.network().setRtt(t, Lab.RTT);
        }
        sim.portBlocked("eth0", false).portBlocked("eth2", false);
        sim.advanceMs(30_000);
        assertThat(Lab.group(sim).effectiveFdtMs()).isEqualTo(1_000);
        assertThat(Lab.group(sim).state()).isEqualTo(GroupState.OK);
    }

    @Test
    void aMemberFailureResetsItsRoundTripTimes() {
        EngineConfig cfg = Lab.threeMembers(true, 10_000);
        GroupConfig g = cfg.groups().get(0).withStaticTargets(List.of(Lab.T1, Lab.T2));
        Simulation sim = Lab.settled(cfg.withGroups(List.of(g)));
        assertThat(Lab.member(sim, "eth0").probing().get(0).targets()).allMatch(t -> t.rttAverageMicros() > 0);
        sim.portBlocked("eth0", true);
        sim.runUntil(s -> Lab.member(s, "eth0").state() == net.ipmpd.engine.state.MemberState.FAILED, 20_000);
        // in.mpathd reset_crtt_all on failure; operator targets stay, their estimates go
        assertThat(Lab.member(sim, "eth0").probing().get(0).targets()).allMatch(t -> t.rttAverageMicros() == 0);
        assertThat(Lab.member(sim, "eth1").probing().get(0).targets()).allMatch(t -> t.rttAverageMicros() > 0);
    }
}
