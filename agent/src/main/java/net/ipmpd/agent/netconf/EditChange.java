package net.ipmpd.agent.netconf;

import org.opendaylight.yangtools.yang.data.api.YangInstanceIdentifier;
import org.opendaylight.yangtools.yang.data.api.schema.NormalizedNode;

/** One subtree of an edit-config with its own operation, cut out of the {@code <config>}. */
record EditChange(YangInstanceIdentifier path, EditOperation operation, NormalizedNode node) {
}
