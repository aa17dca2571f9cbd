package net.ipmpd.engine.scenario;

import static net.ipmpd.engine.scenario.Lab.DATA_V4;
import static net.ipmpd.engine.scenario.Lab.DATA_V4_B;
import static net.ipmpd.engine.scenario.Lab.T1;
import static net.ipmpd.engine.scenario.Lab.ip;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.util.List;
import java.util.Optional;
import net.ipmpd.engine.action.Action;
import net.ipmpd.engine.action.Action.PlaceAddress;
import net.ipmpd.engine.action.Action.PlumbTestAddress;
import net.ipmpd.engine.action.Action.RemoveAddress;
import net.ipmpd.engine.action.Action.SendProbe;
import net.ipmpd.engine.action.Action.SetNominees;
import net.ipmpd.engine.action.Action.UnplumbTestAddress;
import net.ipmpd.engine.config.DampingConfig;
import net.ipmpd.engine.config.DataAddressConfig;
import net.ipmpd.engine.config.EngineConfig;
import net.ipmpd.engine.config.GroupConfig;
import net.ipmpd.engine.config.MemberConfig;
import net.ipmpd.engine.config.TestAddress;
import net.ipmpd.engine.event.EngineEvent.Router;
import net.ipmpd.engine.notify.Cause;
import net.ipmpd.engine.sim.Simulation;
import net.ipmpd.engine.state.GroupSnapshot;
import net.ipmpd.engine.state.MemberSnapshot;
import net.ipmpd.engine.state.MemberState;
import net.ipmpd.engine.state.Presence;
import net.ipmpd.engine.state.TargetSnapshot;
import org.junit.jupiter.api.Test;

/** A configuration change applied as a difference: what it plumbs, unplumbs, moves and keeps. */
class ConfigChangeScenarioTest {

    private static <T extends Action> List<T> actions(Simulation sim, int mark, Class<T> kind) {
        return sim.actionsSince(mark).stream().filter(kind::isInstance).map(kind::cast).toList();
    }

    private static List<InetAddress> targets(Simulation sim, String member) {
        return Lab.member(sim, member).probing().get(0).targets().stream().map(TargetSnapshot::address).toList();
    }

    private static EngineConfig withMembers(EngineConfig cfg, List<MemberConfig> members) {
        return cfg.withGroups(List.of(cfg.groups().get(0).withMembers(members)));
    }

    @Test
    void everyTestAddressIsPlumbedWhenItsInterfaceIsFound() {
        Simulation sim = new Simulation(Lab.threeMembers(true, 10_000), 1).start();
        assertThat(actions(sim, 0, PlumbTestAddress.class)).extracting(PlumbTestAddress::member)
                .containsExactlyInAnyOrder("eth0", "eth1", "eth2");
        assertThat(actions(sim, 0, PlumbTestAddress.class)).filteredOn(p -> p.member().equals("eth1"))
                .singleElement().satisfies(p -> assertThat(p.testAddress().address()).isEqualTo(ip("198.18.0.11")));
    }

    @Test
    void aNewTestAddressReplacesTheOldOneAndProbesGoOutFromIt() {
        EngineConfig cfg = Lab.threeMembers(true, 10_000);
        Simulation sim = Lab.settled(cfg);
        TestAddress fresh = new TestAddress(ip("198.18.0.50"), 24);
        MemberConfig eth0 = new MemberConfig("eth0", false, Optional.of(fresh), Optional.empty());
        int mark = sim.actionMark();
        assertThat(sim.configure(withMembers(cfg, List.of(eth0, Lab.member("eth1", 1, false), Lab.member("eth2", 2, true)))).ok())
                .isTrue();
        assertThat(actions(sim, mark, UnplumbTestAddress.class)).singleElement()
                .satisfies(u -> assertThat(u.testAddress().address()).isEqualTo(ip("198.18.0.10")));
        assertThat(actions(sim, mark, PlumbTestAddress.class)).singleElement()
                .satisfies(p -> assertThat(p.testAddress()).isEqualTo(fresh));
        sim.advanceMs(5_000);
        assertThat(actions(sim, mark, SendProbe.class)).filteredOn(p -> p.member().equals("eth0")).isNotEmpty()
                .allSatisfy(p -> assertThat(p.source()).isEqualTo(ip("198.18.0.50")));
        // the other members were not touched
        assertThat(Lab.member(sim, "eth1").state()).isEqualTo(MemberState.OK);
    }

    @Test
    void droppingTheTestAddressMakesALinkOnlyMember() {
        EngineConfig cfg = Lab.threeMembers(true, 10_000);
        Simulation sim = Lab.settled(cfg);
        int mark = sim.actionMark();
        sim.configure(withMembers(cfg, List.of(MemberConfig.linkOnly("eth0", false), Lab.member("eth1", 1, false),
                Lab.member("eth2", 2, true))));
        assertThat(actions(sim, mark, UnplumbTestAddress.class)).extracting(UnplumbTestAddress::member).containsExactly("eth0");
        assertThat(actions(sim, mark, PlumbTestAddress.class)).isEmpty();
        assertThat(Lab.member(sim, "eth0").probing()).isEmpty();
        int probes = sim.actionMark();
        sim.advanceMs(5_000);
        assertThat(actions(sim, probes, SendProbe.class)).noneMatch(p -> p.member().equals("eth0"));
    }

    @Test
    void aMemberDroppedFromTheGroupStopsProbingAndLosesItsTestAddress() {
        EngineConfig cfg = Lab.threeMembers(true, 10_000);
        Simulation sim = Lab.settled(cfg);
        int mark = sim.actionMark();
        sim.configure(withMembers(cfg, List.of(Lab.member("eth0", 0, false), Lab.member("eth1", 1, false))));
        assertThat(actions(sim, mark, UnplumbTestAddress.class)).extracting(UnplumbTestAddress::member).containsExactly("eth2");
        sim.advanceMs(10_000);
        assertThat(actions(sim, mark, SendProbe.class)).noneMatch(p -> p.member().equals("eth2"));
        assertThat(sim.snapshot().member("eth2")).isEmpty();
    }

    @Test
    void membersAndGroupsAreListedInTheOrderOfTheConfiguration() {
        EngineConfig cfg = Lab.linkOnly("eth0", "eth1", "eth2");
        GroupConfig g = cfg.groups().get(0);
        GroupConfig other = new GroupConfig("ipmp1", List.of(MemberConfig.linkOnly("eth5", false)), List.of());
        Simulation sim = Lab.started(cfg.withGroups(List.of(g, other)));
        sim.configure(cfg.withGroups(List.of(other, g.withMembers(List.of(MemberConfig.linkOnly("eth2", false),
                MemberConfig.linkOnly("eth0", false), MemberConfig.linkOnly("eth1", false))))));
        assertThat(sim.snapshot().groups()).extracting(GroupSnapshot::name).containsExactly("ipmp1", Lab.GROUP);
        assertThat(Lab.group(sim).members()).extracting(MemberSnapshot::name).containsExactly("eth2", "eth0", "eth1");
    }

    @Test
    void aRemovedDataAddressLeavesTheSnapshotAndANewPrefixLengthReplacesTheAddress() {
        EngineConfig cfg = Lab.threeMembers(true, 10_000);
        Simulation sim = Lab.settled(cfg);
        GroupConfig g = cfg.groups().get(0);
        int mark = sim.actionMark();
        sim.configure(cfg.withGroups(List.of(g.withDataAddresses(List.of(new DataAddressConfig(DATA_V4, 24, "eth0"))))));
        assertThat(Lab.group(sim).dataAddresses()).extracting(a -> a.address()).containsExactly(DATA_V4);
        assertThat(actions(sim, mark, RemoveAddress.class)).singleElement()
                .satisfies(r -> assertThat(r.address().address()).isEqualTo(DATA_V4_B));
        int again = sim.actionMark();
        sim.configure(cfg.withGroups(List.of(g.withDataAddresses(List.of(new DataAddressConfig(DATA_V4, 25, "eth0"))))));
        // a new prefix length is a different address on the wire: removed, then placed again
        assertThat(actions(sim, again, RemoveAddress.class)).singleElement()
                .satisfies(r -> assertThat(r.address().prefixLength()).isEqualTo(24));
        assertThat(actions(sim, again, PlaceAddress.class)).singleElement()
                .satisfies(p -> assertThat(p.address().prefixLength()).isEqualTo(25));
        assertThat(Lab.group(sim).dataAddresses()).singleElement().satisfies(a -> assertThat(a.prefixLength()).isEqualTo(25));
    }

    @Test
    void aDeletedGroupGivesUpItsNominees() {
        EngineConfig cfg = Lab.linkOnly("eth0", "eth1");
        Simulation sim = Lab.started(cfg);
        int mark = sim.actionMark();
        sim.configure(cfg.withGroups(List.of()));
        assertThat(actions(sim, mark, SetNominees.class)).singleElement()
                .isEqualTo(new SetNominees(Lab.GROUP, null, null, null));
    }

    @Test
    void ourOwnTestAndDataAddressesAreNeverProbeTargets() {
        EngineConfig cfg = Lab.threeMembers(true, 10_000);
        Simulation sim = Lab.settled(cfg);
        // a router list that names our own addresses (a misconfigured or spoofed RA) next to a real router
        sim.routers(List.of(new Router(DATA_V4_B, "eth0"), new Router(ip("198.18.0.12"), "eth0"), new Router(T1, "eth0")));
        assertThat(targets(sim, "eth0")).containsExactly(T1);
        assertThat(targets(sim, "eth2")).containsExactly(T1);
    }

    @Test
    void ourOwnIpv6TestAddressIsNeverAProbeTarget() {
        EngineConfig cfg = Lab.threeMembers(true, 10_000);
        List<MemberConfig> ms = List.of(Lab.dualStack("eth0", 0, false), Lab.dualStack("eth1", 1, false), Lab.dualStack("eth2", 2, true));
        Simulation sim = Lab.settled(withMembers(cfg, ms));
        sim.routers(List.of(new Router(ip("fe80::11"), "eth0"), new Router(Lab.T6, "eth0")));
        MemberSnapshot eth0 = Lab.member(sim, "eth0");
        assertThat(eth0.probing().get(1).targets()).extracting(TargetSnapshot::address).containsExactly(Lab.T6);
    }

    @Test
    void aMemberAddedAfterTheRoutersWereReportedProbesThemAtOnce() {
        EngineConfig cfg = Lab.threeMembers(true, 10_000);
        Simulation sim = Lab.settled(cfg);
        sim.routers(List.of(new Router(T1, "eth0")));
        sim.configure(withMembers(cfg, List.of(Lab.member("eth0", 0, false), Lab.member("eth1", 1, false),
                Lab.member("eth2", 2, true), Lab.member("eth3", 3, false))));
        assertThat(targets(sim, "eth3")).containsExactly(T1);
    }

    @Test
    void aConfiguredInterfaceThatDoesNotExistIsNotPresentAndFailed() {
        EngineConfig cfg = Lab.linkOnly("eth0", "eth1");
        Simulation sim = Lab.started(cfg);
        // straight to the engine: the simulated dataplane would otherwise create the NIC
        sim.execute(new net.ipmpd.engine.Command.ReplaceConfig(withMembers(cfg, List.of(MemberConfig.linkOnly("eth0", false),
                MemberConfig.linkOnly("eth1", false), MemberConfig.linkOnly("eth7", false))), java.util.Optional.empty(),
                net.ipmpd.engine.Command.Save.RUNNING_ONLY));
        MemberSnapshot eth7 = Lab.member(sim, "eth7");
        assertThat(eth7.presence()).isEqualTo(Presence.NOT_PRESENT);
        assertThat(eth7.state()).isEqualTo(MemberState.FAILED);
        assertThat(eth7.lastCause()).isEqualTo(Cause.NOT_PRESENT);
    }

    @Test
    void trackingEveryInterfaceAddsUngroupedOnesToTheAnonymousGroupAndGroupingOneMovesItOut() {
        EngineConfig cfg = Lab.linkOnly("eth0", "eth1");
        Simulation sim = new Simulation(cfg, 2);
        sim.network().addNic("eth8");
        sim.network().addNic("lo");
        sim.start();
        assertThat(sim.snapshot().anonymous()).isEmpty();
        EngineConfig tracking = new EngineConfig(cfg.failureDetectionTimeMs(), true, false, DampingConfig.DEFAULT, cfg.groups());
        sim.configure(tracking);
        GroupSnapshot anon = sim.snapshot().anonymous().orElseThrow();
        assertThat(anon.members()).extracting(MemberSnapshot::name).containsExactly("eth8");   // never lo, never grouped ones
        assertThat(anon.member("eth8").orElseThrow().state()).isEqualTo(MemberState.OK);
        // grouping it moves it from the anonymous group into the group, keeping its link state
        sim.configure(withMembers(tracking, List.of(MemberConfig.linkOnly("eth0", false), MemberConfig.linkOnly("eth1", false),
                MemberConfig.linkOnly("eth8", false))));
        assertThat(sim.snapshot().anonymous().orElseThrow().members()).isEmpty();
        assertThat(Lab.member(sim, "eth8").group()).isEqualTo(Lab.GROUP);
        assertThat(Lab.member(sim, "eth8").state()).isEqualTo(MemberState.OK);
        // no longer tracking drops the anonymous group (and eth8 with the group it left)
        sim.configure(cfg);
        assertThat(sim.snapshot().anonymous()).isEmpty();
        assertThat(sim.snapshot().member("eth8")).isEmpty();
    }
}
