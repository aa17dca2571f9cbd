package net.ipmpd.agent.history;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import net.ipmpd.agent.control.Wire;
import net.ipmpd.engine.state.DataAddressSnapshot;
import net.ipmpd.engine.state.EngineSnapshot;
import net.ipmpd.engine.state.GroupSnapshot;
import net.ipmpd.engine.state.MemberFlag;
import net.ipmpd.engine.state.MemberSnapshot;
import net.ipmpd.engine.state.MemberState;

/**
 * Where each member stands, as the timeline's lanes show it: one state word and the data
 * addresses it holds. Remembers what it recorded last and returns MEMBER_STATE entries only
 * for members whose standing changed, so steady state costs nothing in the log.
 */
final class MemberLanes {
    private record Standing(String group, String state, String addresses) {
    }

    private final Map<String, Standing> recorded = new HashMap<>();

    /** Forgets what was recorded, so the next call records every member (a new log, a restart). */
    void reset() {
        recorded.clear();
    }

    List<HistoryEvent> changes(EngineSnapshot s, Instant at) {
        List<HistoryEvent> out = new ArrayList<>();
        for (GroupSnapshot g : s.groups()) {
            for (MemberSnapshot m : g.members()) {
                TreeSet<String> held = new TreeSet<>();
                for (DataAddressSnapshot d : g.dataAddresses()) {
                    if (d.currentMember().filter(m.name()::equals).isPresent()) {
                        held.add(Wire.address(d.address()));
                    }
                }
                Standing now = new Standing(g.name(), word(m), String.join(" ", held));
                if (!now.equals(recorded.put(m.name(), now))) {
                    out.add(new HistoryEvent(at, EventKind.MEMBER_STATE, g.name(), m.name(), "",
                            Map.of("state", now.state(), "addresses", now.addresses())));
                }
            }
        }
        return out;
    }

    /** ok / failed / offline / flapping / standby / inactive / unknown / absent. */
    static String word(MemberSnapshot m) {
        if (m.state() == MemberState.OFFLINE) {
            return "offline";
        }
        if (m.state() == MemberState.FAILED) {
            return m.flags().contains(MemberFlag.FLAPPING) ? "flapping" : "failed";
        }
        if (m.flags().contains(MemberFlag.FLAPPING)) {
            return "flapping";
        }
        if (m.state() == MemberState.UNKNOWN) {
            return "unknown";
        }
        if (!m.active()) {
            return m.standby() ? "standby" : "inactive";
        }
        return "ok";
    }
}
