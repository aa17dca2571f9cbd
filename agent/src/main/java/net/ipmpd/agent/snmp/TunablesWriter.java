package net.ipmpd.agent.snmp;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;
import net.ipmpd.engine.CommandResult;
import net.ipmpd.engine.IpmpService;
import net.ipmpd.engine.config.EngineConfig;
import net.ipmpd.engine.event.EngineEvent;
import net.ipmpd.engine.state.EngineSnapshot;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.snmp4j.PDU;
import org.snmp4j.smi.Integer32;
import org.snmp4j.smi.UnsignedInteger32;
import org.snmp4j.smi.Variable;

/**
 * The writable global tunables (in.mpathd's /etc/default/mpathd keys). All tunables written in one
 * SET request become one ConfigChanged event, applied whole or not at all, built from the
 * configuration of the latest snapshot.
 */
final class TunablesWriter {
    private static final Logger LOG = LogManager.getLogger(TunablesWriter.class);

    /** What one request wants changed, and what happened to it. */
    private static final class Pending {
        UnaryOperator<EngineConfig> edit = UnaryOperator.identity();
        boolean committed;
        int result = PDU.noError;
        EngineConfig before;
        boolean applied;
    }

    private final IpmpService ipmp;
    private final Duration timeout;
    private final Map<Object, Pending> pending = new ConcurrentHashMap<>();

    TunablesWriter(IpmpService ipmp, Duration timeout) {
        this.ipmp = ipmp;
        this.timeout = timeout;
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
                add(request, c -> c.withFailureDetectionTimeMs(ms));
                return PDU.noError;
            }
        };
    }

    CellWriter<EngineSnapshot> failback() {
        return truthWriter(EngineConfig::withFailback);
    }

    CellWriter<EngineSnapshot> trackInterfacesOnlyWithGroups() {
        return truthWriter(EngineConfig::withTrackInterfacesOnlyWithGroups);
    }

    private interface BoolEdit {
        EngineConfig apply(EngineConfig c, boolean value);
    }

    private CellWriter<EngineSnapshot> truthWriter(BoolEdit edit) {
        return new Writer() {
            @Override
            public int prepare(EngineSnapshot row, Variable value, Object request) {
                if (!(value instanceof Integer32 i)) {
                    return PDU.wrongType;
                }
                if (i.getValue() != 1 && i.getValue() != 2) {
                    return PDU.wrongValue;   // TruthValue: true(1), false(2)
                }
                add(request, c -> edit.apply(c, i.getValue() == 1));
                return PDU.noError;
            }
        };
    }

    private void add(Object request, UnaryOperator<EngineConfig> edit) {
        Pending p = pending.computeIfAbsent(request, r -> new Pending());
        UnaryOperator<EngineConfig> previous = p.edit;
        p.edit = c -> edit.apply(previous.apply(c));
    }

    /** Commit, undo and cleanup are shared: the first commit of a request sends every edit. */
    private abstract class Writer implements CellWriter<EngineSnapshot> {
        @Override
        public int commit(EngineSnapshot row, Variable value, Object request) {
            Pending p = pending.get(request);
            if (p == null) {
                return PDU.commitFailed;
            }
            if (!p.committed) {
                p.committed = true;
                p.before = ipmp.snapshot().config();
                EngineConfig after = p.edit.apply(p.before);
                if (!after.equals(p.before)) {
                    p.result = send(after, "set");
                    p.applied = p.result == PDU.noError;
                }
            }
            return p.result;
        }

        @Override
        public int undo(EngineSnapshot row, Variable value, Object request) {
            Pending p = pending.get(request);
            if (p == null || !p.applied) {
                return PDU.noError;
            }
            p.applied = false;
            return send(p.before, "undo") == PDU.noError ? PDU.noError : PDU.undoFailed;
        }

        @Override
        public void cleanup(Object request) {
            pending.remove(request);
        }
    }

    private int send(EngineConfig config, String what) {
        Optional<CommandResult> result = EngineCommands.submit(ipmp, new EngineEvent.ConfigChanged(config), timeout);
        String tunables = "FAILURE_DETECTION_TIME=" + config.failureDetectionTimeMs() + " FAILBACK="
                + (config.failback() ? "yes" : "no") + " TRACK_INTERFACES_ONLY_WITH_GROUPS="
                + (config.trackInterfacesOnlyWithGroups() ? "yes" : "no");
        if (result.isEmpty()) {
            LOG.warn("SNMP {} of global tunables ({}): the engine did not answer within {} ms", what, tunables,
                    timeout.toMillis());
            return PDU.undoFailed;
        }
        if (result.get() instanceof CommandResult.Refused r) {
            LOG.info("SNMP {} of global tunables ({}) refused by the engine: {}", what, tunables, r.message());
            return PDU.commitFailed;
        }
        LOG.info("SNMP {} of global tunables: {}", what, tunables);
        return PDU.noError;
    }
}
