package net.ipmpd.agent.snmp;

import java.io.IOException;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.snmp4j.PDU;
import org.snmp4j.Session;
import org.snmp4j.Target;
import org.snmp4j.TransportMapping;
import org.snmp4j.event.ResponseEvent;
import org.snmp4j.event.ResponseListener;
import org.snmp4j.smi.Address;

/**
 * The session snmp4j-agent's notification originator sends through. Its synchronous send waits
 * for an inform's acknowledgement, through every retry, so one unreachable receiver would hold
 * every later notification for timeout x (retries + 1) per inform; here an inform is sent
 * asynchronously instead: the session's timer retries it, and its outcome is only logged.
 * Traps (unconfirmed) go out as before.
 */
final class InformsWithoutWaiting implements Session {
    private static final Logger LOG = LogManager.getLogger(InformsWithoutWaiting.class);

    private final Session session;

    private final ResponseListener outcome = new ResponseListener() {
        @Override
        public <A extends Address> void onResponse(ResponseEvent<A> event) {
            // snmp4j: an asynchronous request stays pending until its listener cancels it
            session.cancel(event.getRequest(), this);
            if (event.getResponse() == null) {
                LOG.info("SNMP inform {} to {} not acknowledged after its retries{}",
                        event.getRequest().getRequestID(), event.getPeerAddress(),
                        event.getError() == null ? "" : ": " + event.getError());
            } else {
                LOG.debug("SNMP inform {} acknowledged by {}", event.getRequest().getRequestID(),
                        event.getPeerAddress());
            }
        }
    };

    InformsWithoutWaiting(Session session) {
        this.session = session;
    }

    /** Returns null for an inform: it is on its way, and its acknowledgement is not waited for. */
    @Override
    public <A extends Address> ResponseEvent<A> send(PDU pdu, Target<A> target) throws IOException {
        if (pdu.isConfirmedPdu()) {
            session.send(pdu, target, null, outcome);
            return null;
        }
        return session.send(pdu, target);
    }

    @Override
    public <A extends Address> void send(PDU pdu, Target<A> target, Object userHandle, ResponseListener listener)
            throws IOException {
        session.send(pdu, target, userHandle, listener);
    }

    @Override
    public <A extends Address> ResponseEvent<A> send(PDU pdu, Target<A> target,
                                                     TransportMapping<? super A> transport) throws IOException {
        if (pdu.isConfirmedPdu()) {
            session.send(pdu, target, transport, null, outcome);
            return null;
        }
        return session.send(pdu, target, transport);
    }

    @Override
    public <A extends Address> void send(PDU pdu, Target<A> target, TransportMapping<? super A> transport,
                                         Object userHandle, ResponseListener listener) throws IOException {
        session.send(pdu, target, transport, userHandle, listener);
    }

    @Override
    public void cancel(PDU request, ResponseListener listener) {
        session.cancel(request, listener);
    }

    @Override
    public void setLocalEngine(byte[] engineID, int engineBoots, int engineTime) {
        session.setLocalEngine(engineID, engineBoots, engineTime);
    }

    @Override
    public byte[] getLocalEngineID() {
        return session.getLocalEngineID();
    }

    /** The agent owns the underlying session and closes it. */
    @Override
    public void close() {
    }
}
