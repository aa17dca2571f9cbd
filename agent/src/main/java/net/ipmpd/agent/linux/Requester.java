package net.ipmpd.agent.linux;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.IntFunction;
import java.util.Optional;

/**
 * Who asked the kernel for a change, named from the event the kernel sent about it (issue 11:
 * "a WARN naming what changed it"). The kernel stamps an event caused by a netlink request with
 * the requester's port id (nlmsg_pid); a process's first netlink socket is bound to its pid, so
 * {@code /proc/<pid>/comm} names it, best-effort: the process may have exited already. Port 0 is
 * the kernel itself (a link going down, an interface going away), except for IPv6 addresses:
 * their events always carry 0, so there the requester is unknown.
 */
final class Requester {
    private final IntFunction<Optional<String>> commandOfPid;

    Requester() {
        this(Requester::procComm);
    }

    Requester(IntFunction<Optional<String>> commandOfPid) {
        this.commandOfPid = commandOfPid;
    }

    /** "pid 4242 (ip)", "another process (port 3735928559)", "the kernel", or why it is unknown. */
    String describe(int portId, boolean ipv6Address) {
        if (portId == 0) {
            return ipv6Address ? "someone the kernel does not name (it names nobody for IPv6 addresses)" : "the kernel";
        }
        if (portId > 0) {
            Optional<String> comm = commandOfPid.apply(portId);
            if (comm.isPresent()) {
                return "pid " + portId + " (" + comm.get() + ")";
            }
        }
        // a later socket of a process (a port the kernel chose), or a process that has exited
        return "another process (port " + Integer.toUnsignedString(portId) + ")";
    }

    private static Optional<String> procComm(int pid) {
        try {
            String comm = Files.readString(Path.of("/proc", Integer.toString(pid), "comm"), StandardCharsets.UTF_8).strip();
            return comm.isEmpty() ? Optional.empty() : Optional.of(comm);
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
