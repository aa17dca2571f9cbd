package net.ipmpd.agent.netconf;

import java.util.ArrayList;
import java.util.List;
import org.opendaylight.yangtools.yang.data.api.YangInstanceIdentifier;
import org.opendaylight.yangtools.yang.data.api.schema.DistinctNodeContainer;
import org.opendaylight.yangtools.yang.data.tree.api.DataTreeCandidate;
import org.opendaylight.yangtools.yang.data.tree.api.DataTreeCandidateNode;

/**
 * The {@code <edit>} records of RFC 6470 netconf-config-change, read from what the data tree
 * actually changed (so an edit-config, a commit, a copy-config and a rollback are all described
 * the same way): each topmost node that was created, replaced or deleted.
 */
final class ChangeRecords {
    private ChangeRecords() {
    }

    static List<DatastoreEvents.Edit> of(DataTreeCandidate candidate) {
        List<DatastoreEvents.Edit> out = new ArrayList<>();
        walk(candidate.getRootPath(), candidate.getRootNode(), out);
        return out;
    }

    private static void walk(YangInstanceIdentifier path, DataTreeCandidateNode node, List<DatastoreEvents.Edit> out) {
        switch (node.modificationType()) {
            case UNMODIFIED -> { }
            case SUBTREE_MODIFIED -> node.childNodes().forEach(c -> walk(path.node(c.name()), c, out));
            case WRITE -> {
                if (node.dataBefore() == null) {
                    out.add(new DatastoreEvents.Edit(path, "create"));
                } else if (node.dataAfter() instanceof DistinctNodeContainer<?, ?> && !node.childNodes().isEmpty()) {
                    // a container or list written whole (commit, copy-config, rollback): name what differs inside
                    node.childNodes().forEach(c -> walk(path.node(c.name()), c, out));
                } else if (!node.dataBefore().equals(node.dataAfter())) {
                    out.add(new DatastoreEvents.Edit(path, "replace"));
                }
            }
            case APPEARED -> out.add(new DatastoreEvents.Edit(path, "create"));
            case DELETE, DISAPPEARED -> out.add(new DatastoreEvents.Edit(path, "delete"));
        }
    }
}
