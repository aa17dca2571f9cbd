package net.ipmpd.agent.netconf;

import java.util.Optional;
import net.ipmpd.engine.config.ConfigLocation;
import net.ipmpd.yang.IpmpQNames;
import net.ipmpd.yang.config.Locations;
import org.opendaylight.yangtools.yang.common.ErrorTag;
import org.opendaylight.yangtools.yang.common.QName;
import org.opendaylight.yangtools.yang.data.api.YangNetconfError;
import org.opendaylight.yangtools.yang.data.api.YangNetconfErrorAware;
import org.opendaylight.yangtools.yang.data.api.codec.YangInvalidValueException;
import org.opendaylight.yangtools.yang.data.codec.xml.XmlCodecFactory;
import org.opendaylight.yangtools.yang.model.api.DataNodeContainer;
import org.opendaylight.yangtools.yang.model.api.DataSchemaNode;
import org.opendaylight.yangtools.yang.model.api.EffectiveModelContext;
import org.opendaylight.yangtools.yang.model.api.LeafListSchemaNode;
import org.opendaylight.yangtools.yang.model.api.LeafSchemaNode;
import org.opendaylight.yangtools.yang.model.api.ListSchemaNode;
import org.opendaylight.yangtools.yang.model.api.TypedDataSchemaNode;
import org.opendaylight.yangtools.yang.model.util.SchemaInferenceStack;
import org.opendaylight.yangtools.yang.model.api.TypeDefinition;
import org.opendaylight.yangtools.yang.model.api.type.RangeRestrictedTypeDefinition;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * Finds which leaf of an edit holds a value its YANG type refuses, and how yangtools classifies
 * the refusal. yangtools' XML parser reports the value error (typed: {@link YangNetconfErrorAware}
 * with tag, app-tag and the module's error-message) but not where it was; this walks the
 * edit's elements beside the schema, parses each leaf with the same codec, and names the first
 * refused one with the keys of the list entries above it (RFC 6241 section 4.3 error-path).
 */
final class ValueLocator {
    private final EffectiveModelContext context;
    private final XmlCodecFactory codecs;

    ValueLocator(EffectiveModelContext context) {
        this.context = context;
        this.codecs = XmlCodecFactory.create(context);
    }

    /** The rpc-error for the first refused leaf value under the {@code <ipmp>} element, if there is one. */
    Optional<RpcError> firstRefused(Element ipmp) {
        SchemaInferenceStack stack = SchemaInferenceStack.of(context);
        DataSchemaNode top = (DataSchemaNode) stack.enterSchemaTree(IpmpQNames.IPMP);
        return walk(ipmp, (DataNodeContainer) top, stack, ConfigLocation.ipmp());
    }

    /**
     * The rpc-error for the first refused value in the input of the module's RPC {@code rpc}
     * (RFC 7950 section 7.14.2: the input is validated like data), path {@code /offline/interface}.
     */
    Optional<RpcError> firstRefusedInput(Element input, QName rpc) {
        SchemaInferenceStack stack = SchemaInferenceStack.of(context);
        stack.enterSchemaTree(rpc);
        DataNodeContainer schema = (DataNodeContainer) stack.enterSchemaTree(QName.create(rpc, "input"));
        return walk(input, schema, stack, ConfigLocation.root().child(rpc.getLocalName()));
    }

    private Optional<RpcError> walk(Element element, DataNodeContainer schema, SchemaInferenceStack stack, ConfigLocation path) {
        for (Node n = element.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (!(n instanceof Element child) || !IpmpQNames.NAMESPACE.equals(child.getNamespaceURI())) {
                continue;
            }
            QName name = QName.create(IpmpQNames.IPMP, child.getLocalName());
            Optional<DataSchemaNode> found = schema.findDataChildByName(name);
            if (found.isEmpty()) {
                continue;   // an unknown element is reported by the parser with its own path
            }
            DataSchemaNode node = found.get();
            stack.enterSchemaTree(name);
            try {
                Optional<RpcError> refused = switch (node) {
                    case LeafSchemaNode leaf -> check(child, leaf, stack, path.child(child.getLocalName()));
                    case LeafListSchemaNode leafList -> check(child, leafList, stack,
                            path.with(new ConfigLocation.Value(child.getLocalName(), Locations.keyText(child.getTextContent().strip()))));
                    case ListSchemaNode list -> walk(child, list, stack, entry(path, child, list));
                    case DataNodeContainer container -> walk(child, container, stack, path.child(child.getLocalName()));
                    default -> Optional.empty();
                };
                if (refused.isPresent()) {
                    return refused;
                }
            } finally {
                stack.exit();
            }
        }
        return Optional.empty();
    }

    private Optional<RpcError> check(Element element, TypedDataSchemaNode leaf, SchemaInferenceStack stack, ConfigLocation path) {
        String text = element.getTextContent();
        try {
            codecs.codecFor(leaf, stack).parseValue(null, text);
            return Optional.empty();
        } catch (RuntimeException e) {
            return Optional.of(errorFor(e, text, leaf, path));
        }
    }

    /** The typed error when yangtools gives one; its tag, app-tag and message, never parsed from text. */
    static RpcError errorFor(Throwable e, String value, TypedDataSchemaNode leaf, ConfigLocation path) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof YangNetconfErrorAware aware && !aware.getNetconfErrors().isEmpty()) {
                YangNetconfError first = aware.getNetconfErrors().get(0);
                // only YangInvalidValueException's message is the module's error-message
                String moduleMessage = t instanceof YangInvalidValueException ? first.message() : null;
                RpcError err = RpcError.application(first.tag(), path, clean(moduleMessage, value, leaf));
                return first.appTag() == null ? err : err.withAppTag(first.appTag());
            }
        }
        return RpcError.application(new ErrorTag("invalid-value"), path, clean(null, value, leaf));
    }

    /**
     * The module's own error-message when the refusing constraint has one (yangtools hands it
     * over as the typed error's message, and nothing else there), else the type and range.
     */
    static String clean(String moduleMessage, String value, TypedDataSchemaNode leaf) {
        if (moduleMessage == null || moduleMessage.isBlank()) {
            return "'" + value.strip() + "' is not a valid " + leaf.getQName().getLocalName() + ": " + describe(leaf.getType());
        }
        return moduleMessage.replace("%n", " ").replaceAll("\\s+", " ").strip();
    }

    /** "uint32 in 1000..4294967295": the built-in type and the range the module allows. */
    private static String describe(TypeDefinition<?> type) {
        TypeDefinition<?> builtin = type;
        while (builtin.getBaseType() != null) {
            builtin = builtin.getBaseType();
        }
        String out = builtin.getQName().getLocalName();
        if (type instanceof RangeRestrictedTypeDefinition<?, ?> ranged && ranged.getRangeConstraint().isPresent()) {
            out += " in " + ranged.getRangeConstraint().get().getAllowedRanges().asRanges().stream()
                    .map(r -> r.lowerEndpoint() + ".." + r.upperEndpoint()).collect(java.util.stream.Collectors.joining(" | "));
        }
        return out;
    }

    /** The list entry {@code entry} under {@code parent}, named by its key (the module's lists have one). */
    private static ConfigLocation entry(ConfigLocation parent, Element entry, ListSchemaNode list) {
        String name = entry.getLocalName();
        for (QName key : list.getKeyDefinition()) {
            for (Node n = entry.getFirstChild(); n != null; n = n.getNextSibling()) {
                if (n instanceof Element e && key.getLocalName().equals(e.getLocalName())) {
                    return parent.entry(name, key.getLocalName(), Locations.keyText(e.getTextContent().strip()));
                }
            }
        }
        return parent.child(name);
    }
}
