package net.ipmpd.testlab;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Finds the host tools the lab drives. Absolute paths, because `sudo` or a CI runner may start the JVM with a PATH
 * that lacks /usr/sbin (where Debian puts `ip`, `nft` and `sysctl`).
 */
public final class Tools {
    /** Tool name → the Debian package that provides it (for the install hint). */
    public static final Map<String, String> REQUIRED = Map.of(
            "ip", "iproute2",
            "nft", "nftables",
            "ping", "iputils-ping",
            "sysctl", "procps");

    private static final List<String> FALLBACK_DIRS = List.of("/usr/sbin", "/sbin", "/usr/bin", "/bin");

    private Tools() {
    }

    /** Directories searched: $PATH first, then the sbin/bin fallbacks. */
    public static List<String> searchPath() {
        Set<String> dirs = new LinkedHashSet<>();
        String path = System.getenv("PATH");
        if (path != null) {
            for (String d : path.split(":")) {
                if (!d.isEmpty()) {
                    dirs.add(d);
                }
            }
        }
        dirs.addAll(FALLBACK_DIRS);
        return new ArrayList<>(dirs);
    }

    public static Optional<Path> find(String tool) {
        for (String dir : searchPath()) {
            Path p = Path.of(dir, tool);
            if (Files.isRegularFile(p) && Files.isExecutable(p)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    /** The absolute path of a required tool, or a LabException with the install hint. */
    public static String require(String tool) {
        return find(tool).map(Path::toString).orElseThrow(() -> new LabException(
                "`" + tool + "` not found in " + String.join(":", searchPath()) + "; install it: apt-get install -y "
                        + REQUIRED.getOrDefault(tool, tool)));
    }

    /** PATH for child processes: ours plus the sbin directories, so `ip netns exec NS sysctl` finds sysctl. */
    static String childPath() {
        return String.join(":", searchPath());
    }
}
