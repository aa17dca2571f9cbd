package net.ipmpd.engine.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import net.ipmpd.engine.core.ProbeHistory.Status;
import net.ipmpd.engine.state.TargetMode;
import org.junit.jupiter.api.Test;

/** in.mpathd's probe statistics: the loss rule, and failures/successes counted back from the newest probe. */
class ProbeHistoryTest {
    private static final long MS = Rules.NANOS_PER_MS;
    private static final long INTERVAL_MS = 100;

    private static Target target(int last) throws Exception {
        return new Target(InetAddress.getByAddress(new byte[] {(byte) 198, 18, 0, (byte) last}), TargetMode.ROUTES);
    }

    private static void ack(ProbeHistory h, int sequence, long atNanos) {
        ProbeHistory.Probe p = h.find(sequence);
        p.status = Status.ACKED;
        p.ackedAtNanos = atNanos;
    }

    @Test
    void aProbeWithoutCrttIsLostOnlyAfterAWholeIntervalInWholeMilliseconds() throws Exception {
        ProbeHistory h = new ProbeHistory();
        ProbeHistory.Probe p = h.sent(1, target(1), 10 * MS + 999_999);   // 10.999 ms counts as 10
        assertThat(ProbeHistory.lossTimeMs(p, INTERVAL_MS)).isEqualTo(110);
        assertThat(ProbeHistory.overdue(p, 110, INTERVAL_MS)).isFalse();
        assertThat(ProbeHistory.overdue(p, 111, INTERVAL_MS)).isTrue();
    }

    @Test
    void aTargetWithACrttIsJudgedByItsCrtt() throws Exception {
        Target t = target(1);
        t.crtt.sample(3000, INTERVAL_MS * 1000);   // first sample: CRTT 3 x 3 ms
        ProbeHistory h = new ProbeHistory();
        ProbeHistory.Probe p = h.sent(1, t, 10 * MS);
        assertThat(ProbeHistory.lossTimeMs(p, INTERVAL_MS)).isEqualTo(19);
    }

    @Test
    void aCrttUnderOneMillisecondMeansTheInterval() throws Exception {
        Target t = target(1);
        t.crtt.sample(200, INTERVAL_MS * 1000);   // CRTT 0.6 ms truncates to 0
        ProbeHistory h = new ProbeHistory();
        assertThat(ProbeHistory.lossTimeMs(h.sent(1, t, 0), INTERVAL_MS)).isEqualTo(INTERVAL_MS);
    }

    @Test
    void findLooksUpRecentProbesBySequenceAndRecentCountsBackFromTheNewest() throws Exception {
        ProbeHistory h = new ProbeHistory();
        assertThat(h.find(1)).isNull();
        Target t = target(1);
        ProbeHistory.Probe first = h.sent(1, t, 0);
        ProbeHistory.Probe second = h.sent(2, t, MS);
        assertThat(h.find(1)).isSameAs(first);
        assertThat(h.find(2)).isSameAs(second);
        assertThat(h.find(3)).isNull();
        assertThat(h.recent(0)).isSameAs(second);
        assertThat(h.recent(1)).isSameAs(first);
    }

    @Test
    void onlyTheLastProbeStatsCountProbesAreRemembered() throws Exception {
        ProbeHistory h = new ProbeHistory();
        Target t = target(1);
        int n = Rules.PROBE_STATS_COUNT;
        for (int s = 1; s <= n + 1; s++) {
            h.sent(s, t, s * MS);
        }
        assertThat(h.find(1)).isNull();            // overwritten by probe n + 1
        assertThat(h.find(2)).isNotNull();
        assertThat(h.find(n + 1)).isNotNull();
        assertThat(h.recent(n - 1).sequence).isEqualTo(2);
    }

    @Test
    void failuresCountConsecutiveLossesBackToTheNewestAnswer() throws Exception {
        ProbeHistory h = new ProbeHistory();
        Target a = target(1);
        Target b = target(2);
        h.sent(1, a, 0);
        ack(h, 1, MS);
        h.sent(2, a, 100 * MS);   // lost at 200
        h.sent(3, b, 200 * MS);   // lost at 300
        h.sent(4, a, 300 * MS);   // lost at 400
        h.sent(5, b, 400 * MS);   // not yet due at 450
        ProbeHistory.Failures f = h.failures(a, 450, INTERVAL_MS);
        assertThat(f.probes()).isEqualTo(3);
        assertThat(f.toTarget()).isEqualTo(2);
        assertThat(f.firstLossMs()).isEqualTo(200);
        assertThat(h.find(4).status).isEqualTo(Status.LOST);
        assertThat(h.find(4).lostAtMs).isEqualTo(400);
        assertThat(h.find(5).status).isEqualTo(Status.UNACKED);
        // for target b the newer loss of a target is counted for all, not for b
        ProbeHistory.Failures fb = h.failures(b, 450, INTERVAL_MS);
        assertThat(fb.toTarget()).isEqualTo(1);
    }

    @Test
    void failuresToATargetReachPastOtherTargetsAnswers() throws Exception {
        ProbeHistory h = new ProbeHistory();
        Target a = target(1);
        Target b = target(2);
        h.sent(1, a, 0);          // lost
        h.sent(2, b, 100 * MS);
        ack(h, 2, 101 * MS);
        h.sent(3, a, 200 * MS);   // lost
        ProbeHistory.Failures f = h.failures(a, 1000, INTERVAL_MS);
        assertThat(f.probes()).isEqualTo(1);
        assertThat(f.toTarget()).isEqualTo(2);
        assertThat(h.failures(null, 1000, INTERVAL_MS).toTarget()).isZero();
    }

    @Test
    void successesCountConsecutiveAnswersAndTheNewestAnswerTime() throws Exception {
        ProbeHistory h = new ProbeHistory();
        Target a = target(1);
        Target b = target(2);
        h.sent(1, a, 0);           // lost
        h.sent(2, a, 100 * MS);
        ack(h, 2, 101 * MS);
        h.sent(3, b, 200 * MS);
        ack(h, 3, 202 * MS);
        h.sent(4, a, 300 * MS);
        ack(h, 4, 303 * MS);
        h.sent(5, b, 400 * MS);    // outstanding, not yet due
        ProbeHistory.Successes s = h.successes(a, 450, INTERVAL_MS);
        assertThat(s.probes()).isEqualTo(3);
        assertThat(s.toTarget()).isEqualTo(2);
        assertThat(s.lastAnswerNanos()).isEqualTo(303 * MS);
        assertThat(s.answeredEver()).isTrue();
        assertThat(h.find(1).status).isEqualTo(Status.LOST);
        assertThat(h.find(1).lostAtMs).isEqualTo(100);
        ProbeHistory.Successes sb = h.successes(b, 450, INTERVAL_MS);
        assertThat(sb.toTarget()).isEqualTo(1);
    }

    @Test
    void successesToATargetReachPastOtherTargetsLosses() throws Exception {
        ProbeHistory h = new ProbeHistory();
        Target a = target(1);
        Target b = target(2);
        h.sent(1, a, 0);
        ack(h, 1, MS);
        h.sent(2, b, 100 * MS);    // lost
        h.sent(3, a, 200 * MS);
        ack(h, 3, 201 * MS);
        ProbeHistory.Successes s = h.successes(a, 1000, INTERVAL_MS);
        assertThat(s.probes()).isEqualTo(1);
        assertThat(s.toTarget()).isEqualTo(2);
    }

    @Test
    void aLossToTheTargetEndsItsRunOfAnswersEvenBeforeAnyAnswerIsSeen() throws Exception {
        ProbeHistory h = new ProbeHistory();
        Target a = target(1);
        h.sent(1, a, 0);
        ack(h, 1, MS);
        h.sent(2, a, 100 * MS);    // lost: the older answer no longer counts
        ProbeHistory.Successes s = h.successes(a, 1000, INTERVAL_MS);
        assertThat(s.probes()).isZero();
        assertThat(s.toTarget()).isZero();
        assertThat(s.lastAnswerNanos()).isEqualTo(MS);
    }

    @Test
    void noAnswerYetMeansNeverAnswered() throws Exception {
        ProbeHistory h = new ProbeHistory();
        h.sent(1, target(1), 0);
        ProbeHistory.Successes s = h.successes(null, 1000, INTERVAL_MS);
        assertThat(s.probes()).isZero();
        assertThat(s.answeredEver()).isFalse();
    }

    @Test
    void forgettingATargetLosesItsOutstandingProbesButKeepsItsAnswers() throws Exception {
        ProbeHistory h = new ProbeHistory();
        Target a = target(1);
        Target b = target(2);
        h.sent(1, a, 0);
        ack(h, 1, MS);
        h.sent(2, a, 100 * MS);
        h.sent(3, b, 200 * MS);
        h.forget(a);
        assertThat(h.find(1).status).isEqualTo(Status.ACKED);
        assertThat(h.find(1).target).isNull();
        assertThat(h.find(2).status).isEqualTo(Status.LOST);
        assertThat(h.find(2).target).isNull();
        assertThat(h.find(3).status).isEqualTo(Status.UNACKED);
        assertThat(h.find(3).target).isSameAs(b);
        // a forgotten probe belongs to no target: asking without a target counts no target losses
        ProbeHistory.Failures f = h.failures(null, 1000, INTERVAL_MS);
        assertThat(f.probes()).isEqualTo(2);
        assertThat(f.toTarget()).isZero();
    }

    @Test
    void clearForgetsEverything() throws Exception {
        ProbeHistory h = new ProbeHistory();
        Target a = target(1);
        h.sent(1, a, 0);
        h.sent(2, a, 0);
        h.clear();
        assertThat(h.find(1)).isNull();
        assertThat(h.find(2)).isNull();
        assertThat(h.failures(a, 10_000, INTERVAL_MS).probes()).isZero();
        ProbeHistory.Probe p = h.sent(7, a, 0);
        assertThat(h.recent(0)).isSameAs(p);
        assertThat(h.recent(1).status).isEqualTo(Status.UNUSED);
    }

    @Test
    void onlyTheNewestAnswerToATargetIsTheNewestAnswer() throws Exception {
        ProbeHistory h = new ProbeHistory();
        Target a = target(1);
        Target b = target(2);
        ProbeHistory.Probe old = h.sent(1, a, 0);
        h.sent(2, b, 100 * MS);
        ack(h, 2, 101 * MS);
        ProbeHistory.Probe newer = h.sent(3, a, 200 * MS);
        // a newer probe to a exists but is not answered: the old one is still the newest answer
        assertThat(h.newestAnswerTo(old)).isTrue();
        ack(h, 3, 201 * MS);
        assertThat(h.newestAnswerTo(old)).isFalse();
        assertThat(h.newestAnswerTo(newer)).isTrue();
    }

    @Test
    void msFloorsNegativeTimes() {
        assertThat(ProbeHistory.ms(-1)).isEqualTo(-1);
        assertThat(ProbeHistory.ms(1_999_999)).isEqualTo(1);
    }
}
