package net.ipmpd.agent.control;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipal;
import java.util.HashSet;
import java.util.Set;
import java.util.function.Predicate;
import jdk.net.UnixDomainPrincipal;

/**
 * Who may send privileged commands: root and the user ipmpd runs as. in.mpathd checks that a
 * privileged command comes from a privileged port (mpd_main.c); on a UNIX domain socket the
 * kernel tells us the peer's uid instead (SO_PEERCRED), which cannot be forged.
 */
public final class Privileges implements Predicate<UnixDomainPrincipal> {
    private final Set<UserPrincipal> privileged;

    private Privileges(Set<UserPrincipal> privileged) {
        this.privileged = Set.copyOf(privileged);
    }

    /** Root, and the owner of this process (its effective uid, as /proc/self shows it). */
    public static Privileges rootAndSelf() {
        Set<UserPrincipal> users = new HashSet<>();
        try {
            users.add(FileSystems.getDefault().getUserPrincipalLookupService().lookupPrincipalByName("root"));
        } catch (IOException e) {
            // No "root" in the user database (a minimal container); uid 0 by number then.
            try {
                users.add(FileSystems.getDefault().getUserPrincipalLookupService().lookupPrincipalByName("0"));
            } catch (IOException ignored) {
                // Nothing more to try: only our own user is privileged.
            }
        }
        try {
            users.add(Files.getOwner(Path.of("/proc/self")));
        } catch (IOException e) {
            // Without /proc we know only root.
        }
        return new Privileges(users);
    }

    /** Nobody is privileged: for tests of the refusal path. */
    static Privileges none() {
        return new Privileges(Set.of());
    }

    @Override
    public boolean test(UnixDomainPrincipal peer) {
        return peer != null && privileged.contains(peer.user());
    }
}
