package net.ipmpd.agent.snmp;

import java.io.IOException;
import org.snmp4j.TransportStateReference;
import org.snmp4j.asn1.BERInputStream;
import org.snmp4j.asn1.BEROutputStream;
import org.snmp4j.event.CounterEvent;
import org.snmp4j.mp.CounterSupport;
import org.snmp4j.mp.SnmpConstants;
import org.snmp4j.mp.StatusInformation;
import org.snmp4j.security.SecurityLevel;
import org.snmp4j.security.SecurityModel;
import org.snmp4j.security.SecurityParameters;
import org.snmp4j.security.SecurityProtocols;
import org.snmp4j.security.SecurityStateReference;
import org.snmp4j.security.USM;
import org.snmp4j.security.UsmSecurityParameters;
import org.snmp4j.security.UsmSecurityStateReference;
import org.snmp4j.smi.Integer32;
import org.snmp4j.smi.OctetString;
import org.snmp4j.smi.VariableBinding;


/**
 * snmp4j's USM with the agent's side of RFC 3414 3.2 step 3: an authenticated message for an
 * authoritative engine this agent does not know gets a usmStatsUnknownEngineIDs report. snmp4j
 * learns every engine ID it sees (engine discovery, which a manager needs), so a request with a
 * wrong msgAuthoritativeEngineID was processed with keys localized to that engine and answered
 * in a way no manager can use. Engine IDs learnt from our inform receivers (their discovery
 * reports are noAuthNoPriv and pass through untouched) stay usable.
 */
final class AuthoritativeUsm extends USM {
    private final OctetString localEngineId;

    AuthoritativeUsm(SecurityProtocols protocols, OctetString localEngineId, int engineBoots, CounterSupport counters) {
        super(protocols, localEngineId, engineBoots, counters);
        this.localEngineId = new OctetString(localEngineId);
    }

    @Override
    public int processIncomingMsg(int snmpVersion, int maxMessageSize, SecurityParameters securityParameters,
                                  SecurityModel securityModel, int securityLevel, BERInputStream wholeMsg,
                                  TransportStateReference tmStateReference, OctetString securityEngineID,
                                  OctetString securityName, BEROutputStream scopedPDU,
                                  Integer32 maxSizeResponseScopedPDU, SecurityStateReference securityStateReference,
                                  StatusInformation statusInfo) throws IOException {
        UsmSecurityParameters usm = (UsmSecurityParameters) securityParameters;
        OctetString engine = new OctetString(usm.getAuthoritativeEngineID());
        if (securityLevel > SecurityLevel.NOAUTH_NOPRIV && engine.length() > 0 && !engine.equals(localEngineId)
                && getTimeTable().getEntry(engine) == null) {
            securityEngineID.setValue(engine.getValue());
            securityName.setValue(usm.getUserName().getValue());
            ((UsmSecurityStateReference) securityStateReference).setSecurityName(securityName.getValue());
            if (statusInfo != null) {
                CounterEvent event = new CounterEvent(this, SnmpConstants.usmStatsUnknownEngineIDs);
                fireIncrementCounter(event);
                // RFC 3414 3.2 step 3: the report goes out noAuthNoPriv (the keys of that engine are nobody's)
                statusInfo.setSecurityLevel(new Integer32(SecurityLevel.NOAUTH_NOPRIV));
                statusInfo.setErrorIndication(new VariableBinding(event.getOid(), event.getCurrentValue()));
            }
            return SnmpConstants.SNMPv3_USM_UNKNOWN_ENGINEID;
        }
        return super.processIncomingMsg(snmpVersion, maxMessageSize, securityParameters, securityModel,
                securityLevel, wholeMsg, tmStateReference, securityEngineID, securityName, scopedPDU,
                maxSizeResponseScopedPDU, securityStateReference, statusInfo);
    }
}
