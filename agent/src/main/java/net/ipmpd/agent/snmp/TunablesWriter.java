package net.ipmpd.agent.snmp;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;
import net.ipmpd.engine.Command;
import net.ipmpd.engine.IpmpService;
import net.ipmpd.engine.config.EngineConfig;
import net.ipmpd.engine.state.EngineSnapshot;
import org.snmp4j.PDU;
import org.snmp4j.smi.Integer32;
import org.snmp4j.smi.UnsignedInteger32;
import org.snmp4j.smi.Variable;

/**
 * The writable global tunables (in.mpathd's /etc/default/mpathd keys). All tunables written in one
 * SET request become one configuration edit, applied whole or not at all to the configuration the
 * engine runs when the edit reaches it: it changes only the tunables the request sets, so a change
 * another manager made meanwhile is kept. The edit is saved to the -c file: an SNMP SET survives
 * a restart.
 */
final class TunablesWriter {
    /** One tunable: how to set it to a value, and how to set it back to what another configuration had. */
    private record Change(String description, UnaryOperator<EngineConfig> set, Restore restore) {
    }

    private interface Restore {
        EngineConfig from(EngineConfig before, EngineConfig c);
    }

    /** What one request wants changed, and what happened to it. */
    private static final class Pending {
        final List<Change> changes = new ArrayList<>();
        boolean committed;
        int result = PDU.noError;
        /** The configuration the engine ran just before the edit (set on the engine thread), for undo. */
        volatile EngineConfig before;
        boolean applied;
    }

    private final IpmpService ipmp;
    private final SetCommands commands;
    private final Map<Object, Pending> pending = new ConcurrentHashMap<>();

    TunablesWriter(IpmpService ipmp, Duration timeout) {
        this.ipmp = ipmp;
        this.commands = new SetCommands(ipmp, timeout);
    }

    CellWriter<EngineSnapshot> failureDetectionTime() {
        return new Writer() {
            @Override
            public int prepare(EngineSnapshot row, Variable value, Object request) {
                if (!(value instanceof UnsignedInteger32 u)) {
                    return PDU.wrongType;
                }
                long ms = u.getValue();
                // IPMP-MIB: Unsigned32 (100..2147483647); in.mpathd MIN_FAILURE_DETECTION_TIME is 100 ms.
                if (ms < EngineConfig.MIN_FDT_MS || ms > Integer.MAX_VALUE) {
                    return PDU.wrongValue;
                }
                add(request, new Change("FAILURE_DETECTION_TIME=" + ms, c -> c.withFailureDetectionTimeMs(ms),
                        (before, c) -> c.withFailureDetectionTimeMs(before.failureDetectionTimeMs())));
                return PDU.noError;
            }
        };
    }

    CellWriter<EngineSnapshot> failback() {
        return truthWriter("FAILBACK", EngineConfig::withFailback, EngineConfig::failback);
    }

    CellWriter<EngineSnapshot> trackInterfacesOnlyWithGroups() {
        return truthWriter("TRACK_INTERFACES_ONLY_WITH_GROUPS", EngineConfig::withTrackInterfacesOnlyWithGroups,
                EngineConfig::trackInterfacesOnlyWithGroups);
    }

    private interface BoolEdit {
        EngineConfig apply(EngineConfig c, boolean value);
    }

    private CellWriter<EngineSnapshot> truthWriter(String key, BoolEdit edit, java.util.function.Predicate<EngineConfig> get) {
        return new Writer() {
            @Override
            public int prepare(EngineSnapshot row, Variable value, Object request) {
                if (!(value instanceof Integer32 i)) {
                    return PDU.wrongType;
                }
                if (i.getValue() != 1 && i.getValue() != 2) {
                    return PDU.wrongValue;   // TruthValue: true(1), false(2)
                }
                boolean on = i.getValue() == 1;
                add(request, new Change(key + "=" + (on ? "yes" : "no"), c -> edit.apply(c, on),
                        (before, c) -> edit.apply(c, get.test(before))));
                return PDU.noError;
            }
        };
    }

    private void add(Object request, Change change) {
        Pending p = pending.computeIfAbsent(request, r -> new Pending());
        synchronized (p) {
            p.changes.add(change);
        }
    }

    /** Commit, undo and cleanup are shared: the first commit of a request sends every edit. */
    private abstract class Writer implements CellWriter<EngineSnapshot> {
        @Override
        public int commit(EngineSnapshot row, Variable value, Object request) {
            Pending p = pending.get(request);
            if (p == null) {
                return PDU.commitFailed;
            }
            synchronized (p) {
                if (!p.committed) {
                    p.committed = true;
                    List<Change> changes = List.copyOf(p.changes);
                    UnaryOperator<EngineConfig> all = c -> {
                        for (Change ch : changes) {
                            c = ch.set().apply(c);
                        }
                        return c;
                    };
                    EngineConfig seen = ipmp.snapshot().config();
                    if (!all.apply(seen).equals(seen)) {   // writing the values that run changes nothing
                        p.result = commands.send("set of global tunables", new Command.EditConfig(describe(changes),
                                c -> {
                                    p.before = c;   // runs once, on the engine thread, on the configuration then running
                                    return all.apply(c);
                                }, Command.Save.TO_FILE));
                        p.applied = p.result == PDU.noError;
                    }
                }
                return p.result;
            }
        }

        /** Sets back only the tunables this request changed, to what they were just before it. */
        @Override
        public int undo(EngineSnapshot row, Variable value, Object request) {
            Pending p = pending.get(request);
            if (p == null) {
                return PDU.noError;
            }
            synchronized (p) {
                if (!p.applied || p.before == null) {
                    return PDU.noError;
                }
                p.applied = false;
                EngineConfig before = p.before;
                List<Change> changes = List.copyOf(p.changes);
                int r = commands.send("undo of global tunables", new Command.EditConfig("undo " + describe(changes), c -> {
                    for (Change ch : changes) {
                        c = ch.restore().from(before, c);
                    }
                    return c;
                }, Command.Save.TO_FILE));
                return r == PDU.noError ? PDU.noError : PDU.undoFailed;
            }
        }

        @Override
        public void cleanup(Object request) {
            pending.remove(request);
        }
    }

    private static String describe(List<Change> changes) {
        return String.join(" ", changes.stream().map(Change::description).toList());
    }
}
