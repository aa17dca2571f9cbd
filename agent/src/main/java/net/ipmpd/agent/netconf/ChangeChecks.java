package net.ipmpd.agent.netconf;

import java.util.List;
import java.util.Optional;
import net.ipmpd.engine.config.ConfigLocation;
import net.ipmpd.engine.config.ConfigProblem;
import net.ipmpd.engine.config.EngineConfig;
import net.ipmpd.yang.IpmpQNames;
import net.ipmpd.yang.IpmpSchema;
import net.ipmpd.yang.config.ConfigCodec;
import net.ipmpd.yang.config.Locations;
import net.ipmpd.yang.config.SchemaValidation;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.opendaylight.yangtools.yang.data.api.YangInstanceIdentifier;
import org.opendaylight.yangtools.yang.data.api.YangInstanceIdentifier.NodeIdentifier;
import org.opendaylight.yangtools.yang.data.api.YangNetconfError;
import org.opendaylight.yangtools.yang.data.api.YangNetconfErrorAware;
import org.opendaylight.yangtools.yang.data.api.schema.ContainerNode;
import org.opendaylight.yangtools.yang.data.api.schema.NormalizedNode;
import org.opendaylight.yangtools.yang.data.spi.node.ImmutableNodes;
import org.opendaylight.yangtools.yang.data.tree.api.DataTree;
import org.opendaylight.yangtools.yang.data.tree.api.DataTreeCandidate;
import org.opendaylight.yangtools.yang.data.tree.api.DataTreeModification;
import org.opendaylight.yangtools.yang.data.tree.api.DataValidationFailedException;
import org.opendaylight.yangtools.yang.data.tree.api.ModifiedNodeDoesNotExistException;
import org.opendaylight.yangtools.yang.data.tree.api.SchemaValidationFailedException;

/**
 * The checks every change passes, in order: the edit operations against the current content
 * (create of what exists, delete of what does not), the yangtools DataTree (types, mandatory
 * nodes, min-elements, config false), then ConfigCodec (in.mpathd's corrections, the YANG
 * constraints yangtools does not evaluate, the engine's ConfigValidator). Each failure becomes
 * the rpc-error RFC 6241 Appendix A names, with the path, decided by the type of the failure
 * (yangtools' {@link YangNetconfErrorAware} errors and exception classes, or our
 * {@link ConfigProblem.Kind}), never by the words of a message.
 */
final class ChangeChecks {
    private static final Logger LOG = LogManager.getLogger(ChangeChecks.class);
    static final YangInstanceIdentifier IPMP = YangInstanceIdentifier.of(IpmpQNames.IPMP);

    private ChangeChecks() {
    }

    static DataTreeCandidate prepare(DataTree tree, DataTreeModification mod) throws RpcError.RpcException {
        try {
            mod.ready();
            tree.validate(mod);
            return tree.prepare(mod);
        } catch (DataValidationFailedException e) {
            throw refused(e).exception();
        } catch (RuntimeException e) {
            throw refusedUntyped(tree, mod, e).exception();
        }
    }

    /** A refusal that yangtools types: the tag and app-tag it gives, at the path it gives. */
    static RpcError refused(DataValidationFailedException e) {
        ConfigLocation path = Locations.of(e.getPath());
        if (e instanceof YangNetconfErrorAware aware && !aware.getNetconfErrors().isEmpty()) {
            // RequiredElementCountException: operation-failed with too-few-elements (RFC 7950 15.2)
            return typed(aware.getNetconfErrors().getFirst(), Optional.of(path), Messages.plain(e));
        }
        if (e instanceof ModifiedNodeDoesNotExistException) {
            return RpcError.application(RpcError.DATA_MISSING, path, Messages.plain(e));
        }
        return RpcError.application(RpcError.OPERATION_FAILED, path, Messages.plain(e));
    }

    /**
     * A refusal yangtools leaves untyped or without a path (in 14.0.23 a missing mandatory leaf
     * is a bare IllegalArgumentException, a list below min-elements has no path): the change's
     * content is read again without the datastore's checks, and the schema walk names the node.
     */
    static RpcError refusedUntyped(DataTree tree, DataTreeModification mod, RuntimeException e) {
        List<ConfigProblem> required;
        try {
            required = SchemaValidation.contentWithoutChecks(tree, mod)
                    .map(c -> SchemaValidation.requiredNodes(IpmpSchema.shared(), c)).orElse(List.of());
        } catch (RuntimeException again) {
            e.addSuppressed(again);
            required = List.of();
        }
        if (e instanceof YangNetconfErrorAware aware && !aware.getNetconfErrors().isEmpty()) {
            Optional<ConfigLocation> path = required.stream().filter(p -> p.kind() == ConfigProblem.Kind.TOO_FEW_ELEMENTS)
                    .findFirst().map(ConfigProblem::location);
            return typed(aware.getNetconfErrors().getFirst(), path, Messages.plain(e));
        }
        if (!required.isEmpty()) {
            return problem(required.getFirst(), required.size());
        }
        if (e instanceof SchemaValidationFailedException) {
            // the datastore's schema has no such child: a state node (config false) in configuration
            return RpcError.application(RpcError.BAD_ELEMENT, Optional.empty(), Messages.plain(e));
        }
        LOG.debug("netconf: datastore refused a change", e);
        return RpcError.application(RpcError.OPERATION_FAILED, Optional.empty(), Messages.plain(e));
    }

    private static RpcError typed(YangNetconfError error, Optional<ConfigLocation> path, String fallbackMessage) {
        String message = error.message() == null ? fallbackMessage : error.message();
        RpcError err = new RpcError(error.type(), error.tag(), Optional.empty(), path.map(ConfigLocation::path), message,
                java.util.Map.of(), path);
        return error.appTag() == null ? err : err.withAppTag(error.appTag());
    }

    /** The rpc-error for a configuration problem, by its kind (RFC 6241 Appendix A, RFC 7950 section 15). */
    static RpcError problem(ConfigProblem first, int count) {
        String more = count > 1 ? " (and " + (count - 1) + " more problems)" : "";
        ConfigLocation path = first.location();
        String message = first.message() + more;
        return switch (first.kind()) {
            case INVALID_VALUE, DUPLICATE -> RpcError.application(RpcError.INVALID_VALUE, path, message);
            case MISSING -> RpcError.application(RpcError.DATA_MISSING, path, message);
            case TOO_FEW_ELEMENTS -> RpcError.application(RpcError.OPERATION_FAILED, path, message).withAppTag("too-few-elements");
            case UNKNOWN_NODE -> RpcError.application(RpcError.UNKNOWN_ELEMENT, path, message)
                    .withInfo("bad-element", first.location().steps().isEmpty() ? "" : first.location().steps().getLast().name());
            case NOT_CONFIGURATION -> RpcError.application(RpcError.BAD_ELEMENT, path, message)
                    .withInfo("bad-element", first.location().steps().getLast().name());
            case MISSING_KEY -> RpcError.application(RpcError.MISSING_ELEMENT, path, message);
            case MALFORMED -> RpcError.protocol(RpcError.MALFORMED_MESSAGE, message);
        };
    }

    /** The engine's view of a prepared change: ConfigCodec's checks and in.mpathd's rules. */
    static EngineConfig decode(DataTreeCandidate candidate) throws RpcError.RpcException {
        NormalizedNode ipmpNode = candidate.getRootNode().dataAfter() instanceof ContainerNode root
                ? root.childByArg(new NodeIdentifier(IpmpQNames.IPMP)) : null;
        if (ipmpNode == null) {
            ipmpNode = ImmutableNodes.newContainerBuilder().withNodeIdentifier(new NodeIdentifier(IpmpQNames.IPMP)).build();
        }
        ConfigCodec.Decoded decoded = ConfigCodec.fromNormalizedNode(ipmpNode);
        if (decoded.config().isEmpty()) {
            throw problem(decoded.problems().getFirst(), decoded.problems().size()).exception();
        }
        decoded.warnings().forEach(w -> LOG.warn("netconf: configuration warning at {}: {}", w.path(), w.message()));
        return decoded.config().get();
    }

    static void apply(DataTreeModification mod, EditChange c) throws RpcError.RpcException {
        YangInstanceIdentifier path = c.path();
        try {
            switch (c.operation()) {
                case MERGE, NONE -> mod.merge(path, c.node());
                case REPLACE -> mod.write(path, c.node());
                case CREATE -> {
                    if (mod.readNode(path).isPresent()) {
                        throw RpcError.application(RpcError.DATA_EXISTS, Locations.of(path),
                                "cannot create " + Paths.of(path) + ": it exists already").exception();
                    }
                    mod.write(path, c.node());
                }
                case DELETE -> {
                    if (mod.readNode(path).isEmpty()) {
                        throw RpcError.application(RpcError.DATA_MISSING, Locations.of(path),
                                "cannot delete " + Paths.of(path) + ": it does not exist").exception();
                    }
                    mod.delete(path);
                }
                case REMOVE -> mod.delete(path);
            }
        } catch (SchemaValidationFailedException e) {
            if (e instanceof YangNetconfErrorAware aware && !aware.getNetconfErrors().isEmpty()) {
                throw typed(aware.getNetconfErrors().getFirst(), Optional.of(Locations.of(path)), Messages.plain(e)).exception();
            }
            // known to the schema but not to a configuration datastore: a config false node (state)
            throw RpcError.application(RpcError.BAD_ELEMENT, Locations.of(path), Messages.plain(e)).exception();
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw RpcError.application(RpcError.INVALID_VALUE, Locations.of(path), Messages.plain(e)).exception();
        }
    }

    static void replaceContent(DataTree tree, NormalizedNode ipmpNode) {
        DataTreeModification mod = tree.takeSnapshot().newModification();
        if (ipmpNode == null) {
            mod.delete(IPMP);
        } else {
            mod.write(IPMP, ipmpNode);
        }
        mod.ready();
        try {
            tree.validate(mod);
            tree.commit(tree.prepare(mod));
        } catch (DataValidationFailedException e) {
            throw new IllegalStateException("the engine's configuration does not fit the schema at "
                    + Paths.of(e.getPath()) + ": " + Messages.plain(e), e);
        }
    }
}
