package net.ipmpd.testlab;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RunMarkerTest {
    @Test
    void writtenMarkerReadsBackAndLeavesNoTempFile(@TempDir Path dir) throws Exception {
        RunMarker m = new RunMarker("ab12x", 4242, 987654, List.of("iplab12x-h", "iplab12x-sw"), List.of())
                .withProcess(new RunMarker.SpawnedProcess(5000, 123));
        m.write(dir);
        assertThat(RunMarker.read(RunMarker.file(dir, "ab12x"))).contains(m);
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("ab12x.lab");
        }
        m.withNamespaces(List.of("iplab12x-h")).write(dir);
        assertThat(RunMarker.read(RunMarker.file(dir, "ab12x")).orElseThrow().namespaces())
                .containsExactly("iplab12x-h");
    }

    @Test
    void aMarkerCannotClaimAnotherRunsNamespaces() {
        assertThatThrownBy(() -> new RunMarker("ab", 1, 1, List.of("iplabc-h"), List.of()))
                .hasMessageContaining("namespace iplabc-h does not belong to run ab");
        assertThatThrownBy(() -> RunMarker.parse("run=ab\npid=1\nstart=2\nnamespaces=proto-h\n", "/run/x.lab"))
                .hasMessageContaining("does not belong to run ab");
    }

    @Test
    void malformedMarkersNameFileAndLine() {
        assertThatThrownBy(() -> RunMarker.parse("run=ab\npid=one\n", "/run/ipmpd-lab/ab.lab"))
                .hasMessageStartingWith("/run/ipmpd-lab/ab.lab:2:");
        assertThatThrownBy(() -> RunMarker.parse("run=ab\n", "f"))
                .hasMessageContaining("run, pid and start are required");
        assertThatThrownBy(() -> RunMarker.parse("run=AB-1\npid=1\nstart=1\n", "f"))
                .hasMessageContaining("run id must be");
    }

    @Test
    void ownerIsAliveOnlyWithMatchingStartTime() {
        long pid = ProcessHandle.current().pid();
        long ticks = ProcStat.selfStartTicks();
        assertThat(new RunMarker("a1", pid, ticks, List.of(), List.of()).ownerAlive()).isTrue();
        // Same pid, different start time: a later process that got a recycled pid.
        assertThat(new RunMarker("a1", pid, ticks + 1, List.of(), List.of()).ownerAlive()).isFalse();
    }
}
