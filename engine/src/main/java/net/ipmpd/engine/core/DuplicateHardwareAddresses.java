package net.ipmpd.engine.core;

import net.ipmpd.engine.state.Presence;

/**
 * in.mpathd's rule for members of one group that share a hardware address (mpd_tables.c
 * phyint_lookup_hwaddr and its callers): only one of them may be online. The one that came later
 * (or changed its address to one already in use) is taken offline and flagged 'h'; it comes back
 * online by itself when the other leaves (is removed, taken offline, dropped from the group) or
 * when either address changes. The anonymous group is exempt: its members share nothing.
 */
final class DuplicateHardwareAddresses {
    private DuplicateHardwareAddresses() {
    }

    /**
     * phyint_lookup_hwaddr: another present member of {@code m}'s group with {@code m}'s hardware
     * address, or null. Members taken offline by an operator never count (brought online, they are
     * judged then); members offlined as duplicates count unless {@code onlineOnly}.
     */
    static MemberRuntime twin(MemberRuntime m, boolean onlineOnly) {
        if (m.group.anonymous || m.hardwareAddress.isEmpty()) {
            return null;
        }
        for (MemberRuntime o : m.group.members.values()) {
            if (o == m || o.presence != Presence.PRESENT) {
                continue;
            }
            if (o.offline() && (onlineOnly || !o.duplicateHardwareAddress)) {
                continue;
            }
            if (o.hardwareAddress.equals(m.hardwareAddress)) {
                return o;
            }
        }
        return null;
    }

    /** phyint_inst_init_from_k, a new phyint: offline it if an online member has its address. */
    static void arrived(MemberRuntime m, EngineContext ctx) {
        if (twin(m, true) != null) {
            offline(m, ctx);
        }
    }

    /**
     * phyint_link_notify (DL_NOTE_PHYS_ADDR): the address changed. A member offlined as a
     * duplicate of the old address comes back (this one, if its new address is unique, or the one
     * this member was keeping out); if the new address is taken, this member goes offline.
     */
    static void addressChanged(MemberRuntime m, String address, EngineContext ctx) {
        if (address.equals(m.hardwareAddress)) {
            return;
        }
        MemberRuntime oldTwin = twin(m, false);
        m.hardwareAddressReported(address);
        MemberRuntime newTwin = twin(m, false);
        if (m.duplicateHardwareAddress) {
            if (newTwin == null) {
                undoOffline(m, ctx);
            }
        } else if (oldTwin != null && oldTwin.duplicateHardwareAddress) {
            undoOffline(oldTwin, ctx);
        }
        if (newTwin != null && !m.duplicateHardwareAddress) {
            offline(m, ctx);
        }
    }

    /**
     * phyint_offline and phyint_delete: a member that left (taken offline, removed, dropped from
     * the group) lets the member it kept out as a duplicate come back. Call once {@code m} no
     * longer counts, with its duplicate mark as it was.
     */
    static void left(MemberRuntime m, EngineContext ctx) {
        if (m.duplicateHardwareAddress) {
            return;
        }
        MemberRuntime kept = twin(m, false);
        if (kept != null && kept.duplicateHardwareAddress) {
            undoOffline(kept, ctx);
        }
    }

    /** phyint_undo_offline for a duplicate: online again unless an online member still has its address. */
    private static void undoOffline(MemberRuntime m, EngineContext ctx) {
        if (twin(m, true) != null) {
            return;
        }
        m.onlineWithUniqueHardwareAddress();
        if (m.presence == Presence.PRESENT && !m.offline()) {
            for (ProbeInstance pi : m.instances()) {
                pi.restartTimer(ctx);
            }
        }
    }

    private static void offline(MemberRuntime m, EngineContext ctx) {
        m.offlineForDuplicateHardwareAddress();
        for (ProbeInstance pi : m.instances()) {
            pi.stop(ctx);
        }
    }
}
