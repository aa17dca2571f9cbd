package net.ipmpd.testlab;

/** A lab operation failed: the message names the namespace, interface or command and what to do. */
public class LabException extends RuntimeException {
    public LabException(String message) {
        super(message);
    }

    public LabException(String message, Throwable cause) {
        super(message, cause);
    }
}
