package net.ipmpd.yang.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import net.ipmpd.engine.config.ConfigLocation;
import net.ipmpd.engine.config.ConfigProblem;
import net.ipmpd.yang.IpmpQNames;
import net.ipmpd.yang.IpmpSchema;
import org.opendaylight.yangtools.yang.data.api.YangInstanceIdentifier.NodeIdentifier;
import org.opendaylight.yangtools.yang.data.api.schema.DataContainerChild;
import org.opendaylight.yangtools.yang.data.api.schema.DataContainerNode;
import org.opendaylight.yangtools.yang.data.api.schema.MapEntryNode;
import org.opendaylight.yangtools.yang.data.api.schema.MapNode;
import org.opendaylight.yangtools.yang.data.api.schema.NormalizedNodeContainer;
import org.opendaylight.yangtools.yang.model.api.ContainerSchemaNode;
import org.opendaylight.yangtools.yang.model.api.DataNodeContainer;
import org.opendaylight.yangtools.yang.model.api.DataSchemaNode;
import org.opendaylight.yangtools.yang.model.api.ElementCountConstraintAware;
import org.opendaylight.yangtools.yang.model.api.ListSchemaNode;
import org.opendaylight.yangtools.yang.model.api.MandatoryAware;

/**
 * The configuration nodes a valid instance must have (RFC 7950 sections 7.6.5 and 7.7.5): every
 * mandatory leaf, and at least min-elements entries in a list that exists. A datastore checks
 * the same, but reports a missing leaf only as untyped text without a path; this names each
 * one with its location and kind.
 */
final class RequiredNodes {
    private RequiredNodes() {
    }

    static List<ConfigProblem> find(IpmpSchema schema, DataContainerNode ipmp) {
        List<ConfigProblem> out = new ArrayList<>();
        if (schema.context().dataChildByName(IpmpQNames.IPMP) instanceof DataNodeContainer top) {
            walk(top, Optional.of(ipmp), ConfigPaths.ROOT, out);
        }
        return out;
    }

    /** {@code node} empty: a non-presence container that is absent, whose mandatory leaves still count. */
    private static void walk(DataNodeContainer schema, Optional<DataContainerNode> node, ConfigLocation at,
                             List<ConfigProblem> out) {
        for (DataSchemaNode child : schema.getChildNodes()) {
            if (!child.effectiveConfig().orElse(Boolean.TRUE)) {
                continue;   // state is not configuration
            }
            String name = child.getQName().getLocalName();
            Optional<DataContainerChild> data = node.flatMap(n -> n.findChildByArg(new NodeIdentifier(child.getQName())));
            if (child instanceof MandatoryAware m && m.isMandatory() && data.isEmpty()) {
                out.add(new ConfigProblem(at.child(name), ConfigProblem.Kind.MISSING, "the mandatory leaf " + name + " is missing"));
            }
            if (child instanceof ElementCountConstraintAware counted && node.isPresent()) {
                // an absent list has no entries: as few as can be (yangtools: a mandatory node)
                int min = counted.getElementCountConstraint().map(e -> e.getMinElements()).map(Integer::intValue).orElse(0);
                int size = data.orElse(null) instanceof NormalizedNodeContainer<?> c ? c.size() : 0;
                if (size < min) {
                    out.add(new ConfigProblem(at.child(name), ConfigProblem.Kind.TOO_FEW_ELEMENTS,
                            name + " has " + size + " entries; at least " + min + " needed"));
                }
            }
            if (child instanceof ListSchemaNode list && data.orElse(null) instanceof MapNode map) {
                for (MapEntryNode entry : map.body()) {
                    walk(list, Optional.of(entry), Locations.of(at, entry.name()), out);
                }
            } else if (child instanceof ContainerSchemaNode container) {
                Optional<DataContainerNode> inner = data.filter(DataContainerNode.class::isInstance).map(DataContainerNode.class::cast);
                if (inner.isPresent() || (!container.isPresenceContainer() && node.isPresent())) {
                    walk(container, inner, at.child(name), out);
                }
            }
        }
    }
}
