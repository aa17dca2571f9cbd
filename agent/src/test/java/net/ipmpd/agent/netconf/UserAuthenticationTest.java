package net.ipmpd.agent.netconf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.lang.reflect.Proxy;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.opendaylight.netconf.shaded.sshd.server.auth.AsyncAuthException;
import org.opendaylight.netconf.shaded.sshd.server.session.ServerSession;

/** The password authenticator answers SSHD later, from its own threads, and disconnects a guesser. */
class UserAuthenticationTest {
    private static final String PASSWORD = "correct horse battery staple";
    /**
     * The production cost: the verdict's listener is added after authenticate() returns, and a
     * 1,000-round hash could be done before that on a quiet machine, which would run the listener
     * on the test's own thread and look like a verdict given on the I/O thread.
     */
    private static final String HASH = PasswordHash.create(PASSWORD.toCharArray(), PasswordHash.DEFAULT_ITERATIONS);

    private final UserAuthentication auth = new UserAuthentication(new NetconfSettings(java.net.InetAddress.getLoopbackAddress(), 830,
            Path.of("/nonexistent/key"), List.of(new NetconfSettings.User("admin",
                    Optional.of(HASH), List.of(), List.of())), Map.of()), 1);
    private final AtomicInteger disconnects = new AtomicInteger();

    @AfterEach
    void close() {
        auth.close();
    }

    /** The parts of an SSHD session the authenticator uses. */
    private ServerSession session(String host, int port) {
        Map<Object, Object> attributes = new ConcurrentHashMap<>();
        return (ServerSession) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {ServerSession.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "getClientAddress", "getRemoteAddress" -> new InetSocketAddress(host, port);
                    case "computeAttributeIfAbsent" -> attributes.computeIfAbsent(args[0], k -> ((Function<Object, Object>) args[1]).apply(k));
                    case "disconnect" -> {
                        disconnects.incrementAndGet();
                        yield null;
                    }
                    case "close" -> null;
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    case "toString" -> "session " + host + ":" + port;
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    private static CompletableFuture<Boolean> later(AsyncAuthException async) {
        CompletableFuture<Boolean> f = new CompletableFuture<>();
        async.addListener(f::complete);
        return f;
    }

    @Test
    void aPasswordIsAnsweredLaterFromTheHashPoolNeverOnTheSshThread() throws Exception {
        Thread sshThread = Thread.currentThread();
        AsyncAuthException async = catchThrowableOfType(AsyncAuthException.class,
                () -> auth.authenticate("admin", PASSWORD, session("127.0.0.1", 40000)));
        assertThat(async).as("the authenticator must not return a verdict on the I/O thread").isNotNull();
        CompletableFuture<Thread> answeredOn = new CompletableFuture<>();
        async.addListener(ok -> answeredOn.complete(ok ? Thread.currentThread() : null));
        Thread t = answeredOn.get(30, TimeUnit.SECONDS);
        assertThat(t).isNotNull().isNotSameAs(sshThread);
        assertThat(auth.takeUser(new InetSocketAddress("127.0.0.1", 40000))).contains("admin");
    }

    @Test
    void anUnknownUserIsAlsoAnsweredLaterAndRefused() throws Exception {
        AsyncAuthException async = catchThrowableOfType(AsyncAuthException.class,
                () -> auth.authenticate("nobody", PASSWORD, session("127.0.0.1", 40001)));
        assertThat(async).isNotNull();
        assertThat(later(async).get(30, TimeUnit.SECONDS)).isFalse();
        assertThat(auth.hashesComputed()).isEqualTo(1);
    }

    @Test
    void threeWrongPasswordsOnOneConnectionDisconnectIt() throws Exception {
        ServerSession s = session("127.0.0.2", 40002);
        for (int i = 0; i < UserAuthentication.MAX_PASSWORD_FAILURES; i++) {
            AsyncAuthException async = catchThrowableOfType(AsyncAuthException.class, () -> auth.authenticate("admin", "wrong", s));
            assertThat(later(async).get(60, TimeUnit.SECONDS)).isFalse();
            // the disconnect follows the last answer on the same thread; wait for it briefly
            for (int w = 0; w < 100 && disconnects.get() == 0 && i == UserAuthentication.MAX_PASSWORD_FAILURES - 1; w++) {
                Thread.sleep(20);
            }
            assertThat(disconnects.get()).isEqualTo(i == UserAuthentication.MAX_PASSWORD_FAILURES - 1 ? 1 : 0);
        }
    }
}
