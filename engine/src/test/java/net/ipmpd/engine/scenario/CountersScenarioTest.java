package net.ipmpd.engine.scenario;

import static net.ipmpd.engine.scenario.Lab.only;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import net.ipmpd.engine.notify.Notification.ProbeCompleted;
import net.ipmpd.engine.sim.Simulation;
import net.ipmpd.engine.state.MemberState;
import org.junit.jupiter.api.Test;

/** Counters and times that SNMP and NETCONF export, and the probe-lost rule's timeout. */
class CountersScenarioTest {

    @Test
    void failuresRepairsFailoversAndLastChangeAreCounted() {
        Simulation sim = Lab.settled(Lab.threeMembers(true, 10_000));
        long before = sim.nowNanos();
        sim.carrierDown("eth0");
        long failedAt = sim.nowNanos();
        sim.carrierUp("eth0");
        sim.runUntil(s -> Lab.member(s, "eth0").state() == MemberState.OK, 30_000);
        var eth0 = Lab.member(sim, "eth0");
        assertThat(eth0.counters().failures()).isEqualTo(1);
        assertThat(eth0.counters().repairs()).isEqualTo(1);
        assertThat(eth0.counters().failovers()).isEqualTo(1);   // 198.18.0.100 moved away once
        assertThat(eth0.lastChangeNanos()).isGreaterThan(failedAt);
        var g = Lab.group(sim);
        assertThat(g.counters().failovers()).isEqualTo(2);       // away and back
        assertThat(g.counters().failures()).isZero();
        assertThat(g.lastChangeNanos()).isGreaterThanOrEqualTo(before);
        var stats = eth0.probing().get(0).stats();
        assertThat(stats.sent()).isGreaterThanOrEqualTo(stats.answered());
        assertThat(stats.answered()).isPositive();
    }

    @Test
    void aProbeIsJudgedAtTheNextSendTickAgainstStartPlusTheCrttInWholeMilliseconds() {
        Simulation sim = Lab.settled(Lab.threeMembers(true, 10_000));
        // CRTT 0.6 ms truncates to 0: "use the probe interval"; 50 ms replies are answered probes
        for (var h : List.of(Lab.T1, Lab.T2, Lab.T3)) {
            sim.network().setRtt(h, 50_000_000);
        }
        int mark = sim.notificationMark();
        sim.advanceMs(10_000);
        var eth0 = only(sim.notificationsSince(mark), ProbeCompleted.class).stream().filter(p -> p.member().equals("eth0")).toList();
        assertThat(eth0).isNotEmpty().noneMatch(ProbeCompleted::lost);
    }
}
