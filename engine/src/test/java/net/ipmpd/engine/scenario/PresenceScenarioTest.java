package net.ipmpd.engine.scenario;

import static net.ipmpd.engine.scenario.Lab.DATA_V4;
import static net.ipmpd.engine.scenario.Lab.only;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Set;
import net.ipmpd.engine.event.EngineEvent.AddressesObserved;
import net.ipmpd.engine.event.EngineEvent.LinkDumpCompleted;
import net.ipmpd.engine.event.EngineEvent.LinkReported;
import net.ipmpd.engine.notify.Cause;
import net.ipmpd.engine.notify.Notification.GroupFailed;
import net.ipmpd.engine.notify.Notification.InterfaceFailed;
import net.ipmpd.engine.notify.Notification.InterfaceOffline;
import net.ipmpd.engine.notify.Notification.InterfaceOnline;
import net.ipmpd.engine.notify.Notification.InterfaceRepaired;
import net.ipmpd.engine.sim.Simulation;
import net.ipmpd.engine.state.GroupState;
import net.ipmpd.engine.state.MemberState;
import net.ipmpd.engine.state.Presence;
import org.junit.jupiter.api.Test;

/** NICs missing at boot, hot removal and re-insertion, and adopting addresses after a restart. */
class PresenceScenarioTest {

    @Test
    void aMemberMissingAtBootIsFailedNotPresentAndItsAddressStartsElsewhere() {
        Simulation sim = new Simulation(Lab.threeMembers(true, 10_000), 1);
        sim.network().addHost(Lab.T1, Lab.RTT);
        sim.network().setPresent("eth0", false);
        sim.start();
        var eth0 = Lab.member(sim, "eth0");
        assertThat(eth0.presence()).isEqualTo(Presence.NOT_PRESENT);
        assertThat(eth0.state()).isEqualTo(MemberState.FAILED);
        assertThat(eth0.lastCause()).isEqualTo(Cause.NOT_PRESENT);
        assertThat(only(sim.notifications(), InterfaceFailed.class)).singleElement()
                .satisfies(f -> assertThat(f.cause()).isEqualTo(Cause.NOT_PRESENT));
        assertThat(sim.network().interfacesWith(DATA_V4)).containsExactly("eth2");
        // the NIC appears (module loaded, USB NIC plugged): taken in, failback follows
        int mark = sim.notificationMark();
        sim.insertNic("eth0");
        assertThat(Lab.member(sim, "eth0").presence()).isEqualTo(Presence.PRESENT);
        assertThat(only(sim.notificationsSince(mark), InterfaceRepaired.class)).hasSize(1);
        assertThat(sim.network().interfacesWith(DATA_V4)).containsExactly("eth0");
        assertThat(sim.network().interfacesWith(Lab.ip("198.18.0.10"))).containsExactly("eth0");   // test address plumbed
    }

    @Test
    void hotRemovalIsADrDetachAndReinsertionAReattach() {
        Simulation sim = Lab.settled(Lab.threeMembers(true, 10_000));
        int mark = sim.notificationMark();
        sim.removeNic("eth0");
        assertThat(only(sim.notificationsSince(mark), InterfaceOffline.class)).singleElement()
                .satisfies(o -> assertThat(o.cause()).isEqualTo(Cause.REMOVED));
        assertThat(Lab.member(sim, "eth0").state()).isEqualTo(MemberState.OFFLINE);
        assertThat(Lab.member(sim, "eth0").presence()).isEqualTo(Presence.REMOVED);
        assertThat(sim.network().interfacesWith(DATA_V4)).containsExactly("eth2");
        mark = sim.notificationMark();
        sim.insertNic("eth0");
        assertThat(only(sim.notificationsSince(mark), InterfaceOnline.class)).hasSize(1);
        assertThat(sim.network().interfacesWith(DATA_V4)).containsExactly("eth0");
    }

    @Test
    void removingTheLastUsableMemberIsReportedAsAGroupFailure() {
        Simulation sim = Lab.settled(Lab.linkOnly("eth0", "eth1"));
        sim.carrierDown("eth1");
        int mark = sim.notificationMark();
        sim.removeNic("eth0");
        assertThat(Lab.group(sim).state()).isEqualTo(GroupState.FAILED);
        assertThat(only(sim.notificationsSince(mark), GroupFailed.class)).singleElement()
                .satisfies(g -> assertThat(g.cause()).isEqualTo(Cause.REMOVED));
        // the kernel took the address away with eth0; it is kept on eth1, whose link is down, and
        // works the moment that link returns
        assertThat(sim.network().interfacesWith(DATA_V4)).containsExactly("eth1");
        sim.carrierUp("eth1");
        assertThat(Lab.group(sim).state()).isEqualTo(GroupState.DEGRADED);
        assertThat(sim.network().interfacesWith(DATA_V4)).containsExactly("eth1");
    }

    @Test
    void aRestartAdoptsTheKernelsPlacementInsteadOfMovingAddresses() {
        // ipmpd restarts mid-outage: eth0 is down and 198.18.0.100 is on eth2, where the last run put it
        Simulation sim = new Simulation(Lab.threeMembers(true, 10_000), 1);
        sim.network().setCarrier("eth0", false);
        sim.deliver(new AddressesObserved(Map.of(DATA_V4, Set.of("eth2"), Lab.DATA_V4_B, Set.of("eth1")), sim.nowNanos()));
        for (var n : sim.network().nics()) {
            sim.deliver(new LinkReported(n.name, n.ifIndex, sim.network().running(n.name)));
        }
        int actions = sim.actionMark();
        sim.deliver(new LinkDumpCompleted());
        assertThat(sim.actionsSince(actions)).noneMatch(a -> a instanceof net.ipmpd.engine.action.Action.MoveAddress
                || a instanceof net.ipmpd.engine.action.Action.PlaceAddress);
        assertThat(Lab.group(sim).dataAddresses()).anySatisfy(d -> {
            assertThat(d.address()).isEqualTo(DATA_V4);
            assertThat(d.currentMember()).contains("eth2");
        });
    }
}
