package net.ipmpd.engine.state;

import java.util.List;
import java.util.Set;
import net.ipmpd.engine.notify.Cause;

/**
 * One member interface as ipmpstat -i, the MIB's member table and the YANG member state show it.
 *
 * @param group the group name; empty for the anonymous group
 * @param ifIndex the kernel ifindex, 0 while the interface is not present
 * @param active true when the member may carry data addresses and outbound traffic
 * @param lastChangeNanos engine time of the last state change (0: never changed)
 */
public record MemberSnapshot(
        String name,
        String group,
        int ifIndex,
        MemberState state,
        boolean active,
        Set<MemberFlag> flags,
        LinkState link,
        ProbeState probe,
        Presence presence,
        Cause lastCause,
        long lastChangeNanos,
        MemberCounters counters,
        int flapPenalty,
        List<ProbeInstanceSnapshot> probing) {
    public MemberSnapshot {
        flags = Set.copyOf(flags);
        probing = List.copyOf(probing);
    }

    public boolean standby() {
        return flags.contains(MemberFlag.STANDBY);
    }

    /** Usable: working and not held out of service (active or inactive). */
    public boolean usable() {
        return state == MemberState.OK || state == MemberState.UNKNOWN;
    }
}
