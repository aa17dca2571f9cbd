package net.ipmpd.agent.snmp;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import net.ipmpd.agent.snmp.IpmpMibRows.MemberRow;
import net.ipmpd.engine.Command;
import net.ipmpd.engine.IpmpService;
import net.ipmpd.engine.state.GroupSnapshot;
import net.ipmpd.engine.state.GroupState;
import net.ipmpd.engine.state.MemberSnapshot;
import net.ipmpd.engine.state.MemberState;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.snmp4j.PDU;
import org.snmp4j.smi.Integer32;
import org.snmp4j.smi.Variable;

/**
 * ipmpMemberAdminStatus: offline(2) is if_mpadm -d (DR detach), online(1) is if_mpadm -r.
 *
 * <p>Error codes in snmp4j-agent's two-phase commit: the min-redundancy rule is checked in
 * prepare against the latest snapshot and answered with inconsistentValue (RFC 3416: the value
 * is fine but not in the present state), which is what a manager can act on, and nothing is sent
 * to the engine. If the engine still refuses at commit (its state moved between the two phases)
 * the answer is commitFailed: the engine guarantees that a refused command changed nothing, which
 * is exactly commitFailed's meaning.
 */
final class MemberAdminWriter implements CellWriter<MemberRow> {
    static final int ONLINE = 1;
    static final int OFFLINE = 2;
    private static final Logger LOG = LogManager.getLogger(MemberAdminWriter.class);

    private final IpmpService ipmp;
    private final SetCommands commands;
    /** Members whose state a request changed, so undo reverts only those. */
    private final Map<Object, Map<String, Boolean>> changed = new ConcurrentHashMap<>();

    MemberAdminWriter(IpmpService ipmp, Duration timeout) {
        this.ipmp = ipmp;
        this.commands = new SetCommands(ipmp, timeout);
    }

    @Override
    public int prepare(MemberRow row, Variable value, Object request) {
        if (!(value instanceof Integer32 i)) {
            return PDU.wrongType;
        }
        if (i.getValue() != ONLINE && i.getValue() != OFFLINE) {
            return PDU.wrongValue;
        }
        MemberSnapshot m = row.member();
        if (row.group().isAnonymous()) {
            LOG.info("SNMP set of {} refused: interface {} is not in an IPMP group", adminName(i), m.name());
            return PDU.inconsistentValue;
        }
        if (i.getValue() == OFFLINE && m.state() != MemberState.OFFLINE && !othersUsable(row.group(), m)) {
            LOG.info("SNMP offline of {} in group {} refused: no other functioning interface is in the group",
                    m.name(), row.group().name());
            return PDU.inconsistentValue;
        }
        return PDU.noError;
    }

    /**
     * in.mpathd (mpd_tables.c, MI_OFFLINE with min redundancy 1): the other members that still
     * work must number at least one; once the group has failed, any member not offline counts.
     */
    static boolean othersUsable(GroupSnapshot g, MemberSnapshot target) {
        return g.members().stream()
                .filter(m -> !m.name().equals(target.name()))
                .anyMatch(m -> m.state() != MemberState.OFFLINE && (g.state() == GroupState.FAILED || m.usable()));
    }

    @Override
    public int commit(MemberRow row, Variable value, Object request) {
        String name = row.member().name();
        boolean offline = ((Integer32) value).getValue() == OFFLINE;
        boolean isOffline = ipmp.snapshot().member(name).map(m -> m.state() == MemberState.OFFLINE)
                .orElse(row.member().state() == MemberState.OFFLINE);
        if (offline == isOffline) {
            return PDU.noError;    // writing the current value changes nothing
        }
        int error = send(name, row.group().name(), offline);
        if (error == PDU.noError) {
            changed.computeIfAbsent(request, r -> new ConcurrentHashMap<>()).put(name, offline);
        }
        return error;
    }

    /**
     * Offline/online of this one member, on the one command path. An admin state is not part of
     * the configuration (in.mpathd: if_mpadm's offline lasts until online or a restart), so
     * nothing is saved to the -c file.
     */
    private int send(String name, String group, boolean offline) {
        return commands.send((offline ? "offline" : "online") + " in group " + group,
                offline ? new Command.Offline(name) : new Command.Online(name));
    }

    @Override
    public int undo(MemberRow row, Variable value, Object request) {
        Map<String, Boolean> mine = changed.get(request);
        Boolean wasOffline = mine == null ? null : mine.remove(row.member().name());
        if (wasOffline == null) {
            return PDU.noError;
        }
        return send(row.member().name(), row.group().name(), !wasOffline) == PDU.noError ? PDU.noError : PDU.undoFailed;
    }

    @Override
    public void cleanup(Object request) {
        changed.remove(request);
    }

    private static String adminName(Integer32 i) {
        return i.getValue() == OFFLINE ? "offline" : "online";
    }
}
