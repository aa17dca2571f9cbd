package net.ipmpd.engine.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import net.ipmpd.engine.config.EngineConfig;
import net.ipmpd.engine.config.Family;
import net.ipmpd.engine.config.GroupConfig;
import net.ipmpd.engine.config.MemberConfig;
import net.ipmpd.engine.config.TestAddress;
import net.ipmpd.engine.state.TargetMode;
import net.ipmpd.engine.state.TargetState;
import org.junit.jupiter.api.Test;

/** in.mpathd's target choice (mpd_tables.c): routers, at most five active, dead and slow ones retried after a minute. */
class TargetListTest {
    private final EngineContext ctx = new EngineContext(EngineConfig.defaults(), new SplittableRandom(1));
    private final ProbeInstance pi;

    TargetListTest() throws Exception {
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
        ctx.now = 0;
        l.setRouters(routers(1, 6), ctx);
        Target t = find(1);
        l.targetFailed(t, ctx);
        ctx.now = Rules.SECOND;
        l.age(ctx);
        // marking it dead did not touch its last active time: it is retried at once, as SLOW
        assertThat(t.state).isEqualTo(TargetState.SLOW);
        assertThat(t.lastActiveAtNanos).isEqualTo(Rules.SECOND);
        ctx.now = Rules.SECOND + Rules.RECOVERY_TIME;
        l.age(ctx);
        assertThat(t.state).isEqualTo(TargetState.SLOW);   // a minute exactly is not yet past it
        ctx.now = Rules.SECOND + Rules.RECOVERY_TIME + 1;
        l.age(ctx);
        // UNUSED again, but five are active, so it waits
        assertThat(t.state).isEqualTo(TargetState.UNUSED);
        assertThat(l.activeCount()).isEqualTo(5);
    }

    @Test
    void withNoActiveTargetLeftSlowThenDeadOnesAreUsedAgainUpToThree() throws Exception {
        TargetList l = pi.targets;
        l.setRouters(routers(1, 4), ctx);
        ctx.now = 5 * Rules.SECOND;
        l.targetSlow(find(1), ctx);
        assertThat(find(1).state).isEqualTo(TargetState.SLOW);
        assertThat(find(1).lastActiveAtNanos).isEqualTo(5 * Rules.SECOND);
        l.targetFailed(find(2), ctx);
        l.targetFailed(find(3), ctx);
        assertThat(l.activeCount()).isEqualTo(1);
        l.targetFailed(find(4), ctx);
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
}
