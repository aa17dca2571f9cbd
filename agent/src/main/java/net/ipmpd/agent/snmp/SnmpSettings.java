package net.ipmpd.agent.snmp;

import java.net.InetAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * The SNMP agent's configuration (read from snmp.json by {@link SnmpSettingsParser}). Secure by
 * default: nothing answers until a v3 user or a read-only community is configured; there is no
 * write community at all.
 *
 * @param listenAddress the UDP address to listen on
 * @param port the UDP port (161 needs CAP_NET_BIND_SERVICE)
 * @param stateDirectory where the engine ID and engine boots are kept (file mode 0600)
 * @param users SNMPv3 USM users
 * @param communities SNMPv2c read-only communities
 * @param trapTargets notification receivers
 */
public record SnmpSettings(
        InetAddress listenAddress,
        int port,
        Path stateDirectory,
        String sysName,
        String sysContact,
        String sysLocation,
        List<User> users,
        List<Community> communities,
        List<TrapTarget> trapTargets) {

    public SnmpSettings {
        Objects.requireNonNull(listenAddress, "listenAddress");
        Objects.requireNonNull(stateDirectory, "stateDirectory");
        Objects.requireNonNull(sysName, "sysName");
        Objects.requireNonNull(sysContact, "sysContact");
        Objects.requireNonNull(sysLocation, "sysLocation");
        users = List.copyOf(users);
        communities = List.copyOf(communities);
        trapTargets = List.copyOf(trapTargets);
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port " + port + " is not a UDP port (1-65535)");
        }
    }

    /** HMAC-SHA-2 authentication protocols of RFC 7860 (SHA-1 and MD5 are not offered). */
    public enum AuthProtocol {
        SHA256("SHA-256"), SHA384("SHA-384"), SHA512("SHA-512");

        private final String label;

        AuthProtocol(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    /** AES privacy (RFC 3826 for 128; the 192/256 key extension of draft-blumenthal-aes-usm). */
    public enum PrivProtocol {
        AES128("AES-128"), AES192("AES-192"), AES256("AES-256");

        private final String label;

        PrivProtocol(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    /** What a v3 user may do: read, or read and write IPMP-MIB's writable objects. */
    public enum Access { READ_ONLY, READ_WRITE, NOTIFY_ONLY }

    /** An SNMPv3 user; always authPriv. Pass phrases are never logged. */
    public record User(String name, AuthProtocol auth, String authPassphrase, PrivProtocol priv,
                       String privPassphrase, Access access) {
        public User {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(auth, "auth");
            Objects.requireNonNull(authPassphrase, "authPassphrase");
            Objects.requireNonNull(priv, "priv");
            Objects.requireNonNull(privPassphrase, "privPassphrase");
            Objects.requireNonNull(access, "access");
        }

        @Override
        public String toString() {
            return "User[" + name + ", " + auth.label() + ", " + priv.label() + ", " + access + "]";
        }
    }

    /**
     * A read-only SNMPv2c community.
     *
     * @param sources the source networks allowed to use it; empty means any source
     */
    public record Community(String community, List<Network> sources) {
        public Community {
            Objects.requireNonNull(community, "community");
            sources = List.copyOf(sources);
        }

        @Override
        public String toString() {
            return "Community[<hidden>, sources=" + sources + "]";
        }
    }

    /** An IPv4 or IPv6 network in CIDR form. */
    public record Network(InetAddress address, int prefixLength) {
        @Override
        public String toString() {
            return address.getHostAddress() + "/" + prefixLength;
        }
    }

    /**
     * A notification receiver: either SNMPv2c with a community or SNMPv3 with one of the users.
     *
     * @param inform true for acknowledged informs (retried), false for traps
     */
    public record TrapTarget(InetAddress address, int port, String community, String user, boolean inform,
                             int retries, int timeoutMs) {
        public TrapTarget {
            Objects.requireNonNull(address, "address");
            if ((community == null) == (user == null)) {
                throw new IllegalArgumentException("a trap target needs either a community or a user");
            }
        }

        public boolean v3() {
            return user != null;
        }

        @Override
        public String toString() {
            return "TrapTarget[" + address.getHostAddress() + ":" + port + (v3() ? " user " + user : " v2c")
                    + (inform ? " inform" : " trap") + "]";
        }
    }
}
