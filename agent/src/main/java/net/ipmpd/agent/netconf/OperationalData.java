package net.ipmpd.agent.netconf;

import java.util.Optional;
import net.ipmpd.engine.IpmpService;
import net.ipmpd.yang.state.StateCodec;
import org.opendaylight.yangtools.yang.data.api.schema.NormalizedNode;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/** What get returns besides the configuration: the engine's state and the server's own state. */
final class OperationalData {
    private final IpmpService ipmp;
    private final ServedModules modules;

    OperationalData(IpmpService ipmp, ServedModules modules) {
        this.ipmp = ipmp;
        this.modules = modules;
    }

    /**
     * The ipmp container with configuration and state side by side (NMDA, RFC 8342), read from
     * the latest engine snapshot. Running always equals the engine's configuration (the
     * datastores follow it), so this is running plus state.
     */
    Optional<NormalizedNode> ipmp() {
        return Optional.of(StateCodec.encode(ipmp.snapshot(), ipmp::wallClock));
    }

    /** /netconf-state/schemas (RFC 6022 section 2.1.3): every module get-schema serves. */
    void appendNetconfState(Element data) {
        Document doc = data.getOwnerDocument();
        String ns = ServedModules.MONITORING_NS;
        Element state = doc.createElementNS(ns, "netconf-state");
        Element schemas = doc.createElementNS(ns, "schemas");
        for (ServedModules.Module m : modules.all()) {
            Element schema = doc.createElementNS(ns, "schema");
            text(doc, schema, ns, "identifier", m.name());
            text(doc, schema, ns, "version", m.revision());
            Element format = text(doc, schema, ns, "format", "ncm:yang");
            format.setAttributeNS("http://www.w3.org/2000/xmlns/", "xmlns:ncm", ns);
            text(doc, schema, ns, "namespace", m.namespace());
            text(doc, schema, ns, "location", "NETCONF");
            schemas.appendChild(schema);
        }
        state.appendChild(schemas);
        data.appendChild(state);
    }

    private static Element text(Document doc, Element parent, String ns, String name, String value) {
        Element e = doc.createElementNS(ns, name);
        e.setTextContent(value);
        parent.appendChild(e);
        return e;
    }
}
