package net.ipmpd.engine.scenario;

import static net.ipmpd.engine.scenario.Lab.DATA_V4;
import static net.ipmpd.engine.scenario.Lab.DATA_V4_B;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import net.ipmpd.engine.action.Action;
import net.ipmpd.engine.action.Action.AnnounceAddress;
import net.ipmpd.engine.action.Action.MoveAddress;
import net.ipmpd.engine.action.Action.PlaceAddress;
import net.ipmpd.engine.action.Action.PlumbTestAddress;
import net.ipmpd.engine.action.Action.RemoveAddress;
import net.ipmpd.engine.action.Action.SetOutbound;
import net.ipmpd.engine.event.EngineEvent.LinkDumpCompleted;
import net.ipmpd.engine.event.EngineEvent.LinkReported;
import net.ipmpd.engine.notify.Cause;
import net.ipmpd.engine.notify.Notification;
import net.ipmpd.engine.notify.Notification.AddressMoved;
import net.ipmpd.engine.notify.Notification.ConfigWarning;
import net.ipmpd.engine.sim.Simulation;
import org.junit.jupiter.api.Test;

/**
 * The engine is the one that decides about the kernel's addresses: the dataplane reports what it
 * reads (at start, after a resync, after someone else's change) and executes what the engine
 * asks. Every address adopted, put back or kept on a member the neighbours did not last hear it
 * from is announced; stray copies go, after the address is on its member.
 */
class KernelAddressesScenarioTest {

    /** Starts the engine the way the dataplane does: links, then the kernel's addresses, then the end of the dump. */
    private static Simulation startWithAddressesInKernel(Simulation sim) {
        for (var n : sim.network().nics()) {
            sim.deliver(new LinkReported(n.name, n.ifIndex, sim.network().running(n.name)));
        }
        sim.deliver(sim.network().addressesRead(sim.nowNanos()));
        sim.deliver(new LinkDumpCompleted());
        return sim;
    }

    private static List<Action> about(List<Action> actions, InetAddress address) {
        List<Action> out = new ArrayList<>();
        for (Action a : actions) {
            InetAddress of = switch (a) {
                case PlaceAddress p -> p.address().address();
                case MoveAddress m -> m.address().address();
                case RemoveAddress r -> r.address().address();
                case AnnounceAddress n -> n.address().address();
                default -> null;
            };
            if (address.equals(of)) {
                out.add(a);
            }
        }
        return out;
    }

    @Test
    void anAddressAddedByHandOnAnotherMemberIsAnnouncedWhenIpmpdStarts() {
        // issue 10's deterministic case: 198.18.0.100 put on eth1 without a gratuitous ARP, its
        // old member eth0 without carrier, then ipmpd starts: the neighbours still point at eth0
        Simulation sim = new Simulation(Lab.threeMembers(true, 10_000), 1);
        sim.network().setCarrier("eth0", false);
        sim.network().addAddressByHand(DATA_V4, "eth1");
        sim.network().addAddressByHand(DATA_V4_B, "eth1");
        int mark = sim.actionMark();
        startWithAddressesInKernel(sim);

        assertThat(about(sim.actionsSince(mark), DATA_V4)).singleElement().isInstanceOfSatisfying(AnnounceAddress.class,
                a -> assertThat(a.member()).isEqualTo("eth1"));
        assertThat(sim.network().interfacesWith(DATA_V4)).containsExactly("eth1");
        assertThat(sim.network().announcements()).contains("198.18.0.100@eth1");
    }

    @Test
    void anAddressAdoptedWhereItsNeighboursHeardItIsAnnouncedOnceAndNotMoved() {
        Simulation sim = new Simulation(Lab.threeMembers(true, 10_000), 1);
        sim.network().addAddressByHand(DATA_V4, "eth0");
        int mark = sim.actionMark();
        startWithAddressesInKernel(sim);
        sim.advanceMs(2_000);
        sim.deliver(sim.network().addressesRead(sim.nowNanos()));   // a resync reads the same again

        // after a restart nobody knows what the neighbours last heard: one announcement, no move
        assertThat(about(sim.actionsSince(mark), DATA_V4)).singleElement().isInstanceOf(AnnounceAddress.class);
        assertThat(sim.network().interfacesWith(DATA_V4)).containsExactly("eth0");
    }

    @Test
    void aSecondCopyLeftByACrashMidMoveIsRemovedAndTheAddressStaysOnTheCopyThatWorks() {
        Simulation sim = new Simulation(Lab.threeMembers(true, 10_000), 1);
        sim.network().addAddressByHand(DATA_V4, "eth2");
        sim.network().addAddressByHand(DATA_V4, "eth0");
        int mark = sim.actionMark();
        startWithAddressesInKernel(sim);

        List<Action> acts = about(sim.actionsSince(mark), DATA_V4);
        assertThat(acts).noneMatch(a -> a instanceof MoveAddress || a instanceof PlaceAddress);
        assertThat(acts).anySatisfy(a -> assertThat(a).isEqualTo(new RemoveAddress(Lab.GROUP,
                Lab.threeMembers(true, 10_000).groups().getFirst().dataAddresses().getFirst(), "eth2")));
        assertThat(sim.network().interfacesWith(DATA_V4)).containsExactly("eth0");
    }

    @Test
    void aStrayCopyAddedByHandLaterIsRemoved() {
        Simulation sim = Lab.settled(Lab.threeMembers(true, 10_000));
        sim.network().addAddressByHand(DATA_V4, "eth2");
        int mark = sim.actionMark();
        sim.deliver(sim.network().addressesRead(sim.nowNanos()));

        assertThat(about(sim.actionsSince(mark), DATA_V4)).singleElement().isInstanceOfSatisfying(RemoveAddress.class,
                r -> assertThat(r.member()).isEqualTo("eth2"));
        assertThat(sim.network().interfacesWith(DATA_V4)).containsExactly("eth0");
    }

    @Test
    void anAddressDeletedByHandIsPutBackAndAnnounced() {
        Simulation sim = Lab.settled(Lab.threeMembers(true, 10_000));
        sim.network().deleteAddressByHand(DATA_V4, "eth0");
        int mark = sim.actionMark();
        int announced = sim.network().announcements().size();
        sim.deliver(sim.network().addressesRead(sim.nowNanos()));

        assertThat(about(sim.actionsSince(mark), DATA_V4)).singleElement().isInstanceOf(PlaceAddress.class);
        assertThat(sim.network().interfacesWith(DATA_V4)).containsExactly("eth0");
        assertThat(sim.network().announcements().subList(announced, sim.network().announcements().size()))
                .containsExactly("198.18.0.100@eth0");
    }

    @Test
    void anAddressMovedByHandComesBackMakeBeforeBreak() {
        Simulation sim = Lab.settled(Lab.threeMembers(true, 10_000));
        sim.network().addAddressByHand(DATA_V4, "eth2");
        sim.network().deleteAddressByHand(DATA_V4, "eth0");
        int mark = sim.actionMark();
        sim.deliver(sim.network().addressesRead(sim.nowNanos()));

        // a move (add on eth0, announce, then delete from eth2): a failed add keeps the copy on eth2
        assertThat(about(sim.actionsSince(mark), DATA_V4)).singleElement().isInstanceOfSatisfying(MoveAddress.class, m -> {
            assertThat(m.from()).isEqualTo("eth2");
            assertThat(m.to()).isEqualTo("eth0");
        });
        assertThat(sim.network().interfacesWith(DATA_V4)).containsExactly("eth0");
    }

    @Test
    void aReadTakenBeforeAFailoverDoesNotUndoIt() {
        Simulation sim = Lab.settled(Lab.threeMembers(true, 10_000));
        var before = sim.network().addressesRead(sim.nowNanos());
        sim.advanceMs(10);
        sim.carrierDown("eth0");
        String holder = sim.network().interfaceOf(DATA_V4).orElseThrow();
        assertThat(holder).isNotEqualTo("eth0");
        int mark = sim.actionMark();
        sim.deliver(before);   // queued behind the failover: the kernel as it was before the move

        assertThat(about(sim.actionsSince(mark), DATA_V4)).isEmpty();
        assertThat(sim.network().interfacesWith(DATA_V4)).containsExactly(holder);
    }

    @Test
    void aDeletedTestAddressIsPlumbedAgain() {
        Simulation sim = Lab.settled(Lab.threeMembers(true, 10_000));
        InetAddress test1 = Lab.ip("198.18.0.11");
        sim.network().deleteAddressByHand(test1, "eth1");
        int mark = sim.actionMark();
        sim.deliver(sim.network().addressesRead(sim.nowNanos()));

        assertThat(sim.actionsSince(mark)).filteredOn(PlumbTestAddress.class::isInstance).singleElement()
                .isInstanceOfSatisfying(PlumbTestAddress.class, p -> assertThat(p.member()).isEqualTo("eth1"));
        assertThat(sim.network().interfacesWith(test1)).containsExactly("eth1");
    }

    @Test
    void aFailoverWritesTheRoutesOnceAfterItsMovesWithEverythingTheRouteNeeds() {
        Simulation sim = Lab.settled(Lab.threeMembers(true, 10_000));
        int mark = sim.actionMark();
        sim.carrierDown("eth0");

        List<Action> acts = sim.actionsSince(mark);
        List<Integer> outbound = new ArrayList<>();
        int lastMove = -1;
        for (int i = 0; i < acts.size(); i++) {
            if (acts.get(i) instanceof SetOutbound) {
                outbound.add(i);
            } else if (acts.get(i) instanceof MoveAddress) {
                lastMove = i;
            }
        }
        assertThat(lastMove).isNotNegative();
        assertThat(outbound).hasSize(1);
        assertThat(outbound.getFirst()).isGreaterThan(lastMove);
        SetOutbound o = (SetOutbound) acts.get(outbound.getFirst());
        assertThat(o.members()).doesNotContain("eth0");
        assertThat(o.groupMembers()).containsExactly("eth0", "eth1", "eth2");
        assertThat(o.subnets()).singleElement().satisfies(s -> {
            assertThat(s.network()).isEqualTo(Lab.ip("198.18.0.0"));
            assertThat(s.prefixLength()).isEqualTo(24);
            assertThat(s.source()).isEqualTo(DATA_V4);
        });
    }

    private static List<Notification> moved(List<Notification> ns) {
        return ns.stream().filter(n -> n instanceof AddressMoved).toList();
    }

    @Test
    void aPutBackIsToldAsAMoveFromNowhereWithCauseKernelChange() {
        Simulation sim = Lab.settled(Lab.threeMembers(true, 10_000));
        long failovers = sim.snapshot().groups().getFirst().counters().failovers();
        sim.network().deleteAddressByHand(DATA_V4, "eth0");
        int mark = sim.notificationMark();
        sim.deliver(sim.network().addressesRead(sim.nowNanos()));

        assertThat(moved(sim.notificationsSince(mark))).singleElement().isInstanceOfSatisfying(AddressMoved.class, m -> {
            assertThat(m.address()).isEqualTo(DATA_V4);
            assertThat(m.from()).as("it was on no member").isNull();
            assertThat(m.to()).isEqualTo("eth0");
            assertThat(m.cause()).isEqualTo(Cause.KERNEL_CHANGE);
        });
        assertThat(sim.snapshot().groups().getFirst().counters().failovers()).as("not a failover").isEqualTo(failovers);
    }

    @Test
    void aMoveBackFromACopyMadeByHandCarriesCauseKernelChangeInItsActionAndNotification() {
        Simulation sim = Lab.settled(Lab.threeMembers(true, 10_000));
        sim.network().addAddressByHand(DATA_V4, "eth2");
        sim.network().deleteAddressByHand(DATA_V4, "eth0");
        int acts = sim.actionMark();
        int mark = sim.notificationMark();
        sim.deliver(sim.network().addressesRead(sim.nowNanos()));

        assertThat(about(sim.actionsSince(acts), DATA_V4)).singleElement().isInstanceOfSatisfying(MoveAddress.class,
                m -> assertThat(m.cause()).isEqualTo(Cause.KERNEL_CHANGE));
        assertThat(moved(sim.notificationsSince(mark))).singleElement().isEqualTo(new AddressMoved(
                ((AddressMoved) moved(sim.notificationsSince(mark)).getFirst()).atNanos(), Lab.GROUP, DATA_V4, "eth2", "eth0",
                Cause.KERNEL_CHANGE));
    }

    @Test
    void aStrayCopyRemovedOrAReadThatChangesNothingIsNoMove() {
        Simulation sim = Lab.settled(Lab.threeMembers(true, 10_000));
        int mark = sim.notificationMark();
        sim.deliver(sim.network().addressesRead(sim.nowNanos()));
        sim.network().addAddressByHand(DATA_V4, "eth2");
        sim.deliver(sim.network().addressesRead(sim.nowNanos()));

        assertThat(moved(sim.notificationsSince(mark))).isEmpty();
    }

    @Test
    void aDataAddressDeletedByAnotherProcessIsAWarningNamingIt() {
        Simulation sim = Lab.settled(Lab.threeMembers(true, 10_000));
        sim.network().changeAddressByHand(DATA_V4, "eth0", false, "pid 4242 (ip)");
        int mark = sim.notificationMark();
        sim.deliver(sim.network().addressesRead(sim.nowNanos()));

        assertThat(sim.notificationsSince(mark)).filteredOn(ConfigWarning.class::isInstance).singleElement()
                .isInstanceOfSatisfying(ConfigWarning.class, w -> {
                    assertThat(w.member()).isEqualTo("eth0");
                    assertThat(w.group()).isEqualTo(Lab.GROUP);
                    assertThat(w.cause()).isEqualTo(Cause.KERNEL_CHANGE);
                    assertThat(w.message()).contains("data address 198.18.0.100 deleted from eth0 by pid 4242 (ip)");
                });
    }

    @Test
    void aStrayCopyAndADeletedTestAddressAreWarningsNamingWhoMadeThem() {
        Simulation sim = Lab.settled(Lab.threeMembers(true, 10_000));
        sim.network().changeAddressByHand(DATA_V4, "eth2", true, "pid 7 (NetworkManager)");
        sim.network().changeAddressByHand(Lab.ip("198.18.0.11"), "eth1", false, "the kernel");
        int mark = sim.notificationMark();
        sim.deliver(sim.network().addressesRead(sim.nowNanos()));

        assertThat(sim.notificationsSince(mark)).filteredOn(ConfigWarning.class::isInstance)
                .extracting(n -> ((ConfigWarning) n).message()).satisfiesExactlyInAnyOrder(
                        m -> assertThat(m).contains("data address 198.18.0.100 added on eth2 by pid 7 (NetworkManager)"),
                        m -> assertThat(m).contains("test address 198.18.0.11 deleted from eth1 by the kernel"));
    }

    @Test
    void changesToAddressesIpmpdDoesNotOwnOrThatUndoNothingAreNoWarning() {
        Simulation sim = Lab.settled(Lab.threeMembers(true, 10_000));
        String holder = sim.snapshot().groups().getFirst().dataAddresses().getFirst().currentMember().orElseThrow();
        sim.network().changeAddressByHand(Lab.ip("198.19.255.250"), "eth0", true, "pid 9 (ip)");
        sim.network().changeAddressByHand(DATA_V4, holder, true, "pid 9 (ip)");   // where ipmpd has it anyway
        int mark = sim.notificationMark();
        sim.deliver(sim.network().addressesRead(sim.nowNanos()));

        assertThat(sim.notificationsSince(mark)).filteredOn(ConfigWarning.class::isInstance).isEmpty();
    }

    @Test
    void aDeletionReadBeforeIpmpdPlacedTheAddressAgainIsNoWarning() {
        Simulation sim = Lab.settled(Lab.threeMembers(true, 10_000));
        sim.network().changeAddressByHand(DATA_V4, "eth0", false, "pid 9 (ip)");
        var stale = sim.network().addressesRead(sim.nowNanos());
        // a failover and a failback since the read: the engine put it on eth0 itself after the deletion
        sim.advanceMs(10);
        sim.carrierDown("eth0");
        sim.advanceMs(10);
        sim.carrierUp("eth0");
        sim.runUntil(s -> s.network().interfacesWith(DATA_V4).equals(List.of("eth0")), 60_000);
        assertThat(sim.network().interfacesWith(DATA_V4)).containsExactly("eth0");
        int mark = sim.notificationMark();
        sim.deliver(stale);

        assertThat(sim.notificationsSince(mark)).filteredOn(ConfigWarning.class::isInstance).isEmpty();
    }
}
