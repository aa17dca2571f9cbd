package net.ipmpd.engine.scenario;

import static net.ipmpd.engine.scenario.Lab.DATA_V4;
import static net.ipmpd.engine.scenario.Lab.only;
import static org.assertj.core.api.Assertions.assertThat;

import net.ipmpd.engine.CommandResult;
import net.ipmpd.engine.CommandResult.Reason;
import net.ipmpd.engine.notify.Cause;
import net.ipmpd.engine.notify.Notification.AddressMoved;
import net.ipmpd.engine.notify.Notification.InterfaceOffline;
import net.ipmpd.engine.notify.Notification.InterfaceOnline;
import net.ipmpd.engine.sim.Simulation;
import net.ipmpd.engine.state.MemberFlag;
import net.ipmpd.engine.state.MemberState;
import org.junit.jupiter.api.Test;

/** if_mpadm -d / -r: offline and online (DR detach / attach) with the minimum-redundancy rule. */
class OfflineScenarioTest {

    @Test
    void offlineMovesTheAddressesAwayAndStopsProbing() {
        Simulation sim = Lab.settled(Lab.threeMembers(true, 10_000));
        int mark = sim.notificationMark();
        assertThat(sim.offline("eth0").ok()).isTrue();
        assertThat(sim.network().interfacesWith(DATA_V4)).containsExactly("eth2");
        assertThat(only(sim.notificationsSince(mark), InterfaceOffline.class)).singleElement()
                .satisfies(o -> assertThat(o.cause()).isEqualTo(Cause.ADMIN_OFFLINE));
        assertThat(only(sim.notificationsSince(mark), AddressMoved.class)).singleElement()
                .satisfies(m -> assertThat(m.cause()).isEqualTo(Cause.ADMIN_OFFLINE));
        assertThat(Lab.member(sim, "eth0").state()).isEqualTo(MemberState.OFFLINE);
        assertThat(Lab.member(sim, "eth0").flags()).contains(MemberFlag.OFFLINE);
        int actions = sim.actionMark();
        sim.advanceMs(10_000);
        assertThat(Lab.unicastProbes(sim, actions, "eth0")).isEmpty();
    }

    @Test
    void offliningTheLastUsableMemberIsRefusedAndChangesNothing() {
        Simulation sim = Lab.settled(Lab.threeMembers(true, 10_000));
        assertThat(sim.offline("eth0").ok()).isTrue();
        sim.carrierDown("eth2");
        long version = sim.snapshot().version();
        CommandResult r = sim.offline("eth1");
        assertThat(r).isInstanceOfSatisfying(CommandResult.Refused.class, ref -> {
            assertThat(ref.reason()).isEqualTo(Reason.MIN_REDUNDANCY);
            assertThat(ref.message()).contains("no other functioning interfaces are in its IPMP group");
        });
        assertThat(Lab.member(sim, "eth1").state()).isEqualTo(MemberState.OK);
        assertThat(sim.snapshot().version()).isEqualTo(version);
    }

    @Test
    void onlineBringsTheMemberBackAndFailbackFollows() {
        Simulation sim = Lab.settled(Lab.threeMembers(true, 10_000));
        sim.offline("eth0");
        int mark = sim.notificationMark();
        assertThat(sim.online("eth0").ok()).isTrue();
        assertThat(only(sim.notificationsSince(mark), InterfaceOnline.class)).singleElement()
                .satisfies(o -> assertThat(o.cause()).isEqualTo(Cause.ADMIN_ONLINE));
        assertThat(sim.network().interfacesWith(DATA_V4)).containsExactly("eth0");
        assertThat(Lab.member(sim, "eth2").flags()).contains(MemberFlag.INACTIVE);
    }

    @Test
    void onlineOfAMemberThatIsNotOfflineIsRefused() {
        Simulation sim = Lab.settled(Lab.threeMembers(true, 10_000));
        assertThat(sim.online("eth0")).isInstanceOfSatisfying(CommandResult.Refused.class,
                r -> assertThat(r.reason()).isEqualTo(Reason.NOT_OFFLINE));
        assertThat(sim.offline("nope0")).isInstanceOfSatisfying(CommandResult.Refused.class,
                r -> assertThat(r.reason()).isEqualTo(Reason.UNKNOWN_INTERFACE));
        sim.offline("eth0");
        assertThat(sim.offline("eth0")).isInstanceOfSatisfying(CommandResult.Refused.class,
                r -> assertThat(r.reason()).isEqualTo(Reason.ALREADY_OFFLINE));
    }

    @Test
    void onlineWhileTheLinkIsDownLeavesTheMemberFailed() {
        Simulation sim = Lab.settled(Lab.threeMembers(true, 10_000));
        sim.offline("eth0");
        sim.carrierDown("eth0");
        assertThat(sim.online("eth0").ok()).isTrue();
        assertThat(Lab.member(sim, "eth0").state()).isEqualTo(MemberState.FAILED);
        assertThat(sim.network().interfacesWith(DATA_V4)).containsExactly("eth2");
    }

    @Test
    void inAFailedGroupAnyMemberThatIsNotOfflineCountsForRedundancy() {
        Simulation sim = Lab.settled(Lab.threeMembers(true, 10_000));
        sim.carrierDown("eth0").carrierDown("eth1").carrierDown("eth2");
        // in.mpathd: once the group has failed, members that are not offline count
        assertThat(sim.offline("eth0").ok()).isTrue();
        assertThat(sim.offline("eth1").ok()).isTrue();
        assertThat(sim.offline("eth2").ok()).isFalse();
    }
}
