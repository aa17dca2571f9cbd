package net.ipmpd.agent.snmp;

import java.net.Inet4Address;
import java.util.LinkedHashSet;
import java.util.Set;
import net.ipmpd.agent.snmp.SnmpSettings.Community;
import net.ipmpd.agent.snmp.SnmpSettings.Network;
import net.ipmpd.agent.snmp.SnmpSettings.TrapTarget;
import net.ipmpd.agent.snmp.SnmpSettings.User;
import org.snmp4j.agent.AgentConfigManager;
import org.snmp4j.agent.mo.MOTable;
import org.snmp4j.agent.mo.MOTableRow;
import org.snmp4j.agent.mo.snmp.SnmpCommunityMIB;
import org.snmp4j.agent.mo.snmp.SnmpNotificationMIB;
import org.snmp4j.agent.mo.snmp.SnmpTargetMIB;
import org.snmp4j.agent.mo.snmp.StorageType;
import org.snmp4j.agent.mo.snmp.TransportDomains;
import org.snmp4j.agent.mo.snmp.VacmMIB;
import org.snmp4j.agent.security.MutableVACM;
import org.snmp4j.mp.MPv3;
import org.snmp4j.mp.MessageProcessingModel;
import org.snmp4j.security.AuthHMAC192SHA256;
import org.snmp4j.security.AuthHMAC256SHA384;
import org.snmp4j.security.AuthHMAC384SHA512;
import org.snmp4j.security.PrivAES128;
import org.snmp4j.security.PrivAES192;
import org.snmp4j.security.PrivAES256;
import org.snmp4j.security.SecurityLevel;
import org.snmp4j.security.SecurityModel;
import org.snmp4j.security.USM;
import org.snmp4j.security.UsmUser;
import org.snmp4j.smi.Integer32;
import org.snmp4j.smi.OID;
import org.snmp4j.smi.OctetString;
import org.snmp4j.smi.UdpAddress;
import org.snmp4j.smi.Variable;

/**
 * Applies the security part of {@link SnmpSettings} to the agent, in code, on every start (there
 * is no SNMP-side persistence, so the daemon's configuration is the one source of truth):
 * USM users (always authPriv with SHA-2 and AES), VACM groups, access entries and views, read-only
 * communities with their source networks, and notification targets.
 *
 * <p>Views: the read view is SNMPv2-MIB system, snmp and snmpEngine, the MPD and USM statistics
 * (as snmpd shows them), IF-MIB's interfaces and ifMIB, and ipmpd's arc; never the SNMP configuration tables (USM, VACM, community, target),
 * which would reveal user names, communities and targets. The write view is IPMP-MIB's objects
 * only, and only SNMPv3 users with access rw get it.
 */
final class SecurityConfigurator {
    static final OctetString READ_VIEW = new OctetString("ipmpRead");
    static final OctetString WRITE_VIEW = new OctetString("ipmpWrite");
    static final OctetString NOTIFY_VIEW = new OctetString("ipmpNotify");
    static final OctetString NO_VIEW = new OctetString();
    static final OctetString GROUP_V3_RO = new OctetString("ipmpV3ReadOnly");
    static final OctetString GROUP_V3_RW = new OctetString("ipmpV3ReadWrite");
    static final OctetString GROUP_V3_NOTIFY = new OctetString("ipmpV3NotifyOnly");
    static final OctetString GROUP_V2C_RO = new OctetString("ipmpV2cReadOnly");
    static final OctetString GROUP_V2C_TRAP = new OctetString("ipmpV2cTrap");
    static final OctetString TAG_TRAP = new OctetString("ipmpTrap");
    static final OctetString TAG_INFORM = new OctetString("ipmpInform");

    static final OID[] READ_SUBTREES = {
            new OID("1.3.6.1.2.1.1"),          // SNMPv2-MIB system
            new OID("1.3.6.1.2.1.2"),          // IF-MIB interfaces
            new OID("1.3.6.1.2.1.11"),         // SNMPv2-MIB snmp (statistics)
            new OID("1.3.6.1.2.1.31"),         // IF-MIB ifMIB
            new OID("1.3.6.1.6.3.10.2.1"),     // SNMP-FRAMEWORK-MIB snmpEngine
            new OID("1.3.6.1.6.3.11.2.1"),     // SNMP-MPD-MIB snmpMPDStats
            new OID("1.3.6.1.6.3.15.1.1"),     // SNMP-USER-BASED-SM-MIB usmStats (counters only, never usmUser)
            IpmpMib.IPMPD_ROOT,
    };
    static final OID[] NOTIFY_EXTRA = {
            new OID("1.3.6.1.6.3.1.1.4"),      // snmpTrap (snmpTrapOID)
            new OID("1.3.6.1.6.3.1.1.5"),      // snmpTraps (coldStart, linkDown, linkUp)
    };

    private SecurityConfigurator() {
    }

    static void apply(AgentConfigManager agent, SnmpSettings settings, OctetString engineId) {
        views(agent.getVacmMIB());
        access(agent.getVacmMIB());
        USM usm = agent.getUsm();
        for (User u : settings.users()) {
            usm.addUser(new UsmUser(new OctetString(u.name()), authOid(u), new OctetString(u.authPassphrase()),
                    privOid(u), new OctetString(u.privPassphrase())));
            OctetString group = switch (u.access()) {
                case READ_ONLY -> GROUP_V3_RO;
                case READ_WRITE -> GROUP_V3_RW;
                case NOTIFY_ONLY -> GROUP_V3_NOTIFY;
            };
            agent.getVacmMIB().addGroup(SecurityModel.SECURITY_MODEL_USM, new OctetString(u.name()), group,
                    StorageType.readOnly);
        }
        SnmpCommunityMIB communities = agent.getSnmpCommunityMIB();
        SnmpTargetMIB targets = agent.getSnmpTargetMIB();
        boolean anySourceFilter = false;
        for (int i = 0; i < settings.communities().size(); i++) {
            Community c = settings.communities().get(i);
            OctetString securityName = new OctetString("ipmp-community-" + i);
            OctetString tag = c.sources().isEmpty() ? new OctetString() : new OctetString("ipmpSources" + i);
            communities.addSnmpCommunityEntry(new OctetString("ipmpCommunity" + i), new OctetString(c.community()),
                    securityName, engineId, new OctetString(), tag, StorageType.readOnly);
            agent.getVacmMIB().addGroup(SecurityModel.SECURITY_MODEL_SNMPv2c, securityName, GROUP_V2C_RO,
                    StorageType.readOnly);
            for (int j = 0; j < c.sources().size(); j++) {
                sourceFilter(targets, communities, "ipmpSource" + i + "." + j, tag, c.sources().get(j));
                anySourceFilter = true;
            }
        }
        // RFC 3584 5.2.1: snmpCommunityTransportTag selects the source addresses allowed to use a
        // community; without this switch snmp4j-agent ignores the tag.
        communities.setSourceAddressFiltering(anySourceFilter);
        notificationTargets(agent, settings);
    }

    private static void views(VacmMIB vacm) {
        for (OID o : READ_SUBTREES) {
            vacm.addViewTreeFamily(READ_VIEW, o, new OctetString(), VacmMIB.vacmViewIncluded, StorageType.readOnly);
            vacm.addViewTreeFamily(NOTIFY_VIEW, o, new OctetString(), VacmMIB.vacmViewIncluded, StorageType.readOnly);
        }
        for (OID o : NOTIFY_EXTRA) {
            vacm.addViewTreeFamily(NOTIFY_VIEW, o, new OctetString(), VacmMIB.vacmViewIncluded, StorageType.readOnly);
        }
        vacm.addViewTreeFamily(WRITE_VIEW, IpmpMib.OBJECTS, new OctetString(), VacmMIB.vacmViewIncluded,
                StorageType.readOnly);
    }

    private static void access(VacmMIB vacm) {
        int usm = SecurityModel.SECURITY_MODEL_USM;
        int v2c = SecurityModel.SECURITY_MODEL_SNMPv2c;
        // SNMPv3 only with authentication and privacy: no entry matches a lower level.
        vacm.addAccess(GROUP_V3_RO, new OctetString(), usm, SecurityLevel.AUTH_PRIV, MutableVACM.VACM_MATCH_EXACT,
                READ_VIEW, NO_VIEW, NOTIFY_VIEW, StorageType.readOnly);
        vacm.addAccess(GROUP_V3_RW, new OctetString(), usm, SecurityLevel.AUTH_PRIV, MutableVACM.VACM_MATCH_EXACT,
                READ_VIEW, WRITE_VIEW, NOTIFY_VIEW, StorageType.readOnly);
        vacm.addAccess(GROUP_V3_NOTIFY, new OctetString(), usm, SecurityLevel.AUTH_PRIV, MutableVACM.VACM_MATCH_EXACT,
                NO_VIEW, NO_VIEW, NOTIFY_VIEW, StorageType.readOnly);
        // Communities read; they never write, whatever the configuration says.
        vacm.addAccess(GROUP_V2C_RO, new OctetString(), v2c, SecurityLevel.NOAUTH_NOPRIV, MutableVACM.VACM_MATCH_EXACT,
                READ_VIEW, NO_VIEW, NO_VIEW, StorageType.readOnly);
        vacm.addAccess(GROUP_V2C_TRAP, new OctetString(), v2c, SecurityLevel.NOAUTH_NOPRIV, MutableVACM.VACM_MATCH_EXACT,
                NO_VIEW, NO_VIEW, NOTIFY_VIEW, StorageType.readOnly);
    }

    /** One allowed source network of a community: a tagged target address with a mask (RFC 3584 snmpTargetAddrTMask). */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private static void sourceFilter(SnmpTargetMIB targets, SnmpCommunityMIB communities, String name,
                                     OctetString tag, Network n) {
        boolean v4 = n.address() instanceof Inet4Address;
        UdpAddress addr = new UdpAddress(n.address(), 0);
        OctetString rowName = new OctetString(name);
        targets.addTargetAddress(rowName, v4 ? TransportDomains.transportDomainUdpIpv4 : TransportDomains.transportDomainUdpIpv6,
                new OctetString(addr.getValue()), 0, 0, tag, new OctetString("ipmpNoParams"), StorageType.readOnly);
        byte[] mask = new byte[n.address().getAddress().length + 2];   // address, then the port (any)
        for (int b = 0; b < n.prefixLength(); b++) {
            mask[b / 8] |= (byte) (0x80 >>> (b % 8));
        }
        MOTable ext = communities.getSnmpTargetAddrExtEntry();
        OID index = rowName.toSubIndex(true);
        // snmpTargetAddrMMS caps every response to this community (snmp4j-agent takes the smaller of
        // it and the request's size): 484, the RFC minimum, cut v2c GETBULK answers to ~19 varbinds.
        MOTableRow row = ext.createRow(index, new Variable[] {new OctetString(mask),
                new Integer32(SnmpAgentService.MAX_MESSAGE_SIZE)});
        ext.addRow(row);
    }

    private static void notificationTargets(AgentConfigManager agent, SnmpSettings settings) {
        SnmpTargetMIB targets = agent.getSnmpTargetMIB();
        Set<String> v2cTrapNames = new LinkedHashSet<>();
        boolean traps = false;
        boolean informs = false;
        for (int i = 0; i < settings.trapTargets().size(); i++) {
            TrapTarget t = settings.trapTargets().get(i);
            OctetString name = new OctetString("ipmpTarget" + i);
            OctetString params = new OctetString("ipmpTargetParams" + i);
            UdpAddress addr = new UdpAddress(t.address(), t.port());
            targets.addTargetAddress(name,
                    t.address() instanceof Inet4Address ? TransportDomains.transportDomainUdpIpv4
                            : TransportDomains.transportDomainUdpIpv6,
                    new OctetString(addr.getValue()), Math.max(1, t.timeoutMs() / 10), t.retries(),
                    t.inform() ? TAG_INFORM : TAG_TRAP, params, StorageType.readOnly);
            if (t.v3()) {
                targets.addTargetParams(params, MPv3.ID, SecurityModel.SECURITY_MODEL_USM, new OctetString(t.user()),
                        SecurityLevel.AUTH_PRIV, StorageType.readOnly);
            } else {
                // snmp4j-agent's default originator sends the params' security name as the v2c
                // community; the VACM group below lets that name send, and nothing else.
                targets.addTargetParams(params, MessageProcessingModel.MPv2c, SecurityModel.SECURITY_MODEL_SNMPv2c,
                        new OctetString(t.community()), SecurityLevel.NOAUTH_NOPRIV, StorageType.readOnly);
                v2cTrapNames.add(t.community());
            }
            traps |= !t.inform();
            informs |= t.inform();
        }
        for (String c : v2cTrapNames) {
            agent.getVacmMIB().addGroup(SecurityModel.SECURITY_MODEL_SNMPv2c, new OctetString(c), GROUP_V2C_TRAP,
                    StorageType.readOnly);
        }
        SnmpNotificationMIB notify = agent.getSnmpNotificationMIB();
        if (traps) {
            notify.addNotifyEntry(new OctetString("ipmpTraps"), TAG_TRAP, SnmpNotificationMIB.SnmpNotifyTypeEnum.trap,
                    StorageType.readOnly);
        }
        if (informs) {
            notify.addNotifyEntry(new OctetString("ipmpInforms"), TAG_INFORM,
                    SnmpNotificationMIB.SnmpNotifyTypeEnum.inform, StorageType.readOnly);
        }
    }

    private static OID authOid(User u) {
        return switch (u.auth()) {
            case SHA256 -> AuthHMAC192SHA256.ID;
            case SHA384 -> AuthHMAC256SHA384.ID;
            case SHA512 -> AuthHMAC384SHA512.ID;
        };
    }

    private static OID privOid(User u) {
        return switch (u.priv()) {
            case AES128 -> PrivAES128.ID;
            case AES192 -> PrivAES192.ID;
            case AES256 -> PrivAES256.ID;
        };
    }
}
