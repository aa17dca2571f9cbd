package net.ipmpd.yang.config;

import java.io.IOException;
import java.util.Optional;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import javax.xml.transform.dom.DOMResult;
import javax.xml.transform.dom.DOMSource;
import net.ipmpd.engine.config.ConfigProblem;
import net.ipmpd.yang.IpmpQNames;
import net.ipmpd.yang.IpmpSchema;
import org.opendaylight.yangtools.yang.data.api.schema.ContainerNode;
import org.opendaylight.yangtools.yang.data.api.schema.NormalizedNode;
import org.opendaylight.yangtools.yang.data.api.schema.stream.NormalizedNodeStreamWriter;
import org.opendaylight.yangtools.yang.data.codec.xml.XMLStreamNormalizedNodeStreamWriter;
import org.opendaylight.yangtools.yang.data.codec.xml.XmlParserStream;
import org.opendaylight.yangtools.yang.data.impl.schema.ImmutableNormalizedNodeStreamWriter;
import org.opendaylight.yangtools.yang.data.impl.schema.NormalizationResultHolder;
import org.opendaylight.yangtools.yang.data.impl.schema.SchemaOrderedNormalizedNodeWriter;
import org.opendaylight.yangtools.yang.model.api.stmt.SchemaNodeIdentifier.Absolute;
import org.opendaylight.yangtools.yang.model.util.SchemaInferenceStack;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * The ipmp container to and from XML DOM (RFC 7950 section 7 encoding), for NETCONF: get and
 * get-config replies, edit-config and notifications use the same schema-aware yangtools codecs.
 */
public final class ConfigXml {
    private static final XMLOutputFactory OUTPUT = XMLOutputFactory.newFactory();

    static {
        OUTPUT.setProperty(XMLOutputFactory.IS_REPAIRING_NAMESPACES, Boolean.TRUE);
    }

    private ConfigXml() {
    }

    /**
     * Appends the XML of a top-level data node (normally the ipmp container, config or config and
     * state) to {@code parent}, e.g. the {@code <data>} element of a reply.
     */
    public static void appendTo(Node parent, NormalizedNode data) {
        write(parent, data, null);
    }

    /**
     * Appends a notification's element, e.g. {@code <interface-failed xmlns="urn:ipmpd:yang:ipmp">},
     * with its leaves, to {@code parent} (the RFC 5277 {@code <notification>} after its
     * {@code <eventTime>}). Returns the element.
     */
    public static Element appendNotification(Node parent, ContainerNode notification) {
        var name = notification.name().getNodeType();
        org.w3c.dom.Document doc = parent instanceof org.w3c.dom.Document d ? d : parent.getOwnerDocument();
        Element element = doc.createElementNS(name.getNamespace().toString(), name.getLocalName());
        parent.appendChild(element);
        write(element, notification, Absolute.of(name));
        return element;
    }

    private static void write(Node parent, NormalizedNode data, Absolute path) {
        IpmpSchema schema = IpmpSchema.shared();
        try {
            XMLStreamWriter xml = OUTPUT.createXMLStreamWriter(new DOMResult(parent));
            NormalizedNodeStreamWriter writer = path == null
                    ? XMLStreamNormalizedNodeStreamWriter.create(xml, schema.context())
                    : XMLStreamNormalizedNodeStreamWriter.create(xml, schema.context(), path);
            // Schema order: children appear as the module lists them, which a person reading a
            // reply expects (yangtools keeps them in hash order otherwise).
            try (var nnw = path == null
                    ? new SchemaOrderedNormalizedNodeWriter(writer, schema.context())
                    : new SchemaOrderedNormalizedNodeWriter(writer, schema.context(), path)) {
                if (path == null) {
                    nnw.write(data);
                } else {
                    nnw.write(((ContainerNode) data).body());
                }
            }
            xml.close();
        } catch (XMLStreamException | IOException e) {
            throw new IllegalStateException("cannot serialize " + data.name().getNodeType().getLocalName() + " to XML", e);
        }
    }

    /** An XML {@code <ipmp xmlns="urn:ipmpd:yang:ipmp">} element parsed against the schema. */
    public static ContainerNode parseIpmp(Element element) throws InvalidDataException {
        if (!IpmpQNames.NAMESPACE.equals(element.getNamespaceURI()) || !"ipmp".equals(element.getLocalName())) {
            throw new InvalidDataException(new ConfigProblem(net.ipmpd.engine.config.ConfigLocation.root(), ConfigProblem.Kind.UNKNOWN_NODE,
                    "expected the element ipmp in namespace "
                    + IpmpQNames.NAMESPACE + ", found " + element.getLocalName()
                    + Optional.ofNullable(element.getNamespaceURI()).map(ns -> " in " + ns).orElse(" without a namespace")));
        }
        IpmpSchema schema = IpmpSchema.shared();
        Optional<ConfigProblem> shape = XmlShape.check(schema.context(), element);
        if (shape.isPresent()) {
            throw new InvalidDataException(shape.get());
        }
        NormalizationResultHolder holder = new NormalizationResultHolder();
        NormalizedNodeStreamWriter writer = ImmutableNormalizedNodeStreamWriter.from(holder);
        SchemaInferenceStack stack = SchemaInferenceStack.of(schema.context());
        stack.enterSchemaTree(IpmpQNames.IPMP);
        try (XmlParserStream parser = XmlParserStream.create(writer, stack.toInference())) {
            parser.traverse(new DOMSource(element));
        } catch (XMLStreamException | IOException | RuntimeException e) {
            // a refusal the shape check does not know: reported as yangtools words it
            throw new InvalidDataException(new ConfigProblem(ConfigPaths.ROOT, YangErrors.plain(e)));
        }
        if (holder.getResult().data() instanceof ContainerNode c) {
            return c;
        }
        throw new InvalidDataException(new ConfigProblem(ConfigPaths.ROOT, "the ipmp element did not parse to a container"));
    }

    /**
     * The first problem of an {@code <ipmp>} element (or an element of the ipmp module that holds
     * configuration nodes) that yangtools' parser would refuse without saying where: an unknown
     * element, a list entry without its key, an element given twice, a value its type refuses.
     */
    public static Optional<ConfigProblem> checkShape(Element ipmp) {
        return XmlShape.check(IpmpSchema.shared().context(), ipmp);
    }

    /** As {@link #checkShape} for the input of the ipmp module's RPC {@code operation} (offline, online). */
    public static Optional<ConfigProblem> checkInput(org.opendaylight.yangtools.yang.common.QName operation, Element rpc) {
        return XmlShape.checkInput(IpmpSchema.shared().context(), operation, rpc);
    }

    /** A yangtools parser error in plain words (no class names or namespaces), for messages. */
    public static String plainMessage(Exception e) {
        return YangErrors.plain(e);
    }

    /** XML data that does not fit the schema; the problem names the path and says what is wrong. */
    public static final class InvalidDataException extends Exception {
        private static final long serialVersionUID = 1L;
        private final transient ConfigProblem problem;

        public InvalidDataException(ConfigProblem problem) {
            super(problem.toString());
            this.problem = problem;
        }

        public ConfigProblem problem() {
            return problem;
        }
    }
}
