package net.ipmpd.agent.snmp;

import java.util.concurrent.TimeUnit;
import org.snmp4j.MessageDispatcher;
import org.snmp4j.mp.MPv2c;
import org.snmp4j.mp.MPv3;
import org.snmp4j.security.USM;
import org.snmp4j.agent.AgentConfigManager;
import org.snmp4j.agent.MOServer;
import org.snmp4j.agent.NotificationOriginator;
import org.snmp4j.agent.mo.snmp.NotificationOriginatorImpl;
import org.snmp4j.cfg.EngineBootsProvider;
import org.snmp4j.smi.OctetString;

/**
 * snmp4j-agent's AgentConfigManager with ipmpd's choices: requests handled on the UDP listener
 * thread (no worker pool: the managed objects only read an in-memory snapshot, and a pool halves
 * GET throughput on 2 cores), no persistence and no configuration file (security comes from
 * {@link SnmpSettings} in code), and none of the optional MIBs: SNMP4J-LOG-MIB (remote log
 * levels), SNMP4J-CONFIG-MIB (save/restore over SNMP), SNMP4J-PROXY-MIB,
 * SNMP-USM-DH-OBJECTS-MIB (which silently adds a VACM group and view) and NOTIFICATION-LOG-MIB.
 *
 * <p>SNMPv1 is not spoken at all: a v1 request is dropped (snmpInBadVersions), as snmpd drops a
 * v1 request with a v2c-only community, where snmp4j-agent answered genError. The USM is an
 * {@link AuthoritativeUsm}.
 *
 * <p>Notifications, the authenticationFailure trap included, leave through a
 * {@link NotificationQueue}: never sent on the request thread, informs never waited for.
 */
final class IpmpAgentConfigManager extends AgentConfigManager {
    /** snmpEnableAuthenTraps floods are cut to one authenticationFailure a second. */
    static final long AUTH_FAILURE_INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(1);

    private NotificationQueue notificationQueue;

    IpmpAgentConfigManager(OctetString engineId, MessageDispatcher dispatcher, MOServer server,
                           EngineBootsProvider boots) {
        super(engineId, dispatcher, null, new MOServer[] {server}, null, null, null, boots);
    }

    @Override
    protected void initOptionalMIBs() {
        // Deliberately empty: see the class comment.
    }

    @Override
    protected void initMessageDispatcherWithMPs(MessageDispatcher mp) {
        mp.addMessageProcessingModel(new MPv2c());
        mp.addMessageProcessingModel(new MPv3(engineID.getValue(), null, securityProtocols, securityModels,
                counterSupport));
    }

    @Override
    protected USM createUSM() {
        return new AuthoritativeUsm(securityProtocols, engineID, engineBootsProvider.updateEngineBoots(),
                counterSupport);
    }

    @Override
    protected NotificationOriginator createNotificationOriginator() {
        NotificationOriginatorImpl originator = new NotificationOriginatorImpl(new InformsWithoutWaiting(session),
                getVacmMIB(), snmpv2MIB.getSysUpTime(), targetMIB, notificationMIB);
        notificationQueue = new NotificationQueue(originator, () -> snmpv2MIB.getSysUpTime().get().getValue(),
                NotificationQueue.CAPACITY, AUTH_FAILURE_INTERVAL_NANOS, System::nanoTime);
        return notificationQueue;
    }

    NotificationQueue notificationQueue() {
        return notificationQueue;
    }

    @Override
    public void shutdown() {
        if (notificationQueue != null) {
            notificationQueue.close();
        }
        super.shutdown();
    }
}
