package net.ipmpd.agent.netconf;

import com.google.common.collect.ImmutableMap;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import org.opendaylight.netconf.api.NamespaceURN;
import org.opendaylight.yangtools.yang.common.QName;
import org.opendaylight.yangtools.yang.data.api.YangInstanceIdentifier;
import org.opendaylight.yangtools.yang.data.api.YangInstanceIdentifier.NodeIdentifier;
import org.opendaylight.yangtools.yang.data.api.YangInstanceIdentifier.NodeIdentifierWithPredicates;
import org.opendaylight.yangtools.yang.data.api.YangInstanceIdentifier.NodeWithValue;
import org.opendaylight.yangtools.yang.data.api.YangInstanceIdentifier.PathArgument;
import org.opendaylight.yangtools.yang.data.api.schema.stream.NormalizedNodeStreamWriter;
import org.opendaylight.yangtools.yang.data.impl.schema.ImmutableNormalizedNodeStreamWriter;
import org.opendaylight.yangtools.yang.data.impl.schema.NormalizationResultHolder;

/**
 * Builds the {@code <config>} of an edit-config as yangtools nodes and cuts out every subtree whose
 * {@code nc:operation} differs from its parent's (RFC 6241 section 7.2: the operation is
 * inherited until a descendant names another). XmlParserStream hands the attribute over as
 * metadata right after the node starts. Inside a delete or remove, operations of descendants
 * are meaningless and ignored.
 */
final class OperationSplittingWriter extends ImmutableNormalizedNodeStreamWriter
        implements NormalizedNodeStreamWriter.MetadataExtension {

    /** An invalid {@code operation} attribute value; the parser wraps it. */
    static final class BadOperationException extends IOException {
        private static final long serialVersionUID = 1L;

        BadOperationException(String value) {
            super("'" + value + "' is not an edit operation (merge, replace, create, delete, remove or none)");
        }
    }

    private final YangInstanceIdentifier base;
    private final Deque<PathArgument> path = new ArrayDeque<>();
    private final Deque<EditOperation> operations = new ArrayDeque<>();
    private final List<EditChange> changes = new ArrayList<>();
    private final EditOperation defaultOperation;

    OperationSplittingWriter(NormalizationResultHolder holder, YangInstanceIdentifier base, EditOperation defaultOperation) {
        super(holder);
        this.base = base;
        this.defaultOperation = defaultOperation;
    }

    /** The changes, outermost first, so a cut-out child finds its parent already applied. */
    List<EditChange> changes() {
        List<EditChange> sorted = new ArrayList<>(changes);
        sorted.sort((a, b) -> Integer.compare(a.path().getPathArguments().size(), b.path().getPathArguments().size()));
        return sorted;
    }

    @Override
    public Collection<? extends Extension> supportedExtensions() {
        return List.of(this);
    }

    @Override
    public void metadata(ImmutableMap<QName, Object> metadata) throws IOException {
        for (Map.Entry<QName, Object> e : metadata.entrySet()) {
            if (e.getKey().getLocalName().equals("operation")
                    && e.getKey().getNamespace().toString().equals(NamespaceURN.BASE)) {
                String value = String.valueOf(e.getValue());
                EditOperation op = EditOperation.ofXml(value).orElseThrow(() -> new BadOperationException(value));
                EditOperation inherited = operations.pop();
                EditOperation parent = operations.peek();
                // below a delete or remove everything goes anyway; a nested operation means nothing
                operations.push(parent != null && parent.removes() ? inherited : op);
            }
        }
    }

    private void enter(PathArgument arg) {
        path.addLast(arg);
        operations.push(operations.isEmpty() ? defaultOperation : operations.peek());
    }

    @Override
    public void startLeafNode(NodeIdentifier name) {
        super.startLeafNode(name);
        enter(name);
    }

    @Override
    public void startLeafSet(NodeIdentifier name, int childSizeHint) {
        super.startLeafSet(name, childSizeHint);
        enter(name);
    }

    @Override
    public void startOrderedLeafSet(NodeIdentifier name, int childSizeHint) {
        super.startOrderedLeafSet(name, childSizeHint);
        enter(name);
    }

    @Override
    public void startLeafSetEntryNode(NodeWithValue<?> name) {
        super.startLeafSetEntryNode(name);
        enter(name);
    }

    @Override
    public void startContainerNode(NodeIdentifier name, int childSizeHint) {
        super.startContainerNode(name, childSizeHint);
        enter(name);
    }

    @Override
    public void startUnkeyedList(NodeIdentifier name, int childSizeHint) {
        super.startUnkeyedList(name, childSizeHint);
        enter(name);
    }

    @Override
    public void startUnkeyedListItem(NodeIdentifier name, int childSizeHint) {
        super.startUnkeyedListItem(name, childSizeHint);
        enter(name);
    }

    @Override
    public void startMapNode(NodeIdentifier name, int childSizeHint) {
        super.startMapNode(name, childSizeHint);
        enter(name);
    }

    @Override
    public void startMapEntryNode(NodeIdentifierWithPredicates identifier, int childSizeHint) {
        super.startMapEntryNode(identifier, childSizeHint);
        enter(identifier);
    }

    @Override
    public void startOrderedMapNode(NodeIdentifier name, int childSizeHint) {
        super.startOrderedMapNode(name, childSizeHint);
        enter(name);
    }

    @Override
    public void startChoiceNode(NodeIdentifier name, int childSizeHint) {
        super.startChoiceNode(name, childSizeHint);
        enter(name);
    }

    @Override
    public void endNode() {
        EditOperation op = operations.pop();
        EditOperation parent = operations.isEmpty() ? null : operations.peek();
        if (parent == null || parent != op) {
            changes.add(new EditChange(YangInstanceIdentifier.of(concat()), op, popBuilder().build()));
        } else {
            super.endNode();
        }
        path.removeLast();
    }

    private List<PathArgument> concat() {
        List<PathArgument> all = new ArrayList<>(base.getPathArguments());
        all.addAll(path);
        return all;
    }
}
