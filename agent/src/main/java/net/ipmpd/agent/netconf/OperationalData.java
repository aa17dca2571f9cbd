package net.ipmpd.agent.netconf;

import java.util.Optional;
import org.opendaylight.yangtools.yang.data.api.schema.NormalizedNode;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/** What get returns besides the configuration: the engine's state and the server's own state. */
final class OperationalData {
    private final Datastores stores;
    private final ServedModules modules;
    private final StateTree state;

    OperationalData(Datastores stores, ServedModules modules, StateTree state) {
        this.stores = stores;
        this.modules = modules;
        this.state = state;
    }

    /** The ipmp container: running configuration with live state merged in. */
    Optional<NormalizedNode> ipmp() {
        return state.withState(stores.read(DatastoreName.RUNNING));
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
