package net.ipmpd.agent.netconf;

import java.util.HashSet;
import java.util.Set;
import net.ipmpd.engine.IpmpService;
import org.opendaylight.netconf.server.api.monitoring.Capability;
import org.opendaylight.netconf.server.api.monitoring.CapabilityListener;
import org.opendaylight.netconf.server.api.operations.NetconfOperation;
import org.opendaylight.netconf.server.api.operations.NetconfOperationService;
import org.opendaylight.netconf.server.api.operations.NetconfOperationServiceFactory;
import org.opendaylight.yang.gen.v1.urn.ietf.params.xml.ns.netconf.base._1._0.rev110601.SessionIdType;
import org.opendaylight.yangtools.concepts.NoOpObjectRegistration;
import org.opendaylight.yangtools.concepts.Registration;

/**
 * Creates the operations of each NETCONF session, bound to the session's user and access.
 * close-session comes from ODL; everything else is ours.
 */
final class OperationServiceFactory implements NetconfOperationServiceFactory {
    private final Sessions sessions;
    private final Datastores stores;
    private final EditParser parser;
    private final OperationalData operational;
    private final ServedModules modules;
    private final NotificationPublisher publisher;
    private final IpmpService ipmp;
    private final NetconfSettings settings;
    /** The running configuration's XML, shared by every session's get-config. */
    private final RenderedData renderedConfig = new RenderedData();

    OperationServiceFactory(Sessions sessions, Datastores stores, EditParser parser, OperationalData operational,
                            ServedModules modules, NotificationPublisher publisher, IpmpService ipmp, NetconfSettings settings) {
        this.sessions = sessions;
        this.stores = stores;
        this.parser = parser;
        this.operational = operational;
        this.modules = modules;
        this.publisher = publisher;
        this.ipmp = ipmp;
        this.settings = settings;
    }

    /** A session whose SSH user is unknown gets nothing but reads (RFC 8341 defaults). */
    @Override
    public NetconfOperationService createService(SessionIdType id) {
        return createService(id, "unknown", "");
    }

    NetconfOperationService createService(SessionIdType id, String user, String sourceHost) {
        long sid = id.getValue().longValue();
        Sessions.Entry s = sessions.open(sid, user, settings.accessOf(user), sourceHost);
        Set<NetconfOperation> ops = new HashSet<>();
        ops.add(new GetConfigOperation(s, id, stores, renderedConfig));
        ops.add(new GetOperation(s, id, operational));
        ops.add(new EditConfigOperation(s, id, stores, parser));
        ops.addAll(BaseOperations.create(s, id, stores, sessions));
        ops.add(new GetSchemaOperation(s, id, modules));
        ops.add(new CreateSubscriptionOperation(s, id, publisher));
        ops.add(new AdminOperation(s, id, true, ipmp, parser.values()));
        ops.add(new AdminOperation(s, id, false, ipmp, parser.values()));
        Set<NetconfOperation> frozen = Set.copyOf(ops);
        return new NetconfOperationService() {
            @Override
            public Set<NetconfOperation> getNetconfOperations() {
                return frozen;
            }

            @Override
            public void close() {
                // before the session is down only when close-session asked for it (ODL's DefaultCloseSession)
                sessions.closed(sid, Sessions.Termination.CLOSED);
            }
        };
    }

    @Override
    public Set<Capability> getCapabilities() {
        return Set.of();
    }

    @Override
    public Registration registerCapabilityListener(CapabilityListener listener) {
        return NoOpObjectRegistration.of(listener);
    }
}
