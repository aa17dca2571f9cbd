package net.ipmpd.agent.netconf;

import java.util.Optional;
import net.ipmpd.engine.config.ConfigLocation;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.opendaylight.netconf.api.DocumentedException;
import org.opendaylight.netconf.api.NetconfSession;
import org.opendaylight.netconf.api.xml.XmlElement;
import org.opendaylight.netconf.server.api.operations.AbstractSingletonNetconfOperation;
import org.opendaylight.netconf.server.api.operations.SessionAwareNetconfOperation;
import org.opendaylight.yang.gen.v1.urn.ietf.params.xml.ns.netconf.base._1._0.rev110601.SessionIdType;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * The base of our operations: the NACM check first (RFC 8341 section 3.4.4: protocol operation
 * access), then the operation, and any {@link RpcError} becomes the reply's {@code <rpc-error>}.
 * Unexpected failures are answered as operation-failed without Java class names.
 */
abstract class IpmpOperation extends AbstractSingletonNetconfOperation implements SessionAwareNetconfOperation {
    private static final Logger LOG = LogManager.getLogger(IpmpOperation.class);

    protected final Sessions.Entry session;

    protected IpmpOperation(Sessions.Entry session, SessionIdType id) {
        super(id);
        this.session = session;
    }

    /**
     * The NACM access a user needs (RFC 8341 section 3.4.4, protocol operation rules): reads
     * need read-only, offline/online operator, everything that changes a datastore read-write.
     */
    protected abstract NetconfSettings.Access requires();

    /**
     * The data node a refused write would have changed first, for the error-path of access-denied
     * (RFC 8341 section 3.4.5); empty when the operation as a whole is refused (section 3.4.4).
     */
    protected Optional<ConfigLocation> deniedNode(XmlElement operation) {
        return Optional.empty();
    }

    /** The reply's content ({@code <ok/>} or {@code <data>}). */
    protected abstract Element reply(Document doc, XmlElement operation) throws RpcError.RpcException;

    @Override
    public void setSession(NetconfSession netconfSession) {
        session.session = netconfSession;
    }

    @Override
    protected final Element handleWithNoSubsequentOperations(Document doc, XmlElement operation) throws DocumentedException {
        try {
            if (session.access.compareTo(requires()) < 0) {
                LOG.warn("netconf: session {} user {} denied {} ({} access)", session.id, session.user, getOperationName(),
                        session.access.label());
                String why = "user '" + session.user + "' may not run " + getOperationName() + ": NACM grants "
                        + session.access.label() + " access";
                Optional<ConfigLocation> node = deniedNode(operation);
                throw (node.isPresent() ? RpcError.dataDenied(node.get(), why)
                        : RpcError.operationDenied(new RpcError.Operation(getOperationNamespace(), getOperationName()), why))
                        .exception();
            }
            return reply(doc, operation);
        } catch (RpcError.RpcException e) {
            return e.error().toElement(doc);
        } catch (RuntimeException e) {
            LOG.error("netconf: session {} {} failed", session.id, getOperationName(), e);
            return RpcError.application(RpcError.OPERATION_FAILED, java.util.Optional.empty(),
                    getOperationName() + " failed: " + Messages.plain(e)).toElement(doc);
        }
    }

    static Element ok(Document doc) {
        return doc.createElementNS(org.opendaylight.netconf.api.NamespaceURN.BASE, "ok");
    }
}
