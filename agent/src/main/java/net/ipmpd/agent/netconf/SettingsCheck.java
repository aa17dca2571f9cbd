package net.ipmpd.agent.netconf;

import java.util.ArrayList;
import java.util.List;

/**
 * What the NETCONF server would refuse only when it starts (keys that are not OpenSSH key lines,
 * password hashes that are not PBKDF2 hashes), found without starting it: the daemon reads its
 * settings before it touches the host, and {@code ipmpd --check-config} reports the same.
 */
public final class SettingsCheck {
    private SettingsCheck() {
    }

    /** One line per problem, naming the user; empty when the server would accept every user. */
    public static List<String> problems(NetconfSettings settings) {
        List<String> out = new ArrayList<>();
        for (NetconfSettings.User u : settings.users()) {
            u.passwordHash().ifPresent(h -> {
                try {
                    PasswordHash.parse(h);
                } catch (IllegalArgumentException e) {
                    out.add("user '" + u.name() + "': password-hash: " + e.getMessage() + " (make one with ipmpd-passwd)");
                }
            });
            for (String key : u.authorizedKeys()) {
                try {
                    AuthorizedKeys.parse(key);
                } catch (IllegalArgumentException e) {
                    out.add("user '" + u.name() + "': authorized-keys: " + e.getMessage());
                }
            }
        }
        return out;
    }
}
