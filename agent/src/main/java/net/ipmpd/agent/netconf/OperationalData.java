package net.ipmpd.agent.netconf;

import java.util.Optional;
import net.ipmpd.engine.state.EngineSnapshot;
import net.ipmpd.engine.IpmpService;
import net.ipmpd.yang.state.StateCodec;
import org.opendaylight.yangtools.yang.data.api.schema.NormalizedNode;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/** What get returns besides the configuration: the engine's state and the server's own state. */
final class OperationalData {
    static final String NETMOD_NOTIFICATION_NS = "urn:ietf:params:xml:ns:netmod:notification";

    private final IpmpService ipmp;
    private final ServedModules modules;
    private final Sessions sessions;
    private final Datastores stores;
    private final NotificationPublisher publisher;
    private final RenderedData rendered = new RenderedData();
    private volatile Encoded encoded;

    private record Encoded(EngineSnapshot snapshot, NormalizedNode node) {
    }

    OperationalData(IpmpService ipmp, ServedModules modules, Sessions sessions, Datastores stores,
                    NotificationPublisher publisher) {
        this.ipmp = ipmp;
        this.modules = modules;
        this.sessions = sessions;
        this.stores = stores;
        this.publisher = publisher;
    }

    /**
     * /netconf/streams (RFC 5277 section 3.2.5.1): the one NETCONF stream, and whether it replays
     * (it does when the event history is there).
     */
    void appendStreams(Element data) {
        Document doc = data.getOwnerDocument();
        String ns = NETMOD_NOTIFICATION_NS;
        Element netconf = doc.createElementNS(ns, "netconf");
        Element streams = doc.createElementNS(ns, "streams");
        Element stream = doc.createElementNS(ns, "stream");
        text(doc, stream, ns, "name", "NETCONF");
        text(doc, stream, ns, "description", "ipmpd's notifications: failures, repairs, address moves, configuration changes");
        text(doc, stream, ns, "replaySupport", Boolean.toString(publisher.replaySupported()));
        publisher.replayLogCreationTime().ifPresent(t -> text(doc, stream, ns, "replayLogCreationTime", t.toString()));
        streams.appendChild(stream);
        netconf.appendChild(streams);
        data.appendChild(netconf);
    }

    /**
     * The ipmp container with configuration and state side by side (NMDA, RFC 8342), read from
     * the latest engine snapshot. Running always equals the engine's configuration (the
     * datastores follow it), so this is running plus state.
     */
    Optional<NormalizedNode> ipmp() {
        EngineSnapshot snapshot = ipmp.snapshot();
        Encoded last = encoded;
        if (last != null && last.snapshot() == snapshot) {
            return Optional.of(last.node());
        }
        // a snapshot is immutable: its tree is encoded once, and the same tree lets rendered copy its XML
        NormalizedNode node = StateCodec.encode(snapshot, ipmp::wallClock);
        encoded = new Encoded(snapshot, node);
        return Optional.of(node);
    }

    /** {@link #ipmp()} as XML, appended to a reply's {@code <data>}. */
    void appendIpmp(Element data) {
        ipmp().ifPresent(n -> rendered.appendTo(data, n));
    }

    /**
     * /netconf-state (RFC 6022): the datastores with their locks (2.1.2), the schemas get-schema
     * serves (2.1.3) and the sessions (2.1.4).
     */
    void appendNetconfState(Element data) {
        Document doc = data.getOwnerDocument();
        String ns = ServedModules.MONITORING_NS;
        Element state = doc.createElementNS(ns, "netconf-state");
        Element datastores = doc.createElementNS(ns, "datastores");
        for (DatastoreName name : DatastoreName.values()) {
            Element ds = doc.createElementNS(ns, "datastore");
            text(doc, ds, ns, "name", name.xml());
            stores.lockHolder(name).ifPresent(lock -> {
                Element locks = doc.createElementNS(ns, "locks");
                Element global = doc.createElementNS(ns, "global-lock");
                text(doc, global, ns, "locked-by-session", Long.toString(lock.session()));
                text(doc, global, ns, "locked-time", lock.since().toString());
                locks.appendChild(global);
                ds.appendChild(locks);
            });
            datastores.appendChild(ds);
        }
        state.appendChild(datastores);
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
        Element list = doc.createElementNS(ns, "sessions");
        for (Sessions.Entry e : sessions.all()) {
            Element session = doc.createElementNS(ns, "session");
            text(doc, session, ns, "session-id", Long.toString(e.id));
            Element transport = text(doc, session, ns, "transport", "ncm:netconf-ssh");
            transport.setAttributeNS("http://www.w3.org/2000/xmlns/", "xmlns:ncm", ns);
            text(doc, session, ns, "username", e.user);
            if (!e.sourceHost.isEmpty()) {
                text(doc, session, ns, "source-host", e.sourceHost);
            }
            text(doc, session, ns, "login-time", e.loginTime.toString());
            list.appendChild(session);
        }
        state.appendChild(list);
        data.appendChild(state);
    }

    /**
     * /yang-library (RFC 8525): one module set, one schema, used by every datastore we have
     * (running, candidate, startup and operational).
     */
    void appendYangLibrary(Element data) {
        Document doc = data.getOwnerDocument();
        String ns = ServedModules.YANG_LIBRARY_NS;
        Element lib = doc.createElementNS(ns, "yang-library");
        Element set = doc.createElementNS(ns, "module-set");
        text(doc, set, ns, "name", "ipmpd");
        for (ServedModules.Module m : modules.all()) {
            Element module = doc.createElementNS(ns, m.implemented() ? "module" : "import-only-module");
            text(doc, module, ns, "name", m.name());
            text(doc, module, ns, "revision", m.revision());
            text(doc, module, ns, "namespace", m.namespace());
            set.appendChild(module);
        }
        lib.appendChild(set);
        Element schema = doc.createElementNS(ns, "schema");
        text(doc, schema, ns, "name", "ipmpd");
        text(doc, schema, ns, "module-set", "ipmpd");
        lib.appendChild(schema);
        for (String ds : new String[] {"running", "candidate", "startup", "operational"}) {
            Element datastore = doc.createElementNS(ns, "datastore");
            Element name = text(doc, datastore, ns, "name", "ds:" + ds);
            name.setAttributeNS("http://www.w3.org/2000/xmlns/", "xmlns:ds", ServedModules.DATASTORES_NS);
            text(doc, datastore, ns, "schema", "ipmpd");
            lib.appendChild(datastore);
        }
        text(doc, lib, ns, "content-id", modules.contentId());
        data.appendChild(lib);
    }

    /**
     * /modules-state (RFC 7895, kept deprecated in RFC 8525 section 4 for older clients): the
     * same modules as /yang-library, flat, with conformance-type and the module-set-id that the
     * yang-library:1.0 capability carries.
     */
    void appendModulesState(Element data) {
        Document doc = data.getOwnerDocument();
        String ns = ServedModules.YANG_LIBRARY_NS;
        Element state = doc.createElementNS(ns, "modules-state");
        text(doc, state, ns, "module-set-id", modules.contentId());
        for (ServedModules.Module m : modules.all()) {
            Element module = doc.createElementNS(ns, "module");
            text(doc, module, ns, "name", m.name());
            text(doc, module, ns, "revision", m.revision());
            text(doc, module, ns, "namespace", m.namespace());
            text(doc, module, ns, "conformance-type", m.implemented() ? "implement" : "import");
            state.appendChild(module);
        }
        data.appendChild(state);
    }

    private static Element text(Document doc, Element parent, String ns, String name, String value) {
        Element e = doc.createElementNS(ns, name);
        e.setTextContent(value);
        parent.appendChild(e);
        return e;
    }
}
