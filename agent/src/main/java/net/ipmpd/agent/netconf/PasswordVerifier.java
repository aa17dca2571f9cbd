package net.ipmpd.agent.netconf;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Checks passwords against the users' PBKDF2 hashes on a small pool of its own: a hash costs
 * 0.2-2 s at the production cost (210,000 rounds), and on an SSH I/O thread it would stall every
 * session of that thread (Netty: work that waits goes to its own executor and completes a future).
 *
 * <ul>
 * <li>An unknown user, or one without a password, is checked against a hash nobody knows of the
 *     same cost: refusals take the same time whether the name exists or not.</li>
 * <li>Identical attempts (same user, same password) in flight at once share one hash, and a
 *     password that verified is remembered for a few minutes, so fifty NMS pollers logging in
 *     together cost one hash, not fifty. The memo holds an HMAC under a key that lives only in
 *     this process, never the password.</li>
 * <li>The pool and its queue are bounded; when they are full the attempt is refused at once.</li>
 * </ul>
 */
final class PasswordVerifier implements AutoCloseable {
    private static final long REMEMBER_NANOS = TimeUnit.MINUTES.toNanos(5);
    private static final int REMEMBER_MAX = 256;
    static final int QUEUE_LIMIT = 64;

    private final Map<String, PasswordHash> hashes;
    private final PasswordHash unknownUser;
    private final SecretKeySpec memoKey;
    private final ThreadPoolExecutor pool;
    private final Map<String, CompletableFuture<Boolean>> inFlight = new ConcurrentHashMap<>();
    /** Attempts that verified, by memo key, with the time they stop counting; oldest first. */
    private final LinkedHashMap<String, Long> verified = new LinkedHashMap<>();
    private final AtomicInteger hashesComputed = new AtomicInteger();

    /**
     * @param hashes the users' password hashes by user name
     * @param threads how many hashes may run at once (on a 2-core host: 1, so one core stays for I/O)
     */
    PasswordVerifier(Map<String, PasswordHash> hashes, int threads) {
        this.hashes = Map.copyOf(hashes);
        int cost = hashes.values().stream().mapToInt(PasswordHash::iterations).max().orElse(PasswordHash.DEFAULT_ITERATIONS);
        this.unknownUser = PasswordHash.unguessable(cost);
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        this.memoKey = new SecretKeySpec(key, "HmacSHA256");
        AtomicInteger n = new AtomicInteger();
        this.pool = new ThreadPoolExecutor(threads, threads, 30, TimeUnit.SECONDS, new ArrayBlockingQueue<>(QUEUE_LIMIT), r -> {
            Thread t = new Thread(r, "netconf-password-" + n.incrementAndGet());
            t.setDaemon(true);
            // below the I/O threads: a login may wait, a running session should not
            t.setPriority(Thread.NORM_PRIORITY - 1);
            return t;
        });
        pool.allowCoreThreadTimeOut(true);
    }

    /** True when this user and password verified within the last few minutes (cheap: one HMAC). */
    boolean recentlyVerified(String user, String password) {
        String memo = memo(user, password);
        long now = System.nanoTime();
        synchronized (verified) {
            Long until = verified.get(memo);
            return until != null && until - now > 0;
        }
    }

    /** Completes with whether the password is the user's; never on the calling thread's time. */
    CompletableFuture<Boolean> verify(String user, String password) {
        String memo = memo(user, password);
        if (recentlyVerified(user, password)) {
            return CompletableFuture.completedFuture(true);
        }
        CompletableFuture<Boolean> mine = new CompletableFuture<>();
        CompletableFuture<Boolean> shared = inFlight.putIfAbsent(memo, mine);
        if (shared != null) {
            return shared;
        }
        PasswordHash hash = hashes.getOrDefault(user, unknownUser);
        boolean known = hashes.containsKey(user);
        try {
            pool.execute(() -> {
                boolean ok;
                try {
                    char[] chars = password.toCharArray();
                    ok = hash.matches(chars) && known;
                    hashesComputed.incrementAndGet();
                } catch (RuntimeException e) {
                    ok = false;
                }
                if (ok) {
                    remember(memo);
                }
                inFlight.remove(memo);
                mine.complete(ok);
            });
        } catch (RejectedExecutionException e) {
            // every hash thread busy and the queue full: refuse now rather than queue without bound
            inFlight.remove(memo);
            mine.complete(false);
        }
        return mine;
    }

    /** How many hashes were computed so far (tests: identical attempts share one). */
    int hashesComputed() {
        return hashesComputed.get();
    }

    private void remember(String memo) {
        long now = System.nanoTime();
        synchronized (verified) {
            verified.remove(memo);
            verified.put(memo, now + REMEMBER_NANOS);
            verified.values().removeIf(until -> until - now <= 0);
            while (verified.size() > REMEMBER_MAX) {
                verified.remove(verified.keySet().iterator().next());
            }
        }
    }

    private String memo(String user, String password) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(memoKey);
            mac.update(user.getBytes(StandardCharsets.UTF_8));
            mac.update((byte) 0);
            return Base64.getEncoder().encodeToString(mac.doFinal(password.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JDK lacks HmacSHA256", e);
        }
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}
