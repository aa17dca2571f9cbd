package net.ipmpd.agent.netconf;

import io.netty.channel.Channel;
import io.netty.util.concurrent.Promise;
import java.net.SocketAddress;
import java.util.Set;
import org.opendaylight.netconf.common.NetconfTimer;
import org.opendaylight.netconf.server.NetconfServerSession;
import org.opendaylight.netconf.server.NetconfServerSessionNegotiator;
import org.opendaylight.netconf.server.NetconfServerSessionNegotiatorFactory;
import org.opendaylight.netconf.server.api.SessionIdProvider;
import org.opendaylight.netconf.server.api.monitoring.NetconfMonitoringService;
import org.opendaylight.netconf.server.api.operations.NetconfOperationService;
import org.opendaylight.yang.gen.v1.urn.ietf.params.xml.ns.netconf.base._1._0.rev110601.SessionIdType;

/**
 * ODL's negotiator factory, told the SSH user of each connection: the session's operations are
 * created here, and the channel's peer address finds the user the authenticator let in.
 */
final class NegotiatorFactory extends NetconfServerSessionNegotiatorFactory {
    private final OperationServiceFactory operations;
    private final UserAuthentication auth;
    private final ThreadLocal<SocketAddress> peer = new ThreadLocal<>();

    NegotiatorFactory(NetconfTimer timer, OperationServiceFactory operations, SessionIdProvider ids, long helloTimeoutMillis,
                      NetconfMonitoringService monitoring, Set<String> baseCapabilities, UserAuthentication auth) {
        super(timer, operations, ids, helloTimeoutMillis, monitoring, baseCapabilities);
        this.operations = operations;
        this.auth = auth;
    }

    @Override
    public NetconfServerSessionNegotiator getSessionNegotiator(Channel channel, Promise<NetconfServerSession> promise) {
        peer.set(channel.remoteAddress());
        try {
            return super.getSessionNegotiator(channel, promise);
        } finally {
            peer.remove();
        }
    }

    @Override
    protected NetconfOperationService getOperationServiceForAddress(SessionIdType sessionId, SocketAddress ignored) {
        SocketAddress from = peer.get();
        String user = auth.takeUser(from).orElse("unknown");
        String host = from instanceof java.net.InetSocketAddress a ? a.getAddress().getHostAddress() : "";
        return operations.createService(sessionId, user, host);
    }
}
