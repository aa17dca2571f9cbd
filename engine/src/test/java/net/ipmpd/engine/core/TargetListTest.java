package net.ipmpd.engine.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
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
import net.ipmpd.engine.notify.Notification.TargetChanged;
import net.ipmpd.engine.state.TargetMode;
import net.ipmpd.engine.state.TargetState;
import org.junit.jupiter.api.Test;

/** in.mpathd's target choice (mpd_tables.c): routers, at most five active, dead and slow ones retried after a minute. */
class TargetListTest {
    private final EngineContext ctx = new EngineContext(EngineConfig.defaults(), new SplittableRandom(1));
    private final ProbeInstance pi;
    private final List<TargetChanged> announced = new ArrayList<>();
    private final List<Action> actions = new ArrayList<>();

    TargetListTest() throws Exception {
        ctx.out = new EngineOutput() {
            @Override
            public void act(Action a) {
                actions.add(a);
            }

            @Override
            public void notify(Notification n) {
                if (n instanceof TargetChanged t) {
                    announced.add(t);
                }
            }
        };
        GroupRuntime g = new GroupRuntime("g", false, new GroupConfig("g", List.of(), List.of()), ctx);
        TestAddress test = new TestAddress(ip(10), 24);
        MemberRuntime m = new MemberRuntime("eth0", g, new MemberConfig("eth0", false, Optional.of(test), Optional.empty()));
        pi = m.instance(Family.IPV4);
    }

    private static InetAddress ip(int last) throws Exception {
        return InetAddress.getByAddress(new byte[] {(byte) 198, 18, 0, (byte) last});
    }

    private static List<InetAddress> routers(int first, int count) throws Exception {
        List<InetAddress> l = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            l.add(ip(first + i));
        }
        return l;
    }

    private Target find(int last) throws Exception {
        InetAddress a = ip(last);
        return pi.targets.all().stream().filter(t -> t.address.equals(a)).findFirst().orElseThrow();
    }

    @Test
    void atMostFiveRoutersAreActiveTheRestWaitUnused() throws Exception {
        TargetList l = pi.targets;
        l.setRouters(routers(1, 7), ctx);
        assertThat(l.mode()).isEqualTo(TargetMode.ROUTES);
        assertThat(l.all()).hasSize(7);
        assertThat(l.activeCount()).isEqualTo(Rules.MAX_TARGETS);
        assertThat(find(6).state).isEqualTo(TargetState.UNUSED);
        assertThat(l.wantsDiscovery()).isFalse();
    }

    @Test
    void routersOffTheTestSubnetOrOwnAddressesAreNotTargets() throws Exception {
        ctx.ownAddresses = Set.of(ip(2));
        TargetList l = pi.targets;
        l.setRouters(List.of(ip(1), ip(2), InetAddress.getByAddress(new byte[] {(byte) 198, 19, 0, 1})), ctx);
        assertThat(l.all()).extracting(t -> t.address).containsExactly(ip(1));
        // no usable router left: back to all-hosts discovery
        l.setRouters(List.of(ip(2)), ctx);
        assertThat(l.all()).isEmpty();
        assertThat(l.mode()).isEqualTo(TargetMode.MULTICAST);
        assertThat(l.wantsDiscovery()).isTrue();
    }

    @Test
    void roundRobinVisitsEachActiveTargetInTurnAndSkipsOthers() throws Exception {
        TargetList l = pi.targets;
        l.setRouters(routers(1, 3), ctx);
        find(2).state = TargetState.DEAD;
        assertThat(l.nextActive().address).isEqualTo(ip(1));
        assertThat(l.nextActive().address).isEqualTo(ip(3));
        assertThat(l.nextActive().address).isEqualTo(ip(1));
        assertThat(l.nextActive().address).isEqualTo(ip(3));
    }

    @Test
    void targetsAreListedInFiringOrderFromTheNextOneToBeProbed() throws Exception {
        TargetList l = pi.targets;
        assertThat(l.inFiringOrder()).isEmpty();
        l.setRouters(routers(1, 3), ctx);
        assertThat(l.inFiringOrder()).extracting(t -> t.address).containsExactly(ip(1), ip(2), ip(3));
        assertThat(l.nextActive().address).isEqualTo(ip(1));
        // Solaris ipmpstat -t: "the targets, in firing order"
        assertThat(l.inFiringOrder()).extracting(t -> t.address).containsExactly(ip(2), ip(3), ip(1));
        l.nextActive();
        l.nextActive();
        assertThat(l.inFiringOrder()).extracting(t -> t.address).containsExactly(ip(1), ip(2), ip(3));
        assertThat(l.inFiringOrder()).hasSize(3);
    }

    @Test
    void aFailedRouterIsKeptDeadAndAnUnusedOneTakesItsPlace() throws Exception {
        TargetList l = pi.targets;
        l.setRouters(routers(1, 6), ctx);
        Target dead = find(1);
        dead.crtt.sample(1000, 1_000_000);
        l.targetFailed(dead, ctx);
        assertThat(dead.state).isEqualTo(TargetState.DEAD);
        assertThat(dead.crtt.hasSample()).isFalse();
        assertThat(l.all()).contains(dead);
        assertThat(find(6).state).isEqualTo(TargetState.ACTIVE);
        assertThat(l.activeCount()).isEqualTo(5);
    }

    @Test
    void aDeadRouterIsRetriedAsSlowAfterAMinuteAndUsedAgainAMinuteLater() throws Exception {
        TargetList l = pi.targets;
        ctx.nowNanos = 0;
        l.setRouters(routers(1, 6), ctx);
        Target t = find(1);
        l.targetFailed(t, ctx);
        ctx.nowNanos = Rules.NANOS_PER_SECOND;
        l.age(ctx);
        // marking it dead did not touch its last active time: it is retried at once, as SLOW
        assertThat(t.state).isEqualTo(TargetState.SLOW);
        assertThat(t.lastActiveAtNanos).isEqualTo(Rules.NANOS_PER_SECOND);
        ctx.nowNanos = Rules.NANOS_PER_SECOND + Rules.RECOVERY_TIME_NANOS;
        l.age(ctx);
        assertThat(t.state).isEqualTo(TargetState.SLOW);   // a minute exactly is not yet past it
        ctx.nowNanos = Rules.NANOS_PER_SECOND + Rules.RECOVERY_TIME_NANOS + 1;
        l.age(ctx);
        // UNUSED again, but five are active, so it waits
        assertThat(t.state).isEqualTo(TargetState.UNUSED);
        assertThat(l.activeCount()).isEqualTo(5);
    }

    @Test
    void withNoActiveTargetLeftSlowThenDeadOnesAreUsedAgainUpToThree() throws Exception {
        TargetList l = pi.targets;
        l.setRouters(routers(1, 4), ctx);
        ctx.nowNanos = 5 * Rules.NANOS_PER_SECOND;
        l.targetSlow(find(1), ctx);
        assertThat(find(1).state).isEqualTo(TargetState.SLOW);
        assertThat(find(1).lastActiveAtNanos).isEqualTo(5 * Rules.NANOS_PER_SECOND);
        l.targetFailed(find(2), ctx);
        l.targetFailed(find(3), ctx);
        assertThat(l.activeCount()).isEqualTo(1);
        announced.clear();
        l.targetFailed(find(4), ctx);
        assertThat(announced).extracting(TargetChanged::target, TargetChanged::state).containsExactly(
                org.assertj.core.groups.Tuple.tuple(ip(4), TargetState.DEAD),
                org.assertj.core.groups.Tuple.tuple(ip(1), TargetState.ACTIVE),
                org.assertj.core.groups.Tuple.tuple(ip(2), TargetState.ACTIVE),
                org.assertj.core.groups.Tuple.tuple(ip(3), TargetState.ACTIVE));
        // the slow one first, then dead ones, until MIN_PROBE_TARGETS are active
        assertThat(l.activeCount()).isEqualTo(Rules.MIN_TARGETS);
        assertThat(find(1).state).isEqualTo(TargetState.ACTIVE);
        assertThat(find(2).state).isEqualTo(TargetState.ACTIVE);
        assertThat(find(3).state).isEqualTo(TargetState.ACTIVE);
        assertThat(find(4).state).isEqualTo(TargetState.DEAD);
    }

    @Test
    void operatorTargetsReplaceRoutersAndRoutersAreIgnoredWhileTheyExist() throws Exception {
        TargetList l = pi.targets;
        l.setRouters(routers(1, 2), ctx);
        l.setStatic(List.of(ip(50)), ctx);
        assertThat(l.mode()).isEqualTo(TargetMode.STATIC);
        assertThat(l.all()).extracting(t -> t.address).containsExactly(ip(50));
        l.setRouters(routers(1, 3), ctx);
        assertThat(l.all()).extracting(t -> t.address).containsExactly(ip(50));
        l.setStatic(List.of(), ctx);
        assertThat(l.mode()).isEqualTo(TargetMode.MULTICAST);
        assertThat(l.all()).isEmpty();
    }

    @Test
    void aChangedRouterListDropsTheRoutersNoLongerListedOnly() throws Exception {
        TargetList l = pi.targets;
        l.setRouters(routers(1, 3), ctx);
        Target kept = find(2);
        l.setRouters(List.of(ip(2), ip(9)), ctx);
        assertThat(l.all()).extracting(t -> t.address).containsExactly(ip(2), ip(9));
        assertThat(find(2)).isSameAs(kept);
    }

    @Test
    void discoveredHostsAreUsedUpToFiveNeverTwiceAndNeverOwnOrOffLink() throws Exception {
        TargetList l = pi.targets;
        ctx.ownAddresses = Set.of(ip(99));
        l.discovered(ip(1), ctx);
        assertThat(l.wantsDiscovery()).isTrue();   // one host is not enough
        l.discovered(ip(1), ctx);
        l.discovered(ip(99), ctx);
        l.discovered(InetAddress.getByAddress(new byte[] {(byte) 198, 19, 0, 1}), ctx);
        assertThat(l.all()).hasSize(1);
        l.discovered(ip(2), ctx);
        assertThat(l.wantsDiscovery()).isFalse();
        for (int i = 3; i <= 8; i++) {
            l.discovered(ip(i), ctx);
        }
        assertThat(l.all()).hasSize(Rules.MAX_TARGETS);
        // a router replaces every host
        l.setRouters(List.of(ip(100)), ctx);
        assertThat(l.all()).extracting(t -> t.address).containsExactly(ip(100));
        l.discovered(ip(3), ctx);
        assertThat(l.all()).hasSize(1);
    }

    @Test
    void hostsAreFlushedButRoutersStay() throws Exception {
        TargetList l = pi.targets;
        l.discovered(ip(1), ctx);
        l.discovered(ip(2), ctx);
        l.flushHosts(ctx);
        assertThat(l.all()).isEmpty();
        l.discovered(ip(1), ctx);
        l.dropHosts(ctx);
        assertThat(l.all()).isEmpty();
        l.setRouters(routers(1, 2), ctx);
        l.flushHosts(ctx);
        l.dropHosts(ctx);
        assertThat(l.all()).hasSize(2);
    }

    // ------------------------------------------------------------------ what is announced (TargetChanged)

    private static void assertAnnounced(TargetChanged t, InetAddress a, TargetMode mode, TargetState state, boolean removed,
                                        Cause cause) {
        assertThat(t.target()).isEqualTo(a);
        assertThat(t.mode()).isEqualTo(mode);
        assertThat(t.state()).isEqualTo(state);
        assertThat(t.removed()).isEqualTo(removed);
        assertThat(t.cause()).isEqualTo(cause);
    }

    @Test
    void aDiscoveredHostIsAnnouncedOnceAsAnActiveTargetOfItsGroupMemberAndFamily() throws Exception {
        ctx.nowNanos = 7 * Rules.NANOS_PER_SECOND;
        ctx.ownAddresses = Set.of(ip(99));
        long version = ctx.changes;
        pi.targets.discovered(ip(1), ctx);
        assertThat(announced).hasSize(1);
        TargetChanged t = announced.get(0);
        assertAnnounced(t, ip(1), TargetMode.MULTICAST, TargetState.ACTIVE, false, Cause.NONE);
        assertThat(t.atNanos()).isEqualTo(7 * Rules.NANOS_PER_SECOND);
        assertThat(t.group()).isEqualTo("g");
        assertThat(t.member()).isEqualTo("eth0");
        assertThat(t.family()).isEqualTo(Family.IPV4);
        assertThat(ctx.changes).isGreaterThan(version);   // a new snapshot version for ipmpstat -t
        // a second answer, our own address and an off-link host announce nothing
        pi.targets.discovered(ip(1), ctx);
        pi.targets.discovered(ip(99), ctx);
        pi.targets.discovered(InetAddress.getByAddress(new byte[] {(byte) 198, 19, 0, 1}), ctx);
        assertThat(announced).hasSize(1);
    }

    @Test
    void routersAreAnnouncedWhenUsedAndAFailedOneAsDeadBeforeItsReplacement() throws Exception {
        pi.targets.setRouters(routers(1, 7), ctx);
        // only the five used ones; the two waiting ones are announced when they are used
        assertThat(announced).extracting(TargetChanged::target).containsExactly(ip(1), ip(2), ip(3), ip(4), ip(5));
        assertThat(announced).allSatisfy(t -> assertAnnounced(t, t.target(), TargetMode.ROUTES, TargetState.ACTIVE, false,
                Cause.NONE));
        announced.clear();
        pi.targets.targetFailed(find(1), ctx);
        assertThat(announced).hasSize(2);
        assertAnnounced(announced.get(0), ip(1), TargetMode.ROUTES, TargetState.DEAD, false, Cause.TARGET_LOST);
        assertAnnounced(announced.get(1), ip(6), TargetMode.ROUTES, TargetState.ACTIVE, false, Cause.NONE);
        // a router is kept: no all-hosts probe goes out for it
        assertThat(actions).isEmpty();
    }

    @Test
    void aRouterNoLongerListedIsAnnouncedRemovedByTheConfigurationAndItsUnansweredProbeIsLost() throws Exception {
        TargetList l = pi.targets;
        l.setRouters(routers(1, 3), ctx);
        ProbeHistory.Probe toDropped = pi.history.sent(1, find(1), 0);
        ProbeHistory.Probe toKept = pi.history.sent(2, find(2), 0);
        announced.clear();
        l.setRouters(List.of(ip(2), ip(9)), ctx);
        assertThat(announced).hasSize(3);
        assertAnnounced(announced.get(0), ip(1), TargetMode.ROUTES, TargetState.ACTIVE, true, Cause.CONFIG);
        assertAnnounced(announced.get(1), ip(3), TargetMode.ROUTES, TargetState.ACTIVE, true, Cause.CONFIG);
        assertAnnounced(announced.get(2), ip(9), TargetMode.ROUTES, TargetState.ACTIVE, false, Cause.NONE);
        // reset_pii_probes: a probe to a deleted target can no longer be answered
        assertThat(toDropped.status).isEqualTo(ProbeHistory.Status.LOST);
        assertThat(toDropped.target).isNull();
        assertThat(toKept.status).isEqualTo(ProbeHistory.Status.UNACKED);
        assertThat(toKept.target).isSameAs(find(2));
    }

    @Test
    void theFirstRouterAnnouncesEveryHostRemovedAndStartsAFreshHistoryAndRoundRobin() throws Exception {
        TargetList l = pi.targets;
        l.discovered(ip(1), ctx);
        l.discovered(ip(2), ctx);
        assertThat(l.nextActive().address).isEqualTo(ip(1));
        pi.history.sent(1, find(1), 0);
        announced.clear();
        l.setRouters(List.of(ip(5), ip(6)), ctx);
        assertThat(announced).hasSize(4);
        assertAnnounced(announced.get(0), ip(1), TargetMode.MULTICAST, TargetState.ACTIVE, true, Cause.CONFIG);
        assertAnnounced(announced.get(1), ip(2), TargetMode.MULTICAST, TargetState.ACTIVE, true, Cause.CONFIG);
        assertThat(pi.history.recent(0).status).isEqualTo(ProbeHistory.Status.UNUSED);
        // the firing order starts again at the first router
        assertThat(l.nextActive().address).isEqualTo(ip(5));
    }

    @Test
    void aDeadHostIsDeletedAnnouncedAsLostAndAnAllHostsProbeGoesOutAtOnce() throws Exception {
        TargetList l = pi.targets;
        l.discovered(ip(1), ctx);
        l.discovered(ip(2), ctx);
        ProbeHistory.Probe answered = pi.history.sent(1, find(2), 0);
        answered.status = ProbeHistory.Status.ACKED;
        ProbeHistory.Probe toDead = pi.history.sent(2, find(1), 0);
        announced.clear();
        l.targetFailed(find(1), ctx);
        // reset_pii_probes: its unanswered probe is lost and no later reply can claim it
        assertThat(toDead.status).isEqualTo(ProbeHistory.Status.LOST);
        assertThat(toDead.target).isNull();
        assertThat(announced).hasSize(1);
        assertAnnounced(announced.get(0), ip(1), TargetMode.MULTICAST, TargetState.ACTIVE, true, Cause.TARGET_LOST);
        assertThat(l.all()).extracting(t -> t.address).containsExactly(ip(2));
        assertThat(actions).singleElement().satisfies(a -> {
            SendProbe p = (SendProbe) a;
            assertThat(p.kind()).isEqualTo(ProbeKind.MULTICAST);
            assertThat(p.target()).isEqualTo(InetAddress.getByAddress(new byte[] {(byte) 224, 0, 0, 1}));
            assertThat(p.source()).isEqualTo(ip(10));
        });
        // the other target's probes stay: a deletion with targets left keeps the history
        assertThat(answered.status).isEqualTo(ProbeHistory.Status.ACKED);
        assertThat(answered.target).isSameAs(find(2));
    }

    @Test
    void aSlowHostIsReplacedLikeADeadOneAndASlowRouterWaitsWithItsCrttReset() throws Exception {
        TargetList l = pi.targets;
        l.discovered(ip(1), ctx);
        announced.clear();
        l.targetSlow(find(1), ctx);
        assertAnnounced(announced.get(0), ip(1), TargetMode.MULTICAST, TargetState.ACTIVE, true, Cause.TARGET_LOST);
        assertThat(l.all()).isEmpty();
        assertThat(actions).singleElement().satisfies(a -> assertThat(((SendProbe) a).kind()).isEqualTo(ProbeKind.MULTICAST));

        l.setRouters(routers(1, 2), ctx);
        Target slow = find(1);
        slow.crtt.sample(1000, 1_000_000);
        announced.clear();
        actions.clear();
        l.targetSlow(slow, ctx);
        assertThat(slow.crtt.hasSample()).isFalse();
        assertAnnounced(announced.get(0), ip(1), TargetMode.ROUTES, TargetState.SLOW, false, Cause.TARGET_LOST);
        assertThat(actions).isEmpty();
    }

    @Test
    void deletingTheLastTargetForgetsTheHistoryAndTheFiringOrder() throws Exception {
        TargetList l = pi.targets;
        l.discovered(ip(1), ctx);
        l.discovered(ip(2), ctx);
        l.nextActive();
        ProbeHistory.Probe p = pi.history.sent(1, find(1), 0);
        p.status = ProbeHistory.Status.ACKED;
        l.targetFailed(find(2), ctx);
        assertThat(pi.history.recent(0).status).isEqualTo(ProbeHistory.Status.ACKED);
        l.targetFailed(find(1), ctx);
        // clear_pii_probe_stats: no target left, nothing of the past counts
        assertThat(pi.history.recent(0).status).isEqualTo(ProbeHistory.Status.UNUSED);
        l.discovered(ip(3), ctx);
        l.discovered(ip(4), ctx);
        assertThat(l.nextActive().address).isEqualTo(ip(3));
    }

    @Test
    void aGroupFailureAnnouncesFlushedHostsAsGroupFailureAndARemovedInterfaceAsRemoved() throws Exception {
        TargetList l = pi.targets;
        l.discovered(ip(1), ctx);
        announced.clear();
        l.flushHosts(ctx);
        assertAnnounced(announced.get(0), ip(1), TargetMode.MULTICAST, TargetState.ACTIVE, true, Cause.GROUP_FAILURE);
        l.discovered(ip(2), ctx);
        announced.clear();
        l.dropHosts(ctx);
        assertAnnounced(announced.get(0), ip(2), TargetMode.MULTICAST, TargetState.ACTIVE, true, Cause.REMOVED);
        // flushing sends no all-hosts probe itself: the next send tick does, having no target
        assertThat(actions).isEmpty();
    }

    @Test
    void aDeadRoutersRetryAsSlowAndItsReturnToUnusedAreAnnounced() throws Exception {
        TargetList l = pi.targets;
        ctx.nowNanos = 0;
        l.setRouters(routers(1, 6), ctx);
        l.targetFailed(find(1), ctx);
        announced.clear();
        long version = ctx.changes;
        ctx.nowNanos = Rules.NANOS_PER_SECOND;
        l.age(ctx);
        assertThat(announced).singleElement().satisfies(
                t -> assertAnnounced(t, ip(1), TargetMode.ROUTES, TargetState.SLOW, false, Cause.NONE));
        assertThat(ctx.changes).isGreaterThan(version);
        announced.clear();
        ctx.nowNanos = Rules.NANOS_PER_SECOND + Rules.RECOVERY_TIME_NANOS + 1;
        l.age(ctx);
        assertThat(announced).singleElement().satisfies(
                t -> assertAnnounced(t, ip(1), TargetMode.ROUTES, TargetState.UNUSED, false, Cause.NONE));
    }

    @Test
    void copiedHostTargetsAreAnnouncedOnTheMemberThatReceivesThem() throws Exception {
        GroupRuntime g = pi.member.group;
        MemberRuntime other = new MemberRuntime("eth1", g, new MemberConfig("eth1", false,
                Optional.of(new TestAddress(ip(11), 24)), Optional.empty()));
        pi.targets.discovered(ip(1), ctx);
        pi.targets.discovered(ip(2), ctx);
        announced.clear();
        TargetList copy = other.instance(Family.IPV4).targets;
        copy.copyHosts(pi.targets, ctx);
        assertThat(copy.all()).extracting(t -> t.address).containsExactly(ip(1), ip(2));
        assertThat(announced).extracting(TargetChanged::member).containsOnly("eth1");
        // dup_host_targets copies only to a member that has none, and never routers
        pi.targets.discovered(ip(3), ctx);
        copy.copyHosts(pi.targets, ctx);
        assertThat(copy.all()).hasSize(2);
        MemberRuntime third = new MemberRuntime("eth2", g, new MemberConfig("eth2", false,
                Optional.of(new TestAddress(ip(12), 24)), Optional.empty()));
        pi.targets.setRouters(routers(20, 1), ctx);
        third.instance(Family.IPV4).targets.copyHosts(pi.targets, ctx);
        assertThat(third.instance(Family.IPV4).targets.all()).isEmpty();
    }
}
