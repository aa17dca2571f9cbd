package net.ipmpd.agent.control;

/** A control message that does not follow the protocol; the message names where. */
public final class ProtocolException extends IllegalArgumentException {
    public ProtocolException(String message) {
        super(message);
    }
}
