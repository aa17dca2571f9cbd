package net.ipmpd.agent.snmp;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;
import net.ipmpd.engine.state.EngineSnapshot;
import org.snmp4j.PDU;
import org.snmp4j.agent.DefaultMOScope;
import org.snmp4j.agent.MOScope;
import org.snmp4j.agent.mo.GenericManagedObject;
import org.snmp4j.agent.request.RequestStatus;
import org.snmp4j.agent.request.SubRequest;
import org.snmp4j.smi.Null;
import org.snmp4j.smi.OID;
import org.snmp4j.smi.Variable;
import org.snmp4j.smi.VariableBinding;

/**
 * A conceptual table (or a group of scalars: one row with index 0) whose rows are computed from
 * the engine's latest snapshot at request time. No copy of the state is kept: the only cache is
 * the sorted row index of one snapshot, rebuilt when {@link net.ipmpd.engine.IpmpService#snapshot()}
 * returns a different snapshot, so a GETNEXT costs a binary search, never a rebuild of a stale copy.
 * Nothing here blocks: snapshot() is a volatile read.
 *
 * @param <R> one row's source data, taken from a snapshot
 */
final class LiveTable<R> implements GenericManagedObject {

    /** One row: its index (the instance suffix after the column) and its data. */
    record Row<R>(OID index, R data) {
    }

    /**
     * A column. {@code value} returns null when the cell does not exist in that row.
     * {@code writer} is null for read-only columns.
     */
    record Column<R>(int id, Function<R, Variable> value, CellWriter<R> writer) {
        static <R> Column<R> readOnly(int id, Function<R, Variable> value) {
            return new Column<>(id, value, null);
        }
    }

    /** The SET side of a writable column; see the 2PC notes in {@link CellWriter}. */
    private record View<R>(EngineSnapshot snapshot, OID[] indexes, List<Row<R>> rows) {
    }

    private final OID entry;
    private final int prefixLength;
    private final List<Column<R>> columns;
    private final int[] columnIds;
    private final Supplier<EngineSnapshot> snapshots;
    private final Function<EngineSnapshot, List<Row<R>>> rowsOf;
    private final MOScope scope;
    private volatile View<R> view;

    LiveTable(OID entry, List<Column<R>> columns, Supplier<EngineSnapshot> snapshots,
              Function<EngineSnapshot, List<Row<R>>> rowsOf) {
        this.entry = new OID(entry);
        this.prefixLength = entry.size();
        this.columns = columns.stream().sorted(Comparator.comparingInt(Column::id)).toList();
        this.columnIds = this.columns.stream().mapToInt(Column::id).toArray();
        this.snapshots = snapshots;
        this.rowsOf = rowsOf;
        // The scope covers our columns only, so a scalar group and a table under one node
        // (ifNumber and ifTable) do not overlap in the server's registry.
        this.scope = new DefaultMOScope(IpmpMib.child(this.entry, columnIds[0]), true,
                IpmpMib.child(this.entry, columnIds[columnIds.length - 1] + 1), false);
    }

    OID entryOid() {
        return new OID(entry);
    }

    @Override
    public MOScope getScope() {
        return scope;
    }

    /** The rows of the latest snapshot, sorted by index. */
    List<Row<R>> rows() {
        return view().rows();
    }

    private View<R> view() {
        EngineSnapshot s = snapshots.get();
        View<R> v = view;
        if (v == null || v.snapshot() != s) {
            v = build(s);
            view = v;   // benign race: two threads may build the same view
        }
        return v;
    }

    private View<R> build(EngineSnapshot s) {
        List<Row<R>> rows = new ArrayList<>(rowsOf.apply(s));
        rows.sort(Comparator.comparing(Row::index));
        List<Row<R>> unique = new ArrayList<>(rows.size());
        for (Row<R> r : rows) {
            if (unique.isEmpty() || !unique.get(unique.size() - 1).index().equals(r.index())) {
                unique.add(r);
            }
        }
        OID[] idx = new OID[unique.size()];
        for (int i = 0; i < idx.length; i++) {
            idx[i] = unique.get(i).index();
        }
        return new View<>(s, idx, List.copyOf(unique));
    }

    @Override
    public OID find(MOScope range) {
        Cell<R> c = next(range, view());
        return c == null ? null : c.oid();
    }

    private record Cell<R>(OID oid, Column<R> column, Row<R> row, Variable value) {
    }

    /** The first existing cell in column-major order inside {@code range}, or null. */
    private Cell<R> next(MOScope range, View<R> v) {
        OID lower = range.getLowerBound();
        int colPos = 0;
        OID fromIndex = null;           // null: every row of the start column
        boolean fromIncluded = true;
        if (lower != null && lower.compareTo(entry) > 0) {
            if (!lower.startsWith(entry)) {
                return null;            // past our subtree (lower > entry and not under it)
            }
            if (lower.size() > prefixLength) {
                int c = lower.get(prefixLength);
                colPos = firstColumnAtOrAfter(c);
                if (colPos < columnIds.length && columnIds[colPos] == c) {
                    fromIndex = new OID(lower.getValue(), prefixLength + 1, lower.size() - prefixLength - 1);
                    fromIncluded = range.isLowerIncluded();
                }
            }
        }
        for (; colPos < columns.size(); colPos++) {
            Column<R> col = columns.get(colPos);
            int rowPos = 0;
            if (fromIndex != null) {
                int found = Arrays.binarySearch(v.indexes(), fromIndex);
                rowPos = found >= 0 ? (fromIncluded ? found : found + 1) : -found - 1;
                fromIndex = null;
            }
            for (; rowPos < v.rows().size(); rowPos++) {
                Row<R> row = v.rows().get(rowPos);
                Variable value = col.value().apply(row.data());
                if (value == null) {
                    continue;
                }
                OID oid = instance(col.id(), row.index());
                if (!belowUpper(range, oid)) {
                    return null;
                }
                return new Cell<>(oid, col, row, value);
            }
        }
        return null;
    }

    private static boolean belowUpper(MOScope range, OID oid) {
        OID upper = range.getUpperBound();
        if (upper == null) {
            return true;
        }
        int cmp = oid.compareTo(upper);
        return cmp < 0 || (cmp == 0 && range.isUpperIncluded());
    }

    private int firstColumnAtOrAfter(int id) {
        int i = Arrays.binarySearch(columnIds, id);
        return i >= 0 ? i : -i - 1;
    }

    private OID instance(int column, OID index) {
        int[] v = new int[prefixLength + 1 + index.size()];
        System.arraycopy(entry.getValue(), 0, v, 0, prefixLength);
        v[prefixLength] = column;
        System.arraycopy(index.getValue(), 0, v, prefixLength + 1, index.size());
        return new OID(v);
    }

    /** The column and row an exact instance OID names, or null (sets the exception value). */
    private Cell<R> exact(VariableBinding vb, View<R> v) {
        OID oid = vb.getOid();
        if (!oid.startsWith(entry) || oid.size() <= prefixLength + 1) {
            vb.setVariable(Null.noSuchObject);
            return null;
        }
        int pos = Arrays.binarySearch(columnIds, oid.get(prefixLength));
        if (pos < 0) {
            vb.setVariable(Null.noSuchObject);
            return null;
        }
        OID index = new OID(oid.getValue(), prefixLength + 1, oid.size() - prefixLength - 1);
        int r = Arrays.binarySearch(v.indexes(), index);
        Column<R> col = columns.get(pos);
        Variable value = r < 0 ? null : col.value().apply(v.rows().get(r).data());
        if (value == null) {
            vb.setVariable(Null.noSuchInstance);
            return null;
        }
        return new Cell<>(oid, col, v.rows().get(r), value);
    }

    @Override
    public void get(SubRequest<?> request) {
        VariableBinding vb = request.getVariableBinding();
        Cell<R> c = exact(vb, view());
        if (c != null) {
            vb.setVariable(c.value());
        }
        request.completed();
    }

    @Override
    @SuppressWarnings("deprecation")   // the interface still requires it; the filtered variant is the one used
    public boolean next(SubRequest<?> request) {
        return next(request, null);
    }

    /** GETNEXT/GETBULK: the first cell after the request's lower bound that {@code accessible} (the VACM view) allows. */
    @Override
    public boolean next(SubRequest<?> request, Function<OID, Boolean> accessible) {
        View<R> v = view();
        MOScope range = request.getScope();
        Cell<R> c = next(range, v);
        while (c != null && accessible != null && !accessible.apply(c.oid())) {
            range = new DefaultMOScope(c.oid(), false, range.getUpperBound(), range.isUpperIncluded());
            c = next(range, v);
        }
        if (c == null) {
            return false;
        }
        VariableBinding vb = request.getVariableBinding();
        vb.setOid(c.oid());
        vb.setVariable(c.value());
        request.completed();
        return true;
    }

    // SET: the agent's two-phase commit (prepare, then commit or undo, then cleanup).

    @Override
    public void prepare(SubRequest<?> request) {
        RequestStatus status = request.getStatus();
        VariableBinding vb = request.getVariableBinding();
        Cell<R> c = exact(new VariableBinding(vb.getOid()), view());
        if (c == null) {
            // Rows come from the engine's configuration; SNMP cannot create them (RFC 3416 4.2.5).
            status.setErrorStatus(columnExists(vb.getOid()) && writable(vb.getOid()) ? PDU.noCreation : PDU.notWritable);
            return;
        }
        if (c.column().writer() == null) {
            status.setErrorStatus(PDU.notWritable);
            return;
        }
        request.setUserObject(c.row().data());
        int error = c.column().writer().prepare(c.row().data(), vb.getVariable(), request.getRequest());
        if (error != PDU.noError) {
            status.setErrorStatus(error);
            return;
        }
        status.setPhaseComplete(true);
    }

    private boolean columnExists(OID oid) {
        return oid.startsWith(entry) && oid.size() > prefixLength
                && Arrays.binarySearch(columnIds, oid.get(prefixLength)) >= 0;
    }

    private boolean writable(OID oid) {
        return columns.get(Arrays.binarySearch(columnIds, oid.get(prefixLength))).writer() != null;
    }

    @SuppressWarnings("unchecked")
    private CellWriter<R> writerOf(SubRequest<?> request) {
        return columns.get(Arrays.binarySearch(columnIds, request.getVariableBinding().getOid().get(prefixLength)))
                .writer();
    }

    @Override
    @SuppressWarnings("unchecked")
    public void commit(SubRequest<?> request) {
        R row = (R) request.getUserObject();
        int error = writerOf(request).commit(row, request.getVariableBinding().getVariable(), request.getRequest());
        if (error != PDU.noError) {
            request.getStatus().setErrorStatus(error);
            return;
        }
        request.setUndoValue(Boolean.TRUE);   // marks "this sub-request changed something"
        request.getStatus().setPhaseComplete(true);
    }

    @Override
    @SuppressWarnings("unchecked")
    public void undo(SubRequest<?> request) {
        if (request.getUndoValue() != null) {
            R row = (R) request.getUserObject();
            int error = writerOf(request).undo(row, request.getVariableBinding().getVariable(), request.getRequest());
            if (error != PDU.noError) {
                request.getStatus().setErrorStatus(PDU.undoFailed);
                return;
            }
        }
        request.getStatus().setPhaseComplete(true);
    }

    @Override
    public void cleanup(SubRequest<?> request) {
        if (columnExists(request.getVariableBinding().getOid()) && writable(request.getVariableBinding().getOid())) {
            writerOf(request).cleanup(request.getRequest());
        }
        request.setUndoValue(null);
        request.setUserObject(null);
        request.getStatus().setPhaseComplete(true);
    }

    @Override
    public String toString() {
        return "LiveTable[" + entry + "]";
    }
}
