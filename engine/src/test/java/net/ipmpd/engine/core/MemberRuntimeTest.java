package net.ipmpd.engine.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import net.ipmpd.engine.config.DampingConfig;
import net.ipmpd.engine.config.EngineConfig;
import net.ipmpd.engine.config.GroupConfig;
import net.ipmpd.engine.config.MemberConfig;
import net.ipmpd.engine.config.TestAddress;
import net.ipmpd.engine.notify.Cause;
import net.ipmpd.engine.state.LinkState;
import net.ipmpd.engine.state.MemberFlag;
import net.ipmpd.engine.state.MemberState;
import net.ipmpd.engine.state.Presence;
import net.ipmpd.engine.state.ProbeState;
import org.junit.jupiter.api.Test;

/** A member's own transitions (in.mpathd phyint states, phyint_undo_offline, the LINK_UP_PERMIN flap guard) and what ipmpstat shows of it. */
class MemberRuntimeTest {
    private static final long MINUTE = Rules.MINUTE_NANOS;
    private final EngineContext ctx = new EngineContext(EngineConfig.defaults(), new SplittableRandom(1));
    private final GroupRuntime group = new GroupRuntime("g", false, new GroupConfig("g", List.of(), List.of()), ctx);

    private static InetAddress ip(String literal) throws Exception {
        return InetAddress.getByName(literal);
    }

    private MemberRuntime linkOnly(String name) {
        MemberRuntime m = new MemberRuntime(name, group, MemberConfig.linkOnly(name, false));
        group.members.put(name, m);
        return m;
    }

    private MemberRuntime dualStack(String name) throws Exception {
        MemberRuntime m = new MemberRuntime(name, group, new MemberConfig(name, false,
                Optional.of(new TestAddress(ip("198.18.0.10"), 24)), Optional.of(new TestAddress(ip("fe80::10"), 64))));
        group.members.put(name, m);
        return m;
    }

    // ------------------------------------------------------------------ arrival

    @Test
    void aMemberFoundAtStartRunsWithItsLinkOrIsFailedByIt() {
        MemberRuntime up = linkOnly("eth0");
        up.arrive(3, true);
        assertThat(up.presence).isEqualTo(Presence.PRESENT);
        assertThat(up.link).isEqualTo(LinkState.UP);
        assertThat(up.failed).isFalse();
        assertThat(up.arrival).isEqualTo(MemberRuntime.Arrival.START);
        assertThat(up.lastCause).isEqualTo(Cause.NONE);
        MemberRuntime down = linkOnly("eth1");
        down.arrive(4, false);
        assertThat(down.failed).isTrue();
        assertThat(down.link).isEqualTo(LinkState.DOWN);
        assertThat(down.arrival).isEqualTo(MemberRuntime.Arrival.START);
        assertThat(down.lastCause).isEqualTo(Cause.LINK_DOWN);
    }

    @Test
    void aMemberThatAppearsLaterIsARepairAndOneReinsertedAfterRemovalComesBackOnline() {
        MemberRuntime late = linkOnly("eth0");
        late.absent();
        assertThat(late.lastCause).isEqualTo(Cause.NOT_PRESENT);
        late.arrive(3, true);
        assertThat(late.arrival).isEqualTo(MemberRuntime.Arrival.REPAIR);
        assertThat(late.lastCause).isEqualTo(Cause.REPAIRED);

        MemberRuntime back = linkOnly("eth1");
        back.arrive(4, true);
        back.remove();
        assertThat(back.offline()).isTrue();
        assertThat(back.link).isEqualTo(LinkState.DOWN);
        assertThat(back.lastCause).isEqualTo(Cause.REMOVED);
        back.arrive(9, true);
        assertThat(back.arrival).isEqualTo(MemberRuntime.Arrival.ONLINE);
        assertThat(back.onlineCause).isEqualTo(Cause.REPAIRED);
        assertThat(back.lastCause).isEqualTo(Cause.REPAIRED);
        assertThat(back.ifIndex).isEqualTo(9);
        assertThat(back.offline()).isFalse();

        MemberRuntime backDown = linkOnly("eth2");
        backDown.arrive(5, true);
        backDown.remove();
        backDown.arrive(5, false);
        assertThat(backDown.lastCause).isEqualTo(Cause.LINK_DOWN);
        assertThat(backDown.failed).isTrue();
        MemberRuntime lateDown = linkOnly("eth3");
        lateDown.absent();
        lateDown.arrive(6, false);
        assertThat(lateDown.lastCause).isEqualTo(Cause.LINK_DOWN);
    }

    // ------------------------------------------------------------------ offline and online

    @Test
    void onlineKeepsAProbeFailure() {
        MemberRuntime m = linkOnly("eth0");
        m.arrive(3, true);
        m.fail(Cause.PROBES_LOST);
        m.takeOffline();
        assertThat(m.lastCause).isEqualTo(Cause.ADMIN_OFFLINE);
        m.bringOnline();
        // phyint_undo_offline: IFF_FAILED stays, no new quiet period
        assertThat(m.failed).isTrue();
        assertThat(m.lastCause).isNotEqualTo(Cause.ADMIN_ONLINE);
        assertThat(m.arrival).isEqualTo(MemberRuntime.Arrival.ONLINE);
        assertThat(m.onlineCause).isEqualTo(Cause.ADMIN_ONLINE);
    }

    @Test
    void onlineOfAWorkingMemberRunsItAndOfOneWhoseLinkWentDownFailsIt() {
        MemberRuntime m = linkOnly("eth0");
        m.arrive(3, true);
        m.takeOffline();
        m.bringOnline();
        assertThat(m.failed).isFalse();
        assertThat(m.lastCause).isEqualTo(Cause.ADMIN_ONLINE);
        m.takeOffline();
        m.linkChanged(false);
        m.bringOnline();
        assertThat(m.failed).isTrue();
        assertThat(m.lastCause).isEqualTo(Cause.LINK_DOWN);
        // an absent interface has no link to judge
        MemberRuntime gone = linkOnly("eth1");
        gone.absent();
        gone.takeOffline();
        gone.bringOnline();
        assertThat(gone.failed).isFalse();
    }

    // ------------------------------------------------------------------ flap guard (LINK_UP_PERMIN)

    @Test
    void theFlapGuardHoldsUntilAMinuteAfterTheOlderOfTheLastTwoLinkUps() {
        MemberRuntime m = linkOnly("eth0");
        long t = 1_000 * Rules.NANOS_PER_SECOND;
        assertThat(m.flapGuardHolds(t)).isFalse();
        m.recordLinkUp(t);
        assertThat(m.flapGuardHolds(t + 1)).isFalse();   // one link-up is no flapping
        m.recordLinkUp(t + 10 * Rules.NANOS_PER_SECOND);
        assertThat(m.flapGuardHolds(t + MINUTE - 1)).isTrue();
        // in.mpathd phyint_inst_timer: repair once whenup + MSEC_PERMIN is no longer after now
        assertThat(m.flapGuardHolds(t + MINUTE)).isFalse();
        assertThat(m.flapGuardReleaseAtNanos()).isEqualTo(t + MINUTE);
        m.recordLinkUp(t + 20 * Rules.NANOS_PER_SECOND);   // the older of the last two is now t + 10 s
        assertThat(m.flapGuardHolds(t + MINUTE)).isTrue();
        assertThat(m.flapGuardReleaseAtNanos()).isEqualTo(t + 10 * Rules.NANOS_PER_SECOND + MINUTE);
    }

    @Test
    void theLinkUpsOfTheLastMinuteAreCountedForTheLogLine() {
        MemberRuntime m = linkOnly("eth0");
        long t = 1_000 * Rules.NANOS_PER_SECOND;
        assertThat(m.linkUpsWithinMinute(t)).isZero();
        m.recordLinkUp(t);
        m.recordLinkUp(t + 30 * Rules.NANOS_PER_SECOND);
        assertThat(m.linkUpsWithinMinute(t + 30 * Rules.NANOS_PER_SECOND)).isEqualTo(2);
        assertThat(m.linkUpsWithinMinute(t + MINUTE - 1)).isEqualTo(2);
        assertThat(m.linkUpsWithinMinute(t + MINUTE)).isEqualTo(1);
    }

    // ------------------------------------------------------------------ what ipmpstat shows

    @Test
    void theStateIsUnknownBeforeTheFirstDumpOfflineFailedUnknownWithoutTargetsOrOk() throws Exception {
        MemberRuntime m = dualStack("eth0");
        assertThat(m.state()).isEqualTo(MemberState.UNKNOWN);
        assertThat(m.flags()).doesNotContain(MemberFlag.FAILED);   // nothing is known yet
        m.arrive(3, true);
        assertThat(m.state()).isEqualTo(MemberState.UNKNOWN);   // probing, no target yet
        m.ipv6.targets.discovered(ip("fe80::1"), ctx);
        assertThat(m.probeCapable()).isTrue();   // IPv6 alone makes it probe-capable
        assertThat(m.state()).isEqualTo(MemberState.OK);
        m.fail(Cause.PROBES_LOST);
        assertThat(m.state()).isEqualTo(MemberState.FAILED);
        assertThat(m.flags()).contains(MemberFlag.FAILED);
        m.takeOffline();
        assertThat(m.state()).isEqualTo(MemberState.OFFLINE);
        assertThat(m.flags()).contains(MemberFlag.OFFLINE).doesNotContain(MemberFlag.FAILED);
        MemberRuntime absent = linkOnly("eth1");
        absent.absent();
        assertThat(absent.state()).isEqualTo(MemberState.FAILED);
        assertThat(absent.flags()).contains(MemberFlag.FAILED);
        assertThat(absent.snapshot(ctx).ifIndex()).isZero();
        absent.arrive(7, true);
        assertThat(absent.snapshot(ctx).ifIndex()).isEqualTo(7);
    }

    @Test
    void theProbeColumnIsOkIfAnyFamilyIsOkFailedIfOneFailsAndNoneIsOkElseUnknown() throws Exception {
        assertThat(linkOnly("eth9").probeState()).isEqualTo(ProbeState.DISABLED);
        MemberRuntime m = dualStack("eth0");
        assertThat(m.probeState()).isEqualTo(ProbeState.UNKNOWN);   // not there: nothing is probed
        m.arrive(3, true);
        assertThat(m.probeState()).isEqualTo(ProbeState.UNKNOWN);
        m.ipv6.targets.discovered(ip("fe80::1"), ctx);
        assertThat(m.probeState()).isEqualTo(ProbeState.OK);
        m.ipv4.targets.discovered(ip("198.18.0.1"), ctx);
        m.fail(Cause.PROBES_LOST);
        assertThat(m.probeState()).isEqualTo(ProbeState.FAILED);
        m.repair();
        m.ipv6.targets.flushHosts(ctx);   // IPv6 back to UNKNOWN; IPv4 OK
        assertThat(m.probeState()).isEqualTo(ProbeState.OK);
        m.fail(Cause.PROBES_LOST);   // IPv4 FAILED, IPv6 FAILED too (a failed member's instances are)
        assertThat(m.probeState()).isEqualTo(ProbeState.FAILED);
    }

    @Test
    void flagsShowStandbyInactiveOnlyWhileUsableAndFlappingWhileTheDamperHolds() throws Exception {
        MemberRuntime s = new MemberRuntime("eth0", group, MemberConfig.linkOnly("eth0", true));
        group.members.put("eth0", s);
        MemberRuntime other = linkOnly("eth1");
        s.arrive(3, true);
        other.arrive(4, true);
        s.makeInactive();
        assertThat(s.flags()).contains(MemberFlag.STANDBY, MemberFlag.INACTIVE);
        assertThat(s.active()).isFalse();
        s.fail(Cause.LINK_DOWN);
        assertThat(s.flags()).contains(MemberFlag.STANDBY, MemberFlag.FAILED).doesNotContain(MemberFlag.INACTIVE);
        s.repair();
        long t = 1_000 * Rules.NANOS_PER_SECOND;
        DampingConfig d = ctx.config.damping();
        boolean suppressed = false;
        for (int i = 0; i < 10 && !suppressed; i++) {
            suppressed = s.damper.recordFlap(t + i, d);
        }
        assertThat(suppressed).isTrue();
        assertThat(s.flags()).contains(MemberFlag.FLAPPING);
        // held out while another member works; used when it is the last one working
        assertThat(s.usable()).isFalse();
        other.fail(Cause.LINK_DOWN);
        assertThat(s.usable()).isTrue();
    }
}
