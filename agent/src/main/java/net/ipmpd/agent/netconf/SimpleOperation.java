package net.ipmpd.agent.netconf;

import org.opendaylight.netconf.api.xml.XmlElement;
import org.opendaylight.yang.gen.v1.urn.ietf.params.xml.ns.netconf.base._1._0.rev110601.SessionIdType;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/** An operation in the base namespace whose body is one call answering {@code <ok/>}. */
final class SimpleOperation extends IpmpOperation {
    @FunctionalInterface
    interface Body {
        void run(XmlElement operation) throws RpcError.RpcException;
    }

    private final String name;
    private final NetconfSettings.Access requires;
    private final Body body;

    SimpleOperation(Sessions.Entry session, SessionIdType id, String name, boolean writes, Body body) {
        this(session, id, name, writes ? NetconfSettings.Access.READ_WRITE : NetconfSettings.Access.READ_ONLY, body);
    }

    SimpleOperation(Sessions.Entry session, SessionIdType id, String name, NetconfSettings.Access requires, Body body) {
        super(session, id);
        this.name = name;
        this.requires = requires;
        this.body = body;
    }

    @Override
    protected String getOperationName() {
        return name;
    }

    @Override
    protected NetconfSettings.Access requires() {
        return requires;
    }

    @Override
    protected Element reply(Document doc, XmlElement operation) throws RpcError.RpcException {
        body.run(operation);
        return ok(doc);
    }
}
