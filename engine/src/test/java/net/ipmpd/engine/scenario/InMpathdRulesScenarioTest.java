package net.ipmpd.engine.scenario;

import static net.ipmpd.engine.scenario.Lab.DATA_V4;
import static net.ipmpd.engine.scenario.Lab.DATA_V4_B;
import static net.ipmpd.engine.scenario.Lab.T1;
import static net.ipmpd.engine.scenario.Lab.T2;
import static net.ipmpd.engine.scenario.Lab.T3;
import static net.ipmpd.engine.scenario.Lab.T6;
import static net.ipmpd.engine.scenario.Lab.only;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.util.List;
import java.util.OptionalLong;
import net.ipmpd.engine.action.Action.ProbeKind;
import net.ipmpd.engine.action.Action.SendProbe;
import net.ipmpd.engine.config.DampingConfig;
import net.ipmpd.engine.config.DataAddressConfig;
import net.ipmpd.engine.config.EngineConfig;
import net.ipmpd.engine.config.GroupConfig;
import net.ipmpd.engine.notify.Cause;
import net.ipmpd.engine.notify.Notification.Flapping;
import net.ipmpd.engine.notify.Notification.InterfaceFailed;
import net.ipmpd.engine.notify.Notification.TargetChanged;
import net.ipmpd.engine.sim.Simulation;
import net.ipmpd.engine.state.GroupState;
import net.ipmpd.engine.state.MemberFlag;
import net.ipmpd.engine.state.MemberState;
import net.ipmpd.engine.state.TargetSnapshot;
import org.junit.jupiter.api.Test;

/** Issue 9 items 3-8, 11 and 13, each against in.mpathd's rule (mpd_probe.c, mpd_tables.c, mpd_main.c). */
class InMpathdRulesScenarioTest {
    private static final double INTERVAL_MS = 10_000 / 7.0;

    private static List<InetAddress> targets(Simulation sim, String member) {
        return Lab.member(sim, member).probing().get(0).targets().stream().map(TargetSnapshot::address).toList();
    }

    // ------------------------------------------------------------------ item 3

    @Test
    void hostsFoundByOneMemberBecomeTargetsOfEveryMemberSoAPortDeadFromBootFailsWhenTheQuietPeriodEnds() {
        Simulation sim = new Simulation(Lab.threeMembers(true, 10_000), 7);
        sim.network().addHost(T1, Lab.RTT);
        sim.network().addHost(T2, Lab.RTT);
        sim.network().setForwarding("eth0", false);   // eth0's switch port never forwards
        sim.start();
        // in.mpathd incoming_mcast_reply adds every responder to every member of the group
        sim.advanceMs(10_000);
        assertThat(targets(sim, "eth0")).containsExactlyInAnyOrder(T1, T2);
        double took = sim.runUntil(s -> Lab.member(s, "eth0").state() == MemberState.FAILED, 60_000);
        // the losses during the quiet period count once it is over (item 8): no black hole
        assertThat(took + 10_000).isBetween(40_000.0, 40_000 + 1.5 * INTERVAL_MS);
        assertThat(sim.network().interfacesWith(DATA_V4)).doesNotContain("eth0");
    }

    @Test
    void aMemberWithATestAddressIsNotRepairedByItsLinkAloneEvenWithoutTargets() {
        Simulation sim = new Simulation(Lab.threeMembers(true, 10_000), 3).start();   // no hosts at all
        sim.advanceMs(45_000);
        sim.carrierDown("eth0");
        sim.carrierUp("eth0");
        sim.advanceMs(60_000);
        // phyint_repaired: with test addresses only ten answered probes repair
        assertThat(Lab.member(sim, "eth0").state()).isEqualTo(MemberState.FAILED);
        assertThat(sim.network().interfacesWith(DATA_V4)).doesNotContain("eth0");
    }

    // ------------------------------------------------------------------ item 4

    @Test
    void aDeadHostTargetIsDeletedAndAnAllHostsProbeRefillsTheTargetsAtOnce() {
        Simulation sim = new Simulation(Lab.threeMembers(true, 10_000), 5);
        for (int i = 1; i <= 6; i++) {
            sim.network().addHost(Lab.ip("198.18.0." + i), Lab.RTT);
        }
        sim.start().advanceMs(45_000);
        List<InetAddress> before = targets(sim, "eth0");
        assertThat(before).hasSize(5);
        InetAddress victim = before.get(0);
        InetAddress spare = Lab.ip("198.18.0.6");
        assertThat(before).doesNotContain(spare);
        int mark = sim.notificationMark();
        int actions = sim.actionMark();
        sim.targetAlive(victim, false);
        sim.runUntil(s -> !targets(s, "eth0").contains(victim), 60_000);
        // target_delete + probe(PROBE_MULTI) in the same breath
        assertThat(sim.actionsSince(actions)).anyMatch(a -> a instanceof SendProbe p && p.kind() == ProbeKind.MULTICAST
                && p.member().equals("eth0"));
        long deletedAt = sim.nowNanos();
        sim.runUntil(s -> targets(s, "eth0").contains(spare), 1_000);
        assertThat(targets(sim, "eth0")).hasSize(5).contains(spare).doesNotContain(victim);
        assertThat(sim.nowNanos() - deletedAt).isLessThan(1_000_000L);
        assertThat(only(sim.notificationsSince(mark), InterfaceFailed.class)).isEmpty();
    }

    // ------------------------------------------------------------------ item 5

    @Test
    void onlineAfterAProbeFailureKeepsTheMemberFailedUntilItsProbesAreAnsweredAgain() {
        Simulation sim = Lab.settled(Lab.threeMembers(true, 10_000));
        sim.portBlocked("eth0", true);
        sim.runUntil(s -> Lab.member(s, "eth0").state() == MemberState.FAILED, 20_000);
        assertThat(sim.offline("eth0").ok()).isTrue();
        assertThat(sim.online("eth0").ok()).isTrue();
        // phyint_undo_offline: IFF_FAILED is kept, no new quiet period
        assertThat(Lab.member(sim, "eth0").state()).isEqualTo(MemberState.FAILED);
        assertThat(sim.network().interfacesWith(DATA_V4)).doesNotContain("eth0");
        sim.advanceMs(30_000);
        assertThat(Lab.member(sim, "eth0").state()).isEqualTo(MemberState.FAILED);
        sim.portBlocked("eth0", false);
        double took = sim.runUntil(s -> Lab.member(s, "eth0").state() == MemberState.OK, 40_000);
        assertThat(took).isGreaterThan(9 * 0.5 * INTERVAL_MS);
        assertThat(sim.network().interfacesWith(DATA_V4)).containsExactly("eth0");
    }

    // ------------------------------------------------------------------ item 7

    @Test
    void ipv6FailingAfterIpv4RecoveredWithFewerThanTenAnswersIsNoFailureWhileIpv4Answers() {
        GroupConfig g = new GroupConfig(Lab.GROUP, OptionalLong.empty(),
                List.of(Lab.dualStack("eth0", 0, false), Lab.dualStack("eth1", 1, false)),
                List.of(new DataAddressConfig(DATA_V4, 24, "eth0")), List.of());
        Simulation sim = Lab.settled(new EngineConfig(10_000, true, true, DampingConfig.DEFAULT, List.of(g)));
        sim.targetAlive(T1, false).targetAlive(T2, false).targetAlive(T3, false);
        sim.advanceMs(15_000);   // IPv4 has lost five in a row; IPv6 answers: no failure
        assertThat(Lab.member(sim, "eth0").state()).isEqualTo(MemberState.OK);
        sim.targetAlive(T1, true).targetAlive(T2, true).targetAlive(T3, true);
        sim.advanceMs(5_000);    // a few IPv4 answers, fewer than ten
        int mark = sim.notificationMark();
        sim.targetAlive(T6, false);
        sim.advanceMs(20_000);
        // failure_state looks at the other family's current run of losses, not a stale flag
        assertThat(only(sim.notificationsSince(mark), InterfaceFailed.class)).isEmpty();
        assertThat(Lab.member(sim, "eth0").state()).isEqualTo(MemberState.OK);
    }

    // ------------------------------------------------------------------ item 8

    @Test
    void theFlapGuardReleasesAMinuteAfterTheSecondNewestLinkUp() {
        Simulation sim = Lab.settled(Lab.linkOnly("eth0", "eth1").withDamping(DampingConfig.DISABLED));
        for (int i = 0; i < 2; i++) {
            sim.carrierDown("eth0");
            sim.advanceMs(1_000);
            sim.carrierUp("eth0");        // link-ups at +1 s and +20 s
            sim.advanceMs(18_000);
        }
        sim.carrierDown("eth0");
        sim.advanceMs(1_000);
        sim.carrierUp("eth0");            // the third within a minute, at +39 s: held
        assertThat(Lab.member(sim, "eth0").state()).isEqualTo(MemberState.FAILED);
        double took = sim.runUntil(s -> Lab.member(s, "eth0").state() == MemberState.OK, 120_000);
        // pi_whenup[pi_whendx] after the third: the second-newest (+20 s) + 60 s = +80 s
        assertThat(took).isBetween(40_900.0, 41_100.0);
    }

    @Test
    void aGroupFailedByItsLinksFlushesHostTargetsAndResetsRoundTripTimes() {
        Simulation sim = Lab.settled(Lab.threeMembers(true, 10_000));
        assertThat(targets(sim, "eth0")).isNotEmpty();
        int mark = sim.notificationMark();
        sim.carrierDown("eth0").carrierDown("eth1").carrierDown("eth2");
        assertThat(Lab.group(sim).state()).isEqualTo(GroupState.FAILED);
        // phyint_group_chstate(PG_FAILED) flushes host targets whatever failed the group
        for (String m : List.of("eth0", "eth1", "eth2")) {
            assertThat(targets(sim, m)).as(m).isEmpty();
        }
        assertThat(only(sim.notificationsSince(mark), TargetChanged.class))
                .anySatisfy(t -> assertThat(t.cause()).isEqualTo(Cause.GROUP_FAILURE));
    }

    // ------------------------------------------------------------------ items 6, 11, 13: the damper

    @Test
    void theDamperNeverHoldsOutTheOnlyWorkingMemberOfAFailedGroup() {
        Simulation sim = Lab.settled(Lab.threeMembers(true, 1_000));
        for (int i = 0; i < 3; i++) {
            sim.carrierDown("eth1");
            sim.carrierUp("eth1");
            sim.runUntil(s -> Lab.member(s, "eth1").state() == MemberState.OK || Lab.member(s, "eth1").flags().contains(MemberFlag.FLAPPING), 10_000);
        }
        assertThat(Lab.member(sim, "eth1").flags()).contains(MemberFlag.FLAPPING);
        for (String m : List.of("eth0", "eth1", "eth2")) {
            sim.portBlocked(m, true);
        }
        sim.runUntil(s -> Lab.group(s).state() == GroupState.FAILED, 10_000);
        sim.portBlocked("eth1", false);
        double took = sim.runUntil(s -> Lab.group(s).state() != GroupState.FAILED, 10_000);
        assertThat(took).isPositive().isLessThan(5_000);
        assertThat(Lab.member(sim, "eth1").flags()).contains(MemberFlag.FLAPPING);
        assertThat(sim.network().interfacesWith(DATA_V4)).containsExactly("eth1");
        assertThat(sim.network().interfacesWith(DATA_V4_B)).containsExactly("eth1");
    }

    @Test
    void afterASwitchRebootThatBouncedEveryLinkThreeTimesTheFirstRepairedMemberIsUsedAtOnce() {
        Simulation sim = Lab.settled(Lab.threeMembers(true, 1_000));
        for (int i = 0; i < 3; i++) {
            for (String m : List.of("eth0", "eth1", "eth2")) {
                sim.carrierDown(m);
            }
            sim.advanceMs(200);
            for (String m : List.of("eth0", "eth1", "eth2")) {
                sim.carrierUp(m);
            }
            sim.advanceMs(200);
        }
        assertThat(Lab.member(sim, "eth0").flags()).contains(MemberFlag.FLAPPING);
        double took = sim.runUntil(s -> Lab.group(s).state() != GroupState.FAILED, 60_000);
        // ten answers at a 142 ms interval, then in service whatever the penalties
        assertThat(took).isPositive().isLessThan(5_000);
    }

    @Test
    void fastCarrierFlappingIsCountedByTheDamperEvenWhileTheMemberStaysFailed() {
        Simulation sim = Lab.settled(Lab.threeMembers(true, 10_000));
        int mark = sim.notificationMark();
        for (int i = 0; i < 50; i++) {
            sim.carrierDown("eth0");
            sim.advanceMs(10);
            sim.carrierUp("eth0");
            sim.advanceMs(10);
        }
        assertThat(only(sim.notificationsSince(mark), Flapping.class)).singleElement()
                .satisfies(f -> assertThat(f.suppressed()).isTrue());
        assertThat(Lab.member(sim, "eth0").counters().flaps()).isEqualTo(1);
        // the penalty is at its ceiling: the member stays out for minutes after the storm
        sim.advanceMs(60_000);
        assertThat(Lab.member(sim, "eth0").flags()).contains(MemberFlag.FLAPPING);
        assertThat(sim.network().interfacesWith(DATA_V4)).doesNotContain("eth0");
    }

    @Test
    void probeFailuresNeverFeedTheDamperSoFalseFailuresCannotHoldAMemberOut() {
        Simulation sim = Lab.settled(Lab.threeMembers(true, 1_000));
        int mark = sim.notificationMark();
        for (int i = 0; i < 4; i++) {
            sim.portBlocked("eth0", true);
            sim.runUntil(s -> Lab.member(s, "eth0").state() == MemberState.FAILED, 10_000);
            sim.portBlocked("eth0", false);
            sim.runUntil(s -> Lab.member(s, "eth0").state() == MemberState.OK, 10_000);
        }
        assertThat(Lab.member(sim, "eth0").counters().failures()).isEqualTo(4);
        assertThat(only(sim.notificationsSince(mark), Flapping.class)).isEmpty();
        assertThat(Lab.member(sim, "eth0").state()).isEqualTo(MemberState.OK);
    }

    // ------------------------------------------------------------------ issue 14 item 6

    @Test
    void aHolderThatWorksAgainAfterAGroupFailureAnnouncesItsAddressesAgain() {
        Simulation sim = Lab.settled(Lab.threeMembers(true, 1_000));
        for (String m : List.of("eth0", "eth1", "eth2")) {
            sim.portBlocked(m, true);
        }
        sim.runUntil(s -> Lab.group(s).state() == GroupState.FAILED, 10_000);
        assertThat(sim.network().interfacesWith(DATA_V4)).containsExactly("eth0");
        int announced = sim.network().announcements().size();
        sim.portBlocked("eth0", false);
        sim.runUntil(s -> Lab.member(s, "eth0").state() == MemberState.OK, 10_000);
        // the address never moved, but the neighbours' caches may have given up on it
        assertThat(sim.network().announcements().subList(announced, sim.network().announcements().size()))
                .contains(DATA_V4.getHostAddress() + "@eth0");
    }

    // ------------------------------------------------------------------ issue 14 item 7

    @Test
    void aReinsertedNicIsOnlineAsRepairedAndAnAbsentOneProbesNothing() {
        Simulation sim = Lab.settled(Lab.threeMembers(true, 10_000));
        sim.removeNic("eth1");
        var gone = Lab.member(sim, "eth1");
        assertThat(gone.probe()).isEqualTo(net.ipmpd.engine.state.ProbeState.UNKNOWN);
        assertThat(gone.probing().get(0).targets()).isEmpty();
        int mark = sim.notificationMark();
        sim.network().setCarrier("eth1", false);
        sim.insertNic("eth1");
        // the NIC is back (its link is reported on its own): not "online (cause: link-down)"
        assertThat(only(sim.notificationsSince(mark), net.ipmpd.engine.notify.Notification.InterfaceOnline.class))
                .singleElement().satisfies(o -> assertThat(o.cause()).isEqualTo(Cause.REPAIRED));
        assertThat(targets(sim, "eth1")).isNotEmpty();   // the group's host targets, copied
    }
}
