package net.ipmpd.agent.netconf;

import java.net.InetAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * How the NETCONF server listens and whom it lets in. There is no built-in user and no default
 * password: a user without a password hash and without an authorized key cannot log in.
 *
 * @param listenAddress where the SSH server binds (RFC 6242 section 3: port 830 by default)
 * @param port the TCP port
 * @param hostKey absolute path of the SSH host key; generated on first start, mode 0600
 * @param users the users allowed to log in
 * @param groups NACM groups (RFC 8341) by name, each with its access
 * @param limits what one peer may cost the server
 */
public record NetconfSettings(
        InetAddress listenAddress,
        int port,
        Path hostKey,
        List<User> users,
        Map<String, Access> groups,
        Limits limits) {

    public static final int DEFAULT_PORT = 830;

    public NetconfSettings(InetAddress listenAddress, int port, Path hostKey, List<User> users, Map<String, Access> groups) {
        this(listenAddress, port, hostKey, users, groups, Limits.DEFAULT);
    }

    /**
     * @param maxUnauthenticatedConnections SSH connections still logging in at once (OpenSSH MaxStartups)
     * @param maxMessageBytes the largest NETCONF message taken from a peer, in either framing
     * @param hashThreads how many password hashes run at once
     * @param messageIdleSeconds how long a chunked message may stay unfinished without a byte coming
     */
    public record Limits(int maxUnauthenticatedConnections, int maxMessageBytes, int hashThreads, int messageIdleSeconds) {
        /**
         * OpenSSH's MaxStartups hard limit, 1 MiB messages (a 1000-group edit is 330 KiB; what the daemon's
         * 64 MiB heap can parse, see {@link MessageMemory}), one hash per two cores, a minute for a message that stopped mid-way (ODL's own hello timeout is the model).
         */
        public static final Limits DEFAULT = new Limits(100, 1 << 20,
                Math.max(1, Runtime.getRuntime().availableProcessors() / 2), 60);

        public Limits(int maxUnauthenticatedConnections, int maxMessageBytes, int hashThreads) {
            this(maxUnauthenticatedConnections, maxMessageBytes, hashThreads, 60);
        }

        public Limits {
            if (maxUnauthenticatedConnections < 1 || maxMessageBytes < 4096 || hashThreads < 1 || messageIdleSeconds < 1) {
                throw new IllegalArgumentException("max-unauthenticated-connections must be at least 1, max-message-size "
                        + "at least 4096, hash-threads and message-idle-timeout at least 1");
            }
        }
    }

    public NetconfSettings {
        Objects.requireNonNull(listenAddress, "listenAddress");
        Objects.requireNonNull(hostKey, "hostKey");
        Objects.requireNonNull(limits, "limits");
        if (!hostKey.isAbsolute()) {
            // a relative path would land in whatever directory the daemon was started from
            throw new IllegalArgumentException("the SSH host key path must be absolute: " + hostKey);
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port " + port + " is out of range 1-65535");
        }
        users = List.copyOf(users);
        groups = Map.copyOf(groups);
    }

    /**
     * A user.
     *
     * @param passwordHash a PBKDF2 hash as {@link PasswordHash} writes it; empty: no password login
     * @param authorizedKeys OpenSSH public key lines ({@code ssh-ed25519 AAAA... comment})
     * @param groups the NACM groups the user belongs to
     */
    public record User(String name, Optional<String> passwordHash, List<String> authorizedKeys, List<String> groups) {
        public User {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(passwordHash, "passwordHash");
            authorizedKeys = List.copyOf(authorizedKeys);
            groups = List.copyOf(groups);
        }
    }

    /**
     * What a NACM group may do. RFC 8341's defaults (read-default permit, write-default deny)
     * are {@link #READ_ONLY}; a user in no group gets those.
     */
    public enum Access {
        /** get, get-config, get-schema, subscriptions; no writes, no locks, no offline/online. */
        READ_ONLY,
        /**
         * Read-only plus the offline and online operations (if_mpadm): the NOC that detaches a
         * NIC for replacement without being allowed to change the configuration.
         */
        OPERATOR,
        /** Everything, including kill-session (RFC 8341 marks it default-deny-all). */
        READ_WRITE;

        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        }

        public static Optional<Access> ofLabel(String label) {
            return switch (label) {
                case "read-only" -> Optional.of(READ_ONLY);
                case "operator" -> Optional.of(OPERATOR);
                case "read-write" -> Optional.of(READ_WRITE);
                default -> Optional.empty();
            };
        }
    }

    public Optional<User> user(String name) {
        return users.stream().filter(u -> u.name().equals(name)).findFirst();
    }

    /** The user's access: the widest of its groups, RFC 8341's defaults when it has none. */
    public Access accessOf(String userName) {
        return user(userName).stream()
                .flatMap(u -> u.groups().stream())
                .map(g -> groups.getOrDefault(g, Access.READ_ONLY))
                .max(Enum::compareTo)
                .orElse(Access.READ_ONLY);
    }
}
