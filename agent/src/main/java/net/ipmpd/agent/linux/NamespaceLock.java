package net.ipmpd.agent.linux;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * One ipmpd per network namespace. Two daemons on the same members fight over every address and
 * the second one's clean-up deletes the first one's nftables table, so the second must stop
 * before it touches anything. The lock is a UNIX socket bound to a name in the abstract
 * namespace, which Linux keeps per network namespace: the bind fails with EADDRINUSE while
 * another process holds the name, and the kernel releases it when its holder exits in any way
 * (SIGKILL included), so there is no stale lock file to clean up and none to forge.
 */
public final class NamespaceLock implements AutoCloseable {
    /** Shown as "@net.ipmpd.daemon" in /proc/net/unix and `ss -xl`. */
    static final String NAME = "net.ipmpd.daemon";
    private static final int AF_UNIX = 1;
    private static final int SOCK_STREAM = 1;
    private static final int EADDRINUSE = 98;

    private final int fd;

    private NamespaceLock(int fd) {
        this.fd = fd;
    }

    /** Another ipmpd holds this network namespace; the message says which process when it can be found. */
    public static final class HeldElsewhere extends IOException {
        private static final long serialVersionUID = 1L;

        HeldElsewhere(String message) {
            super(message);
        }
    }

    /**
     * Takes this network namespace's lock.
     *
     * @throws HeldElsewhere if another ipmpd runs in this network namespace
     * @throws NativeException if the socket cannot be made at all
     */
    public static NamespaceLock acquire() throws IOException {
        LibC libc = LibC.get();
        int fd = libc.socket(AF_UNIX, SOCK_STREAM | LibC.SOCK_CLOEXEC, 0);
        if (fd < 0) {
            throw NativeException.lastError("socket(AF_UNIX) for the namespace lock");
        }
        byte[] addr = abstractAddress(NAME);
        if (libc.bind(fd, addr, addr.length) != 0) {
            int errno = LibC.errno();
            libc.close(fd);
            if (errno == EADDRINUSE) {
                throw new HeldElsewhere("another ipmpd runs in this network namespace" + holder().map(p -> " (pid " + p + ")")
                        .orElse("") + "; it holds the lock @" + NAME + " (see `ss -xlp | grep ipmpd`). One ipmpd per "
                        + "network namespace: stop it first, or run this one in another namespace. Nothing was changed");
            }
            throw new NativeException("bind(@" + NAME + ") for the namespace lock", errno);
        }
        return new NamespaceLock(fd);
    }

    /** struct sockaddr_un with a leading NUL: the abstract namespace; the length covers only the name. */
    static byte[] abstractAddress(String name) {
        byte[] n = name.getBytes(StandardCharsets.US_ASCII);
        byte[] addr = new byte[2 + 1 + n.length];
        addr[0] = (byte) AF_UNIX;   // sa_family_t, host order (little-endian on the platforms ipmpd runs on)
        System.arraycopy(n, 0, addr, 3, n.length);
        return addr;
    }

    /** The pid holding the name, from this thread's namespace's /proc/net/unix and the processes' fds. */
    static Optional<Long> holder() {
        try {
            Optional<String> inode = inodeOf(Files.readAllLines(Path.of("/proc/thread-self/net/unix")), "@" + NAME);
            if (inode.isEmpty()) {
                return Optional.empty();
            }
            String target = "socket:[" + inode.get() + "]";
            try (DirectoryStream<Path> procs = Files.newDirectoryStream(Path.of("/proc"), "[0-9]*")) {
                for (Path proc : procs) {
                    try (DirectoryStream<Path> fds = Files.newDirectoryStream(proc.resolve("fd"))) {
                        for (Path fd : fds) {
                            if (target.equals(readLink(fd))) {
                                return Optional.of(Long.parseLong(proc.getFileName().toString()));
                            }
                        }
                    } catch (IOException e) {
                        // gone, or not ours to read
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            // the message just names no pid
        }
        return Optional.empty();
    }

    /** The inode column of the /proc/net/unix line whose path column is {@code path}. */
    static Optional<String> inodeOf(List<String> procNetUnix, String path) {
        for (String line : procNetUnix) {
            String[] f = line.trim().split("\\s+");
            if (f.length >= 8 && f[7].equals(path)) {
                return Optional.of(f[6]);
            }
        }
        return Optional.empty();
    }

    private static String readLink(Path p) {
        try {
            return Files.readSymbolicLink(p).toString();
        } catch (IOException | UnsupportedOperationException e) {
            return "";
        }
    }

    @Override
    public void close() {
        LibC.get().close(fd);
    }
}
