package net.ipmpd.engine.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.SplittableRandom;
import net.ipmpd.engine.EngineOutput;
import net.ipmpd.engine.action.Action;
import net.ipmpd.engine.action.Action.ProbeKind;
import net.ipmpd.engine.action.Action.SendProbe;
import net.ipmpd.engine.config.EngineConfig;
import net.ipmpd.engine.config.Family;
import net.ipmpd.engine.config.GroupConfig;
import net.ipmpd.engine.config.MemberConfig;
import net.ipmpd.engine.config.TestAddress;
import net.ipmpd.engine.notify.Cause;
import net.ipmpd.engine.notify.Notification;
import net.ipmpd.engine.notify.Notification.ProbeCompleted;
import net.ipmpd.engine.state.ProbeState;
import net.ipmpd.engine.state.ProbeStats;
import org.junit.jupiter.api.Test;

/**
 * One probe instance driven tick by tick (in.mpathd phyint_inst_timer, icmp_probe,
 * incoming_echo_reply): FDT 7 s, so the probe interval is exactly 1000 ms.
 */
class ProbeInstanceTest {
    private static final long MS = Rules.NANOS_PER_MS;
    private static final long INTERVAL = 1_000 * MS;
    private static final long T0 = 1_000 * Rules.NANOS_PER_SECOND;

    private final EngineContext ctx = new EngineContext(EngineConfig.defaults(), new SplittableRandom(11));
    private final GroupRuntime group = new GroupRuntime("g", false,
            new GroupConfig("g", OptionalLong.of(7_000), List.of(), List.of(), List.of()), ctx);
    private final MemberRuntime member;
    private final MemberRuntime witness;
    private final ProbeInstance pi;
    /** Every probe sent, with the engine time it was asked for. */
    private final List<SendProbe> sent = new ArrayList<>();
    private final List<Long> sentAt = new ArrayList<>();
    private final List<Notification> heard = new ArrayList<>();

    ProbeInstanceTest() throws Exception {
        ctx.out = new EngineOutput() {
            @Override
            public void act(Action a) {
                if (a instanceof SendProbe p) {
                    sent.add(p);
                    sentAt.add(ctx.nowNanos);
                }
            }

            @Override
            public void notify(Notification n) {
                heard.add(n);
            }
        };
        ctx.nowNanos = T0;
        ctx.stepTimeNanos = T0;
        member = new MemberRuntime("eth0", group, new MemberConfig("eth0", false,
                Optional.of(new TestAddress(ip(10), 24)), Optional.of(new TestAddress(ip6(10), 64))));
        witness = new MemberRuntime("eth1", group, MemberConfig.linkOnly("eth1", false));   // its link proves the path
        group.members.put(member.name, member);
        group.members.put(witness.name, witness);
        member.arrive(1, true);
        witness.arrive(2, true);
        pi = member.ipv4;
    }

    private static InetAddress ip(int last) throws Exception {
        return InetAddress.getByAddress(new byte[] {(byte) 198, 18, 0, (byte) last});
    }

    private static InetAddress ip6(int last) throws Exception {
        byte[] b = new byte[16];
        b[0] = (byte) 0xfe;
        b[1] = (byte) 0x80;
        b[15] = (byte) last;
        return InetAddress.getByAddress(b);
    }

    /** Fires every timer due up to {@code t} on time (the daemon keeps up), as EngineCore does. */
    private void runUntil(long t) {
        while (ctx.timers.nextDeadlineNanos() <= t) {
            long due = ctx.timers.nextDeadlineNanos();
            ctx.nowNanos = Math.max(ctx.nowNanos, due);
            ctx.stepTimeNanos = Math.max(ctx.stepTimeNanos, due);
            ctx.timers.pollDue(due).wake(ctx.nowNanos, ctx);
        }
        ctx.nowNanos = Math.max(ctx.nowNanos, t);
        ctx.stepTimeNanos = Math.max(ctx.stepTimeNanos, t);
    }

    /** Runs to the next send tick of {@link #pi} and returns its time. */
    private long nextTick() {
        long due = ctx.timers.nextDeadlineNanos();
        runUntil(due);
        return due;
    }

    private List<SendProbe> unicasts() {
        return sent.stream().filter(p -> p.kind() == ProbeKind.UNICAST).toList();
    }

    private List<SendProbe> multicasts() {
        return sent.stream().filter(p -> p.kind() == ProbeKind.MULTICAST).toList();
    }

    private SendProbe lastUnicast() {
        List<SendProbe> u = unicasts();
        return u.get(u.size() - 1);
    }

    private boolean reply(SendProbe p, long receivedAt, long stampedSentAt) {
        return pi.replied(p.target(), p.sequence(), receivedAt, stampedSentAt, ctx);
    }

    private void answerEveryProbeUntil(long t) {
        while (ctx.timers.nextDeadlineNanos() <= t) {
            int before = unicasts().size();
            nextTick();
            if (unicasts().size() > before) {
                reply(lastUnicast(), ctx.nowNanos + MS, 0);
            }
        }
    }

    // ------------------------------------------------------------------ when probes go out

    @Test
    void theFirstProbeGoesOutWithinAnIntervalAndEachNextOneInTheSecondHalfOfItsOwnInterval() throws Exception {
        pi.targets.setRouters(List.of(ip(1), ip(2)), ctx);
        pi.start(ctx);
        assertThat(ctx.timers.nextDeadlineNanos()).isBetween(T0, T0 + INTERVAL - 1);   // in.mpathd start_timer
        runUntil(T0 + 30 * INTERVAL);
        List<SendProbe> u = unicasts();
        assertThat(u).hasSizeGreaterThanOrEqualTo(29);
        long first = sentAt.get(0);
        assertThat(first).isBetween(T0, T0 + INTERVAL - 1);
        // slot k starts at the first send - 3/4 interval + k intervals; a probe lies in its second half
        for (int k = 1; k < u.size(); k++) {
            long slotStart = first - INTERVAL * 3 / 4 + k * INTERVAL;
            assertThat(sentAt.get(k) - slotStart).as("probe %d", k).isBetween(INTERVAL / 2, INTERVAL - 1);
        }
        // not all at the same point of their slot: the spread is random
        assertThat(sentAt.get(2) - sentAt.get(1)).isNotEqualTo(sentAt.get(3) - sentAt.get(2));
    }

    @Test
    void unicastSequenceNumbersCountUpAndAllHostsProbesCarryTheirOwnWithTheTopBit() throws Exception {
        pi.start(ctx);
        nextTick();   // no target: an all-hosts probe
        pi.targets.setRouters(List.of(ip(1), ip(2)), ctx);
        nextTick();
        nextTick();
        pi.sendMulticast(ctx.nowNanos, ctx);
        assertThat(unicasts()).extracting(SendProbe::sequence).containsExactly(1, 2);
        assertThat(multicasts()).extracting(SendProbe::sequence).containsExactly(0x8001, 0x8002);
        assertThat(multicasts()).allSatisfy(p -> {
            assertThat(p.target()).isEqualTo(InetAddress.getByName("224.0.0.1"));
            assertThat(p.source()).isEqualTo(ip(10));
            assertThat(p.family()).isEqualTo(Family.IPV4);
            assertThat(p.member()).isEqualTo("eth0");
        });
        // round robin over the routers
        assertThat(unicasts()).extracting(SendProbe::target).containsExactly(ip(1), ip(2));
        member.ipv6.sendMulticast(ctx.nowNanos, ctx);
        assertThat(multicasts().get(2).target()).isEqualTo(InetAddress.getByName("ff02::1"));
        assertThat(multicasts().get(2).source()).isEqualTo(ip6(10));
    }

    @Test
    void withNoTargetOnlyAllHostsProbesGoOutAndWithOneHostTargetBoth() throws Exception {
        pi.start(ctx);
        nextTick();
        assertThat(unicasts()).isEmpty();
        assertThat(multicasts()).hasSize(1);
        pi.targets.discovered(ip(1), ctx);
        sent.clear();
        nextTick();
        // in.mpathd: one host target is no resilience, so an all-hosts probe goes out with it
        assertThat(unicasts()).hasSize(1);
        assertThat(multicasts()).hasSize(1);
        pi.targets.discovered(ip(2), ctx);
        sent.clear();
        nextTick();
        assertThat(unicasts()).hasSize(1);
        assertThat(multicasts()).isEmpty();
    }

    @Test
    void oneRouterTargetIsEnoughNoAllHostsProbeLooksForMore() throws Exception {
        pi.targets.setRouters(List.of(ip(1)), ctx);
        pi.start(ctx);
        nextTick();
        nextTick();
        assertThat(unicasts()).hasSize(2);
        assertThat(multicasts()).isEmpty();
    }

    @Test
    void aMemberThatCannotProbeSendsNothingUntilItsTimerIsRestarted() throws Exception {
        pi.targets.setRouters(List.of(ip(1)), ctx);
        pi.start(ctx);
        member.linkChanged(false);
        nextTick();
        assertThat(sent).isEmpty();
        assertThat(ctx.timers.nextDeadlineNanos()).isEqualTo(Long.MAX_VALUE);
        member.linkChanged(true);
        pi.restartTimer(ctx);
        assertThat(ctx.timers.nextDeadlineNanos()).isBetween(ctx.nowNanos, ctx.nowNanos + INTERVAL);
        nextTick();
        assertThat(unicasts()).hasSize(1);
    }

    @Test
    void aLowerIntervalPullsInANextProbeThatLiesBeyondItButLeavesANearerOneAlone() throws Exception {
        group.probeIntervalNanos = 10 * INTERVAL;
        pi.targets.setRouters(List.of(ip(1)), ctx);
        pi.start(ctx);
        nextTick();
        long far = ctx.timers.nextDeadlineNanos();
        assertThat(far - ctx.nowNanos).isGreaterThan(INTERVAL);
        group.probeIntervalNanos = INTERVAL;
        pi.intervalChanged(ctx);
        long pulled = ctx.timers.nextDeadlineNanos();
        assertThat(pulled - ctx.nowNanos).isBetween(INTERVAL / 2, INTERVAL - 1);
        // already within the new interval: nothing moves
        ctx.nowNanos = pulled - INTERVAL / 4;
        pi.intervalChanged(ctx);
        assertThat(ctx.timers.nextDeadlineNanos()).isEqualTo(pulled);
        // a stopped instance stays stopped
        pi.stop(ctx);
        group.probeIntervalNanos = INTERVAL / 2;
        pi.intervalChanged(ctx);
        assertThat(ctx.timers.nextDeadlineNanos()).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void aNextProbeExactlyOneIntervalAwayIsNotPulledIn() throws Exception {
        group.probeIntervalNanos = 10 * INTERVAL;
        pi.targets.setRouters(List.of(ip(1)), ctx);
        pi.start(ctx);
        nextTick();
        long next = ctx.timers.nextDeadlineNanos();
        ctx.nowNanos = next - INTERVAL;
        group.probeIntervalNanos = INTERVAL;
        pi.intervalChanged(ctx);
        assertThat(ctx.timers.nextDeadlineNanos()).isEqualTo(next);
    }

    // ------------------------------------------------------------------ start, stop, quiet period

    @Test
    void theQuietPeriodLastsFortySecondsFromTheStartUnlessAProbeIsAnsweredFirst() throws Exception {
        pi.start(ctx);
        assertThat(pi.inQuietPeriod(T0 + Rules.QUIET_PERIOD_NANOS - 1)).isTrue();
        assertThat(pi.inQuietPeriod(T0 + Rules.QUIET_PERIOD_NANOS)).isFalse();
        pi.targets.setRouters(List.of(ip(1)), ctx);
        nextTick();
        reply(lastUnicast(), ctx.nowNanos + MS, 0);
        long answeredTick = nextTick();
        // an answer shows the switch port forwards: detection starts (in.mpathd pii_fd_hrtime)
        assertThat(pi.inQuietPeriod(answeredTick)).isFalse();
    }

    @Test
    void startForgetsThePastAndStopAlsoCancelsTheTimerAndTheRttEstimates() throws Exception {
        pi.targets.setRouters(List.of(ip(1)), ctx);
        pi.start(ctx);
        nextTick();
        nextTick();
        pi.start(ctx);
        assertThat(pi.history.recent(0).status).isEqualTo(ProbeHistory.Status.UNUSED);
        nextTick();
        Target t = pi.targets.all().iterator().next();
        t.crtt.sample(2_000, 1_000_000);
        pi.stop(ctx);
        assertThat(ctx.timers.nextDeadlineNanos()).isEqualTo(Long.MAX_VALUE);
        assertThat(pi.history.recent(0).status).isEqualTo(ProbeHistory.Status.UNUSED);
        assertThat(t.crtt.hasSample()).isFalse();
    }

    // ------------------------------------------------------------------ judging at the send tick

    @Test
    void theOlderOfTwoUnansweredProbesIsLostAtTheTickEvenBeforeItsCrttRunsOut() throws Exception {
        pi.targets.setRouters(List.of(ip(1)), ctx);
        Target t = pi.targets.all().iterator().next();
        t.crtt.sample(5_000_000, 100_000_000);   // CRTT 15 s: no probe is overdue by its CRTT here
        pi.start(ctx);
        for (int i = 0; i < 6; i++) {
            long tick = nextTick();
            int unacked = 0;
            for (int back = 0; back < Rules.PROBE_STATS_COUNT; back++) {
                if (pi.history.recent(back).status == ProbeHistory.Status.UNACKED) {
                    unacked++;
                }
            }
            // invariant 2: at most two outstanding after a send tick (the one just sent and one more)
            assertThat(unacked).isLessThanOrEqualTo(2);
            if (i >= 2) {
                ProbeHistory.Probe older = pi.history.recent(2);
                assertThat(older.status).isEqualTo(ProbeHistory.Status.LOST);
                assertThat(older.lostAtMs).isEqualTo(ProbeHistory.ms(pi.history.recent(0).startNanos));
                assertThat(older.lostAtMs).isEqualTo(ProbeHistory.ms(tick));
            }
        }
    }

    @Test
    void anUnansweredProbeWithoutCrttIsLostWhenAWholeIntervalHasPassed() throws Exception {
        pi.targets.setRouters(List.of(ip(1)), ctx);
        Target t = pi.targets.all().iterator().next();
        ProbeHistory.Probe p = pi.history.sent(1, t, T0);
        ctx.nowNanos = T0 + INTERVAL;
        assertThat(pi.failures(null, ctx).probes()).isZero();
        assertThat(pi.successes(null, ctx).probes()).isZero();
        ctx.nowNanos = T0 + INTERVAL + MS;
        assertThat(pi.failures(null, ctx).probes()).isEqualTo(1);
        assertThat(p.status).isEqualTo(ProbeHistory.Status.LOST);
        assertThat(p.lostAtMs).isEqualTo(ProbeHistory.ms(T0 + INTERVAL));
    }

    @Test
    void anAnswerFollowedByAnOverdueProbeIsNoRunOfSuccesses() throws Exception {
        pi.targets.setRouters(List.of(ip(1)), ctx);
        Target t = pi.targets.all().iterator().next();
        ProbeHistory.Probe answered = pi.history.sent(1, t, T0 - INTERVAL);
        answered.status = ProbeHistory.Status.ACKED;
        answered.ackedAtNanos = T0 - INTERVAL / 2;
        pi.history.sent(2, t, T0);
        ctx.nowNanos = T0 + INTERVAL;
        assertThat(pi.successes(null, ctx).probes()).isEqualTo(1);
        ctx.nowNanos = T0 + INTERVAL + MS;
        assertThat(pi.successes(null, ctx).probes()).isZero();
        assertThat(pi.successes(null, ctx).lastAnswerNanos()).isEqualTo(T0 - INTERVAL / 2);
    }

    @Test
    void theProbeStateIsFailedFromTheTickThatSeesTheFifthLossInARow() throws Exception {
        pi.targets.setRouters(List.of(ip(1), ip(2)), ctx);
        pi.start(ctx);   // in the quiet period: losses mark the probes but fail nothing
        boolean sawFailed = false;
        for (int i = 0; i < 12; i++) {
            nextTick();
            int lostInARow = 0;
            for (int back = 1; back < Rules.PROBE_STATS_COUNT; back++) {
                ProbeHistory.Status s = pi.history.recent(back).status;
                if (s == ProbeHistory.Status.LOST) {
                    lostInARow++;
                } else if (s != ProbeHistory.Status.UNACKED) {
                    break;   // an answer or the start of the history
                }
            }
            boolean failing = lostInARow >= Rules.PROBE_FAILS;
            assertThat(pi.probeState()).as("tick %d, %d lost", i, lostInARow).isEqualTo(failing ? ProbeState.FAILED : ProbeState.OK);
            sawFailed |= failing;
        }
        assertThat(sawFailed).isTrue();
        assertThat(member.failed).isFalse();
        // an answer ends it at the next tick
        reply(lastUnicast(), ctx.nowNanos + MS, 0);
        nextTick();
        assertThat(pi.probeState()).isEqualTo(ProbeState.OK);
    }

    @Test
    void aMemberIsFailedAtTheFirstTickAfterTheQuietPeriodThatSeesFiveLosses() throws Exception {
        pi.targets.setRouters(List.of(ip(1), ip(2)), ctx);
        member.ipv6 = null;   // IPv4 alone decides
        pi.start(ctx);
        runUntil(T0 + Rules.QUIET_PERIOD_NANOS - 1);
        assertThat(member.failed).isFalse();
        long tick = nextTick();
        assertThat(member.failed).isTrue();
        assertThat(member.lastCause).isEqualTo(Cause.PROBES_LOST);
        assertThat(tick).isGreaterThanOrEqualTo(T0 + Rules.QUIET_PERIOD_NANOS);
    }

    @Test
    void aTickThatRunsMoreThanAnIntervalLateBlamesNoOneAndSkipsTheMissedSlots() throws Exception {
        pi.targets.setRouters(List.of(ip(1), ip(2)), ctx);
        member.ipv6 = null;
        pi.start(ctx);
        runUntil(T0 + Rules.QUIET_PERIOD_NANOS - 2 * INTERVAL);
        long due = ctx.timers.nextDeadlineNanos();
        while (due < T0 + Rules.QUIET_PERIOD_NANOS) {
            runUntil(due);
            due = ctx.timers.nextDeadlineNanos();
        }
        // the daemon was stalled: this tick runs 2.5 intervals after its deadline
        long late = due + INTERVAL * 5 / 2;
        ctx.stepTimeNanos = late;
        ctx.nowNanos = due;
        ctx.timers.pollDue(due).wake(due, ctx);
        assertThat(member.failed).isFalse();
        // the probe went out when the tick really ran, and the next one lies within an interval of it
        assertThat(pi.history.recent(0).startNanos).isEqualTo(late);
        long next = ctx.timers.nextDeadlineNanos();
        assertThat(next).isGreaterThan(late).isLessThanOrEqualTo(late + INTERVAL);
        // the slots stay on their grid: the next probe is in the second half of a slot
        long slotOffset = Math.floorMod(next - sentAt.get(0) + INTERVAL * 3 / 4, INTERVAL);
        assertThat(slotOffset).isBetween(INTERVAL / 2, INTERVAL - 1);
    }

    @Test
    void aTickExactlyOneIntervalLateStillJudges() throws Exception {
        pi.targets.setRouters(List.of(ip(1), ip(2)), ctx);
        member.ipv6 = null;
        pi.start(ctx);
        long due = ctx.timers.nextDeadlineNanos();
        while (due < T0 + Rules.QUIET_PERIOD_NANOS) {
            runUntil(due);
            due = ctx.timers.nextDeadlineNanos();
        }
        ctx.stepTimeNanos = due + INTERVAL;
        ctx.nowNanos = due;
        ctx.timers.pollDue(due).wake(due, ctx);
        assertThat(member.failed).isTrue();
    }

    @Test
    void aFailedMemberIsRepairedAtTheTickAfterItsTenthAnswerEvenWhileTheNewestProbeIsOutstanding() throws Exception {
        pi.targets.setRouters(List.of(ip(1)), ctx);
        Target t = pi.targets.all().iterator().next();
        t.crtt.sample(700_000, 100_000_000);   // CRTT 2.1 s: the newest probe is not overdue at the next tick
        member.ipv6 = null;
        member.fail(Cause.PROBES_LOST);
        pi.start(ctx);
        for (int i = 0; i < Rules.PROBE_REPAIRS - 1; i++) {
            nextTick();
            reply(lastUnicast(), ctx.nowNanos + MS, 0);
        }
        nextTick();   // the tenth probe goes out; its answer comes after the next tick
        SendProbe tenth = lastUnicast();
        nextTick();
        assertThat(member.failed).as("nine answers").isTrue();
        reply(tenth, ctx.nowNanos + MS, 0);
        nextTick();   // the eleventh is still outstanding, the tenth answered
        assertThat(pi.history.recent(1).status).isEqualTo(ProbeHistory.Status.UNACKED);
        assertThat(member.failed).isFalse();
        assertThat(member.lastCause).isEqualTo(Cause.REPAIRED);
    }

    // ------------------------------------------------------------------ replies

    @Test
    void aReplyIsTimedFromTheKernelStampWhenItIsPlausibleElseFromTheProbesStart() throws Exception {
        pi.targets.setRouters(List.of(ip(1)), ctx);
        pi.start(ctx);
        long[][] cases = {
                // {stamp offset from start (or -1 for none), expected net RTT micros}
                {300, 700}, {0, 1_000}, {-1, 1_000}, {-5, 1_000}, {1_001, 1_000}, {1_000, 0}};
        for (long[] c : cases) {
            nextTick();
            SendProbe p = lastUnicast();
            long start = pi.history.recent(0).startNanos;
            long received = start + 1_000 * 1_000;   // 1 ms after the start
            long stamp = c[0] == -1 ? 0 : start + c[0] * 1_000;
            ctx.nowNanos = received + 4 * MS;   // the engine read it 4 ms later
            heard.clear();
            assertThat(reply(p, received, stamp)).isTrue();
            ProbeCompleted done = (ProbeCompleted) heard.stream().filter(n -> n instanceof ProbeCompleted).findFirst().orElseThrow();
            assertThat(done.netRttMicros()).as("stamp %d", c[0]).isEqualTo(c[1]);
            assertThat(done.rttMicros()).isEqualTo(5_000);
            assertThat(done.startedAtNanos()).isEqualTo(start);
            assertThat(done.sequence()).isEqualTo(p.sequence());
            assertThat(done.target()).isEqualTo(ip(1));
            assertThat(done.cause()).isEqualTo(Cause.NONE);
            assertThat(done.lost()).isFalse();
        }
    }

    @Test
    void repliesFromElsewhereDuplicatesAndUnknownSequencesAreIgnored() throws Exception {
        pi.targets.setRouters(List.of(ip(1)), ctx);
        pi.start(ctx);
        nextTick();
        SendProbe p = lastUnicast();
        heard.clear();
        assertThat(pi.replied(ip(9), p.sequence(), ctx.nowNanos, 0, ctx)).isFalse();
        assertThat(pi.replied(ip(1), p.sequence() + 7, ctx.nowNanos, 0, ctx)).isFalse();
        assertThat(heard).isEmpty();
        assertThat(reply(p, ctx.nowNanos, 0)).isTrue();
        assertThat(reply(p, ctx.nowNanos, 0)).isFalse();
        assertThat(heard).filteredOn(n -> n instanceof ProbeCompleted).hasSize(1);
        assertThat(pi.snapshot().stats()).isEqualTo(new ProbeStats(1, 1, 0));
    }

    @Test
    void noReplyCountsWhileTheLinkIsDown() throws Exception {
        pi.targets.setRouters(List.of(ip(1)), ctx);
        pi.start(ctx);
        nextTick();
        member.linkChanged(false);
        assertThat(reply(lastUnicast(), ctx.nowNanos, 0)).isFalse();
        assertThat(pi.history.recent(0).status).isEqualTo(ProbeHistory.Status.UNACKED);
    }

    @Test
    void aLateReplyTurnsALostProbeIntoAnAnsweredOneInTheCounters() throws Exception {
        pi.targets.setRouters(List.of(ip(1), ip(2)), ctx);
        pi.start(ctx);
        nextTick();
        SendProbe first = lastUnicast();
        nextTick();
        nextTick();   // the first probe is surely judged lost now (the second may be too)
        ProbeStats before = pi.snapshot().stats();
        assertThat(before.sent()).isEqualTo(3);
        assertThat(before.answered()).isZero();
        assertThat(before.lost()).isBetween(1L, 2L);
        List<ProbeCompleted> losses = heard.stream().filter(n -> n instanceof ProbeCompleted).map(n -> (ProbeCompleted) n).toList();
        assertThat(losses).hasSize((int) before.lost());
        // reported in the order the probes went out, as ipmpstat -p prints them
        assertThat(losses).extracting(ProbeCompleted::sequence).isSorted();
        ProbeCompleted lost = losses.get(0);
        assertThat(lost.lost()).isTrue();
        assertThat(lost.sequence()).isEqualTo(first.sequence());
        assertThat(lost.netRttMicros()).isEqualTo(-1);
        // ipmpstat -p TIME: when the lost probe went out, not when it was judged
        assertThat(lost.startedAtNanos()).isEqualTo(sentAt.get(0));
        assertThat(lost.atNanos()).isGreaterThan(lost.startedAtNanos());
        assertThat(lost.cause()).isEqualTo(Cause.PROBES_LOST);
        assertThat(reply(first, ctx.nowNanos, 0)).isTrue();   // incoming_echo_reply: still an answer
        assertThat(pi.history.find(first.sequence()).status).isEqualTo(ProbeHistory.Status.ACKED);
        assertThat(pi.snapshot().stats()).isEqualTo(new ProbeStats(3, 1, before.lost() - 1));
    }

    @Test
    void onlyRepliesToTheLastEightAllHostsProbesFindTargets() throws Exception {
        pi.start(ctx);
        for (int i = 0; i < 9; i++) {
            pi.sendMulticast(ctx.nowNanos, ctx);
        }
        List<SendProbe> m = multicasts();
        assertThat(pi.replied(ip(1), m.get(0).sequence(), ctx.nowNanos, 0, ctx)).isFalse();
        assertThat(pi.replied(ip(1), 0x8000 | 77, ctx.nowNanos, 0, ctx)).isFalse();
        assertThat(pi.targets.all()).isEmpty();
        assertThat(pi.replied(ip(1), m.get(1).sequence(), ctx.nowNanos, 0, ctx)).isTrue();
        assertThat(pi.targets.all()).extracting(t -> t.address).containsExactly(ip(1));
        assertThat(pi.replied(ip(2), m.get(8).sequence(), ctx.nowNanos, 0, ctx)).isTrue();
        assertThat(pi.targets.all()).hasSize(2);
    }

    // ------------------------------------------------------------------ what ipmpstat shows

    @Test
    void theSnapshotListsTheTargetsFromTheNextOneToBeProbed() throws Exception {
        pi.targets.setRouters(List.of(ip(1), ip(2), ip(3)), ctx);
        pi.start(ctx);
        nextTick();
        assertThat(lastUnicast().target()).isEqualTo(ip(1));
        assertThat(pi.snapshot().targets()).extracting(t -> t.address()).containsExactly(ip(2), ip(3), ip(1));
    }

    @Test
    void theProbeStateIsUnknownWithoutTargetsOkWithThemAndFailedForAFailedMember() throws Exception {
        assertThat(pi.probeState()).isEqualTo(ProbeState.UNKNOWN);
        pi.targets.setRouters(List.of(ip(1)), ctx);
        assertThat(pi.probeState()).isEqualTo(ProbeState.OK);
        assertThat(pi.probeCapable()).isTrue();
        member.fail(Cause.LINK_DOWN);
        assertThat(pi.probeState()).isEqualTo(ProbeState.FAILED);
        member.absent();
        assertThat(pi.snapshot().state()).isEqualTo(ProbeState.UNKNOWN);
        assertThat(pi.snapshot().targets()).isEmpty();
    }
}
