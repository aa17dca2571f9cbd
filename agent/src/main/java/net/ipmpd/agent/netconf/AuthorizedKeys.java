package net.ipmpd.agent.netconf;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import org.opendaylight.netconf.shaded.sshd.common.config.keys.AuthorizedKeyEntry;
import org.opendaylight.netconf.shaded.sshd.common.config.keys.PublicKeyEntryResolver;

/** OpenSSH authorized_keys lines ({@code ssh-ed25519 AAAA... comment}) as Java public keys. */
final class AuthorizedKeys {
    private AuthorizedKeys() {
    }

    static PublicKey parse(String line) {
        try {
            AuthorizedKeyEntry entry = AuthorizedKeyEntry.parseAuthorizedKeyEntry(line.strip());
            if (entry == null) {
                throw new IllegalArgumentException("an authorized key is empty");
            }
            PublicKey key = entry.resolvePublicKey(null, PublicKeyEntryResolver.FAILING);
            if (key == null) {
                throw new IllegalArgumentException("the authorized key '" + abbreviate(line) + "' has an unsupported type");
            }
            return key;
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            throw new IllegalArgumentException("'" + abbreviate(line) + "' is not an OpenSSH public key line ("
                    + e.getMessage() + ")");
        }
    }

    private static String abbreviate(String line) {
        return line.length() > 40 ? line.substring(0, 37) + "..." : line;
    }
}
