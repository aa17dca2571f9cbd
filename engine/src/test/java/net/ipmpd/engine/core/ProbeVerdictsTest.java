package net.ipmpd.engine.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import net.ipmpd.engine.EngineOutput;
import net.ipmpd.engine.action.Action;
import net.ipmpd.engine.config.EngineConfig;
import net.ipmpd.engine.config.Family;
import net.ipmpd.engine.config.GroupConfig;
import net.ipmpd.engine.config.MemberConfig;
import net.ipmpd.engine.config.TestAddress;
import net.ipmpd.engine.core.ProbeVerdicts.Verdict;
import net.ipmpd.engine.notify.Cause;
import net.ipmpd.engine.notify.Notification;
import net.ipmpd.engine.notify.Notification.FailureDetectionTimeChanged;
import net.ipmpd.engine.state.GroupState;
import net.ipmpd.engine.state.TargetState;
import org.junit.jupiter.api.Test;

/**
 * in.mpathd's failure_state(), phyint_repaired() and the RTT rules of mpd_probe.c, judged on probe
 * histories written down probe by probe (FDT 10 s: a 1428 ms probe interval).
 */
class ProbeVerdictsTest {
    private static final long MS = Rules.NANOS_PER_MS;
    private final EngineContext ctx = new EngineContext(EngineConfig.defaults(), new SplittableRandom(1));
    private final GroupRuntime group = new GroupRuntime("g", false, new GroupConfig("g", List.of(), List.of()), ctx);
    private final ProbeVerdicts verdicts = group.verdicts;
    private final List<Notification> heard = new ArrayList<>();

    ProbeVerdictsTest() {
        ctx.out = new EngineOutput() {
            @Override
            public void act(Action a) {
            }

            @Override
            public void notify(Notification n) {
                heard.add(n);
            }
        };
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

    /** A present member with its link up, probing IPv4 (and IPv6 when asked) to the routers given. */
    private MemberRuntime member(String name, int n, boolean ipv6, int... routers) throws Exception {
        MemberConfig c = new MemberConfig(name, false, Optional.of(new TestAddress(ip(10 + n), 24)),
                ipv6 ? Optional.of(new TestAddress(ip6(10 + n), 64)) : Optional.empty());
        MemberRuntime m = new MemberRuntime(name, group, c);
        group.members.put(name, m);
        m.arrive(n, true);
        List<InetAddress> v4 = new ArrayList<>();
        List<InetAddress> v6 = new ArrayList<>();
        for (int r : routers) {
            v4.add(ip(r));
            v6.add(ip6(r));
        }
        m.ipv4.targets.setRouters(v4, ctx);
        if (ipv6) {
            m.ipv6.targets.setRouters(v6, ctx);
        }
        return m;
    }

    private MemberRuntime linkOnly(String name, int n) {
        MemberRuntime m = new MemberRuntime(name, group, MemberConfig.linkOnly(name, false));
        group.members.put(name, m);
        m.arrive(n, true);
        return m;
    }

    private static Target target(ProbeInstance pi, int router) {
        return pi.targets.all().stream().filter(t -> {
            byte[] b = t.address.getAddress();
            return b[b.length - 1] == router;
        }).findFirst().orElseThrow();
    }

    private static void lost(ProbeInstance pi, int router, long atMs) {
        ProbeHistory.Probe p = pi.history.sent(0, target(pi, router), atMs * MS);
        p.status = ProbeHistory.Status.LOST;
        p.lostAtMs = atMs;
    }

    private static void answered(ProbeInstance pi, int router, long atMs) {
        ProbeHistory.Probe p = pi.history.sent(0, target(pi, router), atMs * MS);
        p.status = ProbeHistory.Status.ACKED;
        p.ackedAtNanos = atMs * MS;
    }

    private static void lostInARow(ProbeInstance pi, int router, int count, long fromMs) {
        for (int i = 0; i < count; i++) {
            lost(pi, router, fromMs + i * 1000L);
        }
    }

    // ------------------------------------------------------------------ failure_state()

    @Test
    void fourLostProbesAreNothingYetTheFifthMakesTheMemberSuspect() throws Exception {
        MemberRuntime m = member("eth0", 0, false, 1);
        linkOnly("eth1", 1);
        ctx.nowNanos = 20_000 * MS;
        lostInARow(m.ipv4, 1, Rules.PROBE_FAILS - 1, 1_000);
        assertThat(verdicts.failureState(m.ipv4, false, m, ctx)).isEqualTo(Verdict.NONE);
        lost(m.ipv4, 1, 9_000);
        assertThat(verdicts.failureState(m.ipv4, false, m, ctx)).isEqualTo(Verdict.MEMBER_FAILED);
    }

    @Test
    void fiveLossesToOneTargetWhileAnotherAnswersFailTheTargetNotTheMember() throws Exception {
        MemberRuntime m = member("eth0", 0, false, 1, 2, 3, 4, 5, 6);
        ctx.nowNanos = 30_000 * MS;
        for (int i = 0; i < Rules.PROBE_FAILS; i++) {
            answered(m.ipv4, 2, 1_000 + 2_000L * i);
            lost(m.ipv4, 1, 2_000 + 2_000L * i);
        }
        assertThat(verdicts.failureState(m.ipv4, false, m, ctx)).isEqualTo(Verdict.TARGET_FAILED);
        // a router is kept as DEAD and a waiting one takes its place (phyint_inst_probe_failure_state)
        assertThat(target(m.ipv4, 1).state).isEqualTo(TargetState.DEAD);
        assertThat(target(m.ipv4, 6).state).isEqualTo(TargetState.ACTIVE);
        assertThat(m.failed).isFalse();
    }

    @Test
    void ipv4AloneFailingIsNothingWhileIpv6AnswersButBothFailingIsAFailure() throws Exception {
        MemberRuntime m = member("eth0", 0, true, 1);
        linkOnly("eth1", 1);
        ctx.nowNanos = 20_000 * MS;
        lostInARow(m.ipv4, 1, Rules.PROBE_FAILS, 1_000);
        answered(m.ipv6, 1, 5_500);
        assertThat(verdicts.failureState(m.ipv4, false, m, ctx)).isEqualTo(Verdict.NONE);
        // the other family's current run counts, not a flag left from an earlier failure
        lostInARow(m.ipv6, 1, Rules.PROBE_FAILS, 6_000);
        assertThat(verdicts.failureState(m.ipv4, false, m, ctx)).isEqualTo(Verdict.MEMBER_FAILED);
    }

    @Test
    void anotherMemberAnsweringAfterTheFirstLossMakesItAMemberFailureAnEarlierAnswerAGroupFailure() throws Exception {
        MemberRuntime m = member("eth0", 0, false, 1);
        MemberRuntime o = member("eth1", 1, false, 1);
        ctx.nowNanos = 20_000 * MS;
        lostInARow(m.ipv4, 1, Rules.PROBE_FAILS, 5_000);   // first loss at 5000 ms
        answered(o.ipv4, 1, 4_000);
        assertThat(verdicts.failureState(m.ipv4, false, m, ctx)).isEqualTo(Verdict.GROUP_FAILED);
        answered(o.ipv4, 1, 5_000);   // TIME_GT: at the same millisecond proves nothing
        assertThat(verdicts.failureState(m.ipv4, false, m, ctx)).isEqualTo(Verdict.GROUP_FAILED);
        answered(o.ipv4, 1, 5_001);
        assertThat(verdicts.failureState(m.ipv4, false, m, ctx)).isEqualTo(Verdict.MEMBER_FAILED);
    }

    @Test
    void theFirstLossOfEitherFamilyIsTheOneAnotherMembersAnswerMustFollow() throws Exception {
        MemberRuntime m = member("eth0", 0, true, 1);
        MemberRuntime o = member("eth1", 1, false, 1);
        ctx.nowNanos = 30_000 * MS;
        lostInARow(m.ipv4, 1, Rules.PROBE_FAILS, 10_000);
        lostInARow(m.ipv6, 1, Rules.PROBE_FAILS, 3_000);   // IPv6 started losing first
        answered(o.ipv4, 1, 8_000);   // after IPv6's first loss, before IPv4's: it proves the path
        assertThat(verdicts.failureState(m.ipv4, false, m, ctx)).isEqualTo(Verdict.MEMBER_FAILED);
        answered(o.ipv4, 1, 2_000);   // o's newest answer now comes before both
        assertThat(verdicts.failureState(m.ipv4, false, m, ctx)).isEqualTo(Verdict.GROUP_FAILED);
    }

    @Test
    void membersThatAreDownGoneOrFailedProveNothing() throws Exception {
        MemberRuntime m = member("eth0", 0, false, 1);
        MemberRuntime down = member("eth1", 1, false, 1);
        MemberRuntime gone = member("eth2", 2, false, 1);
        MemberRuntime failed = member("eth3", 3, false, 1);
        ctx.nowNanos = 20_000 * MS;
        lostInARow(m.ipv4, 1, Rules.PROBE_FAILS, 1_000);
        for (MemberRuntime o : List.of(down, gone, failed)) {
            answered(o.ipv4, 1, 10_000);
        }
        down.linkChanged(false);
        gone.remove();
        failed.fail(Cause.PROBES_LOST);
        assertThat(verdicts.failureState(m.ipv4, false, m, ctx)).isEqualTo(Verdict.GROUP_FAILED);
        // a link-only member that is down proves nothing either
        linkOnly("eth4", 4).linkChanged(false);
        assertThat(verdicts.failureState(m.ipv4, false, m, ctx)).isEqualTo(Verdict.GROUP_FAILED);
        linkOnly("eth5", 5);
        assertThat(verdicts.failureState(m.ipv4, false, m, ctx)).isEqualTo(Verdict.MEMBER_FAILED);
    }

    @Test
    void aWorkingMemberWithoutTargetsCountsAgainstAGroupFailureButNotOnceTheGroupFailed() throws Exception {
        MemberRuntime m = member("eth0", 0, false, 1);
        member("eth1", 1, false);   // probing, no targets yet
        ctx.nowNanos = 20_000 * MS;
        lostInARow(m.ipv4, 1, Rules.PROBE_FAILS, 1_000);
        assertThat(verdicts.failureState(m.ipv4, false, m, ctx)).isEqualTo(Verdict.MEMBER_FAILED);
        group.state = GroupState.FAILED;
        assertThat(verdicts.failureState(m.ipv4, false, m, ctx)).isEqualTo(Verdict.GROUP_FAILED);
    }

    @Test
    void onceTheGroupFailedAnAnswerElsewhereIsNoProofUntilTheGroupIsRepaired() throws Exception {
        MemberRuntime m = member("eth0", 0, false, 1);
        MemberRuntime o = member("eth1", 1, false, 1);
        ctx.nowNanos = 20_000 * MS;
        lostInARow(m.ipv4, 1, Rules.PROBE_FAILS, 1_000);
        answered(o.ipv4, 1, 10_000);
        group.state = GroupState.FAILED;
        assertThat(verdicts.failureState(m.ipv4, false, m, ctx)).isEqualTo(Verdict.GROUP_FAILED);
        group.state = GroupState.DEGRADED;
        assertThat(verdicts.failureState(m.ipv4, false, m, ctx)).isEqualTo(Verdict.MEMBER_FAILED);
    }

    @Test
    void aLinkDownIsAMemberFailureWhileAnotherMemberRunsAndAGroupFailureOtherwise() throws Exception {
        MemberRuntime m = member("eth0", 0, false, 1);
        MemberRuntime o = member("eth1", 1, false, 1);
        m.linkChanged(false);
        assertThat(verdicts.failureState(null, true, m, ctx)).isEqualTo(Verdict.MEMBER_FAILED);
        // link state, not probes, decides: the other member's probe history does not matter
        o.fail(Cause.PROBES_LOST);
        assertThat(verdicts.failureState(null, true, m, ctx)).isEqualTo(Verdict.GROUP_FAILED);
        o.repair();
        group.state = GroupState.FAILED;
        assertThat(verdicts.failureState(null, true, m, ctx)).isEqualTo(Verdict.GROUP_FAILED);
    }

    @Test
    void inTheAnonymousGroupEveryFailureIsTheMembersOwn() throws Exception {
        GroupRuntime anon = new GroupRuntime("", true, new GroupConfig("", List.of(), List.of()), ctx);
        MemberRuntime m = new MemberRuntime("eth9", anon, MemberConfig.linkOnly("eth9", false));
        anon.members.put("eth9", m);
        m.arrive(9, false);
        assertThat(anon.verdicts.failureState(null, true, m, ctx)).isEqualTo(Verdict.MEMBER_FAILED);
    }

    // ------------------------------------------------------------------ acting on the verdict

    @Test
    void aMemberFailureFailsOnlyThatMemberByItsProbesAndForgetsItsRtts() throws Exception {
        MemberRuntime m = member("eth0", 0, false, 1);
        MemberRuntime o = member("eth1", 1, false, 1);
        target(m.ipv4, 1).crtt.sample(2_000, 1_428_000);
        target(o.ipv4, 1).crtt.sample(2_000, 1_428_000);
        ctx.nowNanos = 20_000 * MS;
        lostInARow(m.ipv4, 1, Rules.PROBE_FAILS, 1_000);
        answered(o.ipv4, 1, 10_000);
        verdicts.checkFailure(m.ipv4, ctx);
        assertThat(m.failed).isTrue();
        assertThat(m.lastCause).isEqualTo(Cause.PROBES_LOST);
        assertThat(target(m.ipv4, 1).crtt.hasSample()).isFalse();   // reset_crtt_all
        assertThat(o.failed).isFalse();
        assertThat(target(o.ipv4, 1).crtt.hasSample()).isTrue();
    }

    @Test
    void aGroupFailureFailsEveryMemberWithGroupFailureAsTheCause() throws Exception {
        MemberRuntime m = member("eth0", 0, false, 1);
        MemberRuntime o = member("eth1", 1, false, 1);
        MemberRuntime off = member("eth2", 2, false, 1);
        off.takeOffline();
        target(o.ipv4, 1).crtt.sample(2_000, 1_428_000);
        target(off.ipv4, 1).crtt.sample(2_000, 1_428_000);
        ctx.nowNanos = 20_000 * MS;
        lostInARow(m.ipv4, 1, Rules.PROBE_FAILS, 1_000);
        lostInARow(o.ipv4, 1, Rules.PROBE_FAILS, 1_000);
        verdicts.checkFailure(m.ipv4, ctx);
        assertThat(List.of(m, o, off)).allSatisfy(x -> {
            assertThat(x.failed).isTrue();
            assertThat(x.lastCause).isEqualTo(Cause.GROUP_FAILURE);
        });
        assertThat(target(o.ipv4, 1).crtt.hasSample()).isFalse();
        // an offline member's probing is stopped; its estimates are not this failure's to reset
        assertThat(target(off.ipv4, 1).crtt.hasSample()).isTrue();
    }

    @Test
    void aLinkDownThatFailsTheGroupKeepsLinkDownAsItsOwnCause() throws Exception {
        MemberRuntime m = member("eth0", 0, false, 1);
        MemberRuntime o = member("eth1", 1, false, 1);
        o.fail(Cause.PROBES_LOST);
        m.linkChanged(false);
        verdicts.linkDown(m, ctx);
        assertThat(m.lastCause).isEqualTo(Cause.LINK_DOWN);
        assertThat(o.lastCause).isEqualTo(Cause.GROUP_FAILURE);
        MemberRuntime p = member("eth2", 2, false, 1);
        p.linkChanged(false);
        o.repair();
        verdicts.linkDown(p, ctx);
        assertThat(p.failed).isTrue();
        assertThat(p.lastCause).isEqualTo(Cause.LINK_DOWN);
        assertThat(o.failed).isFalse();
    }

    @Test
    void lossesThatMakeNoVerdictChangeNothing() throws Exception {
        MemberRuntime m = member("eth0", 0, false, 1);
        linkOnly("eth1", 1);
        ctx.nowNanos = 20_000 * MS;
        lostInARow(m.ipv4, 1, Rules.PROBE_FAILS - 1, 1_000);
        long version = ctx.changes;
        verdicts.checkFailure(m.ipv4, ctx);
        assertThat(m.failed).isFalse();
        assertThat(ctx.changes).isEqualTo(version);
    }

    // ------------------------------------------------------------------ phyint_repaired()

    @Test
    void tenAnswersInARowRepairANineDoNot() throws Exception {
        MemberRuntime m = member("eth0", 0, false, 1, 2);
        m.fail(Cause.PROBES_LOST);
        ctx.nowNanos = 60_000 * MS;
        lost(m.ipv4, 1, 1_000);
        for (int i = 0; i < Rules.PROBE_REPAIRS - 1; i++) {
            answered(m.ipv4, 1 + i % 2, 2_000 + 1_000L * i);
        }
        assertThat(verdicts.repaired(m, ctx)).isFalse();
        answered(m.ipv4, 1, 20_000);
        assertThat(verdicts.repaired(m, ctx)).isTrue();
        verdicts.checkRepair(m, ctx);
        assertThat(m.failed).isFalse();
        assertThat(m.lastCause).isEqualTo(Cause.REPAIRED);
    }

    @Test
    void tenAnswersFromTheNewestProbesTargetRepairEvenWithLossesToOthersBetween() throws Exception {
        MemberRuntime m = member("eth0", 0, false, 1, 2);
        m.fail(Cause.PROBES_LOST);
        ctx.nowNanos = 60_000 * MS;
        for (int i = 0; i < Rules.PROBE_REPAIRS; i++) {
            lost(m.ipv4, 2, 1_000 + 2_000L * i);
            answered(m.ipv4, 1, 2_000 + 2_000L * i);
        }
        assertThat(verdicts.repaired(m, ctx)).isTrue();
    }

    @Test
    void tenAnswersOnEitherFamilyRepair() throws Exception {
        MemberRuntime m = member("eth0", 0, true, 1);
        m.fail(Cause.PROBES_LOST);
        ctx.nowNanos = 60_000 * MS;
        lostInARow(m.ipv4, 1, 3, 1_000);
        for (int i = 0; i < Rules.PROBE_REPAIRS; i++) {
            answered(m.ipv6, 1, 5_000 + 1_000L * i);
        }
        assertThat(verdicts.repaired(m, ctx)).isTrue();
    }

    @Test
    void aMemberWhoseLinkIsDownOrThatIsGoneIsNeverRepaired() throws Exception {
        MemberRuntime m = member("eth0", 0, false, 1);
        m.fail(Cause.LINK_DOWN);
        ctx.nowNanos = 60_000 * MS;
        for (int i = 0; i < Rules.PROBE_REPAIRS; i++) {
            answered(m.ipv4, 1, 1_000 + 1_000L * i);
        }
        m.linkChanged(false);
        assertThat(verdicts.repaired(m, ctx)).isFalse();
        MemberRuntime l = linkOnly("eth1", 1);
        l.fail(Cause.LINK_DOWN);
        l.absent();   // its link was up when it was last seen
        assertThat(verdicts.repaired(l, ctx)).isFalse();
        verdicts.checkRepair(l, ctx);
        assertThat(l.failed).isTrue();
    }

    @Test
    void aMemberWithoutTestAddressesIsRepairedByItsLinkUnlessTheFlapGuardHolds() throws Exception {
        MemberRuntime l = linkOnly("eth1", 1);
        l.fail(Cause.LINK_DOWN);
        ctx.nowNanos = 100 * Rules.NANOS_PER_SECOND;
        assertThat(verdicts.repaired(l, ctx)).isTrue();
        l.recordLinkUp(ctx.nowNanos - 10 * Rules.NANOS_PER_SECOND);
        l.recordLinkUp(ctx.nowNanos - 5 * Rules.NANOS_PER_SECOND);
        assertThat(verdicts.repaired(l, ctx)).isFalse();
    }

    @Test
    void aMemberWithoutTargetsIsNotRepairedByItsLinkAlone() throws Exception {
        MemberRuntime m = member("eth0", 0, false);
        m.fail(Cause.PROBES_LOST);
        ctx.nowNanos = 100 * Rules.NANOS_PER_SECOND;
        assertThat(verdicts.repaired(m, ctx)).isFalse();
    }

    // ------------------------------------------------------------------ incoming_mcast_reply

    @Test
    void aHostAnsweringOneMembersAllHostsProbeBecomesATargetOfEveryPresentMemberOfThatFamily() throws Exception {
        MemberRuntime m = member("eth0", 0, false);
        MemberRuntime o = member("eth1", 1, false);
        MemberRuntime gone = member("eth2", 2, false);
        MemberRuntime noProbe = linkOnly("eth3", 3);
        gone.remove();
        verdicts.hostDiscovered(m.ipv4, ip(1), ctx);
        assertThat(m.ipv4.targets.all()).extracting(t -> t.address).containsExactly(ip(1));
        assertThat(o.ipv4.targets.all()).extracting(t -> t.address).containsExactly(ip(1));
        assertThat(gone.ipv4.targets.all()).isEmpty();
        assertThat(noProbe.probeEnabled()).isFalse();   // and no failure for having no instance
    }

    @Test
    void inTheAnonymousGroupAHostBecomesATargetOfTheMemberThatFoundItOnly() throws Exception {
        GroupRuntime anon = new GroupRuntime("", true, new GroupConfig("", List.of(), List.of()), ctx);
        MemberRuntime a = new MemberRuntime("eth8", anon, new MemberConfig("eth8", false,
                Optional.of(new TestAddress(ip(18), 24)), Optional.empty()));
        MemberRuntime b = new MemberRuntime("eth9", anon, new MemberConfig("eth9", false,
                Optional.of(new TestAddress(ip(19), 24)), Optional.empty()));
        anon.members.put(a.name, a);
        anon.members.put(b.name, b);
        a.arrive(8, true);
        b.arrive(9, true);
        anon.verdicts.hostDiscovered(a.ipv4, ip(1), ctx);
        assertThat(a.ipv4.targets.all()).hasSize(1);
        assertThat(b.ipv4.targets.all()).isEmpty();
    }

    // ------------------------------------------------------------------ RTT and the FDT

    @Test
    void rttIsLearntOnlyFromARunningMemberOfAGroupThatHasNotFailedAndOnlyFromTheNewestAnswer() throws Exception {
        MemberRuntime m = member("eth0", 0, false, 1);
        Target t = target(m.ipv4, 1);
        verdicts.probeAnswered(m.ipv4, t, 2_000, false, ctx);
        assertThat(t.crtt.hasSample()).isFalse();
        m.fail(Cause.PROBES_LOST);
        verdicts.probeAnswered(m.ipv4, t, 2_000, true, ctx);
        assertThat(t.crtt.hasSample()).isFalse();
        m.repair();
        group.state = GroupState.FAILED;
        verdicts.probeAnswered(m.ipv4, t, 2_000, true, ctx);
        assertThat(t.crtt.hasSample()).isFalse();
        group.state = GroupState.OK;
        verdicts.probeAnswered(m.ipv4, t, 2_000, true, ctx);
        assertThat(t.crtt.crttMicros()).isEqualTo(6_000);
    }

    @Test
    void aReplyOlderThanTheWholeProbeHistoryTeachesNoRtt() throws Exception {
        MemberRuntime m = member("eth0", 0, false, 1);
        Target t = target(m.ipv4, 1);
        long intervalMs = group.probeIntervalNanos / MS;
        long stallMicros = (Rules.PROBE_STATS_COUNT * intervalMs + 1) * 1000;
        verdicts.probeAnswered(m.ipv4, t, stallMicros, true, ctx);
        verdicts.probeAnswered(m.ipv4, t, stallMicros, true, ctx);
        assertThat(t.crtt.hasSample()).isFalse();
        verdicts.probeAnswered(m.ipv4, t, Rules.PROBE_STATS_COUNT * intervalMs * 1000, true, ctx);
        verdicts.probeAnswered(m.ipv4, t, Rules.PROBE_STATS_COUNT * intervalMs * 1000, true, ctx);
        assertThat(t.crtt.hasSample()).isTrue();
    }

    private void answer(MemberRuntime m, int router, long rttMicros) {
        verdicts.probeAnswered(m.ipv4, target(m.ipv4, router), rttMicros, true, ctx);
    }

    /** Two samples in a row pass the spike filter. */
    private void slowAnswers(MemberRuntime m, int router, long rttMicros) {
        Target t = target(m.ipv4, router);
        verdicts.probeAnswered(m.ipv4, t, rttMicros, true, ctx);
        verdicts.probeAnswered(m.ipv4, t, rttMicros, true, ctx);
    }

    @Test
    void aTargetSlowerThanTheProbeIntervalRaisesTheFdtToTwiceItsCrttPerInterval() throws Exception {
        MemberRuntime m = member("eth0", 0, false, 1, 2);
        ctx.nowNanos = 100 * Rules.NANOS_PER_SECOND;
        slowAnswers(m, 1, 2_000_000);   // 2 s: CRTT 6 s, far beyond the 1428 ms interval
        long crttMs = target(m.ipv4, 1).crtt.crttMs();
        assertThat(crttMs).isGreaterThan(1_428);
        assertThat(group.probeIntervalNanos).isEqualTo(2 * crttMs * MS);
        assertThat(group.effectiveFdtNanos).isEqualTo(group.probeIntervalNanos * Rules.FDT_TO_INTERVAL);
        assertThat(group.lastRaiseAtNanos).isEqualTo(ctx.nowNanos);
        FailureDetectionTimeChanged n = (FailureDetectionTimeChanged) heard.get(heard.size() - 1);
        assertThat(n.requestedMs()).isEqualTo(10_000);
        assertThat(n.previousMs()).isEqualTo(10_000);
        assertThat(n.effectiveMs()).isEqualTo(group.effectiveFdtNanos / MS);
        assertThat(n.member()).isEqualTo("eth0");
        assertThat(n.family()).isEqualTo(Family.IPV4);
        assertThat(n.target()).isEqualTo(ip(1));
        assertThat(n.atNanos()).isEqualTo(ctx.nowNanos);
    }

    @Test
    void aTargetJustWithinTheIntervalRaisesNothing() throws Exception {
        MemberRuntime m = member("eth0", 0, false, 1);
        ctx.nowNanos = 100 * Rules.NANOS_PER_SECOND;
        answer(m, 1, 476_000);   // CRTT 3 x 476 ms = 1428 ms: not beyond the interval
        assertThat(target(m.ipv4, 1).crtt.crttMs()).isEqualTo(1_428);
        assertThat(group.effectiveFdtNanos).isEqualTo(group.configuredFdtNanos);
        assertThat(heard).noneMatch(n -> n instanceof FailureDetectionTimeChanged);
    }

    @Test
    void oneSlowTargetAmongFourFastOnesIsSetAsideAsAnExceptionWithoutRaisingTheFdt() throws Exception {
        MemberRuntime m = member("eth0", 0, false, 1, 2, 3, 4);
        ctx.nowNanos = 100 * Rules.NANOS_PER_SECOND;
        for (int r = 2; r <= 4; r++) {
            answer(m, r, 200_000);   // CRTT 600 ms: under interval / 2
        }
        slowAnswers(m, 1, 2_000_000);
        assertThat(target(m.ipv4, 1).state).isEqualTo(TargetState.SLOW);
        assertThat(group.effectiveFdtNanos).isEqualTo(group.configuredFdtNanos);
    }

    @Test
    void aSlowTargetIsNoExceptionWhenAnotherTakesOverHalfTheInterval() throws Exception {
        MemberRuntime m = member("eth0", 0, false, 1, 2, 3, 4);
        ctx.nowNanos = 100 * Rules.NANOS_PER_SECOND;
        answer(m, 2, 200_000);
        answer(m, 3, 200_000);
        answer(m, 4, 239_000);   // CRTT 717 ms > 1428 / 2
        slowAnswers(m, 1, 2_000_000);
        assertThat(target(m.ipv4, 1).state).isEqualTo(TargetState.ACTIVE);
        assertThat(group.effectiveFdtNanos).isGreaterThan(group.configuredFdtNanos);
    }

    @Test
    void aSlowTargetIsNoExceptionAmongFewerThanFourTargets() throws Exception {
        MemberRuntime m = member("eth0", 0, false, 1, 2, 3);
        ctx.nowNanos = 100 * Rules.NANOS_PER_SECOND;
        answer(m, 2, 200_000);
        answer(m, 3, 200_000);
        slowAnswers(m, 1, 2_000_000);
        assertThat(target(m.ipv4, 1).state).isEqualTo(TargetState.ACTIVE);
        assertThat(group.effectiveFdtNanos).isGreaterThan(group.configuredFdtNanos);
    }

    @Test
    void theFdtIsHalvedBackOnlyAMinuteAfterTheRaiseAndOnlyWhenEveryRunningMembersTargetsAreFast() throws Exception {
        MemberRuntime m = member("eth0", 0, false, 1);
        MemberRuntime o = member("eth1", 1, false, 1);
        ctx.nowNanos = 100 * Rules.NANOS_PER_SECOND;
        slowAnswers(m, 1, 2_000_000);
        long raised = group.effectiveFdtNanos;
        long raisedAt = ctx.nowNanos;
        assertThat(raised).isGreaterThan(group.configuredFdtNanos);
        target(m.ipv4, 1).crtt.reset();
        slowAnswers(o, 1, 2_000_000);   // eth1's target is slow too (same CRTT: no second raise)
        heard.clear();
        // a minute exactly after the raise is still settling
        ctx.nowNanos = raisedAt + Rules.SETTLING_TIME_NANOS;
        answer(m, 1, 1_000);
        assertThat(group.effectiveFdtNanos).isEqualTo(raised);
        ctx.nowNanos = raisedAt + Rules.SETTLING_TIME_NANOS + 1;
        answer(m, 1, 1_000);
        assertThat(group.effectiveFdtNanos).isEqualTo(raised);   // eth1's slow target holds it up
        o.fail(Cause.PROBES_LOST);   // a failed member's targets do not count (check_pg_crtt_improved)
        answer(m, 1, 1_000);
        assertThat(group.effectiveFdtNanos).isEqualTo(raised / Rules.NEXT_FDT_MULTIPLE);
        assertThat(group.probeIntervalNanos).isEqualTo(group.effectiveFdtNanos / Rules.FDT_TO_INTERVAL);
        FailureDetectionTimeChanged n = (FailureDetectionTimeChanged) heard.get(heard.size() - 1);
        assertThat(n.requestedMs()).isEqualTo(10_000);
        assertThat(n.previousMs()).isEqualTo(raised / MS);
        assertThat(n.effectiveMs()).isEqualTo(raised / 2 / MS);
        // never below what was asked for
        for (int i = 0; i < 10; i++) {
            answer(m, 1, 1_000);
        }
        assertThat(group.effectiveFdtNanos).isEqualTo(group.configuredFdtNanos);
        assertThat(group.probeIntervalNanos).isEqualTo(group.configuredFdtNanos / Rules.FDT_TO_INTERVAL);
    }

    @Test
    void anotherTargetAtExactlyHalfTheIntervalStillLetsASlowOneBeAnException() throws Exception {
        MemberRuntime m = member("eth0", 0, false, 1, 2, 3, 4);
        ctx.nowNanos = 100 * Rules.NANOS_PER_SECOND;
        answer(m, 2, 200_000);
        answer(m, 3, 200_000);
        answer(m, 4, 238_000);   // CRTT 714 ms = 1428 / 2: not over it
        slowAnswers(m, 1, 2_000_000);
        assertThat(target(m.ipv4, 1).state).isEqualTo(TargetState.SLOW);
        assertThat(group.effectiveFdtNanos).isEqualTo(group.configuredFdtNanos);
    }

    @Test
    void atTheConfiguredFdtFastAnswersAnnounceNothing() throws Exception {
        MemberRuntime m = member("eth0", 0, false, 1);
        ctx.nowNanos = 100 * Rules.NANOS_PER_SECOND;
        answer(m, 1, 1_000);
        answer(m, 1, 1_000);
        assertThat(heard).noneMatch(n -> n instanceof FailureDetectionTimeChanged);
        assertThat(group.effectiveFdtNanos).isEqualTo(group.configuredFdtNanos);
    }

    @Test
    void aCrttOfExactlyAQuarterIntervalLowersNothingButDoesNotHoldOthersBack() throws Exception {
        MemberRuntime m = member("eth0", 0, false, 1);
        MemberRuntime o = member("eth1", 1, false, 1);
        ctx.nowNanos = 100 * Rules.NANOS_PER_SECOND;
        slowAnswers(m, 1, 2_000_000);   // interval now 10 s: a quarter is 2500 ms
        long raised = group.effectiveFdtNanos;
        ctx.nowNanos += Rules.SETTLING_TIME_NANOS + 1;
        target(m.ipv4, 1).crtt.reset();
        answer(m, 1, 833_334);   // CRTT 2500 ms: not under a quarter
        assertThat(target(m.ipv4, 1).crtt.crttMs()).isEqualTo(2_500);
        assertThat(group.effectiveFdtNanos).isEqualTo(raised);
        // check_pg_crtt_improved: a target at a quarter is not too slow for another's trigger
        answer(o, 1, 1_000);
        assertThat(group.effectiveFdtNanos).isEqualTo(raised / 2);
    }

    @Test
    void aLoweredFdtPullsInTheNextProbeOfEveryMember() throws Exception {
        MemberRuntime m = member("eth0", 0, false, 1);
        ctx.nowNanos = 100 * Rules.NANOS_PER_SECOND;
        slowAnswers(m, 1, 2_000_000);
        long raisedInterval = group.probeIntervalNanos;
        ctx.nowNanos = 161 * Rules.NANOS_PER_SECOND;
        ctx.stepTimeNanos = ctx.nowNanos;
        m.ipv4.start(ctx);
        long tick = ctx.timers.nextDeadlineNanos();
        ctx.nowNanos = tick;
        ctx.stepTimeNanos = tick;
        ctx.timers.pollDue(tick).wake(tick, ctx);
        assertThat(ctx.timers.nextDeadlineNanos() - tick).isGreaterThan(raisedInterval / 2);
        target(m.ipv4, 1).crtt.reset();
        answer(m, 1, 1_000);
        assertThat(group.probeIntervalNanos).isEqualTo(raisedInterval / 2);
        assertThat(ctx.timers.nextDeadlineNanos() - tick).isBetween(group.probeIntervalNanos / 2, group.probeIntervalNanos - 1);
    }
}
