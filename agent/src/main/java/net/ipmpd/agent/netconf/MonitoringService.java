package net.ipmpd.agent.netconf;

import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import org.opendaylight.netconf.server.NetconfServerSession;
import org.opendaylight.netconf.server.api.monitoring.NetconfManagementSession;
import org.opendaylight.netconf.server.api.monitoring.NetconfMonitoringService;
import org.opendaylight.netconf.server.api.monitoring.SessionEvent;
import org.opendaylight.netconf.server.api.monitoring.SessionListener;
import org.opendaylight.yang.gen.v1.urn.ietf.params.xml.ns.yang.ietf.inet.types.rev130715.Uri;
import org.opendaylight.yang.gen.v1.urn.ietf.params.xml.ns.yang.ietf.netconf.monitoring.rev101004.netconf.state.Capabilities;
import org.opendaylight.yang.gen.v1.urn.ietf.params.xml.ns.yang.ietf.netconf.monitoring.rev101004.netconf.state.CapabilitiesBuilder;
import org.opendaylight.yang.gen.v1.urn.ietf.params.xml.ns.yang.ietf.netconf.monitoring.rev101004.netconf.state.Schemas;
import org.opendaylight.yang.gen.v1.urn.ietf.params.xml.ns.yang.ietf.netconf.monitoring.rev101004.netconf.state.SchemasBuilder;
import org.opendaylight.yang.gen.v1.urn.ietf.params.xml.ns.yang.ietf.netconf.monitoring.rev101004.netconf.state.Sessions;
import org.opendaylight.yang.gen.v1.urn.ietf.params.xml.ns.yang.ietf.netconf.monitoring.rev101004.netconf.state.SessionsBuilder;
import org.opendaylight.yangtools.concepts.NoOpObjectRegistration;
import org.opendaylight.yangtools.concepts.Registration;

/**
 * What ODL's session layer asks of "monitoring": the capabilities announced in the hello (ODL
 * takes them from here, not from the operation factory) and the session up/down events, which
 * we use to release a dead session's locks and subscription. Our own get serves /netconf-state.
 */
final class MonitoringService implements NetconfMonitoringService {
    private final Capabilities capabilities;
    private final ServedModules modules;
    private final net.ipmpd.agent.netconf.Sessions sessions;

    MonitoringService(Set<String> protocolCapabilities, ServedModules modules, net.ipmpd.agent.netconf.Sessions sessions) {
        Set<Uri> all = new LinkedHashSet<>();
        protocolCapabilities.forEach(c -> all.add(new Uri(c)));
        modules.all().forEach(m -> all.add(new Uri(m.capability())));
        this.capabilities = new CapabilitiesBuilder().setCapability(all).build();
        this.modules = modules;
        this.sessions = sessions;
    }

    @Override
    public Capabilities getCapabilities() {
        return capabilities;
    }

    @Override
    public Sessions getSessions() {
        return new SessionsBuilder().build();
    }

    @Override
    public Schemas getSchemas() {
        return new SchemasBuilder().build();
    }

    @Override
    public String getSchemaForCapability(String moduleName, Optional<String> revision) {
        return modules.find(moduleName, revision).stream().findFirst().map(ServedModules.Module::text)
                .orElseThrow(() -> new IllegalArgumentException("no module " + moduleName));
    }

    @Override
    public SessionListener getSessionListener() {
        return new SessionListener() {
            @Override
            public void onSessionUp(NetconfManagementSession session) {
                // the entry exists since the operation service was made; kill-session needs the handle
                if (session instanceof NetconfServerSession s) {
                    sessions.up(s.sessionId().getValue().longValue(), s);
                }
            }

            @Override
            public void onSessionDown(NetconfManagementSession session) {
                if (session instanceof NetconfServerSession s) {
                    // after close-session the entry is gone already; here the peer went away
                    sessions.closed(s.sessionId().getValue().longValue(), net.ipmpd.agent.netconf.Sessions.Termination.DROPPED);
                }
            }

            @Override
            public void onSessionEvent(SessionEvent event) {
                // per-RPC counters are not kept
            }
        };
    }

    @Override
    public Registration registerCapabilitiesListener(CapabilitiesListener listener) {
        return NoOpObjectRegistration.of(listener);
    }

    @Override
    public Registration registerSessionsListener(SessionsListener listener) {
        return NoOpObjectRegistration.of(listener);
    }
}
