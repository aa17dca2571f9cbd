package net.ipmpd.agent.snmp;

import org.snmp4j.MessageDispatcher;
import org.snmp4j.agent.AgentConfigManager;
import org.snmp4j.agent.MOServer;
import org.snmp4j.cfg.EngineBootsProvider;
import org.snmp4j.smi.OctetString;

/**
 * snmp4j-agent's AgentConfigManager with ipmpd's choices: requests handled on the UDP listener
 * thread (no worker pool: the managed objects only read an in-memory snapshot, and a pool halves
 * GET throughput on 2 cores), no persistence and no configuration file (security comes from
 * {@link SnmpSettings} in code), and none of the optional MIBs: SNMP4J-LOG-MIB (remote log
 * levels), SNMP4J-CONFIG-MIB (save/restore over SNMP), SNMP4J-PROXY-MIB,
 * SNMP-USM-DH-OBJECTS-MIB (which silently adds a VACM group and view) and NOTIFICATION-LOG-MIB.
 */
final class IpmpAgentConfigManager extends AgentConfigManager {

    IpmpAgentConfigManager(OctetString engineId, MessageDispatcher dispatcher, MOServer server,
                           EngineBootsProvider boots) {
        super(engineId, dispatcher, null, new MOServer[] {server}, null, null, null, boots);
    }

    @Override
    protected void initOptionalMIBs() {
        // Deliberately empty: see the class comment.
    }
}
