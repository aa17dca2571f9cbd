package net.ipmpd.agent.netconf;

import java.util.List;
import java.util.Optional;
import org.opendaylight.netconf.api.NamespaceURN;
import org.opendaylight.netconf.api.xml.XmlElement;

/** Reading the parameters of base protocol operations (RFC 6241 section 7), with the right error-tags. */
final class Requests {
    private Requests() {
    }

    /** {@code <target><running/></target>} and the like. */
    static DatastoreName datastore(XmlElement operation, String parameter) throws RpcError.RpcException {
        XmlElement p = child(operation, parameter).orElseThrow(() -> missing(parameter, operation.getName()));
        List<XmlElement> kids = p.getChildElements();
        if (kids.size() != 1) {
            throw RpcError.protocol(RpcError.MISSING_ELEMENT, parameter + " must name exactly one datastore")
                    .withInfo("bad-element", parameter).exception();
        }
        String name = kids.get(0).getName();
        return DatastoreName.ofXml(name).orElseThrow(() -> name.equals("url")
                ? RpcError.protocol(RpcError.OPERATION_NOT_SUPPORTED, "the :url capability is not supported").exception()
                : RpcError.protocol(RpcError.BAD_ELEMENT, "'" + name + "' is not a datastore (running, candidate or startup)")
                        .withInfo("bad-element", name).exception());
    }

    /** A source that is a datastore or an inline {@code <config>} (copy-config, validate). */
    sealed interface Source {
        record Datastore(DatastoreName name) implements Source {
        }

        record Inline(XmlElement config) implements Source {
        }
    }

    static Source source(XmlElement operation) throws RpcError.RpcException {
        XmlElement p = child(operation, "source").orElseThrow(() -> missing("source", operation.getName()));
        Optional<XmlElement> config = child(p, "config");
        if (config.isPresent()) {
            return new Source.Inline(config.get());
        }
        return new Source.Datastore(datastore(operation, "source"));
    }

    static Optional<XmlElement> child(XmlElement parent, String name) {
        return parent.getChildElements().stream()
                .filter(e -> e.getName().equals(name) && NamespaceURN.BASE.equals(e.namespace()))
                .findFirst();
    }

    static Optional<String> text(XmlElement parent, String name) {
        return child(parent, name).flatMap(XmlElement::getOnlyTextContentOptionally).map(String::strip);
    }

    static RpcError.RpcException missing(String element, String operation) {
        return RpcError.protocol(RpcError.MISSING_ELEMENT, operation + " needs the parameter " + element)
                .withInfo("bad-element", element).exception();
    }
}
