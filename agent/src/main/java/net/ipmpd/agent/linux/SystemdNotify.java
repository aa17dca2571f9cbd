package net.ipmpd.agent.linux;

import java.nio.charset.StandardCharsets;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * sd_notify(3) without libsystemd: one datagram to the UNIX socket named by $NOTIFY_SOCKET
 * ("READY=1", "STOPPING=1", "STATUS=..."). The JDK's UNIX-domain channels are stream-only, so
 * the datagram goes through {@link LibC}. The datagram comes from the daemon's main pid, so the
 * unit needs no NotifyAccess=all. Outside systemd (no $NOTIFY_SOCKET) it does nothing.
 */
public final class SystemdNotify {
    private static final Logger LOG = LogManager.getLogger(SystemdNotify.class);
    private static final int AF_UNIX = 1;
    private static final int SOCK_DGRAM = 2;
    /** sizeof(sun_path) */
    private static final int SUN_PATH = 108;

    private SystemdNotify() {
    }

    /** Sends the state lines; failures are logged, never thrown (systemd's readiness is not worth a crash). */
    public static void send(String state) {
        String socket = System.getenv("NOTIFY_SOCKET");
        if (socket == null || socket.isEmpty()) {
            return;
        }
        send(socket, state);
    }

    /** Sends the state lines to this socket ($NOTIFY_SOCKET's syntax: a path, or @name for an abstract one). */
    static void send(String socket, String state) {
        byte[] addr = address(socket);
        if (addr == null) {
            LOG.warn("NOTIFY_SOCKET={} is not a UNIX socket path; systemd is not told: {}", socket, state.lines().findFirst().orElse(""));
            return;
        }
        LibC libc = LibC.get();
        int fd = libc.socket(AF_UNIX, SOCK_DGRAM | LibC.SOCK_CLOEXEC, 0);
        if (fd < 0) {
            LOG.warn("cannot tell systemd {}: {}", state, NativeException.lastError("socket(AF_UNIX)").getMessage());
            return;
        }
        try {
            byte[] msg = state.getBytes(StandardCharsets.UTF_8);
            if (libc.sendto(fd, msg, msg.length, 0, addr, addr.length) < 0) {
                LOG.warn("cannot tell systemd {}: {}", state, NativeException.lastError("sendto " + socket).getMessage());
            }
        } finally {
            libc.close(fd);
        }
    }

    /** struct sockaddr_un for a path, or for an abstract name when it starts with '@'; null if too long. */
    static byte[] address(String socket) {
        boolean abstractName = socket.startsWith("@");
        if (!abstractName && !socket.startsWith("/")) {
            return null;
        }
        byte[] path = socket.getBytes(StandardCharsets.UTF_8);
        if (path.length >= SUN_PATH) {
            return null;
        }
        // abstract: a leading NUL and exactly the name's length; a path: NUL-terminated
        byte[] addr = new byte[2 + path.length + (abstractName ? 0 : 1)];
        addr[0] = (byte) AF_UNIX;
        System.arraycopy(path, 0, addr, 2, path.length);
        if (abstractName) {
            addr[2] = 0;
        }
        return addr;
    }
}
