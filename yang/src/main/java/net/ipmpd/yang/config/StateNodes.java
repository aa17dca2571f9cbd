package net.ipmpd.yang.config;

import java.util.ArrayList;
import java.util.List;
import net.ipmpd.engine.config.ConfigLocation;
import net.ipmpd.engine.config.ConfigProblem;
import net.ipmpd.yang.IpmpQNames;
import net.ipmpd.yang.IpmpSchema;
import org.opendaylight.yangtools.yang.data.api.schema.DataContainerChild;
import org.opendaylight.yangtools.yang.data.api.schema.DataContainerNode;
import org.opendaylight.yangtools.yang.data.api.schema.MapEntryNode;
import org.opendaylight.yangtools.yang.data.api.schema.MapNode;
import org.opendaylight.yangtools.yang.model.api.DataNodeContainer;
import org.opendaylight.yangtools.yang.model.api.DataSchemaNode;

/**
 * Finds operational state ({@code config false}) in data offered as configuration, each with its
 * own path: a datastore only says the first one is "not a valid child", and without the path.
 */
final class StateNodes {
    private StateNodes() {
    }

    static List<ConfigProblem> find(IpmpSchema schema, DataContainerNode ipmp) {
        List<ConfigProblem> out = new ArrayList<>();
        if (schema.context().dataChildByName(IpmpQNames.IPMP) instanceof DataNodeContainer top) {
            walk(top, ipmp, ConfigPaths.ROOT, out);
        }
        return out;
    }

    private static void walk(DataNodeContainer schema, DataContainerNode node, ConfigLocation path, List<ConfigProblem> out) {
        for (DataContainerChild child : node.body()) {
            String name = child.name().getNodeType().getLocalName();
            DataSchemaNode cs = schema.dataChildByName(child.name().getNodeType());
            if (cs == null) {
                continue;   // the parsers already refuse unknown nodes
            }
            ConfigLocation childPath = path.child(name);
            if (!cs.effectiveConfig().orElse(Boolean.TRUE)) {
                out.add(new ConfigProblem(childPath, ConfigProblem.Kind.NOT_CONFIGURATION, name + " is operational state (config false) and cannot be configured"));
            } else if (child instanceof MapNode map && cs instanceof DataNodeContainer list) {
                for (MapEntryNode entry : map.body()) {
                    walk(list, entry, Locations.of(path, entry.name()), out);
                }
            } else if (child instanceof DataContainerNode c && cs instanceof DataNodeContainer container) {
                walk(container, c, childPath, out);
            }
        }
    }
}
