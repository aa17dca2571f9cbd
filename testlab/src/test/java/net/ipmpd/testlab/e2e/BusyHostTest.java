package net.ipmpd.testlab.e2e;

import net.ipmpd.engine.state.EngineSnapshot;
import net.ipmpd.engine.state.GroupSnapshot;
import net.ipmpd.engine.state.MemberSnapshot;
import net.ipmpd.engine.state.ProbeInstanceSnapshot;
import net.ipmpd.testlab.Lab;
import net.ipmpd.testlab.LabProcess;
import net.ipmpd.testlab.junit.RequiresRoot;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static net.ipmpd.testlab.e2e.E2eLabs.DATA;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A healthy lab on a busy host: three members, two targets, FDT 1000 ms, nothing broken, while
 * ordinary processes keep every CPU busy for 60 s (issue 9: users run ipmpd on busy servers).
 * in.mpathd loses nothing there: a reply that waited for the CPU is still an answer. So no member
 * may fail and no data address may move.
 *
 * <p>The load: two busy loops per CPU in the daemon's own namespace (plain {@code sh} loops at the
 * default priority, as a build or a batch job would be), and every few seconds a burst of short
 * processes (fork and exec, as cron or a configuration-management run does). Each is started here
 * and ended by its pid.
 */
@RequiresRoot
class BusyHostTest {
    static final Duration BUSY = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    @Test
    void aHealthyGroupOnABusyHostNeitherFailsNorMovesAnAddress() throws Exception {
        try (Lab lab = Lab.start(E2eLabs.spec(3, false));
             DaemonFixture ipmpd = DaemonFixture.start(lab, dir, E2eLabs.oneGroup(3, 1000, true))) {
            lab.awaitAddress(lab.hostNs(), "m0", DATA, true, Duration.ofSeconds(10));
            E2eLabs.awaitProbesAnswered(ipmpd, Duration.ofSeconds(60), "m0", "m1", "m2");
            EngineSnapshot before = ipmpd.snapshot();
            long mark = ipmpd.logMark();

            int cpus = Runtime.getRuntime().availableProcessors();
            List<LabProcess> load = new ArrayList<>();
            long loadStart = System.nanoTime();
            try {
                for (int i = 0; i < 2 * cpus; i++) {
                    load.add(lab.spawn(lab.hostNs(), "sh", "-c", "while :; do :; done"));
                }
                while (System.nanoTime() - loadStart < BUSY.toNanos()) {
                    // a burst of short-lived processes, bounded in count, then a pause
                    lab.spawn(lab.hostNs(), "sh", "-c", "i=0; while [ $i -lt 200 ]; do /bin/true; i=$((i+1)); done");
                    Thread.sleep(5000);
                }
            } finally {
                load.forEach(LabProcess::stop);
            }
            double loadAverage = java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
            EngineSnapshot after = ipmpd.snapshot();

            List<String> failures = ipmpd.logLinesSince(mark, "failure detected");
            List<String> moves = ipmpd.logLinesSince(mark, "moved from");
            List<String> groupFailures = ipmpd.logLinesSince(mark, "are now unusable");
            List<String> fdtRaised = ipmpd.logLinesSince(mark, "Cannot meet requested failure detection time");
            System.out.printf("busy host, %d s with %d busy loops on %d CPUs (load average %.1f at the end): "
                            + "%d failure detections, %d address moves, %d group failures, %d FDT raises; %s%n",
                    BUSY.toSeconds(), 2 * cpus, cpus, loadAverage, failures.size(), moves.size(),
                    groupFailures.size(), fdtRaised.size(), probeFigures(before, after));

            assertThat(failures).as("failure detections on a healthy lab while the CPUs were busy").isEmpty();
            assertThat(moves).as("data address moves on a healthy lab while the CPUs were busy").isEmpty();
            assertThat(groupFailures).as("group failures").isEmpty();
            GroupSnapshot g = after.group(E2eLabs.GROUP).orElseThrow();
            GroupSnapshot g0 = before.group(E2eLabs.GROUP).orElseThrow();
            assertThat(g.counters().failovers()).as("the group's failover counter").isEqualTo(g0.counters().failovers());
            for (MemberSnapshot m : g.members()) {
                MemberSnapshot m0 = g0.member(m.name()).orElseThrow();
                assertThat(m.counters().failures()).as(m.name() + "'s failure counter").isEqualTo(m0.counters().failures());
            }
            assertThat(lab.hasAddress(lab.hostNs(), "m0", DATA)).as(DATA + " still on m0").isTrue();
        }
    }

    /** Probes sent, answered and counted lost during the load, per member: the figures behind a failure. */
    private static String probeFigures(EngineSnapshot before, EngineSnapshot after) {
        StringBuilder sb = new StringBuilder("probes sent/answered/lost during the load:");
        for (MemberSnapshot m : after.allMembers()) {
            MemberSnapshot m0 = before.member(m.name()).orElseThrow();
            for (ProbeInstanceSnapshot p : m.probing()) {
                ProbeInstanceSnapshot p0 = m0.probing().stream().filter(x -> x.family() == p.family()).findFirst().orElseThrow();
                sb.append(' ').append(m.name()).append(' ').append(p.stats().sent() - p0.stats().sent()).append('/')
                        .append(p.stats().answered() - p0.stats().answered()).append('/')
                        .append(p.stats().lost() - p0.stats().lost());
            }
        }
        return sb.toString();
    }
}
