package net.ipmpd.agent.snmp;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import net.ipmpd.engine.IpmpService;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.snmp4j.MessageDispatcherImpl;
import org.snmp4j.SNMP4JSettings;
import org.snmp4j.agent.DefaultMOServer;
import org.snmp4j.agent.DuplicateRegistrationException;
import org.snmp4j.agent.ManagedObject;
import org.snmp4j.mp.CounterSupport;
import org.snmp4j.security.SecurityModels;
import org.snmp4j.security.SecurityProtocols;
import org.snmp4j.smi.OctetString;
import org.snmp4j.smi.UdpAddress;
import org.snmp4j.transport.DefaultUdpTransportMapping;

/**
 * ipmpd's SNMP agent: SNMPv2-MIB, the IF-MIB rows of the member interfaces and IPMP-MIB, all read
 * live from {@link IpmpService#snapshot()}, writes sent to the engine as commands, and engine
 * notifications sent as traps or informs to the configured targets.
 *
 * <pre>
 * SnmpAgentService snmp = new SnmpAgentService(SnmpSettingsParser.parse(path), ipmp);
 * snmp.start();   // binds the UDP port, sends coldStart
 * ...
 * snmp.close();
 * </pre>
 */
public final class SnmpAgentService implements AutoCloseable {
    private static final Logger LOG = LogManager.getLogger(SnmpAgentService.class);
    /** How long a SET waits for the engine's answer (the request thread waits with it). */
    public static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(2);
    /** Rate limit per member, group or data address: a burst of 4, then one every 2 s. */
    static final int NOTIFY_BURST = 4;
    static final Duration NOTIFY_REFILL = Duration.ofSeconds(2);
    /**
     * The largest SNMP message over UDP/IPv4: 65535 - 20 (IP header) - 8 (UDP header). It is
     * snmpEngineMaxMessageSize (RFC 3411: no more than the transport carries) and the size a
     * response may grow to when the request does not ask for less.
     */
    static final int MAX_MESSAGE_SIZE = 65507;

    private final SnmpSettings settings;
    private final IpmpService ipmp;
    private final int notifyBurst;
    private final Duration notifyRefill;
    private final Path sysClassNet;
    private IpmpAgentConfigManager agent;
    private DefaultUdpTransportMapping transport;
    private NotificationThrottle throttle;
    private AutoCloseable subscription;
    private OctetString engineId;

    public SnmpAgentService(SnmpSettings settings, IpmpService ipmp) {
        this(settings, ipmp, NOTIFY_BURST, NOTIFY_REFILL);
    }

    SnmpAgentService(SnmpSettings settings, IpmpService ipmp, int notifyBurst, Duration notifyRefill) {
        this(settings, ipmp, notifyBurst, notifyRefill, LinkFactsCache.SYS_CLASS_NET);
    }

    /** @param sysClassNet where the member links' sysfs directories are (tests give a fake one) */
    SnmpAgentService(SnmpSettings settings, IpmpService ipmp, int notifyBurst, Duration notifyRefill,
                     Path sysClassNet) {
        this.sysClassNet = sysClassNet;
        this.settings = settings;
        this.ipmp = ipmp;
        this.notifyBurst = notifyBurst;
        this.notifyRefill = notifyRefill;
    }

    /** Binds the UDP port and starts answering; throws if the port cannot be bound. */
    public synchronized void start() throws IOException {
        if (agent != null) {
            throw new IllegalStateException("the SNMP agent is already started");
        }
        // RFC 3414 3.1.2/3.2: reports of an unknown user, a wrong digest, an unknown engine or an
        // unsupported level go out noAuthNoPriv, the only level the requester can read them at
        // (snmpd does the same); snmp4j's default sent them at the request's level, so they were
        // dropped (unknown user) or unreadable ("Authentication failed" at the manager).
        SNMP4JSettings.setReportSecurityLevelStrategy(SNMP4JSettings.ReportSecurityLevelStrategy.noAuthNoPrivIfNeeded);
        EngineState state = EngineState.open(settings.stateDirectory());
        engineId = state.engineId();
        DefaultMOServer server = new DefaultMOServer();
        MessageDispatcherImpl dispatcher = new MessageDispatcherImpl();
        transport = new DefaultUdpTransportMapping(new UdpAddress(settings.listenAddress(), settings.port()));
        transport.setMaxInboundMessageSize(MAX_MESSAGE_SIZE);
        dispatcher.addTransportMapping(transport);
        agent = new IpmpAgentConfigManager(engineId, dispatcher, server, state);
        // SHA-2 and AES only: defaultSecurity leaves out MD5, SHA-1 and DES.
        agent.setContext(new SecurityModels(),
                new SecurityProtocols(SecurityProtocols.SecurityProtocolSet.defaultSecurity), new CounterSupport());
        agent.initialize();
        agent.getSysDescr().setValue("ipmpd " + version() + ": IP multipathing (in.mpathd) for Linux");
        agent.getSysOID().setValue(IpmpMib.IPMPD_ROOT.getValue());
        agent.getSNMPv2MIB().setName(Indexes.text(settings.sysName()));
        agent.getSNMPv2MIB().setContact(Indexes.text(settings.sysContact()));
        agent.getSNMPv2MIB().setLocation(Indexes.text(settings.sysLocation()));
        SecurityConfigurator.apply(agent, settings, engineId);
        AgentClock clock = new AgentClock(ipmp, () -> agent.getSysUpTime().get().getValue());
        List<ManagedObject<?>> mos = new ArrayList<>();
        IfMib ifMib = new IfMib(ipmp, clock, new LinkFactsCache(sysClassNet, System::nanoTime));
        mos.addAll(ifMib.managedObjects());
        mos.addAll(new IpmpMib(ipmp, clock, version(), COMMAND_TIMEOUT).managedObjects());
        try {
            for (ManagedObject<?> mo : mos) {
                server.register(mo, null);
            }
        } catch (DuplicateRegistrationException e) {
            throw new IllegalStateException("IPMP-MIB objects overlap: " + e.getMessage(), e);
        }
        NotificationMapper mapper = new NotificationMapper(ipmp);
        throttle = new NotificationThrottle(notifyBurst, notifyRefill.toNanos(),
                (trap, suppressed) -> agent.getNotificationOriginator().notify(new OctetString(), trap.trapOid(),
                        trap.varbinds(suppressed)));
        agent.run();   // listens, then sends coldStart
        subscription = ipmp.subscribe(n -> {
            ifMib.observe(n);
            mapper.map(n).ifPresent(throttle::offer);
        });
        LOG.info("SNMP agent listening on udp {}:{} (engine ID {}, boots {}, {} users, {} communities, {} trap targets)",
                settings.listenAddress().getHostAddress(), settings.port(), engineId.toHexString(),
                state.getEngineBoots(), settings.users().size(), settings.communities().size(),
                settings.trapTargets().size());
    }

    /** The agent's snmpEngineID (trap receivers need it to accept v3 traps). */
    public synchronized OctetString engineId() {
        return engineId == null ? null : new OctetString(engineId);
    }

    static String version() {
        String v = SnmpAgentService.class.getPackage().getImplementationVersion();
        return v == null ? "0.1.0-SNAPSHOT" : v;
    }

    @Override
    public synchronized void close() {
        if (agent == null) {
            return;
        }
        try {
            if (subscription != null) {
                subscription.close();
            }
        } catch (Exception e) {
            LOG.debug("unsubscribing: {}", e.toString());
        }
        throttle.close();
        agent.shutdown();
        try {
            transport.close();
        } catch (IOException e) {
            LOG.debug("closing the SNMP transport: {}", e.toString());
        }
        agent = null;
        LOG.info("SNMP agent on udp {}:{} stopped", settings.listenAddress().getHostAddress(), settings.port());
    }
}
