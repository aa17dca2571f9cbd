package net.ipmpd.engine.scenario;

import static net.ipmpd.engine.scenario.Lab.T1;
import static net.ipmpd.engine.scenario.Lab.only;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.util.List;
import java.util.OptionalLong;
import net.ipmpd.engine.action.Action.SendProbe;
import net.ipmpd.engine.config.DampingConfig;
import net.ipmpd.engine.config.EngineConfig;
import net.ipmpd.engine.config.GroupConfig;
import net.ipmpd.engine.event.EngineEvent.LinkReported;
import net.ipmpd.engine.event.EngineEvent.Router;
import net.ipmpd.engine.notify.Cause;
import net.ipmpd.engine.notify.Notification.LinkChanged;
import net.ipmpd.engine.notify.Notification.TargetChanged;
import net.ipmpd.engine.sim.Simulation;
import net.ipmpd.engine.state.TargetMode;
import net.ipmpd.engine.state.TargetSnapshot;
import org.junit.jupiter.api.Test;

/** What the dataplane reports about interfaces (RTM_NEWLINK, RTM_DELLINK, routers) and what the engine makes of it. */
class InterfaceEventsScenarioTest {

    private static List<InetAddress> targets(Simulation sim, String member, int instance) {
        return Lab.member(sim, member).probing().get(instance).targets().stream().map(TargetSnapshot::address).toList();
    }

    @Test
    void theLinkGoingDownAndComingUpIsAnnouncedWithItsCause() {
        Simulation sim = Lab.settled(Lab.linkOnly("eth0", "eth1"));
        int mark = sim.notificationMark();
        sim.carrierDown("eth0");
        assertThat(only(sim.notificationsSince(mark), LinkChanged.class)).singleElement().satisfies(l -> {
            assertThat(l.up()).isFalse();
            assertThat(l.member()).isEqualTo("eth0");
            assertThat(l.group()).isEqualTo(Lab.GROUP);
            assertThat(l.cause()).isEqualTo(Cause.LINK_DOWN);
        });
        // a report that changes nothing announces nothing
        int again = sim.notificationMark();
        sim.carrierDown("eth0");
        assertThat(sim.notificationsSince(again)).isEmpty();
    }

    @Test
    void anInterfaceReportedAgainWithANewIndexShowsTheNewIndex() {
        Simulation sim = Lab.settled(Lab.linkOnly("eth0", "eth1"));
        int before = Lab.member(sim, "eth0").ifIndex();
        sim.deliver(new LinkReported("eth0", before + 40, true));
        assertThat(Lab.member(sim, "eth0").ifIndex()).isEqualTo(before + 40);
    }

    @Test
    void aRemovedInterfaceStopsProbingAndLosesItsHostTargets() {
        Simulation sim = Lab.settled(Lab.threeMembers(true, 10_000));
        int mark = sim.notificationMark();
        sim.removeNic("eth1");
        assertThat(only(sim.notificationsSince(mark), TargetChanged.class)).filteredOn(t -> t.member().equals("eth1"))
                .isNotEmpty().allSatisfy(t -> {
                    assertThat(t.removed()).isTrue();
                    assertThat(t.cause()).isEqualTo(Cause.REMOVED);
                });
        int actions = sim.actionMark();
        sim.advanceMs(10_000);
        assertThat(sim.actionsSince(actions)).noneMatch(a -> a instanceof SendProbe p && p.member().equals("eth1"));
    }

    @Test
    void anIpv6RouterIsATargetOnlyInTheGroupOfTheInterfaceItWasLearntOn() {
        GroupConfig a = new GroupConfig("ipmp0", OptionalLong.empty(),
                List.of(Lab.dualStack("eth0", 0, false), Lab.dualStack("eth1", 1, false)), List.of(), List.of());
        GroupConfig b = new GroupConfig("ipmp1", OptionalLong.empty(),
                List.of(Lab.dualStack("eth2", 2, false), Lab.dualStack("eth3", 3, false)), List.of(), List.of());
        Simulation sim = Lab.settled(new EngineConfig(10_000, true, true, DampingConfig.DEFAULT, List.of(a, b)));
        sim.routers(List.of(new Router(Lab.T6, "eth1"), new Router(T1, "eth1")));
        // in.mpathd: an IPv6 (link-local) router belongs to the link it was heard on
        assertThat(targets(sim, "eth0", 1)).containsExactly(Lab.T6);
        assertThat(Lab.member(sim, "eth0").probing().get(1).mode()).isEqualTo(TargetMode.ROUTES);
        // the other group keeps the hosts it found by all-hosts probes
        assertThat(Lab.member(sim, "eth2").probing().get(1).mode()).isEqualTo(TargetMode.MULTICAST);
        // an IPv4 router in the test subnet serves every member on that subnet
        assertThat(targets(sim, "eth0", 0)).containsExactly(T1);
        assertThat(targets(sim, "eth3", 0)).containsExactly(T1);
    }
}
