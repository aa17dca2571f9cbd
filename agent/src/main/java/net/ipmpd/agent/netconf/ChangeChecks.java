package net.ipmpd.agent.netconf;

import java.util.Optional;
import net.ipmpd.engine.config.ConfigProblem;
import net.ipmpd.engine.config.EngineConfig;
import net.ipmpd.yang.IpmpQNames;
import net.ipmpd.yang.config.ConfigCodec;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.opendaylight.yangtools.yang.data.api.YangInstanceIdentifier;
import org.opendaylight.yangtools.yang.data.api.YangInstanceIdentifier.NodeIdentifier;
import org.opendaylight.yangtools.yang.data.api.schema.ContainerNode;
import org.opendaylight.yangtools.yang.data.api.schema.NormalizedNode;
import org.opendaylight.yangtools.yang.data.spi.node.ImmutableNodes;
import org.opendaylight.yangtools.yang.data.tree.api.DataTree;
import org.opendaylight.yangtools.yang.data.tree.api.DataTreeCandidate;
import org.opendaylight.yangtools.yang.data.tree.api.DataTreeModification;
import org.opendaylight.yangtools.yang.data.tree.api.DataValidationFailedException;

/**
 * The checks every change passes, in order: the edit operations against the current content
 * (create of what exists, delete of what does not), the yangtools DataTree (types, mandatory
 * nodes, min-elements, config false), then ConfigCodec (in.mpathd's corrections, the YANG
 * constraints yangtools does not evaluate, the engine's ConfigValidator). Each failure becomes
 * the rpc-error RFC 6241 Appendix A names, with the path.
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
            String msg = Messages.plain(e);
            var tag = msg.contains("andatory") || msg.contains("missing") ? RpcError.DATA_MISSING : RpcError.INVALID_VALUE;
            RpcError err = RpcError.application(tag, Optional.of(Paths.of(e.getPath())), msg);
            if (msg.contains("min-elements") || msg.contains("fewer")) {
                err = RpcError.application(RpcError.OPERATION_FAILED, Optional.of(Paths.of(e.getPath())), msg)
                        .withAppTag("too-few-elements");
            }
            throw err.exception();
        } catch (RuntimeException e) {
            throw ParseErrors.classify(e).exception();
        }
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
            ConfigProblem first = decoded.problems().get(0);
            String more = decoded.problems().size() > 1 ? " (and " + (decoded.problems().size() - 1) + " more problems)" : "";
            throw RpcError.application(RpcError.INVALID_VALUE, Optional.of(first.path()), first.message() + more).exception();
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
                        throw RpcError.application(RpcError.DATA_EXISTS, Optional.of(Paths.of(path)),
                                "cannot create " + Paths.of(path) + ": it exists already").exception();
                    }
                    mod.write(path, c.node());
                }
                case DELETE -> {
                    if (mod.readNode(path).isEmpty()) {
                        throw RpcError.application(RpcError.DATA_MISSING, Optional.of(Paths.of(path)),
                                "cannot delete " + Paths.of(path) + ": it does not exist").exception();
                    }
                    mod.delete(path);
                }
                case REMOVE -> mod.delete(path);
            }
        } catch (IllegalArgumentException | IllegalStateException e) {
            String msg = Messages.plain(e);
            // a config false node (state) inside configuration: known to the schema, wrong here
            var tag = msg.contains("not a valid child") ? RpcError.BAD_ELEMENT : RpcError.INVALID_VALUE;
            throw RpcError.application(tag, Optional.of(Paths.of(path)), msg).exception();
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
