package net.ipmpd.agent.netconf;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import net.ipmpd.yang.IpmpQNames;
import org.opendaylight.yangtools.yang.data.api.YangInstanceIdentifier;
import org.opendaylight.yangtools.yang.data.api.YangInstanceIdentifier.NodeIdentifier;
import org.opendaylight.yangtools.yang.data.api.YangInstanceIdentifier.PathArgument;
import org.opendaylight.yangtools.yang.data.api.schema.ContainerNode;
import org.opendaylight.yangtools.yang.data.api.schema.DistinctNodeContainer;
import org.opendaylight.yangtools.yang.data.api.schema.NormalizedNode;
import org.opendaylight.yangtools.yang.data.api.schema.UserLeafSetNode;
import org.opendaylight.yangtools.yang.data.api.schema.UserMapNode;
import org.opendaylight.yangtools.yang.data.tree.api.DataTreeCandidate;
import org.opendaylight.yangtools.yang.data.tree.api.DataTreeModification;

/**
 * Undoes what confirmed commits changed, and only that (RFC 6241 section 8.4): while a confirmed
 * commit waits, other managers (an SNMP SET, if_mpadm, another session's commit) may change the
 * configuration, and its rollback must not take their changes away. A three-way merge of running
 * as it is now ("theirs") with what the commit produced ("base") and what ran before it ("target"):
 * <ul>
 * <li>a node the commit did not change (base equals target) stays as running has it now;</li>
 * <li>a node the commit changed gets its value from before the commit back, even when another
 *     manager changed it too meanwhile: the rollback restores what the commit touched, as
 *     netconfd and RFC 6241 8.4 expect, and the other manager's value of that node is lost;</li>
 * <li>a container is merged child by child, and so is a user-ordered list (groups, members, data
 *     addresses) to which the commit only added entries: they go, entries others added stay; a
 *     user-ordered list from which the commit removed or in which it reordered entries, and a
 *     user-ordered leaf-list it changed, come back whole, in their old order (an entry put back
 *     into a list would land at its end), and entries others added to that list meanwhile go too.</li>
 * </ul>
 */
final class CommitRollback {
    /** One confirmed commit: the ipmp container before it and the one it produced (empty: none). */
    record Change(Optional<NormalizedNode> before, Optional<NormalizedNode> after) {
        static Change of(Optional<NormalizedNode> before, DataTreeCandidate applied) {
            return new Change(before, applied.getRootNode().dataAfter() instanceof ContainerNode root
                    ? Optional.ofNullable(root.childByArg(new NodeIdentifier(IpmpQNames.IPMP)))
                    : Optional.empty());
        }
    }

    private CommitRollback() {
    }

    /** On {@code mod} (running as it is now), undoes {@code changes}, the newest first. */
    static void undo(DataTreeModification mod, List<Change> changes) {
        boolean changed = false;
        for (Change c : changes.reversed()) {
            changed |= undo(mod, ChangeChecks.IPMP, c.after(), mod.readNode(ChangeChecks.IPMP), c.before());
        }
        if (!changed) {
            // a modification that changes nothing prepares a candidate without data (yangtools'
            // no-op candidate), which would decode as an empty configuration: write running as it is
            mod.readNode(ChangeChecks.IPMP).ifPresent(now -> mod.write(ChangeChecks.IPMP, now));
        }
    }

    /** Returns whether it changed anything. */
    private static boolean undo(DataTreeModification mod, YangInstanceIdentifier path, Optional<NormalizedNode> base,
                             Optional<NormalizedNode> theirs, Optional<NormalizedNode> target) {
        if (base.equals(target) || theirs.equals(target)) {
            return false;   // untouched by the commit, or already as it was
        }
        if (base.isPresent() && theirs.isPresent() && target.isPresent()
                && mergeable(base.get(), theirs.get(), target.get())) {
            DistinctNodeContainer<?, ?> b = (DistinctNodeContainer<?, ?>) base.get();
            DistinctNodeContainer<?, ?> t = (DistinctNodeContainer<?, ?>) theirs.get();
            DistinctNodeContainer<?, ?> p = (DistinctNodeContainer<?, ?>) target.get();
            Set<PathArgument> children = new LinkedHashSet<>();
            for (DistinctNodeContainer<?, ?> n : List.of(p, b, t)) {
                n.body().forEach(child -> children.add(child.name()));
            }
            boolean changed = false;
            for (PathArgument child : children) {
                changed |= undo(mod, path.node(child), child(b, child), child(t, child), child(p, child));
            }
            return changed;
        }
        if (target.isPresent()) {
            mod.write(path, target.get());
        } else {
            mod.delete(path);
        }
        return true;
    }

    /** Whether the three can be merged child by child (see the class comment for ordered lists). */
    private static boolean mergeable(NormalizedNode base, NormalizedNode theirs, NormalizedNode target) {
        if (!(base instanceof DistinctNodeContainer<?, ?>) || base instanceof UserLeafSetNode<?>
                || base.contract() != theirs.contract() || base.contract() != target.contract()) {
            return false;
        }
        return !(base instanceof UserMapNode b) || onlyAdded(keys((UserMapNode) target), keys(b));
    }

    /** Whether {@code after} is {@code before} with entries added, the old ones in their old order. */
    private static boolean onlyAdded(List<PathArgument> before, List<PathArgument> after) {
        return after.stream().filter(before::contains).toList().equals(before);
    }

    private static List<PathArgument> keys(UserMapNode list) {
        return list.body().stream().map(e -> (PathArgument) e.name()).toList();
    }

    @SuppressWarnings("unchecked")
    private static Optional<NormalizedNode> child(DistinctNodeContainer<?, ?> parent, PathArgument name) {
        return Optional.ofNullable(((DistinctNodeContainer<PathArgument, ?>) parent).childByArg(name));
    }
}
