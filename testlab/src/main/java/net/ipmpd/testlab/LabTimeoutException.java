package net.ipmpd.testlab;

/** A bounded wait ran out: the message names what was awaited and the last value seen. */
public final class LabTimeoutException extends LabException {
    public LabTimeoutException(String message) {
        super(message);
    }
}
