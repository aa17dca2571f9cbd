package net.ipmpd.agent.netconf;

import org.opendaylight.netconf.api.NamespaceURN;
import org.opendaylight.netconf.api.xml.XmlElement;
import org.opendaylight.yang.gen.v1.urn.ietf.params.xml.ns.netconf.base._1._0.rev110601.SessionIdType;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * get-config (RFC 6241 7.1): the whole datastore; ODL's session listener applies the subtree
 * filter to the reply afterwards. The XML of an unchanged datastore is copied, not written again.
 */
final class GetConfigOperation extends IpmpOperation {
    private final Datastores stores;
    private final RenderedData rendered;

    GetConfigOperation(Sessions.Entry session, SessionIdType id, Datastores stores, RenderedData rendered) {
        super(session, id);
        this.stores = stores;
        this.rendered = rendered;
    }

    @Override
    protected String getOperationName() {
        return "get-config";
    }

    @Override
    protected NetconfSettings.Access requires() {
        return NetconfSettings.Access.READ_ONLY;
    }

    @Override
    protected Element reply(Document doc, XmlElement operation) throws RpcError.RpcException {
        DatastoreName source = Requests.datastore(operation, "source");
        Element data = doc.createElementNS(NamespaceURN.BASE, "data");
        stores.read(source).ifPresent(n -> rendered.appendTo(data, n));
        return data;
    }
}
