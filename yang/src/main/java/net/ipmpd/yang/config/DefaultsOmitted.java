package net.ipmpd.yang.config;

import java.util.Objects;
import java.util.Optional;
import org.opendaylight.yangtools.yang.common.QName;
import org.opendaylight.yangtools.yang.data.api.schema.ContainerNode;
import org.opendaylight.yangtools.yang.data.api.schema.DataContainerChild;
import org.opendaylight.yangtools.yang.data.api.schema.LeafNode;
import org.opendaylight.yangtools.yang.data.api.schema.MapEntryNode;
import org.opendaylight.yangtools.yang.data.api.schema.SystemMapNode;
import org.opendaylight.yangtools.yang.data.api.schema.UserMapNode;
import org.opendaylight.yangtools.yang.data.spi.node.ImmutableNodes;
import org.opendaylight.yangtools.yang.model.api.ContainerSchemaNode;
import org.opendaylight.yangtools.yang.model.api.DataNodeContainer;
import org.opendaylight.yangtools.yang.model.api.DataSchemaNode;
import org.opendaylight.yangtools.yang.model.api.LeafSchemaNode;
import org.opendaylight.yangtools.yang.model.api.ListSchemaNode;

/**
 * The configuration as an operator writes it: a leaf whose value is its YANG default is left
 * out, and so is a non-presence container left empty by that, so a file ipmpd saves (a NETCONF
 * commit, an SNMP SET) reads like the one the operator wrote, not like a dump of every default.
 * List keys and presence containers always stay: they carry meaning even when empty.
 */
final class DefaultsOmitted {
    private DefaultsOmitted() {
    }

    /** The top-level container without its defaults; the container itself always stays. */
    static ContainerNode of(ContainerNode root, ContainerSchemaNode schema) {
        return container(root, schema, true).orElseThrow();
    }

    private static Optional<ContainerNode> container(ContainerNode node, ContainerSchemaNode schema, boolean keepEmpty) {
        var out = ImmutableNodes.newContainerBuilder().withNodeIdentifier(node.name());
        int kept = copyChildren(node.body(), schema, null, out::withChild);
        return kept > 0 || keepEmpty || schema.isPresenceContainer() ? Optional.of(out.build()) : Optional.empty();
    }

    private static MapEntryNode entry(MapEntryNode node, ListSchemaNode schema) {
        var out = ImmutableNodes.newMapEntryBuilder().withNodeIdentifier(node.name());
        copyChildren(node.body(), schema, schema, out::withChild);
        return out.build();
    }

    /** Copies the children that say something; returns how many. */
    private static int copyChildren(Iterable<DataContainerChild> children, DataNodeContainer schema, ListSchemaNode list,
            java.util.function.Consumer<DataContainerChild> sink) {
        int kept = 0;
        for (DataContainerChild child : children) {
            QName name = child.name().getNodeType();
            DataSchemaNode childSchema = schema.dataChildByName(name);
            Optional<? extends DataContainerChild> copy = switch (child) {
                case LeafNode<?> leaf when childSchema instanceof LeafSchemaNode ls
                        && (list == null || !list.getKeyDefinition().contains(name)) && isDefault(leaf, ls) -> Optional.empty();
                case ContainerNode c when childSchema instanceof ContainerSchemaNode cs -> container(c, cs, false);
                case UserMapNode m when childSchema instanceof ListSchemaNode ls -> {
                    var b = ImmutableNodes.newUserMapBuilder().withNodeIdentifier(m.name());
                    m.body().forEach(e -> b.withChild(entry(e, ls)));
                    yield Optional.of(b.build());
                }
                case SystemMapNode m when childSchema instanceof ListSchemaNode ls -> {
                    var b = ImmutableNodes.newSystemMapBuilder().withNodeIdentifier(m.name());
                    m.body().forEach(e -> b.withChild(entry(e, ls)));
                    yield Optional.of(b.build());
                }
                default -> Optional.of(child);
            };
            if (copy.isPresent()) {
                sink.accept(copy.get());
                kept++;
            }
        }
        return kept;
    }

    /** The YANG default of the leaf's type, compared as its canonical text (booleans, numbers). */
    private static boolean isDefault(LeafNode<?> leaf, LeafSchemaNode schema) {
        Optional<? extends Object> def = schema.getType().getDefaultValue();
        return def.isPresent() && Objects.equals(String.valueOf(def.get()), String.valueOf(leaf.body()));
    }
}
