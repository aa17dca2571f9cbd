package net.ipmpd.testlab;

import net.ipmpd.testlab.junit.RequiresRoot;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A real lab run in a child JVM that dies: on SIGTERM its shutdown hook removes the lab; on SIGKILL nothing can
 * run in it, its namespaces and processes stay, and the next sweep removes them.
 */
@RequiresRoot
class KilledRunTest {
    private record ChildRun(Process jvm, OutputLines stderr, String runId, long sleeperPid, long sleeperTicks,
                            List<String> namespaces) {
    }

    private static ChildRun startChild() throws Exception {
        List<String> argv = JavaCommand.argv(List.of("-Dlog4j2.configurationFile=log4j2-child.xml"),
                LabRunInChildJvm.class, List.of());
        Process jvm = ProcessRunner.builder(argv).start();
        OutputLines out = OutputLines.pump(jvm.getInputStream(), "child-lab-out");
        OutputLines err = OutputLines.pump(jvm.getErrorStream(), "child-lab-err");
        String up = out.await(0, l -> l.startsWith("up "), Duration.ofSeconds(60)).orElseThrow(
                () -> new AssertionError("the child lab run did not come up: " + out + "\n" + err));
        String[] f = up.split(" ");
        long sleeper = Long.parseLong(f[2]);
        return new ChildRun(jvm, err, f[1], sleeper, ProcStat.startTicks(sleeper).orElseThrow(),
                List.of(f[3].split(",")));
    }

    /** If an assertion failed half-way, remove what the child left (we started it, so its things are ours). */
    private static void cleanUp(ChildRun run) {
        run.jvm().destroyForcibly();
        if (ProcStat.isSameProcessAlive(run.sleeperPid(), run.sleeperTicks())) {
            ProcessHandle.of(run.sleeperPid()).ifPresent(ProcessHandle::destroyForcibly);
        }
        Netns.delete(run.namespaces());
        StaleLabSweeper.sweep(Lab.MARKER_DIR);
    }

    @Test
    void aSigkilledRunLeavesItsLabForTheNextSweep() throws Exception {
        ChildRun run = startChild();
        try {
            long sleeperTicks = run.sleeperTicks();
            run.jvm().destroyForcibly();
            assertThat(run.jvm().waitFor(10, TimeUnit.SECONDS)).isTrue();
            // SIGKILL: no shutdown hook ran, everything is still there.
            assertThat(Netns.list()).containsAll(run.namespaces());
            assertThat(ProcStat.isSameProcessAlive(run.sleeperPid(), sleeperTicks)).isTrue();
            assertThat(RunMarker.file(Lab.MARKER_DIR, run.runId())).exists();

            StaleLabSweeper.Result r = StaleLabSweeper.sweep(Lab.MARKER_DIR);

            assertThat(r.staleRuns()).contains(run.runId());
            assertThat(r.killedPids()).contains(run.sleeperPid());
            assertThat(Netns.list()).doesNotContainAnyElementsOf(run.namespaces());
            assertThat(RunMarker.file(Lab.MARKER_DIR, run.runId())).doesNotExist();
            Waits.until("the orphaned sleep to die", Duration.ofSeconds(5),
                    () -> !ProcStat.isSameProcessAlive(run.sleeperPid(), sleeperTicks));
        } finally {
            cleanUp(run);
        }
    }

    @Test
    void aSigtermedRunRemovesItsLabFromTheShutdownHook() throws Exception {
        ChildRun run = startChild();
        try {
            run.jvm().destroy();
            assertThat(run.jvm().waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(Netns.list()).doesNotContainAnyElementsOf(run.namespaces());
            assertThat(RunMarker.file(Lab.MARKER_DIR, run.runId())).doesNotExist();
            assertThat(ProcStat.isSameProcessAlive(run.sleeperPid(), run.sleeperTicks())).isFalse();
        } finally {
            cleanUp(run);
        }
    }
}
