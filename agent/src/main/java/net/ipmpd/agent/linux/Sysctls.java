package net.ipmpd.agent.linux;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.function.IntPredicate;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * The sysctls that several interfaces on one subnet need for failover to work (each observed
 * to break it otherwise; research note §3.2). Set through /proc/sys, which shows the network
 * namespace of the process (sysfs shows whoever mounted it).
 *
 * <p>The kernel combines each member's value with {@code conf/all}: the larger one counts for
 * arp_ignore, arp_announce and rp_filter, either one set counts for arp_filter,
 * promote_secondaries and ignore_routes_with_linkdown (include/linux/inetdevice.h IN_DEV_MAXCONF,
 * IN_DEV_ORCONF). So a value that ipmpd's sysctl.d file sets in {@code all} is enough, and then
 * nothing is changed and nothing logged. Otherwise the member's own value is set, one log line
 * per member.
 *
 * <p>On exit the member values stay: the data addresses stay where they are (a restart adopts
 * them), and with arp_ignore=0 again every member would answer ARP for them (ARP flux). Only
 * {@code fib_multipath_hash_policy}, host-wide and only a matter of how evenly outbound flows
 * spread, is put back; it is set only while a group has two members or more.
 */
public final class Sysctls implements AutoCloseable {
    private static final Logger LOG = LogManager.getLogger(Sysctls.class);

    /** How the kernel combines an interface's value with conf/all's. */
    enum Combine { MAX, OR }

    /** One rule: which effective values are fine, what to set on the member, and why. */
    record Rule(String key, Combine combine, IntPredicate fine, int fix, String why) {
        int effective(int member, int all) {
            return combine == Combine.MAX ? Math.max(member, all) : (member != 0 || all != 0 ? 1 : 0);
        }
    }

    static final List<Rule> MEMBER_IPV4 = List.of(
            new Rule("arp_ignore", Combine.MAX, v -> v == 1 || v == 2, 1,
                    "with 0 any member answers ARP for a data address (ARP flux), so inbound traffic lands on a random NIC"),
            new Rule("arp_announce", Combine.MAX, v -> v == 2, 2,
                    "with less than 2 ARP requests carry a data address held by another member and poison peers' caches"),
            new Rule("rp_filter", Combine.MAX, v -> v != 1, 2,
                    "strict reverse-path filtering drops traffic to a moved data address while the old member's route exists"),
            new Rule("arp_filter", Combine.OR, v -> v == 0, 0,
                    "with 1 the member that now holds a moved data address stays silent to ARP"),
            new Rule("promote_secondaries", Combine.OR, v -> v == 1, 1,
                    "with 0 deleting a test address silently deletes the data addresses behind it"),
            new Rule("ignore_routes_with_linkdown", Combine.OR, v -> v == 1, 1,
                    "with 0 replies keep leaving through a member whose link is down"));
    static final Rule MEMBER_IPV6 = new Rule("ignore_routes_with_linkdown", Combine.OR, v -> v == 1, 1,
            "with 0 IPv6 replies keep leaving through a member whose link is down");
    /** arp_filter is or-ed with all: only all itself can be fixed. */
    static final Rule ALL_ARP_FILTER = new Rule("arp_filter", Combine.OR, v -> v == 0, 0,
            "net.ipv4.conf.all.arp_filter=1 applies to every interface, whatever the member's value");
    static final Rule HASH_POLICY = new Rule("fib_multipath_hash_policy", Combine.MAX, v -> v == 1, 1,
            "with 0 (layer 3) every flow between two hosts takes the same member, so outbound load is not spread");
    /** Where the package installs the file that sets all of the above for every interface. */
    public static final String SYSCTL_D_FILE = "/usr/lib/sysctl.d/60-ipmpd.conf";

    private record Previous(Path path, String value) {
    }

    private final Path procSys;
    /** Host-wide values changed, to put back on exit. */
    private final List<Previous> hostPrevious = new ArrayList<>();
    /** Member and conf/all values changed: left in place on exit, named in one log line. */
    private final Map<String, String> kept = new LinkedHashMap<>();
    /** The network namespace whose /proc/sys/net we tune: the constructing thread's. */
    private final String namespace = currentNamespace();

    public Sysctls(Path procSys) {
        this.procSys = procSys;
    }

    public Sysctls() {
        this(Path.of("/proc/sys"));
    }

    /**
     * /proc/sys/net shows the namespace of the thread that opens a file, and setns() moves
     * single threads: a caller on a thread of another namespace would change (or "restore")
     * someone else's values. Such calls are refused.
     */
    private boolean sameNamespace(String what) {
        String now = currentNamespace();
        if (namespace.equals(now)) {
            return true;
        }
        LOG.error("sysctls not {}: called from network namespace {} but they belong to {}", what, now, namespace);
        return false;
    }

    static String currentNamespace() {
        try {
            return Files.readSymbolicLink(Path.of("/proc/thread-self/ns/net")).toString();
        } catch (IOException | UnsupportedOperationException e) {
            return "unknown";
        }
    }

    /**
     * Host-wide: conf/all's arp_filter, and multipath hashing on L4 when {@code multipath} (a
     * group has two members or more: only then does ipmpd install multipath routes). Call again
     * when the groups change.
     */
    public synchronized void applyHost(boolean multipath) {
        if (!sameNamespace("set")) {
            return;
        }
        List<String> changes = new ArrayList<>();
        Path all = procSys.resolve("net/ipv4/conf/all");
        apply(all.resolve(ALL_ARP_FILTER.key()), null, ALL_ARP_FILTER, "all.", changes).ifPresent(p -> kept.put(p.path().toString(), p.value()));
        if (multipath) {
            for (String family : List.of("ipv4", "ipv6")) {
                Path hash = procSys.resolve("net").resolve(family).resolve(HASH_POLICY.key());
                apply(hash, null, HASH_POLICY, family + " ", changes).ifPresent(p -> {
                    if (hostPrevious.stream().noneMatch(q -> q.path().equals(p.path()))) {
                        hostPrevious.add(p);
                    }
                });
            }
        }
        if (!changes.isEmpty()) {
            LOG.warn("host: {} set for IPMP (until ipmpd exits for the hash policy); {}", String.join(", ", changes), hint());
        }
    }

    /** The member's own values; an interface that does not exist yet is skipped (call again when it appears). */
    public synchronized void applyMember(String member) {
        if (!sameNamespace("set on " + member)) {
            return;
        }
        List<String> changes = new ArrayList<>();
        Path v4 = procSys.resolve("net/ipv4/conf");
        for (Rule r : MEMBER_IPV4) {
            apply(v4.resolve(member).resolve(r.key()), v4.resolve("all").resolve(r.key()), r, "", changes)
                    .ifPresent(p -> kept.putIfAbsent(p.path().toString(), p.value()));
        }
        Path v6 = procSys.resolve("net/ipv6/conf");
        apply(v6.resolve(member).resolve(MEMBER_IPV6.key()), v6.resolve("all").resolve(MEMBER_IPV6.key()), MEMBER_IPV6,
                "ipv6 ", changes).ifPresent(p -> kept.putIfAbsent(p.path().toString(), p.value()));
        if (!changes.isEmpty()) {
            LOG.warn("{}: {} set for IPMP; {}", member, String.join(", ", changes), hint());
        }
    }

    private static String hint() {
        return "ipmpd(8) HOST SETTINGS says why; " + SYSCTL_D_FILE + " sets them for every interface at boot";
    }

    /**
     * Reads the value (and conf/all's, if the rule combines with it), and sets the fix when the
     * effective value does not suit IPMP. Returns the previous value when it changed one.
     */
    private java.util.Optional<Previous> apply(Path path, Path allPath, Rule rule, String label, List<String> changes) {
        OptionalInt value = read(path);
        if (value.isEmpty()) {
            return java.util.Optional.empty();
        }
        int all = allPath == null ? 0 : read(allPath).orElse(0);
        int effective = allPath == null ? value.getAsInt() : rule.effective(value.getAsInt(), all);
        if (rule.fine().test(effective)) {
            return java.util.Optional.empty();
        }
        if (allPath != null && !rule.fine().test(rule.effective(rule.fix(), all))) {
            LOG.warn("{}: {}{} is {} through net.ipv4.conf.all, which does not suit IPMP ({}); fix conf/all", path.getParent().getFileName(),
                    label, rule.key(), effective, rule.why());
            return java.util.Optional.empty();
        }
        try {
            Files.writeString(path, rule.fix() + "\n", StandardCharsets.US_ASCII);
        } catch (IOException e) {
            LOG.warn("{}: {}{} is {}, which does not suit IPMP ({}), and cannot be changed: {}",
                    path.getParent().getFileName(), label, rule.key(), effective, rule.why(), e.toString());
            return java.util.Optional.empty();
        }
        changes.add(label + rule.key() + " " + value.getAsInt() + "->" + rule.fix());
        LOG.debug("{}: {}{} was {}: {}", path.getParent().getFileName(), label, rule.key(), value.getAsInt(), rule.why());
        return java.util.Optional.of(new Previous(path, Integer.toString(value.getAsInt())));
    }

    private static OptionalInt read(Path path) {
        String text;
        try {
            text = Files.readString(path, StandardCharsets.US_ASCII).trim();
        } catch (NoSuchFileException e) {
            return OptionalInt.empty();
        } catch (IOException e) {
            LOG.warn("cannot read {}: {}", path, e.toString());
            return OptionalInt.empty();
        }
        try {
            return OptionalInt.of(Integer.parseInt(text));
        } catch (NumberFormatException e) {
            LOG.warn("{} holds '{}', not a number; left alone", path, text);
            return OptionalInt.empty();
        }
    }

    /**
     * Puts the host-wide hash policy back; the member values stay, since the data addresses
     * stay (one line says which, and what they were).
     */
    @Override
    public synchronized void close() {
        if (!hostPrevious.isEmpty() && !sameNamespace("restored")) {
            return;
        }
        for (int i = hostPrevious.size() - 1; i >= 0; i--) {
            Previous p = hostPrevious.get(i);
            try {
                Files.writeString(p.path(), p.value() + "\n", StandardCharsets.US_ASCII);
            } catch (IOException e) {
                LOG.warn("could not restore {} to {}: {}", p.path(), p.value(), e.toString());
            }
        }
        hostPrevious.clear();
        if (!kept.isEmpty()) {
            List<String> was = new ArrayList<>();
            kept.forEach((path, value) -> was.add(procSys.relativize(Path.of(path)).toString().replace('/', '.') + "=" + value));
            LOG.info("sysctls set for IPMP stay, as the data addresses do (ARP flux otherwise); they were {}", String.join(" ", was));
            kept.clear();
        }
    }
}
