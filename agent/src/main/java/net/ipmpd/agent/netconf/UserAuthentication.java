package net.ipmpd.agent.netconf;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.security.PublicKey;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.opendaylight.netconf.shaded.sshd.common.AttributeRepository.AttributeKey;
import org.opendaylight.netconf.shaded.sshd.common.SshConstants;
import org.opendaylight.netconf.shaded.sshd.common.config.keys.KeyUtils;
import org.opendaylight.netconf.shaded.sshd.server.auth.AsyncAuthException;
import org.opendaylight.netconf.shaded.sshd.server.auth.password.PasswordAuthenticator;
import org.opendaylight.netconf.shaded.sshd.server.auth.pubkey.PublickeyAuthenticator;
import org.opendaylight.netconf.shaded.sshd.server.session.ServerSession;

/**
 * SSH password and public-key authentication against the settings' users, and the link from an
 * SSH connection to its user: ODL's NETCONF layer does not learn the SSH user name, so the
 * authenticator remembers it by the client's address and port until the NETCONF session for
 * that connection is created (NACM needs it, RFC 8341 section 3.1.3).
 *
 * <p>A password is never checked on the SSH I/O thread: the authenticator answers SSHD with an
 * {@link AsyncAuthException} and completes it when the {@link PasswordVerifier} has an answer,
 * after the {@link LoginBackoff} delay for that source and user. A connection that fails
 * {@link #MAX_PASSWORD_FAILURES} passwords is disconnected (OpenSSH's MaxAuthTries).
 */
final class UserAuthentication implements PasswordAuthenticator, PublickeyAuthenticator, AutoCloseable {
    private static final Logger LOG = LogManager.getLogger(UserAuthentication.class);
    static final int MAX_PASSWORD_FAILURES = 3;

    private final Map<String, List<PublicKey>> keys;
    private final PasswordVerifier verifier;
    private final LoginBackoff backoff = new LoginBackoff();
    private final ScheduledExecutorService delays = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "netconf-login-backoff");
        t.setDaemon(true);
        return t;
    });

    /** A login waiting for its NETCONF session; one that never opens the subsystem expires. */
    private record Login(String user, long atNanos) {
    }

    private static final long LOGIN_TTL_NANOS = 120_000_000_000L;
    private final Map<SocketAddress, Login> authenticated = new ConcurrentHashMap<>();

    /** Per connection: attempts run one after another, and failures are counted. */
    private static final class Attempts {
        CompletableFuture<?> last = CompletableFuture.completedFuture(null);
        int failures;
    }

    private static final AttributeKey<Attempts> ATTEMPTS = new AttributeKey<>();

    UserAuthentication(NetconfSettings settings, int hashThreads) {
        this.keys = settings.users().stream().collect(Collectors.toUnmodifiableMap(NetconfSettings.User::name,
                u -> u.authorizedKeys().stream().map(AuthorizedKeys::parse).toList()));
        this.verifier = new PasswordVerifier(settings.users().stream().filter(u -> u.passwordHash().isPresent())
                .collect(Collectors.toUnmodifiableMap(NetconfSettings.User::name, u -> PasswordHash.parse(u.passwordHash().get()))),
                hashThreads);
    }

    @Override
    public boolean authenticate(String username, String password, ServerSession session) {
        if (verifier.recentlyVerified(username, password)) {
            // one HMAC: a poller that logged in a minute ago neither waits nor costs a hash
            return record(true, username, "password", session);
        }
        String source = host(session.getClientAddress());
        AsyncAuthException answer = new AsyncAuthException();
        Attempts attempts = session.computeAttributeIfAbsent(ATTEMPTS, k -> new Attempts());
        synchronized (attempts) {
            // a client that sends attempts without waiting for answers still gets them checked one by one
            attempts.last = attempts.last.handle((x, e) -> null)
                    .thenCompose(x -> check(username, password, source))
                    .whenComplete((ok, e) -> answer(session, attempts, username, source, ok != null && ok, answer));
        }
        throw answer;
    }

    private CompletableFuture<Boolean> check(String username, String password, String source) {
        long delay;
        synchronized (backoff) {
            delay = backoff.delayNanos(source, username, System.nanoTime());
        }
        if (delay == 0) {
            return verifier.verify(username, password);
        }
        CompletableFuture<Boolean> later = new CompletableFuture<>();
        delays.schedule(() -> verifier.verify(username, password).whenComplete((ok, e) -> later.complete(ok != null && ok)),
                delay, TimeUnit.NANOSECONDS);
        return later;
    }

    private void answer(ServerSession session, Attempts attempts, String username, String source, boolean ok,
                        AsyncAuthException answer) {
        synchronized (backoff) {
            if (ok) {
                backoff.succeeded(source);
            } else {
                backoff.failed(source, username, System.nanoTime());
            }
        }
        record(ok, username, "password", session);
        answer.setAuthed(ok);
        if (!ok) {
            int failures;
            synchronized (attempts) {
                failures = ++attempts.failures;
            }
            if (failures >= MAX_PASSWORD_FAILURES) {
                LOG.warn("netconf: {} wrong passwords from {} on one connection: disconnected", failures, source);
                try {
                    session.disconnect(SshConstants.SSH2_DISCONNECT_NO_MORE_AUTH_METHODS_AVAILABLE,
                            "too many authentication failures");
                } catch (java.io.IOException e) {
                    session.close(true);
                }
            }
        }
    }

    @Override
    public boolean authenticate(String username, PublicKey key, ServerSession session) {
        boolean ok = keys.getOrDefault(username, List.of()).stream().anyMatch(k -> KeyUtils.compareKeys(k, key));
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

    private static String host(SocketAddress a) {
        return a instanceof InetSocketAddress i && i.getAddress() != null ? i.getAddress().getHostAddress() : String.valueOf(a);
    }

    /** The user that authenticated on the connection from {@code client}; consumed once. */
    Optional<String> takeUser(SocketAddress client) {
        return Optional.ofNullable(client == null ? null : authenticated.remove(client)).map(Login::user);
    }

    /** Hashes computed so far (tests). */
    int hashesComputed() {
        return verifier.hashesComputed();
    }

    @Override
    public void close() {
        delays.shutdownNow();
        verifier.close();
    }
}
