package net.ipmpd.agent.snmp;

import org.snmp4j.smi.Variable;

/**
 * The SET side of a writable column, in snmp4j-agent's two-phase commit (RFC 3416 4.2.5):
 * {@code prepare} checks type, value and consistency without changing anything (wrongType,
 * wrongValue, inconsistentValue); {@code commit} applies the change through the engine
 * (commitFailed when the engine refuses: the engine guarantees a refused command changed
 * nothing); {@code undo} reverts a committed change when another variable of the same request
 * failed; {@code cleanup} runs last in every case. {@code request} identifies the SNMP request, so
 * writers can batch several variables of one request into one engine command.
 *
 * @param <R> the row data
 */
interface CellWriter<R> {
    int prepare(R row, Variable value, Object request);

    int commit(R row, Variable value, Object request);

    int undo(R row, Variable value, Object request);

    void cleanup(Object request);
}
