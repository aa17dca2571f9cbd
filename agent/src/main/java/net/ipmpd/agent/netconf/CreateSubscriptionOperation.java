package net.ipmpd.agent.netconf;

import org.opendaylight.netconf.api.NamespaceURN;
import org.opendaylight.netconf.api.xml.XmlElement;
import org.opendaylight.yang.gen.v1.urn.ietf.params.xml.ns.netconf.base._1._0.rev110601.SessionIdType;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * create-subscription (RFC 5277 section 2.1.1) on the NETCONF stream. Replay is not offered
 * (no :replay capability) and a session holds one subscription at most.
 */
final class CreateSubscriptionOperation extends IpmpOperation {
    private final NotificationPublisher publisher;

    CreateSubscriptionOperation(Sessions.Entry session, SessionIdType id, NotificationPublisher publisher) {
        super(session, id);
        this.publisher = publisher;
    }

    @Override
    protected String getOperationName() {
        return "create-subscription";
    }

    @Override
    protected String getOperationNamespace() {
        return NamespaceURN.NOTIFICATION;
    }

    @Override
    protected NetconfSettings.Access requires() {
        return NetconfSettings.Access.READ_ONLY;
    }

    @Override
    protected Element reply(Document doc, XmlElement operation) throws RpcError.RpcException {
        for (XmlElement p : operation.getChildElements()) {
            switch (p.getName()) {
                case "stream" -> {
                    String stream = p.getOnlyTextContentOptionally().orElse("").strip();
                    if (!stream.equals("NETCONF")) {
                        throw RpcError.application(RpcError.INVALID_VALUE, java.util.Optional.empty(),
                                "there is no stream '" + stream + "'; the only stream is NETCONF").exception();
                    }
                }
                case "startTime", "stopTime" -> throw RpcError.protocol(RpcError.OPERATION_NOT_SUPPORTED,
                        "replay is not supported (no :replay capability); subscribe without startTime").exception();
                case "filter" -> throw RpcError.protocol(RpcError.OPERATION_NOT_SUPPORTED,
                        "notification filters are not supported; subscribe to the whole NETCONF stream").exception();
                default -> throw RpcError.protocol(RpcError.UNKNOWN_ELEMENT, "create-subscription has no parameter " + p.getName())
                        .withInfo("bad-element", p.getName()).exception();
            }
        }
        if (session.session == null || !publisher.subscribe(session.id, session.session)) {
            throw RpcError.protocol(RpcError.OPERATION_FAILED, "this session has a subscription already").exception();
        }
        return ok(doc);
    }
}
