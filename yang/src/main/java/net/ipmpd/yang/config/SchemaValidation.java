package net.ipmpd.yang.config;

import java.util.Optional;
import net.ipmpd.engine.config.ConfigProblem;
import net.ipmpd.yang.IpmpQNames;
import net.ipmpd.yang.IpmpSchema;
import org.opendaylight.yangtools.yang.data.api.YangInstanceIdentifier;
import org.opendaylight.yangtools.yang.data.api.schema.ContainerNode;
import org.opendaylight.yangtools.yang.data.tree.api.DataTree;
import org.opendaylight.yangtools.yang.data.tree.api.DataTreeConfiguration;
import org.opendaylight.yangtools.yang.data.tree.api.DataTreeModification;
import org.opendaylight.yangtools.yang.data.tree.api.DataValidationFailedException;
import org.opendaylight.yangtools.yang.data.tree.api.TreeType;
import org.opendaylight.yangtools.yang.data.tree.impl.ReferenceDataTreeFactory;

/**
 * Checks a parsed ipmp container the way a NETCONF running datastore would: in a CONFIGURATION
 * DataTree (state nodes are refused) with mandatory-node and min-elements validation. Unique
 * indexes stay off: the module has no {@code unique}, and yangtools 14.0.23 mishandles it on
 * optional leaves.
 */
public final class SchemaValidation {
    private SchemaValidation() {
    }

    /** A new empty configuration datastore for the ipmp schema. */
    public static DataTree newConfigurationTree(IpmpSchema schema) {
        var config = new DataTreeConfiguration.Builder(TreeType.CONFIGURATION)
                .setMandatoryNodesValidation(true)
                .setUniqueIndexes(false)
                .build();
        return new ReferenceDataTreeFactory().create(config, schema.context());
    }

    /** A new empty operational datastore (config and state nodes) for the ipmp schema, as NETCONF get serves. */
    public static DataTree newOperationalTree(IpmpSchema schema) {
        return new ReferenceDataTreeFactory().create(DataTreeConfiguration.DEFAULT_OPERATIONAL, schema.context());
    }

    /** The first schema problem of {@code ipmp}, or empty when a datastore would accept it. */
    public static Optional<ConfigProblem> validate(IpmpSchema schema, ContainerNode ipmp) {
        DataTree tree = newConfigurationTree(schema);
        DataTreeModification mod = tree.takeSnapshot().newModification();
        YangInstanceIdentifier path = YangInstanceIdentifier.of(IpmpQNames.IPMP);
        try {
            mod.write(path, ipmp);
            mod.ready();
            tree.validate(mod);
            return Optional.empty();
        } catch (DataValidationFailedException e) {
            return Optional.of(new ConfigProblem(YangErrors.path(e.getPath()), YangErrors.plain(e)));
        } catch (RuntimeException e) {
            return Optional.of(new ConfigProblem(ConfigPaths.ROOT, YangErrors.plain(e)));
        }
    }
}
