package net.ipmpd.agent.linux;

import java.io.IOException;

/**
 * A failed system call or a netlink request refused by the kernel, with the errno and the
 * operation and interface it was for, so that the log tells the operator what to fix
 * (EPERM: the daemon lacks CAP_NET_ADMIN / CAP_NET_RAW).
 */
public final class NativeException extends IOException {
    private static final long serialVersionUID = 1L;
    private final int errno;

    public NativeException(String operation, int errno) {
        super(operation + ": " + describe(errno));
        this.errno = errno;
    }

    public int errno() {
        return errno;
    }

    /** The last errno of this thread as an exception. */
    public static NativeException lastError(String operation) {
        return new NativeException(operation, LibC.errno());
    }

    static String describe(int errno) {
        String text;
        try {
            text = LibC.get().strerror(errno);
        } catch (RuntimeException | LinkageError e) {
            text = null;
        }
        return (text == null ? "errno" : text) + " (errno " + errno + ")";
    }
}
