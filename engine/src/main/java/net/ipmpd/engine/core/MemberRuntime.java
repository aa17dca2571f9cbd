package net.ipmpd.engine.core;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import net.ipmpd.engine.config.Family;
import net.ipmpd.engine.config.MemberConfig;
import net.ipmpd.engine.notify.Cause;
import net.ipmpd.engine.state.LinkState;
import net.ipmpd.engine.state.MemberCounters;
import net.ipmpd.engine.state.MemberFlag;
import net.ipmpd.engine.state.MemberSnapshot;
import net.ipmpd.engine.state.MemberState;
import net.ipmpd.engine.state.Presence;
import net.ipmpd.engine.state.ProbeInstanceSnapshot;
import net.ipmpd.engine.state.ProbeState;

/**
 * One member interface (in.mpathd: struct phyint): its presence, link, health, administrative
 * state, flap damper and probe instances. The rules that involve the other members live in
 * {@link GroupRuntime}; this class only holds the member's own facts.
 */
final class MemberRuntime extends Timed {
    /** How a member last became usable; the standby/INACTIVE rules depend on it (mpd_probe.c). */
    enum Arrival { START, REPAIR, ONLINE }

    final String name;
    final GroupRuntime group;
    MemberConfig config;
    int ifIndex;
    Presence presence = Presence.UNKNOWN;
    LinkState link = LinkState.UNKNOWN;
    boolean adminOffline;
    /** The link's hardware address as last reported; empty when not known. */
    String hardwareAddress = "";
    /** Offline because another member of the group has its hardware address (in.mpathd pi_hwaddrdup). */
    boolean duplicateHardwareAddress;
    /** Failed by link, probes or group failure; cleared by repair. */
    boolean failed;
    boolean inactive;
    Cause lastCause = Cause.NONE;
    /** Why the member last came back online: an operator, or its NIC reappearing. */
    Cause onlineCause = Cause.ADMIN_ONLINE;
    long lastChangeNanos;
    final FlapDamper damper = new FlapDamper();
    ProbeInstance ipv4;
    ProbeInstance ipv6;
    Arrival arrival = Arrival.START;

    /** What was last reported to the world, to turn state changes into notifications once. */
    boolean reportedUsable;
    boolean reportedOffline;
    boolean initialized;

    /** The last LINK_UP_PERMIN link-up times, for in.mpathd's flap guard (pi_whenup, pi_whendx). */
    private final long[] linkUpsAtNanos = {Long.MIN_VALUE, Long.MIN_VALUE};
    private int oldestLinkUp;

    long failures;
    long repairs;
    long failovers;
    long flaps;

    MemberRuntime(String name, GroupRuntime group, MemberConfig config) {
        this.name = name;
        this.group = group;
        this.config = config;
        config.ipv4Test().ifPresent(t -> ipv4 = new ProbeInstance(this, group.verdicts, Family.IPV4, t));
        config.ipv6Test().ifPresent(t -> ipv6 = new ProbeInstance(this, group.verdicts, Family.IPV6, t));
    }

    boolean standby() {
        return config.standby();
    }

    boolean offline() {
        return adminOffline || duplicateHardwareAddress || presence == Presence.REMOVED;
    }

    boolean canProbe() {
        return presence == Presence.PRESENT && link == LinkState.UP && !offline();
    }

    boolean healthy() {
        return presence == Presence.PRESENT && link == LinkState.UP && !failed;
    }

    /** in.mpathd phyint_is_functioning: running (or without targets and not failed), not offline. */
    boolean functioning() {
        return healthy() && !offline();
    }

    /**
     * Functioning and not held out by the flap damper. The damper never holds out a member when
     * no other functioning member is free of it: the last working member of a group, or the first
     * one repaired after a group failure, is used whatever its penalty.
     */
    boolean usable() {
        return functioning() && !(damper.suppressed() && (group.anonymous || group.hasUndampedFunctioningMemberBesides(this)));
    }

    // ------------------------------------------------------------ transitions (the only writers)

    /** The interface exists now (start, NIC appeared, re-inserted), with its link as reported. */
    void arrive(int ifIndex, boolean running) {
        Presence before = presence;
        this.ifIndex = ifIndex;
        presence = Presence.PRESENT;
        link = running ? LinkState.UP : LinkState.DOWN;
        failed = !running;
        if (before == Presence.REMOVED) {
            arrival = Arrival.ONLINE;
            onlineCause = Cause.REPAIRED;   // the NIC is back; a down link is reported as such
            lastCause = running ? Cause.REPAIRED : Cause.LINK_DOWN;
        } else {
            arrival = before == Presence.UNKNOWN ? Arrival.START : Arrival.REPAIR;
            lastCause = running ? (before == Presence.UNKNOWN ? Cause.NONE : Cause.REPAIRED) : Cause.LINK_DOWN;
        }
    }

    /** The dataplane reported the interface again (its index may have changed). */
    void reported(int ifIndex) {
        this.ifIndex = ifIndex;
    }

    /** The interface does not exist (not in the first dump, or configured after it). */
    void absent() {
        presence = Presence.NOT_PRESENT;
        lastCause = Cause.NOT_PRESENT;
    }

    /** Hot removal (RTM_DELLINK): handled as a DR detach. */
    void remove() {
        presence = Presence.REMOVED;
        link = LinkState.DOWN;
        lastCause = Cause.REMOVED;
    }

    /** IFF_RUNNING changed; what it means is decided by the caller (EngineCore.linkDown/linkUp). */
    void linkChanged(boolean up) {
        link = up ? LinkState.UP : LinkState.DOWN;
    }

    /** if_mpadm -d. */
    void takeOffline() {
        adminOffline = true;
        lastCause = Cause.ADMIN_OFFLINE;
    }

    /**
     * if_mpadm -r (phyint_undo_offline): a member that failed, by its probes before the offline or
     * by its link since, stays failed; otherwise it runs again.
     */
    void bringOnline() {
        adminOffline = false;
        undoOffline(Cause.ADMIN_ONLINE);
    }

    /** The dataplane reported the link's hardware address (IFLA_ADDRESS); what a change means is the group's rule. */
    void hardwareAddressReported(String address) {
        hardwareAddress = address;
    }

    /**
     * in.mpathd phyint_offline(pi, 0) with pi_hwaddrdup set: another member of the group already
     * has this hardware address, so this one is taken offline (no minimum redundancy applies).
     */
    void offlineForDuplicateHardwareAddress() {
        duplicateHardwareAddress = true;
        lastCause = Cause.DUPLICATE_HARDWARE_ADDRESS;
    }

    /**
     * in.mpathd phyint_undo_offline for a member offlined as a duplicate whose hardware address is
     * unique now: it runs again, failed if its link went down meanwhile. An operator's offline,
     * if any, still holds it.
     */
    void onlineWithUniqueHardwareAddress() {
        duplicateHardwareAddress = false;
        undoOffline(Cause.DUPLICATE_HARDWARE_ADDRESS);
    }

    /** phyint_undo_offline's common part: online for {@code cause}, failed still (or now, by its link). */
    private void undoOffline(Cause cause) {
        arrival = Arrival.ONLINE;
        onlineCause = cause;
        if (!failed) {
            lastCause = cause;
        }
        if (presence == Presence.PRESENT && link != LinkState.UP) {
            fail(Cause.LINK_DOWN);
        }
    }

    /** Removed: in.mpathd deletes the phyint and its mark; a NIC that comes back is judged afresh. */
    void forgetDuplicateHardwareAddress() {
        duplicateHardwareAddress = false;
    }

    /** IFF_INACTIVE set: usable but carrying nothing (standby, or FAILBACK=no). */
    void makeInactive() {
        inactive = true;
    }

    /** IFF_INACTIVE cleared. */
    void makeActive() {
        inactive = false;
    }

    /** The member failed (link, probes, group failure): IFF_FAILED in in.mpathd. */
    void fail(Cause cause) {
        failed = true;
        lastCause = cause;
    }

    /** The member works again: link and, with test addresses, ten answered probes. */
    void repair() {
        failed = false;
        arrival = Arrival.REPAIR;
        lastCause = Cause.REPAIRED;
    }

    /** in.mpathd reset_crtt_all: a failed member's RTT estimates are worthless. */
    void resetRtts() {
        for (ProbeInstance pi : instances()) {
            pi.targets.resetRtts();
        }
    }

    boolean active() {
        return usable() && !inactive;
    }

    boolean probeEnabled() {
        return ipv4 != null || ipv6 != null;
    }

    boolean probeCapable() {
        return (ipv4 != null && ipv4.probeCapable()) || (ipv6 != null && ipv6.probeCapable());
    }

    List<ProbeInstance> instances() {
        List<ProbeInstance> l = new ArrayList<>(2);
        if (ipv4 != null) {
            l.add(ipv4);
        }
        if (ipv6 != null) {
            l.add(ipv6);
        }
        return l;
    }

    ProbeInstance instance(Family f) {
        return f == Family.IPV4 ? ipv4 : ipv6;
    }

    /** Records a link-up (pi_whenup); call after deciding whether this link-up repairs. */
    void recordLinkUp(long nowNanos) {
        linkUpsAtNanos[oldestLinkUp] = nowNanos;
        oldestLinkUp = (oldestLinkUp + 1) % linkUpsAtNanos.length;
    }

    /**
     * in.mpathd's flap guard (phyint_repaired, LINK_UP_PERMIN): a member without test addresses
     * is not repaired while the older of its last two recorded link-ups is less than a minute old
     * (phyint_inst_timer: repair once whenup + MSEC_PERMIN is no longer after now).
     */
    boolean flapGuardHolds(long nowNanos) {
        long olderAtNanos = linkUpsAtNanos[oldestLinkUp];
        return olderAtNanos != Long.MIN_VALUE && nowNanos - olderAtNanos < Rules.MINUTE_NANOS;
    }

    /** When the flap guard lets repair through: a minute after the older recorded link-up. */
    long flapGuardReleaseAtNanos() {
        return linkUpsAtNanos[oldestLinkUp] + Rules.MINUTE_NANOS;
    }

    /** The link-ups in the last minute, this one included (for the log line). */
    int linkUpsWithinMinute(long nowNanos) {
        int n = 0;
        for (long upAtNanos : linkUpsAtNanos) {
            if (upAtNanos != Long.MIN_VALUE && nowNanos - upAtNanos < Rules.MINUTE_NANOS) {
                n++;
            }
        }
        return n;
    }

    /** A member the flap guard may be holding: failed, link up, repaired by its link alone. */
    boolean repairedByLink() {
        return !probeEnabled() || offline();
    }

    @Override
    void wake(long nowNanos, EngineContext ctx) {
        group.memberTimer(this, ctx);
    }

    MemberState state() {
        if (offline()) {
            return MemberState.OFFLINE;
        }
        if (presence == Presence.UNKNOWN) {
            return MemberState.UNKNOWN;
        }
        if (!usable()) {
            return MemberState.FAILED;
        }
        if (probeEnabled() && !probeCapable()) {
            return MemberState.UNKNOWN;
        }
        return MemberState.OK;
    }

    ProbeState probeState() {
        if (!probeEnabled()) {
            return ProbeState.DISABLED;
        }
        if (presence != Presence.PRESENT) {
            return ProbeState.UNKNOWN;   // nothing is probed on an interface that is not there
        }
        boolean anyOk = false;
        boolean anyFailed = false;
        for (ProbeInstance pi : instances()) {
            ProbeState s = pi.probeState();
            anyOk |= s == ProbeState.OK;
            anyFailed |= s == ProbeState.FAILED;
        }
        if (anyFailed && !anyOk) {
            return ProbeState.FAILED;
        }
        return anyOk ? ProbeState.OK : ProbeState.UNKNOWN;
    }

    Set<MemberFlag> flags() {
        Set<MemberFlag> f = EnumSet.noneOf(MemberFlag.class);
        if (usable() && inactive) {
            f.add(MemberFlag.INACTIVE);
        }
        if (standby()) {
            f.add(MemberFlag.STANDBY);
        }
        if (!usable() && !offline() && presence != Presence.UNKNOWN) {
            f.add(MemberFlag.FAILED);
        }
        if (offline()) {
            f.add(MemberFlag.OFFLINE);
        }
        if (damper.suppressed()) {
            f.add(MemberFlag.FLAPPING);
        }
        if (duplicateHardwareAddress) {
            f.add(MemberFlag.DUPLICATE_HARDWARE_ADDRESS);
        }
        if (name.equals(group.ipv4MulticastNominee)) {
            f.add(MemberFlag.IPV4_MULTICAST_NOMINEE);
        }
        if (name.equals(group.ipv4BroadcastNominee)) {
            f.add(MemberFlag.IPV4_BROADCAST_NOMINEE);
        }
        if (name.equals(group.ipv6MulticastNominee)) {
            f.add(MemberFlag.IPV6_MULTICAST_NOMINEE);
        }
        return f;
    }

    MemberSnapshot snapshot(EngineContext ctx) {
        List<ProbeInstanceSnapshot> probing = new ArrayList<>(2);
        for (ProbeInstance pi : instances()) {
            probing.add(pi.snapshot());
        }
        return new MemberSnapshot(name, group.name, presence == Presence.PRESENT ? ifIndex : 0, state(), active(), flags(),
                link, probeState(), presence, lastCause, lastChangeNanos,
                new MemberCounters(failures, repairs, failovers, flaps),
                damper.penaltyAt(ctx.nowNanos, ctx.config.damping()), probing);
    }
}
