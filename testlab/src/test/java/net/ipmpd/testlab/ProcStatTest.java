package net.ipmpd.testlab;

import org.junit.jupiter.api.Test;

import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class ProcStatTest {
    @Test
    void startTicksAreParsedAfterTheLastParenthesis() {
        String stat = "1234 (we ird) name)) S 1 1234 1234 0 -1 4194560 100 0 0 0 1 2 0 0 20 0 1 0 55555 1000 100";
        assertThat(ProcStat.parseStartTicks(stat)).hasValue(55555);
    }

    @Test
    void zombiesCountAsDead() {
        String stat = "1234 (java) Z 1 1234 1234 0 -1 4194560 100 0 0 0 1 2 0 0 20 0 1 0 55555 0 0";
        assertThat(ProcStat.parseStartTicks(stat)).isEmpty();
    }

    @Test
    void aFinishedProcessIsNotAlive() throws Exception {
        Process p = new ProcessBuilder("sleep", "10").start();
        long ticks = ProcStat.startTicks(p.pid()).orElseThrow();
        assertThat(ProcStat.isSameProcessAlive(p.pid(), ticks)).isTrue();
        p.destroyForcibly();
        assertThat(p.waitFor(5, TimeUnit.SECONDS)).isTrue();
        assertThat(ProcStat.isSameProcessAlive(p.pid(), ticks)).isFalse();
    }

    @Test
    void effectiveUidIsTheSecondUidField() {
        assertThat(ProcStat.parseEffectiveUid("Name:\tjava\nUid:\t1000\t0\t0\t0\nGid:\t0\t0\t0\t0\n")).isZero();
        assertThat(ProcStat.parseEffectiveUid("Uid:\t0\t65534\t0\t0\n")).isEqualTo(65534);
    }
}
