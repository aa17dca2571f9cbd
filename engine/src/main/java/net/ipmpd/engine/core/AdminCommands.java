package net.ipmpd.engine.core;

import net.ipmpd.engine.CommandResult;
import net.ipmpd.engine.CommandResult.Reason;
import net.ipmpd.engine.CommandResult.Refused;
import net.ipmpd.engine.notify.Cause;
import net.ipmpd.engine.state.GroupState;
import net.ipmpd.engine.state.LinkState;
import net.ipmpd.engine.state.Presence;

/** if_mpadm's offline and online (DR detach and attach) with in.mpathd's minimum-redundancy rule. */
final class AdminCommands {
    private final EngineCore core;
    private final EngineContext ctx;

    AdminCommands(EngineCore core) {
        this.core = core;
        this.ctx = core.ctx;
    }

    CommandResult offline(String name) {
        MemberRuntime m = core.memberByName.get(name);
        if (m == null) {
            return new Refused(Reason.UNKNOWN_INTERFACE, name + " is not a member of any IPMP group");
        }
        GroupRuntime g = m.group;
        if (g.anonymous) {
            return new Refused(Reason.NOT_IN_GROUP, name + " is not in an IPMP group");
        }
        if (m.offline()) {
            return new Refused(Reason.ALREADY_OFFLINE, name + " is already offline");
        }
        // in.mpathd (mpd_tables.c, if_mpadm min_redundancy 1): the other functioning members;
        // once the group has failed any member that is not offline counts
        boolean groupFailed = g.state == GroupState.FAILED;
        int others = 0;
        for (MemberRuntime o : g.members.values()) {
            if (o != m && (groupFailed ? !o.offline() : o.usable())) {
                others++;
            }
        }
        if (others < 1) {
            return new Refused(Reason.MIN_REDUNDANCY,
                    "cannot offline " + name + ": no other functioning interfaces are in its IPMP group " + g.name);
        }
        m.takeOffline();
        for (ProbeInstance pi : m.instances()) {
            pi.stop(ctx);
        }
        DuplicateHardwareAddresses.left(m, ctx);
        g.settle(Cause.ADMIN_OFFLINE, ctx);
        return CommandResult.OK;
    }

    CommandResult online(String name) {
        MemberRuntime m = core.memberByName.get(name);
        if (m == null) {
            return new Refused(Reason.UNKNOWN_INTERFACE, name + " is not a member of any IPMP group");
        }
        if (m.group.anonymous) {
            return new Refused(Reason.NOT_IN_GROUP, name + " is not in an IPMP group");
        }
        MemberRuntime twin = DuplicateHardwareAddresses.twin(m, true);
        if (m.duplicateHardwareAddress || (m.adminOffline && twin != null)) {
            // in.mpathd phyint_undo_offline: IPMP_EHWADDRDUP
            return new Refused(Reason.DUPLICATE_HARDWARE_ADDRESS, "cannot online " + name + ": its hardware address "
                    + m.hardwareAddress + " is also " + (twin == null ? "another member" : twin.name) + "'s in IPMP group "
                    + m.group.name + (m.duplicateHardwareAddress
                            ? "; it comes online by itself once its hardware address is unique"
                            : "; give it a unique hardware address first"));
        }
        if (!m.adminOffline) {
            if (m.presence == Presence.REMOVED) {
                return new Refused(Reason.NOT_PRESENT, name + " was removed; it comes back online when the interface reappears");
            }
            return new Refused(Reason.NOT_OFFLINE, name + " is not offline");
        }
        m.bringOnline();
        if (m.presence == Presence.PRESENT) {
            // no new quiet period: probing just resumes
            for (ProbeInstance pi : m.instances()) {
                pi.restartTimer(ctx);
            }
        }
        m.group.settle(Cause.ADMIN_ONLINE, ctx);
        return CommandResult.OK;
    }
}
