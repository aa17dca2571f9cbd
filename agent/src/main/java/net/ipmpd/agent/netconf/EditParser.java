package net.ipmpd.agent.netconf;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.xml.stream.XMLStreamException;
import javax.xml.transform.dom.DOMSource;
import net.ipmpd.yang.IpmpQNames;
import org.opendaylight.netconf.api.xml.XmlElement;
import org.opendaylight.yangtools.yang.common.QName;
import org.opendaylight.yangtools.yang.common.XMLNamespace;
import org.opendaylight.yangtools.yang.data.api.YangInstanceIdentifier;
import org.opendaylight.yangtools.yang.data.codec.xml.XmlParserStream;
import org.opendaylight.yangtools.yang.data.impl.schema.NormalizationResultHolder;
import org.opendaylight.yangtools.yang.model.api.EffectiveModelContext;
import org.opendaylight.yangtools.yang.model.util.SchemaInferenceStack;
import org.w3c.dom.Element;

/**
 * The {@code <config>} of edit-config (or copy-config's inline source) parsed against the schema.
 * Types, ranges, patterns, enumerations, unknown elements and missing list keys are refused here,
 * before anything touches a datastore.
 */
final class EditParser {
    private final EffectiveModelContext context;
    private final ValueLocator values;

    EditParser(EffectiveModelContext context) {
        this.context = context;
        this.values = new ValueLocator(context);
    }

    /** The leaf-value checks, shared with the RPCs' input. */
    ValueLocator values() {
        return values;
    }

    List<EditChange> parse(XmlElement config, EditOperation defaultOperation) throws RpcError.RpcException {
        List<EditChange> changes = new ArrayList<>();
        for (XmlElement child : config.getChildElements()) {
            changes.addAll(parseTopLevel(child.getDomElement(), defaultOperation));
        }
        return changes;
    }

    private List<EditChange> parseTopLevel(Element element, EditOperation defaultOperation) throws RpcError.RpcException {
        String ns = element.getNamespaceURI();
        String name = element.getLocalName();
        if (ns == null || context.findModuleStatements(XMLNamespace.of(ns)).isEmpty()) {
            throw RpcError.application(new org.opendaylight.yangtools.yang.common.ErrorTag("unknown-namespace"),
                    Optional.empty(), "no module of this server has the namespace " + (ns == null ? "(none)" : ns))
                    .withInfo("bad-element", name).withInfo("bad-namespace", String.valueOf(ns)).exception();
        }
        if (!IpmpQNames.NAMESPACE.equals(ns) || !IpmpQNames.IPMP.getLocalName().equals(name)) {
            throw RpcError.application(RpcError.UNKNOWN_ELEMENT, Optional.of("/" + name),
                    "'" + name + "' is not a configuration node of this server (only /ipmp is)")
                    .withInfo("bad-element", name).exception();
        }
        QName top = IpmpQNames.IPMP;
        SchemaInferenceStack stack = SchemaInferenceStack.of(context);
        stack.enterSchemaTree(top);
        NormalizationResultHolder holder = new NormalizationResultHolder();
        OperationSplittingWriter writer = new OperationSplittingWriter(holder, YangInstanceIdentifier.of(), defaultOperation);
        try (XmlParserStream parser = XmlParserStream.create(writer, stack.toInference())) {
            parser.traverse(new DOMSource(element));
        } catch (OperationSplittingWriter.BadOperationException e) {
            throw RpcError.protocol(RpcError.BAD_ATTRIBUTE, e.getMessage()).withInfo("bad-attribute", "operation").exception();
        } catch (XMLStreamException | IOException | RuntimeException e) {
            // a refused value: find the leaf (error-path) and take yangtools' typed error for it
            throw values.firstRefused(element).orElseGet(() -> ParseErrors.classify(e, element)).exception();
        }
        return writer.changes();
    }
}
