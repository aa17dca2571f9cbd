package net.ipmpd.agent.netconf;

import java.util.Set;
import org.opendaylight.yangtools.yang.common.QName;
import org.opendaylight.yangtools.yang.data.api.YangInstanceIdentifier;
import org.opendaylight.yangtools.yang.data.api.schema.DistinctNodeContainer;
import org.opendaylight.yangtools.yang.data.api.schema.LeafNode;
import org.opendaylight.yangtools.yang.data.api.schema.MapEntryNode;
import org.opendaylight.yangtools.yang.data.api.schema.NormalizedNode;

/** One subtree of an edit-config with its own operation, cut out of the {@code <config>}. */
record EditChange(YangInstanceIdentifier path, EditOperation operation, NormalizedNode node) {

    /**
     * The first data node this change writes, below the containers and list entries that only
     * lead to it (a list entry's keys lead too): {@code /ipmp/group[name='g0']/member[interface='eth2']}
     * for a merge that adds a member, where {@link #path()} is {@code /ipmp}.
     */
    YangInstanceIdentifier firstNodeWritten() {
        YangInstanceIdentifier at = path;
        NormalizedNode n = node;
        while (n instanceof DistinctNodeContainer<?, ?> c) {
            Set<QName> keys = n instanceof MapEntryNode e ? e.name().keySet() : Set.of();
            NormalizedNode next = null;
            for (Object child : c.body()) {
                NormalizedNode candidate = (NormalizedNode) child;
                if (!(candidate instanceof LeafNode<?> && keys.contains(candidate.name().getNodeType()))) {
                    next = candidate;
                    break;
                }
            }
            if (next == null) {
                break;
            }
            at = at.node(next.name());
            n = next;
        }
        return at;
    }
}
