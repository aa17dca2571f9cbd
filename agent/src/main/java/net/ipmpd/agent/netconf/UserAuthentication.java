package net.ipmpd.agent.netconf;

import java.net.SocketAddress;
import java.security.PublicKey;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.opendaylight.netconf.shaded.sshd.common.config.keys.KeyUtils;
import org.opendaylight.netconf.shaded.sshd.server.auth.password.PasswordAuthenticator;
import org.opendaylight.netconf.shaded.sshd.server.auth.pubkey.PublickeyAuthenticator;
import org.opendaylight.netconf.shaded.sshd.server.session.ServerSession;

/**
 * SSH password and public-key authentication against the settings' users, and the link from an
 * SSH connection to its user: ODL's NETCONF layer does not learn the SSH user name, so the
 * authenticator remembers it by the client's address and port until the NETCONF session for
 * that connection is created (NACM needs it, RFC 8341 section 3.1.3).
 */
final class UserAuthentication implements PasswordAuthenticator, PublickeyAuthenticator {
    private static final Logger LOG = LogManager.getLogger(UserAuthentication.class);

    private record Credentials(Optional<PasswordHash> password, List<PublicKey> keys) {
    }

    private final Map<String, Credentials> users;
    /** A login waiting for its NETCONF session; one that never opens the subsystem expires. */
    private record Login(String user, long atNanos) {
    }

    private static final long LOGIN_TTL_NANOS = 120_000_000_000L;
    private final Map<SocketAddress, Login> authenticated = new ConcurrentHashMap<>();

    UserAuthentication(NetconfSettings settings) {
        this.users = settings.users().stream().collect(Collectors.toUnmodifiableMap(NetconfSettings.User::name,
                u -> new Credentials(u.passwordHash().map(PasswordHash::parse),
                        u.authorizedKeys().stream().map(AuthorizedKeys::parse).toList())));
    }

    @Override
    public boolean authenticate(String username, String password, ServerSession session) {
        Credentials c = users.get(username);
        boolean ok = c != null && c.password().map(p -> p.matches(password.toCharArray())).orElse(false);
        return record(ok, username, "password", session);
    }

    @Override
    public boolean authenticate(String username, PublicKey key, ServerSession session) {
        Credentials c = users.get(username);
        boolean ok = c != null && c.keys().stream().anyMatch(k -> KeyUtils.compareKeys(k, key));
        return record(ok, username, "public key", session);
    }

    private boolean record(boolean ok, String username, String method, ServerSession session) {
        SocketAddress client = session.getClientAddress();
        if (ok) {
            long now = System.nanoTime();
            authenticated.values().removeIf(l -> now - l.atNanos() > LOGIN_TTL_NANOS);
            authenticated.put(client, new Login(username, now));
            LOG.info("netconf: user {} logged in from {} by {}", username, client, method);
        } else {
            LOG.warn("netconf: {} login refused for user {} from {}", method, username, client);
        }
        return ok;
    }

    /** The user that authenticated on the connection from {@code client}; consumed once. */
    Optional<String> takeUser(SocketAddress client) {
        return Optional.ofNullable(client == null ? null : authenticated.remove(client)).map(Login::user);
    }
}
