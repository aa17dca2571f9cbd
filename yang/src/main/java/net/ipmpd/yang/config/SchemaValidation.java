package net.ipmpd.yang.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import net.ipmpd.engine.config.ConfigProblem;
import net.ipmpd.yang.IpmpQNames;
import net.ipmpd.yang.IpmpSchema;
import org.opendaylight.yangtools.yang.data.api.YangInstanceIdentifier;
import org.opendaylight.yangtools.yang.data.api.schema.ContainerNode;
import org.opendaylight.yangtools.yang.data.tree.api.CursorAwareDataTreeModification;
import org.opendaylight.yangtools.yang.data.tree.api.DataTree;
import org.opendaylight.yangtools.yang.data.tree.api.DataTreeConfiguration;
import org.opendaylight.yangtools.yang.data.tree.api.DataTreeModification;
import org.opendaylight.yangtools.yang.data.tree.api.DataValidationFailedException;
import org.opendaylight.yangtools.yang.data.tree.api.RequiredElementCountException;
import org.opendaylight.yangtools.yang.data.tree.api.TreeType;
import org.opendaylight.yangtools.yang.data.tree.impl.ReferenceDataTreeFactory;

/**
 * Checks a parsed ipmp container the way a NETCONF running datastore would: in a CONFIGURATION
 * DataTree (state nodes are refused) with mandatory-node and min-elements validation. Unique
 * indexes stay off: the module has no {@code unique}, and yangtools 14.0.23 mishandles it on
 * optional leaves.
 */
public final class SchemaValidation {
    private static final YangInstanceIdentifier IPMP = YangInstanceIdentifier.of(IpmpQNames.IPMP);

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

    /**
     * Every mandatory leaf missing and every list below its min-elements in {@code ipmp}, each
     * with its location and kind ({@link ConfigProblem.Kind#MISSING},
     * {@link ConfigProblem.Kind#TOO_FEW_ELEMENTS}).
     */
    public static List<ConfigProblem> requiredNodes(IpmpSchema schema, ContainerNode ipmp) {
        return RequiredNodes.find(schema, ipmp);
    }

    /**
     * The ipmp container as {@code mod} (made on a snapshot of {@code tree}) would leave it,
     * without the datastore's checks: when the datastore refuses a change without saying where
     * (a missing mandatory leaf is untyped text in yangtools 14), the content is read this way
     * and {@link #requiredNodes} names the place. Empty when there is no ipmp container.
     */
    public static Optional<ContainerNode> contentWithoutChecks(DataTree tree, DataTreeModification mod) {
        DataTree lenient = new ReferenceDataTreeFactory().create(new DataTreeConfiguration.Builder(TreeType.CONFIGURATION)
                .setMandatoryNodesValidation(false).setUniqueIndexes(false).build(), IpmpSchema.shared().context());
        var replay = (CursorAwareDataTreeModification) lenient.takeSnapshot().newModification();
        tree.takeSnapshot().readNode(IPMP).ifPresent(before -> replay.write(IPMP, before));
        try (var cursor = replay.openCursor()) {
            mod.applyToCursor(cursor);
        }
        return replay.readNode(IPMP).filter(ContainerNode.class::isInstance).map(ContainerNode.class::cast);
    }

    /** The schema problems of {@code ipmp}, or none when a datastore would accept it. */
    public static Optional<ConfigProblem> validate(IpmpSchema schema, ContainerNode ipmp) {
        List<ConfigProblem> found = new ArrayList<>(StateNodes.find(schema, ipmp));
        found.addAll(RequiredNodes.find(schema, ipmp));
        if (!found.isEmpty()) {
            return Optional.of(found.getFirst());
        }
        DataTree tree = newConfigurationTree(schema);
        DataTreeModification mod = tree.takeSnapshot().newModification();
        try {
            mod.write(IPMP, ipmp);
            mod.ready();
            tree.validate(mod);
            return Optional.empty();
        } catch (RequiredElementCountException e) {
            return Optional.of(new ConfigProblem(Locations.of(e.getPath()), ConfigProblem.Kind.TOO_FEW_ELEMENTS, YangErrors.plain(e)));
        } catch (DataValidationFailedException e) {
            return Optional.of(new ConfigProblem(Locations.of(e.getPath()), YangErrors.plain(e)));
        } catch (RuntimeException e) {
            // a check of the datastore that the walks above do not know (none in this module today)
            return Optional.of(new ConfigProblem(ConfigPaths.ROOT, YangErrors.plain(e)));
        }
    }
}
