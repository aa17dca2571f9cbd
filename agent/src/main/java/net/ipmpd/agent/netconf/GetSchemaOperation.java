package net.ipmpd.agent.netconf;

import java.util.List;
import java.util.Optional;
import org.opendaylight.netconf.api.xml.XmlElement;
import org.opendaylight.yang.gen.v1.urn.ietf.params.xml.ns.netconf.base._1._0.rev110601.SessionIdType;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/** get-schema (RFC 6022 section 3.1): the text of a served module. */
final class GetSchemaOperation extends IpmpOperation {
    private final ServedModules modules;

    GetSchemaOperation(Sessions.Entry session, SessionIdType id, ServedModules modules) {
        super(session, id);
        this.modules = modules;
    }

    @Override
    protected String getOperationName() {
        return "get-schema";
    }

    @Override
    protected String getOperationNamespace() {
        return ServedModules.MONITORING_NS;
    }

    @Override
    protected NetconfSettings.Access requires() {
        return NetconfSettings.Access.READ_ONLY;
    }

    @Override
    protected Element reply(Document doc, XmlElement operation) throws RpcError.RpcException {
        String identifier = childText(operation, "identifier")
                .orElseThrow(() -> RpcError.protocol(RpcError.MISSING_ELEMENT, "get-schema needs an identifier")
                        .withInfo("bad-element", "identifier").exception());
        Optional<String> version = childText(operation, "version");
        Optional<String> format = childText(operation, "format");
        if (format.isPresent() && !format.get().endsWith("yang")) {
            throw RpcError.application(RpcError.INVALID_VALUE, Optional.empty(), "only the yang format is served").exception();
        }
        List<ServedModules.Module> found = modules.find(identifier, version);
        if (found.isEmpty()) {
            throw RpcError.application(RpcError.INVALID_VALUE, Optional.empty(), "no module " + identifier
                    + version.map(v -> " revision " + v).orElse("") + " is served").exception();
        }
        if (found.size() > 1) {
            // RFC 6022 3.1: more than one revision and no version given
            throw RpcError.application(RpcError.OPERATION_FAILED, Optional.empty(),
                    "module " + identifier + " is served in several revisions; give a version").withAppTag("data-not-unique").exception();
        }
        Element data = doc.createElementNS(ServedModules.MONITORING_NS, "data");
        data.setTextContent(found.get(0).text());
        return data;
    }

    private static Optional<String> childText(XmlElement op, String name) {
        return op.getChildElements().stream().filter(e -> e.getName().equals(name)).findFirst()
                .flatMap(XmlElement::getOnlyTextContentOptionally).map(String::strip);
    }
}
