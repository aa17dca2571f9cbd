package net.ipmpd.agent.netconf;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * Password hashes for the settings file: PBKDF2-HMAC-SHA512 (NIST SP 800-132) in the text form
 * {@code $pbkdf2-sha512$<iterations>$<salt base64>$<hash base64>}, so no password is ever stored
 * in clear. {@code java net.ipmpd.agent.netconf.PasswordHash} prints a hash for a password read
 * from standard input.
 */
public final class PasswordHash {
    private static final String PREFIX = "$pbkdf2-sha512$";
    /** OWASP 2023 recommendation for PBKDF2-HMAC-SHA512. */
    public static final int DEFAULT_ITERATIONS = 210_000;
    private static final int MIN_ITERATIONS = 1000;
    private static final int HASH_BITS = 512;

    private final int iterations;
    private final byte[] salt;
    private final byte[] hash;

    private PasswordHash(int iterations, byte[] salt, byte[] hash) {
        this.iterations = iterations;
        this.salt = salt;
        this.hash = hash;
    }

    /** Parses a stored hash; empty with a reason when it is not in the expected form. */
    public static PasswordHash parse(String text) throws IllegalArgumentException {
        if (!text.startsWith(PREFIX)) {
            throw new IllegalArgumentException("a password hash must start with " + PREFIX
                    + " (make one with: java -cp ... net.ipmpd.agent.netconf.PasswordHash)");
        }
        String[] parts = text.substring(PREFIX.length()).split("\\$");
        if (parts.length != 3) {
            throw new IllegalArgumentException("a password hash has the form " + PREFIX + "<iterations>$<salt>$<hash>");
        }
        int iterations;
        try {
            iterations = Integer.parseInt(parts[0]);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("the iteration count '" + parts[0] + "' is not a number");
        }
        if (iterations < MIN_ITERATIONS) {
            throw new IllegalArgumentException("the iteration count " + iterations + " is below the minimum of " + MIN_ITERATIONS);
        }
        try {
            byte[] salt = Base64.getDecoder().decode(parts[1]);
            byte[] hash = Base64.getDecoder().decode(parts[2]);
            if (salt.length < 8 || hash.length != HASH_BITS / 8) {
                throw new IllegalArgumentException("the salt must have at least 8 bytes and the hash 64");
            }
            return new PasswordHash(iterations, salt, hash);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the salt or hash is not valid base64: " + e.getMessage());
        }
    }

    public static String create(char[] password, int iterations) {
        byte[] salt = new byte[16];
        new SecureRandom().nextBytes(salt);
        return PREFIX + iterations + "$" + Base64.getEncoder().withoutPadding().encodeToString(salt) + "$"
                + Base64.getEncoder().withoutPadding().encodeToString(derive(password, salt, iterations));
    }

    /** The PBKDF2 iteration count: what one verification of this hash costs. */
    public int iterations() {
        return iterations;
    }

    /**
     * A hash of a random password that nobody knows, of the given cost: an unknown user's
     * password is verified against it, so a refusal takes as long as for a known user.
     */
    static PasswordHash unguessable(int iterations) {
        // random bytes, not the hash of a random password: no password is known to give them either,
        // checking one costs the same derivation, and making one costs nothing (deriving it was most of
        // NETCONF's start-up)
        SecureRandom random = new SecureRandom();
        byte[] salt = new byte[16];
        byte[] hash = new byte[HASH_BITS / 8];
        random.nextBytes(salt);
        random.nextBytes(hash);
        return new PasswordHash(Math.max(iterations, MIN_ITERATIONS), salt, hash);
    }

    public boolean matches(char[] password) {
        // constant-time comparison: the time taken must not tell how many bytes matched
        return MessageDigest.isEqual(hash, derive(password, salt, iterations));
    }

    private static byte[] derive(char[] password, byte[] salt, int iterations) {
        PBEKeySpec spec = new PBEKeySpec(password, salt, iterations, HASH_BITS);
        try {
            return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA512").generateSecret(spec).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JDK lacks PBKDF2WithHmacSHA512", e);
        } finally {
            spec.clearPassword();
        }
    }

    /** Reads a password from standard input (one line) and prints its hash. */
    public static void main(String[] args) throws java.io.IOException {
        var console = System.console();
        char[] password = console != null ? console.readPassword("password: ")
                : Optional.ofNullable(new java.io.BufferedReader(new java.io.InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine())
                        .orElse("").toCharArray();
        if (password == null || password.length == 0) {
            System.err.println("no password given");
            System.exit(2);
        }
        System.out.println(create(password, DEFAULT_ITERATIONS));
    }
}
