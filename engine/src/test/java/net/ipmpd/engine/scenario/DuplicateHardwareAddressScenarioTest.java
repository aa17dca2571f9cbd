package net.ipmpd.engine.scenario;

import static net.ipmpd.engine.scenario.Lab.DATA_V4_B;
import static net.ipmpd.engine.scenario.Lab.only;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import net.ipmpd.engine.CommandResult;
import net.ipmpd.engine.CommandResult.Reason;
import net.ipmpd.engine.config.DampingConfig;
import net.ipmpd.engine.config.EngineConfig;
import net.ipmpd.engine.notify.Cause;
import net.ipmpd.engine.notify.Notification.InterfaceOffline;
import net.ipmpd.engine.notify.Notification.InterfaceOnline;
import net.ipmpd.engine.sim.Simulation;
import net.ipmpd.engine.state.MemberFlag;
import net.ipmpd.engine.state.MemberSnapshot;
import net.ipmpd.engine.state.MemberState;
import org.junit.jupiter.api.Test;

/**
 * in.mpathd's duplicate hardware address rule (mpd_tables.c phyint_lookup_hwaddr and its callers):
 * of two members of a group with one hardware address, the later is offlined and flagged 'h', and
 * it comes back online once its address is unique.
 */
class DuplicateHardwareAddressScenarioTest {

    private static String mac(Simulation sim, String nic) {
        return sim.network().nic(nic).hardwareAddress();
    }

    private static boolean duplicate(MemberSnapshot m) {
        return m.state() == MemberState.OFFLINE && m.flags().contains(MemberFlag.DUPLICATE_HARDWARE_ADDRESS);
    }

    /** eth1 reported at start with eth0's hardware address. */
    private static Simulation eth1SharesEth0sAddressFromStart() {
        Simulation sim = new Simulation(Lab.threeMembers(true, 10_000), 42);
        sim.network().addHost(Lab.T1, Lab.RTT);
        sim.network().addHost(Lab.T2, Lab.RTT);
        sim.network().setHardwareAddress("eth1", mac(sim, "eth0"));
        sim.start();
        sim.advanceMs(45_000);
        return sim;
    }

    @Test
    void aMemberReportedWithTheHardwareAddressOfAnEarlierOneIsOfflinedAndFlaggedH() {
        Simulation sim = eth1SharesEth0sAddressFromStart();
        assertThat(duplicate(Lab.member(sim, "eth1"))).isTrue();
        assertThat(Lab.member(sim, "eth0").state()).isEqualTo(MemberState.OK);
        assertThat(Lab.member(sim, "eth0").flags()).doesNotContain(MemberFlag.DUPLICATE_HARDWARE_ADDRESS);
        assertThat(only(sim.notifications(), InterfaceOffline.class)).singleElement().satisfies(o -> {
            assertThat(o.member()).isEqualTo("eth1");
            assertThat(o.cause()).isEqualTo(Cause.DUPLICATE_HARDWARE_ADDRESS);
        });
        // eth1's data address is served by the standby, and eth1 sends no probes
        assertThat(sim.network().interfacesWith(DATA_V4_B)).containsExactly("eth2");
        int actions = sim.actionMark();
        sim.advanceMs(10_000);
        assertThat(Lab.unicastProbes(sim, actions, "eth1")).isEmpty();
    }

    @Test
    void changingAHardwareAddressToOneInUseOfflinesTheMemberAndMakingItUniqueOnlinesIt() {
        Simulation sim = Lab.settled(Lab.threeMembers(true, 10_000));
        String own = mac(sim, "eth1");
        int mark = sim.notificationMark();
        sim.hardwareAddress("eth1", mac(sim, "eth0"));
        assertThat(duplicate(Lab.member(sim, "eth1"))).isTrue();
        assertThat(Lab.member(sim, "eth0").state()).isEqualTo(MemberState.OK);
        assertThat(only(sim.notificationsSince(mark), InterfaceOffline.class)).singleElement()
                .satisfies(o -> assertThat(o.cause()).isEqualTo(Cause.DUPLICATE_HARDWARE_ADDRESS));
        assertThat(sim.network().interfacesWith(DATA_V4_B)).containsExactly("eth2");

        mark = sim.notificationMark();
        sim.hardwareAddress("eth1", own);
        assertThat(Lab.member(sim, "eth1").state()).isEqualTo(MemberState.OK);
        assertThat(Lab.member(sim, "eth1").flags()).doesNotContain(MemberFlag.DUPLICATE_HARDWARE_ADDRESS);
        assertThat(only(sim.notificationsSince(mark), InterfaceOnline.class)).singleElement()
                .satisfies(o -> assertThat(o.cause()).isEqualTo(Cause.DUPLICATE_HARDWARE_ADDRESS));
        assertThat(sim.network().interfacesWith(DATA_V4_B)).containsExactly("eth1");   // FAILBACK=yes
        int actions = sim.actionMark();
        sim.advanceMs(10_000);
        assertThat(Lab.unicastProbes(sim, actions, "eth1")).as("probing resumed").isNotEmpty();
    }

    @Test
    void whenTheEarlierMemberTakesANewAddressTheOneItKeptOutComesOnline() {
        Simulation sim = eth1SharesEth0sAddressFromStart();
        sim.hardwareAddress("eth0", "02:00:00:00:99:99");
        assertThat(Lab.member(sim, "eth1").state()).isEqualTo(MemberState.OK);
        assertThat(Lab.member(sim, "eth0").state()).isEqualTo(MemberState.OK);
    }

    @Test
    void aDuplicateStillSharingItsAddressAfterAChangeStaysOffline() {
        Simulation sim = eth1SharesEth0sAddressFromStart();
        sim.hardwareAddress("eth2", mac(sim, "eth0"));   // eth2 is now a duplicate too
        sim.hardwareAddress("eth0", "02:00:00:00:99:99");
        // eth0 left the address to eth1 and eth2: one comes online, the other stays out
        List<MemberSnapshot> shared = List.of(Lab.member(sim, "eth1"), Lab.member(sim, "eth2"));
        assertThat(shared).filteredOn(DuplicateHardwareAddressScenarioTest::duplicate).hasSize(1);
        assertThat(shared).filteredOn(m -> m.state() == MemberState.OK).hasSize(1);
    }

    @Test
    void theMemberKeptOutComesOnlineWhenTheOneWithTheAddressIsRemoved() {
        Simulation sim = eth1SharesEth0sAddressFromStart();
        int mark = sim.notificationMark();
        sim.removeNic("eth0");
        assertThat(Lab.member(sim, "eth1").state()).isEqualTo(MemberState.OK);
        assertThat(only(sim.notificationsSince(mark), InterfaceOnline.class)).extracting(InterfaceOnline::member)
                .containsExactly("eth1");
        // the NIC that comes back is judged afresh: now it is the later one
        sim.insertNic("eth0");
        assertThat(duplicate(Lab.member(sim, "eth0"))).isTrue();
        assertThat(Lab.member(sim, "eth1").state()).isEqualTo(MemberState.OK);
    }

    @Test
    void theMemberKeptOutComesOnlineWhenTheOneWithTheAddressIsTakenOffline() {
        Simulation sim = eth1SharesEth0sAddressFromStart();
        assertThat(sim.offline("eth0").ok()).isTrue();
        assertThat(Lab.member(sim, "eth1").state()).isEqualTo(MemberState.OK);
        // and the operator's online of eth0 is refused now that eth1 has the address: nothing changes
        long version = sim.snapshot().version();
        assertThat(sim.online("eth0")).isInstanceOfSatisfying(CommandResult.Refused.class, r -> {
            assertThat(r.reason()).isEqualTo(Reason.DUPLICATE_HARDWARE_ADDRESS);
            assertThat(r.message()).contains("eth1");
        });
        assertThat(sim.snapshot().version()).isEqualTo(version);
        assertThat(Lab.member(sim, "eth0").flags()).contains(MemberFlag.OFFLINE)
                .doesNotContain(MemberFlag.DUPLICATE_HARDWARE_ADDRESS);
    }

    @Test
    void theMemberKeptOutComesOnlineWhenTheOneWithTheAddressLeavesTheGroup() {
        Simulation sim = eth1SharesEth0sAddressFromStart();
        EngineConfig cfg = Lab.threeMembers(true, 10_000);
        var g = cfg.groups().get(0);
        var withoutEth0 = new net.ipmpd.engine.config.GroupConfig(g.name(), g.failureDetectionTimeMs(),
                g.members().subList(1, 3), List.of(new net.ipmpd.engine.config.DataAddressConfig(DATA_V4_B, 24, "eth1")),
                g.staticTargets());
        assertThat(sim.configure(new EngineConfig(cfg.failureDetectionTimeMs(), true, true, DampingConfig.DEFAULT,
                List.of(withoutEth0))).ok()).isTrue();
        assertThat(Lab.member(sim, "eth1").state()).isEqualTo(MemberState.OK);
    }

    @Test
    void onliningADuplicateIsRefusedAndChangesNothing() {
        Simulation sim = eth1SharesEth0sAddressFromStart();
        long version = sim.snapshot().version();
        assertThat(sim.online("eth1")).isInstanceOfSatisfying(CommandResult.Refused.class,
                r -> assertThat(r.reason()).isEqualTo(Reason.DUPLICATE_HARDWARE_ADDRESS));
        assertThat(sim.snapshot().version()).isEqualTo(version);
        assertThat(duplicate(Lab.member(sim, "eth1"))).isTrue();
    }

    @Test
    void anOperatorsOfflineOutlastsTheDuplicateThatEnded() {
        Simulation sim = Lab.settled(Lab.threeMembers(true, 10_000));
        assertThat(sim.offline("eth1").ok()).isTrue();
        sim.hardwareAddress("eth1", mac(sim, "eth0"));
        assertThat(Lab.member(sim, "eth1").flags()).contains(MemberFlag.DUPLICATE_HARDWARE_ADDRESS);
        sim.removeNic("eth0");
        // unique again, but the operator took it offline: it stays offline until brought online
        assertThat(Lab.member(sim, "eth1").state()).isEqualTo(MemberState.OFFLINE);
        assertThat(Lab.member(sim, "eth1").flags()).doesNotContain(MemberFlag.DUPLICATE_HARDWARE_ADDRESS);
        assertThat(sim.online("eth1").ok()).isTrue();
        assertThat(Lab.member(sim, "eth1").state()).isEqualTo(MemberState.OK);
    }

    @Test
    void membersOfTheAnonymousGroupMayShareAHardwareAddress() {
        EngineConfig cfg = Lab.linkOnly("eth0", "eth1");
        Simulation sim = new Simulation(new EngineConfig(cfg.failureDetectionTimeMs(), true, false, DampingConfig.DEFAULT,
                cfg.groups()), 2);
        sim.network().addNic("eth8");
        sim.network().addNic("eth9");
        sim.network().setHardwareAddress("eth9", mac(sim, "eth8"));
        sim.start();
        assertThat(sim.snapshot().anonymous().orElseThrow().member("eth9").orElseThrow().state()).isEqualTo(MemberState.OK);
    }
}
