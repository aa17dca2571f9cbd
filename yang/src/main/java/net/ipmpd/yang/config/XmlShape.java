package net.ipmpd.yang.config;

import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import net.ipmpd.engine.config.ConfigLocation;
import net.ipmpd.engine.config.ConfigProblem;
import net.ipmpd.yang.IpmpQNames;
import org.opendaylight.yangtools.yang.common.QName;
import org.opendaylight.yangtools.yang.model.api.DataNodeContainer;
import org.opendaylight.yangtools.yang.model.api.DataSchemaNode;
import org.opendaylight.yangtools.yang.model.api.LeafListSchemaNode;
import org.opendaylight.yangtools.yang.model.api.ListSchemaNode;
import org.opendaylight.yangtools.yang.model.api.EffectiveModelContext;
import org.opendaylight.yangtools.yang.model.api.TypedDataSchemaNode;
import org.opendaylight.yangtools.yang.data.codec.xml.XmlCodecFactory;
import org.opendaylight.yangtools.yang.model.util.SchemaInferenceStack;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * The structure of an {@code <ipmp>} element checked against the schema before yangtools'
 * parser sees it: an element the schema does not have at its place, a list entry without its
 * key, an element given twice. yangtools refuses these too, but as untyped text without a path;
 * here each is a typed {@link ConfigProblem} at its location.
 */
final class XmlShape {
    private final XmlCodecFactory codecs;
    private final SchemaInferenceStack stack;

    private XmlShape(EffectiveModelContext context) {
        this.codecs = XmlCodecFactory.create(context);
        this.stack = SchemaInferenceStack.of(context);
    }

    /** The first problem of the {@code <ipmp>} element's structure or values, if any. */
    static Optional<ConfigProblem> check(EffectiveModelContext context, Element ipmp) {
        XmlShape s = new XmlShape(context);
        DataNodeContainer top = (DataNodeContainer) s.stack.enterSchemaTree(IpmpQNames.IPMP);
        return s.walk(top, ipmp, ConfigLocation.ipmp());
    }

    /** The first problem of the input of the module's RPC {@code operation} (RFC 7950 section 7.14.2: validated like data). */
    static Optional<ConfigProblem> checkInput(EffectiveModelContext context, QName operation, Element rpc) {
        XmlShape s = new XmlShape(context);
        s.stack.enterSchemaTree(operation);
        DataNodeContainer input = (DataNodeContainer) s.stack.enterSchemaTree(QName.create(operation, "input"));
        return s.walk(input, rpc, ConfigLocation.root().child(operation.getLocalName()));
    }

    private Optional<ConfigProblem> walk(DataNodeContainer schema, Element element, ConfigLocation at) {
        Set<String> seen = new HashSet<>();
        for (Node n = element.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (!(n instanceof Element child)) {
                continue;
            }
            String name = child.getLocalName();
            Optional<DataSchemaNode> found = IpmpQNames.NAMESPACE.equals(child.getNamespaceURI())
                    ? schema.findDataChildByName(QName.create(IpmpQNames.IPMP, name)) : Optional.empty();
            if (found.isEmpty()) {
                return Optional.of(new ConfigProblem(at.child(name), ConfigProblem.Kind.UNKNOWN_NODE,
                        "the element '" + name + "' is not in the ipmp schema at this place"));
            }
            DataSchemaNode node = found.get();
            boolean repeats = node instanceof ListSchemaNode || node instanceof LeafListSchemaNode;
            if (!repeats && !seen.add(name)) {
                return Optional.of(new ConfigProblem(at.child(name), ConfigProblem.Kind.DUPLICATE, name + " is given twice"));
            }
            stack.enterSchemaTree(node.getQName());
            Optional<ConfigProblem> inner = switch (node) {
                case ListSchemaNode list -> entry(list, child, at);
                case LeafListSchemaNode leafList -> value(leafList, child,
                        at.with(new ConfigLocation.Value(name, Locations.keyText(child.getTextContent().strip()))));
                case TypedDataSchemaNode leaf -> value(leaf, child, at.child(name));
                case DataNodeContainer container -> walk(container, child, at.child(name));
                default -> Optional.empty();
            };
            stack.exit();
            if (inner.isPresent()) {
                return inner;
            }
        }
        return Optional.empty();
    }

    private Optional<ConfigProblem> value(TypedDataSchemaNode leaf, Element element, ConfigLocation at) {
        var codec = codecs.codecFor(leaf, stack);
        return LeafValues.refusal(leaf, element.getTextContent(), text -> codec.parseValue(null, text))
                .map(why -> new ConfigProblem(at, why));
    }

    private Optional<ConfigProblem> entry(ListSchemaNode list, Element entry, ConfigLocation at) {
        String name = list.getQName().getLocalName();
        ConfigLocation here = at.child(name);
        for (QName key : list.getKeyDefinition()) {
            Optional<Element> keyElement = childNamed(entry, key.getLocalName());
            if (keyElement.isEmpty()) {
                return Optional.of(new ConfigProblem(here, ConfigProblem.Kind.MISSING_KEY,
                        "a " + name + " entry needs its key " + key.getLocalName()));
            }
            here = at.entry(name, key.getLocalName(), Locations.keyText(keyElement.get().getTextContent().strip()));
        }
        return walk(list, entry, here);
    }

    private static Optional<Element> childNamed(Element parent, String name) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && name.equals(e.getLocalName()) && IpmpQNames.NAMESPACE.equals(e.getNamespaceURI())) {
                return Optional.of(e);
            }
        }
        return Optional.empty();
    }
}
