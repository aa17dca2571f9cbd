package net.ipmpd.agent.netconf;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import net.ipmpd.agent.config.SaveFilters;
import net.ipmpd.agent.history.HistoryReader;
import net.ipmpd.engine.IpmpService;
import net.ipmpd.yang.IpmpSchema;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.opendaylight.netconf.api.CapabilityURN;
import org.opendaylight.netconf.api.TransportConstants;
import org.opendaylight.netconf.common.di.DefaultNetconfTimer;
import org.opendaylight.netconf.server.impl.DefaultSessionIdProvider;
import org.opendaylight.netconf.shaded.sshd.server.auth.password.UserAuthPasswordFactory;
import org.opendaylight.netconf.shaded.sshd.server.auth.pubkey.UserAuthPublicKeyFactory;
import org.opendaylight.netconf.shaded.sshd.server.keyprovider.SimpleGeneratorHostKeyProvider;
import org.opendaylight.netconf.transport.api.UnsupportedConfigurationException;
import org.opendaylight.netconf.transport.ssh.SSHServer;
import org.opendaylight.netconf.transport.ssh.SSHTransportStackFactory;
import org.opendaylight.yang.gen.v1.urn.ietf.params.xml.ns.yang.ietf.inet.types.rev130715.IetfInetUtil;
import org.opendaylight.yang.gen.v1.urn.ietf.params.xml.ns.yang.ietf.inet.types.rev130715.PortNumber;
import org.opendaylight.yang.gen.v1.urn.ietf.params.xml.ns.yang.ietf.netconf.server.rev240814.netconf.server.listen.stack.grouping.transport.ssh.ssh.TcpServerParametersBuilder;
import org.opendaylight.yang.gen.v1.urn.ietf.params.xml.ns.yang.ietf.tcp.server.rev241010.tcp.server.grouping.LocalBindBuilder;
import org.opendaylight.yangtools.binding.util.BindingMap;
import org.opendaylight.yangtools.yang.common.Uint16;

/**
 * ipmpd's NETCONF server (RFC 6241 over SSH, RFC 6242), on OpenDaylight's netconf-server and
 * transport-ssh: ODL does SSH, framing (base:1.0 end-of-message and base:1.1 chunked), hello,
 * session ids, rpc-reply wrapping, subtree filtering and close-session; the datastores,
 * operations, notifications and NACM are ours. The daemon does:
 *
 * <pre>
 * var server = new NetconfServer(NetconfSettingsFile.load(path), ipmpService, StartupFile.at(configPath));
 * server.start();   // listening when it returns
 * ...
 * server.close();
 * </pre>
 */
public final class NetconfServer implements AutoCloseable {
    private static final Logger LOG = LogManager.getLogger(NetconfServer.class);
    private static final long HELLO_TIMEOUT_MS = 20_000;
    private static final String BASE_1_0 = "urn:ietf:params:netconf:base:1.0";
    private static final String VALIDATE_1_0 = "urn:ietf:params:netconf:capability:validate:1.0";
    private static final long START_TIMEOUT_S = 30;
    private static final String YANG_LIBRARY_1_0 = "urn:ietf:params:netconf:capability:yang-library:1.0";

    /**
     * Base capabilities ODL's negotiator sends itself (EXI is left out: not tested with any
     * client). base:1.0 stays: RFC 6241 section 8.1 requires it and base:1.0-only clients exist.
     */
    static final Set<String> BASE_CAPABILITIES = Set.of(BASE_1_0, CapabilityURN.BASE_1_1,
            CapabilityURN.NOTIFICATION, CapabilityURN.INTERLEAVE);
    /** The protocol capabilities of what we implement (RFC 6241 section 8). */
    static final Set<String> PROTOCOL_CAPABILITIES = Set.of(CapabilityURN.WRITABLE_RUNNING, CapabilityURN.CANDIDATE,
            CapabilityURN.CONFIRMED_COMMIT_1_1,
            VALIDATE_1_0, CapabilityURN.VALIDATE_1_1, CapabilityURN.STARTUP, CapabilityURN.ROLLBACK_ON_ERROR);

    private final NetconfSettings settings;
    private final IpmpService ipmp;
    private final StartupFile startupFile;
    private DefaultNetconfTimer timer;
    private SSHTransportStackFactory ssh;
    private SSHServer server;
    private NotificationPublisher publisher;
    private Optional<HistoryReader> history = Optional.empty();
    private SaveFilters saves = SaveFilters.NONE;
    private Datastores stores;
    private UserAuthentication auth;

    public NetconfServer(NetconfSettings settings, IpmpService ipmp, StartupFile startupFile) {
        this.settings = settings;
        this.ipmp = ipmp;
        this.startupFile = startupFile;
    }

    /** Serves RFC 5277 replay (create-subscription with startTime) from this event history; call before start. */
    public synchronized NetconfServer replayFrom(HistoryReader reader) {
        history = Optional.of(reader);
        return this;
    }

    /**
     * The configuration store that saves {@code ipmp}'s changes: a pending confirmed commit holds
     * its change back from the saves of every manager (RFC 6241 8.4); call before start.
     */
    public synchronized NetconfServer savesThrough(SaveFilters store) {
        saves = store;
        return this;
    }

    /** Starts listening; returns when the port accepts connections. */
    public synchronized void start() throws IOException {
        if (server != null) {
            throw new IllegalStateException("the NETCONF server is running already");
        }
        IpmpSchema schema = IpmpSchema.shared();
        ServedModules modules = ServedModules.of(schema);
        Sessions sessions = new Sessions();
        publisher = new NotificationPublisher(ipmp, sessions, history);
        stores = new Datastores(schema, ipmp, startupFile, saves, publisher);
        sessions.onLifecycle(publisher);
        sessions.onEnd(stores::sessionEnded);
        sessions.onEnd(publisher::unsubscribe);
        OperationalData operational = new OperationalData(ipmp, modules, sessions, stores, publisher);
        auth = new UserAuthentication(settings, settings.limits().hashThreads());
        OperationServiceFactory operations = new OperationServiceFactory(sessions, stores, new EditParser(schema.context()),
                operational, modules, publisher, ipmp, settings);
        Set<String> protocol = new java.util.LinkedHashSet<>(PROTOCOL_CAPABILITIES);
        // RFC 8525 section 5: the library's revision and content-id in the hello
        protocol.add(CapabilityURN.YANG_LIBRARY_1_1 + "?revision=2019-01-04&content-id=" + modules.contentId());
        // RFC 7950 section 5.6.4: what RFC 7895 clients look for; its module-set-id is /modules-state's
        protocol.add(YANG_LIBRARY_1_0 + "?revision=2019-01-04&module-set-id=" + modules.contentId());
        MonitoringService monitoring = new MonitoringService(protocol, modules, sessions);

        timer = new DefaultNetconfTimer();
        NegotiatorFactory negotiators = new NegotiatorFactory(timer, operations, new DefaultSessionIdProvider(),
                HELLO_TIMEOUT_MS, monitoring, BASE_CAPABILITIES, auth);
        SimpleGeneratorHostKeyProvider hostKey = loadHostKey();
        ssh = new SSHTransportStackFactory("ipmpd-netconf", 2);
        var tcp = new TcpServerParametersBuilder()
                .setLocalBind(BindingMap.of(new LocalBindBuilder()
                        .setLocalAddress(IetfInetUtil.ipAddressFor(settings.listenAddress()))
                        .setLocalPort(new PortNumber(Uint16.valueOf(settings.port())))
                        .build()))
                .build();
        MessageMemory memory = MessageMemory.forThisJvm();
        if (memory.largestMessage() < settings.limits().maxMessageBytes()) {
            LOG.warn("netconf: max-message-size {} is more than this heap can parse: a message over {} bytes will be "
                    + "refused with resource-denied (raise -Xmx in IPMPD_JAVA_OPTS, about {} bytes of heap per byte)",
                    settings.limits().maxMessageBytes(), memory.largestMessage(), MessageMemory.HEAP_PER_BYTE * 8 / 5);
        }
        try {
            server = ssh.listenServer(TransportConstants.SSH_SUBSYSTEM,
                    new SessionPipeline(negotiators, settings.limits(), memory), tcp, null,
                    factory -> {
                        factory.setUserAuthFactories(List.of(new UserAuthPublicKeyFactory(), new UserAuthPasswordFactory()));
                        factory.setPasswordAuthenticator(auth);
                        factory.setPublickeyAuthenticator(auth);
                        factory.setKeyPairProvider(hostKey);
                        SshPolicy.apply(factory);
                        factory.addSessionListener(new UnauthenticatedConnections(settings.limits().maxUnauthenticatedConnections()));
                    }).get(START_TIMEOUT_S, TimeUnit.SECONDS);
        } catch (UnsupportedConfigurationException | ExecutionException | TimeoutException e) {
            closeQuietly();
            throw new IOException("cannot listen for NETCONF on " + settings.listenAddress().getHostAddress() + " port "
                    + settings.port() + ": " + Messages.plain(e), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            closeQuietly();
            throw new IOException("interrupted while starting the NETCONF server", e);
        }
        publisher.start();
        LOG.info("netconf: listening on {} port {} ({} users)", settings.listenAddress().getHostAddress(), settings.port(),
                settings.users().size());
    }

    /**
     * The host key: generated on the first start (ECDSA P-521, OpenSSH format, written 0600 by
     * SSHD) and read on every later one, so clients' known_hosts entries stay valid. Loaded
     * here rather than on the first connection, so an unwritable path fails the start.
     */
    private SimpleGeneratorHostKeyProvider loadHostKey() throws IOException {
        var dir = settings.hostKey().getParent();
        if (dir != null && !Files.isDirectory(dir)) {
            Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        }
        var provider = new SimpleGeneratorHostKeyProvider(settings.hostKey());
        try {
            if (!provider.loadKeys(null).iterator().hasNext() || !Files.exists(settings.hostKey())) {
                throw new IOException("no host key could be generated at " + settings.hostKey());
            }
        } catch (RuntimeException e) {
            throw new IOException("the host key " + settings.hostKey() + " is unusable: " + e.getMessage(), e);
        }
        return provider;
    }

    @Override
    public synchronized void close() {
        closeQuietly();
        LOG.info("netconf: stopped");
    }

    private void closeQuietly() {
        if (publisher != null) {
            publisher.close();
        }
        if (server != null) {
            try {
                server.shutdown().get(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (ExecutionException | TimeoutException e) {
                LOG.warn("netconf: SSH server shutdown: {}", e.getMessage());
            }
            server = null;
        }
        if (ssh != null) {
            ssh.close();
            ssh = null;
        }
        if (timer != null) {
            timer.close();
            timer = null;
        }
        if (auth != null) {
            auth.close();
            auth = null;
        }
        if (stores != null) {
            stores.close();
            stores = null;
        }
    }
}
