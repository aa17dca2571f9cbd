package net.ipmpd.yang.state;

import java.io.IOException;
import java.util.Locale;
import javax.xml.stream.XMLStreamException;
import javax.xml.transform.dom.DOMSource;
import net.ipmpd.engine.CommandResult;
import net.ipmpd.engine.Command;
import net.ipmpd.yang.IpmpQNames;
import net.ipmpd.yang.IpmpSchema;
import org.opendaylight.yangtools.yang.common.QName;
import org.opendaylight.yangtools.yang.data.api.YangInstanceIdentifier.NodeIdentifier;
import org.opendaylight.yangtools.yang.data.api.schema.ContainerNode;
import org.opendaylight.yangtools.yang.data.api.schema.LeafNode;
import org.opendaylight.yangtools.yang.data.codec.xml.XmlParserStream;
import org.opendaylight.yangtools.yang.data.impl.schema.ImmutableNormalizedNodeStreamWriter;
import org.opendaylight.yangtools.yang.data.impl.schema.NormalizationResultHolder;
import org.opendaylight.yangtools.yang.model.util.SchemaInferenceStack;
import org.w3c.dom.Element;

/**
 * The module's if_mpadm operations: an {@code <offline>} or {@code <online>} RPC element to the
 * engine command, and a refused command to the error-app-tag that the RPC's description
 * promises, so every NETCONF client sees the same tags.
 */
public final class OperationCodec {
    private OperationCodec() {
    }

    /** The RPC element is not one of the module's operations, or its input does not fit the schema. */
    public static final class BadOperationException extends Exception {
        private static final long serialVersionUID = 1L;

        public BadOperationException(String message) {
            super(message);
        }
    }

    /** True for {@code <offline>} and {@code <online>} in the ipmp namespace. */
    public static boolean handles(Element rpc) {
        return IpmpQNames.NAMESPACE.equals(rpc.getNamespaceURI())
                && ("offline".equals(rpc.getLocalName()) || "online".equals(rpc.getLocalName()));
    }

    /** Parses the RPC element (its children are the input leaves) into the engine command. */
    public static Command parse(Element rpc) throws BadOperationException {
        if (!handles(rpc)) {
            throw new BadOperationException("not an ipmp operation: " + rpc.getLocalName());
        }
        QName operation = "offline".equals(rpc.getLocalName()) ? IpmpQNames.OFFLINE : IpmpQNames.ONLINE;
        SchemaInferenceStack stack = SchemaInferenceStack.of(IpmpSchema.shared().context());
        stack.enterSchemaTree(operation);
        stack.enterSchemaTree(QName.create(IpmpQNames.MODULE, "input"));
        NormalizationResultHolder holder = new NormalizationResultHolder();
        try (XmlParserStream parser = XmlParserStream.create(ImmutableNormalizedNodeStreamWriter.from(holder), stack.toInference())) {
            parser.traverse(new DOMSource(rpc));
        } catch (XMLStreamException | IOException | RuntimeException e) {
            throw new BadOperationException(rpc.getLocalName() + ": invalid input: "
                    + net.ipmpd.yang.config.ConfigXml.checkInput(operation, rpc).map(p -> p.message())
                            .orElseGet(() -> net.ipmpd.yang.config.ConfigXml.plainMessage(e)));
        }
        String ifname = holder.getResult().data() instanceof ContainerNode input
                && input.childByArg(new NodeIdentifier(IpmpQNames.INTERFACE)) instanceof LeafNode<?> leaf
                ? leaf.body().toString() : null;
        if (ifname == null) {
            throw new BadOperationException(rpc.getLocalName() + ": the mandatory input leaf interface is missing");
        }
        return operation.equals(IpmpQNames.OFFLINE)
                ? new Command.Offline(ifname) : new Command.Online(ifname);
    }

    /**
     * The error-app-tag of a refused offline/online, as the module's RPC descriptions list them
     * (the reason's name in lower case with '-', e.g. min-redundancy).
     */
    public static String errorAppTag(CommandResult.Reason reason) {
        return reason.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
