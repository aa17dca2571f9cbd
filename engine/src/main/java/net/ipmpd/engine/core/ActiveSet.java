package net.ipmpd.engine.core;


/**
 * Which usable members of a group are active and which are INACTIVE (mpd_probe.c
 * phyint_transition_to_running and phyint_standby_refresh_inactive): standby members wait while
 * the group has as many active members as non-standby ones; FAILBACK=no keeps a repaired member
 * inactive.
 */
final class ActiveSet {
    private final GroupRuntime group;

    ActiveSet(GroupRuntime group) {
        this.group = group;
    }

    /**
     * mpd_probe.c phyint_transition_to_running: a standby member stays INACTIVE while the group
     * has as many active members as non-standby ones; a non-standby member becomes active (and may
     * push an active standby back to INACTIVE), except after a repair with FAILBACK=no, when it
     * stays INACTIVE unless the group had failed. The member arrives here active: one that stops
     * being usable is made active again (GroupRuntime.settleMember), so only INACTIVE is decided.
     */
    void transitionToRunning(MemberRuntime m, MemberRuntime.Arrival via, boolean groupWasFailed, EngineContext ctx) {
        if (group.anonymous) {
            return;   // no standby, no FAILBACK: every member of the anonymous group is active
        }
        int active = 0;
        int nonStandby = 0;
        for (MemberRuntime o : group.members.values()) {
            if (o != m && o.active()) {
                active++;
            }
            if (!o.standby()) {
                nonStandby++;
            }
        }
        if (m.standby()) {
            if (active >= Math.max(1, nonStandby)) {
                m.makeInactive();
            }
        } else if (via == MemberRuntime.Arrival.REPAIR && !ctx.config.failback() && !groupWasFailed) {
            m.makeInactive();
        } else if (active + 1 > nonStandby) {
            deactivateOneStandby(m);
        }
    }

    /** The operator changed a member's standby flag: apply the capacity rule again, quietly. */
    void standbyChanged(MemberRuntime m) {
        if (!m.usable()) {
            return;
        }
        if (m.standby()) {
            m.makeInactive();   // ensureOneActive re-activates it if it was the only one
        } else if (m.inactive) {
            m.makeActive();
            int active = 0;
            int nonStandby = 0;
            for (MemberRuntime o : group.members.values()) {
                active += o.active() ? 1 : 0;
                nonStandby += o.standby() ? 0 : 1;
            }
            if (active > nonStandby) {
                deactivateOneStandby(m);
            }
        }
    }

    private void deactivateOneStandby(MemberRuntime except) {
        MemberRuntime victim = null;
        for (MemberRuntime o : group.members.values()) {
            if (o != except && o.standby() && o.active()) {
                victim = o;   // the last one in configuration order
            }
        }
        if (victim != null) {
            victim.makeInactive();
        }
    }

    /** mpd_probe.c: when an active member is lost, activate an INACTIVE one, standby first. */
    void activateReplacement() {
        MemberRuntime pick = null;
        for (MemberRuntime o : group.members.values()) {
            if (o.usable() && o.inactive && (pick == null || (o.standby() && !pick.standby()))) {
                pick = o;
            }
        }
        if (pick != null) {
            pick.makeActive();
        }
    }

    /** phyint_standby_refresh_inactive: a group with a usable member always has an active one. */
    void ensureOneActive() {
        MemberRuntime firstUsable = null;
        for (MemberRuntime o : group.members.values()) {
            if (o.active()) {
                return;
            }
            if (firstUsable == null && o.usable()) {
                firstUsable = o;
            }
        }
        if (firstUsable != null) {
            firstUsable.makeActive();
        }
    }
}
