package net.ipmpd.testlab;

import net.ipmpd.testlab.junit.RequiresRoot;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Labs leave nothing behind: not on close, not when a test fails, and not after a killed run (next start sweeps). */
@RequiresRoot
class LabLifecycleTest {
    private static final SecureRandom RANDOM = new SecureRandom();

    @Test
    void closeRemovesNamespacesMarkerProcessesAndFlaps() {
        Lab lab = Lab.start(LabSpec.standard(1, 1));
        List<String> names = lab.namespaces();
        LabProcess sleeper = lab.spawn(lab.ns("t1"), "sleep", "60");
        Flap flap = lab.faults().flap("m0", 500, Duration.ofMillis(100), Duration.ofMillis(100));
        assertThat(Netns.list()).containsAll(names);
        assertThat(sleeper.isAlive()).isTrue();

        lab.close();

        assertThat(Netns.list()).doesNotContainAnyElementsOf(names);
        assertThat(RunMarker.file(Lab.MARKER_DIR, lab.runId())).doesNotExist();
        assertThat(sleeper.isAlive()).isFalse();
        assertThat(flap.isDone()).isTrue();
        lab.close();   // twice is harmless
        assertThatThrownBy(() -> lab.spawn(lab.hostNs(), "true")).hasMessageContaining("closed");
    }

    @Test
    void aFailingTestStillLeavesNothingBehind() {
        String[] names = new String[1];
        assertThatThrownBy(() -> {
            try (Lab lab = Lab.start(LabSpec.standard(2, 1))) {
                names[0] = String.join(",", lab.namespaces());
                throw new IllegalStateException("the scenario failed");
            }
        }).hasMessage("the scenario failed");
        assertThat(Netns.list()).doesNotContainAnyElementsOf(List.of(names[0].split(",")));
    }

    @Test
    void spawnedProcessesRunInTheirNamespaceAndTalkOverStdio() {
        try (Lab lab = Lab.start(LabSpec.standard(1, 1))) {
            LabProcess cat = lab.spawn(lab.ns("t1"), "sh", "-c", "ip -o addr show dev t1 | head -1; cat");
            assertThat(cat.awaitLine(l -> l.contains("t1"), "the address line", Duration.ofSeconds(5)))
                    .contains("198.18.0.1/24");
            cat.send("hello");
            assertThat(cat.awaitLine("hello"::equals, "the echo", Duration.ofSeconds(5))).isEqualTo("hello");
            cat.kill();
            assertThat(cat.isAlive()).isFalse();
        }
    }

    /**
     * A marker whose owner is dead (or whose pid now belongs to another process) is swept with its namespaces and
     * its still-running processes; a live owner's lab and a namespace without our marker are left alone.
     */
    @Test
    void theSweepRemovesOnlyRunsWhoseOwnerIsDead() throws Exception {
        String dead = fakeRunId();
        String recycled = fakeRunId();
        String live = fakeRunId();
        String unmarked = fakeRunId();
        String deadNs = RunMarker.namespacePrefix(dead) + "h";
        String recycledNs = RunMarker.namespacePrefix(recycled) + "h";
        String liveNs = RunMarker.namespacePrefix(live) + "h";
        String unmarkedNs = RunMarker.namespacePrefix(unmarked) + "h";
        Process owner = new ProcessBuilder("sleep", "60").start();
        Process orphan = new ProcessBuilder("sleep", "60").start();
        try {
            long ownerTicks = ProcStat.startTicks(owner.pid()).orElseThrow();
            long orphanTicks = ProcStat.startTicks(orphan.pid()).orElseThrow();
            owner.destroyForcibly();
            assertThat(owner.waitFor(5, TimeUnit.SECONDS)).isTrue();
            Netns.add(List.of(deadNs, recycledNs, liveNs, unmarkedNs));
            new RunMarker(dead, owner.pid(), ownerTicks, List.of(deadNs), List.of())
                    .withProcess(new RunMarker.SpawnedProcess(orphan.pid(), orphanTicks)).write(Lab.MARKER_DIR);
            long self = ProcessHandle.current().pid();
            long selfTicks = ProcStat.selfStartTicks();
            new RunMarker(recycled, self, selfTicks - 1, List.of(recycledNs), List.of()).write(Lab.MARKER_DIR);
            new RunMarker(live, self, selfTicks, List.of(liveNs), List.of()).write(Lab.MARKER_DIR);

            StaleLabSweeper.Result r = StaleLabSweeper.sweep(Lab.MARKER_DIR);

            assertThat(r.staleRuns()).contains(dead, recycled).doesNotContain(live);
            assertThat(r.deletedNamespaces()).contains(deadNs, recycledNs);
            assertThat(r.killedPids()).contains(orphan.pid());
            assertThat(orphan.waitFor(5, TimeUnit.SECONDS)).isTrue();
            assertThat(Netns.list()).doesNotContain(deadNs, recycledNs).contains(liveNs, unmarkedNs);
            assertThat(RunMarker.file(Lab.MARKER_DIR, dead)).doesNotExist();
            assertThat(RunMarker.file(Lab.MARKER_DIR, recycled)).doesNotExist();
            assertThat(RunMarker.file(Lab.MARKER_DIR, live)).exists();
        } finally {
            owner.destroyForcibly();
            orphan.destroyForcibly();
            Netns.delete(List.of(deadNs, recycledNs, liveNs, unmarkedNs));
            for (String id : List.of(dead, recycled, live)) {
                Files.deleteIfExists(RunMarker.file(Lab.MARKER_DIR, id));
            }
        }
    }

    @Test
    void startingALabSweepsFirst() throws Exception {
        String dead = fakeRunId();
        String deadNs = RunMarker.namespacePrefix(dead) + "sw";
        Process owner = new ProcessBuilder("sleep", "60").start();
        long ticks = ProcStat.startTicks(owner.pid()).orElseThrow();
        owner.destroyForcibly();
        owner.waitFor(5, TimeUnit.SECONDS);
        try {
            Netns.add(List.of(deadNs));
            new RunMarker(dead, owner.pid(), ticks, List.of(deadNs), List.of()).write(Lab.MARKER_DIR);
            try (Lab lab = Lab.start(LabSpec.standard(1, 0))) {
                assertThat(Netns.list()).doesNotContain(deadNs).containsAll(lab.namespaces());
            }
        } finally {
            Netns.delete(List.of(deadNs));
            Files.deleteIfExists(RunMarker.file(Lab.MARKER_DIR, dead));
        }
    }

    /** "zz" + random: never a real run id, which starts with the owner's pid in base 36 (pid_max 32768 = "pa8"). */
    private static String fakeRunId() {
        return "zz" + Long.toString(Math.abs(RANDOM.nextLong() % 2_000_000_000L), 36);
    }
}
