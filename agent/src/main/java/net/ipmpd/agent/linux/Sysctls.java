package net.ipmpd.agent.linux;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntPredicate;
import java.util.function.IntUnaryOperator;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * The sysctls that several interfaces on one subnet need for failover to work (each observed
 * to break it otherwise; research note §3.2). Set through /proc/sys, which shows the network
 * namespace of the process (sysfs shows whoever mounted it); every previous value is
 * remembered and put back by {@link #close()}.
 */
public final class Sysctls implements AutoCloseable {
    private static final Logger LOG = LogManager.getLogger(Sysctls.class);

    /** One rule: which values are fine, what to change a bad one to, and why. */
    record Rule(String key, IntPredicate fine, IntUnaryOperator fix, String why) {
    }

    static final List<Rule> MEMBER_IPV4 = List.of(
            new Rule("arp_ignore", v -> v == 1 || v == 2, v -> 1,
                    "with 0 any member answers ARP for a data address (ARP flux), so inbound traffic lands on a random NIC"),
            new Rule("arp_announce", v -> v == 2, v -> 2,
                    "with less than 2 ARP requests carry a data address held by another member and poison peers' caches"),
            new Rule("rp_filter", v -> v != 1, v -> 2,
                    "strict reverse-path filtering drops traffic to a moved data address while the old member's route exists"),
            new Rule("arp_filter", v -> v == 0, v -> 0,
                    "with 1 the member that now holds a moved data address stays silent to ARP"),
            new Rule("promote_secondaries", v -> v == 1, v -> 1,
                    "with 0 deleting a test address silently deletes the data addresses behind it"),
            new Rule("ignore_routes_with_linkdown", v -> v == 1, v -> 1,
                    "with 0 replies keep leaving through a member whose link is down"));
    static final List<Rule> ALL_IPV4 = List.of(
            new Rule("rp_filter", v -> v != 1, v -> 2,
                    "net.ipv4.conf.all.rp_filter=1 makes every interface strict, whatever the member's value"),
            new Rule("arp_filter", v -> v == 0, v -> 0,
                    "net.ipv4.conf.all.arp_filter=1 applies to every interface, whatever the member's value"));
    static final Rule MEMBER_IPV6 = new Rule("ignore_routes_with_linkdown", v -> v == 1, v -> 1,
            "with 0 IPv6 replies keep leaving through a member whose link is down");
    static final Rule HASH_POLICY = new Rule("fib_multipath_hash_policy", v -> v == 1, v -> 1,
            "with 0 (layer 3) every flow between two hosts takes the same member, so outbound load is not spread");

    private record Previous(Path path, String value) {
    }

    private final Path procSys;
    private final List<Previous> previous = new ArrayList<>();
    /** The network namespace whose /proc/sys/net we tune: the constructing thread's. */
    private final String namespace = currentNamespace();

    public Sysctls(Path procSys) {
        this.procSys = procSys;
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

    public Sysctls() {
        this(Path.of("/proc/sys"));
    }

    /** Host-wide: multipath hashing on L4 and the `all` values that override the members'. */
    public synchronized void applyHost() {
        if (!sameNamespace("set")) {
            return;
        }
        apply(procSys.resolve("net/ipv4/fib_multipath_hash_policy"), HASH_POLICY, "the host");
        apply(procSys.resolve("net/ipv6/fib_multipath_hash_policy"), HASH_POLICY, "the host (IPv6)");
        for (Rule r : ALL_IPV4) {
            apply(procSys.resolve("net/ipv4/conf/all").resolve(r.key()), r, "all interfaces");
        }
    }

    /** The member's own values; an interface that does not exist yet is skipped (call again when it appears). */
    public synchronized void applyMember(String member) {
        if (!sameNamespace("set on " + member)) {
            return;
        }
        Path v4 = procSys.resolve("net/ipv4/conf").resolve(member);
        for (Rule r : MEMBER_IPV4) {
            apply(v4.resolve(r.key()), r, member);
        }
        apply(procSys.resolve("net/ipv6/conf").resolve(member).resolve(MEMBER_IPV6.key()), MEMBER_IPV6, member);
    }

    private void apply(Path path, Rule rule, String where) {
        String text;
        try {
            text = Files.readString(path, StandardCharsets.US_ASCII).trim();
        } catch (NoSuchFileException e) {
            return;
        } catch (IOException e) {
            LOG.warn("cannot read {} for {}: {}", path, where, e.toString());
            return;
        }
        int value;
        try {
            value = Integer.parseInt(text);
        } catch (NumberFormatException e) {
            LOG.warn("{} for {} holds '{}', not a number; left alone", path, where, text);
            return;
        }
        if (rule.fine().test(value)) {
            return;
        }
        int fixed = rule.fix().applyAsInt(value);
        try {
            Files.writeString(path, fixed + "\n", StandardCharsets.US_ASCII);
            if (previous.stream().noneMatch(p -> p.path().equals(path))) {
                previous.add(new Previous(path, text));
            }
            LOG.warn("{}: {} was {}, which does not suit IPMP ({}); set to {} until ipmpd exits",
                    where, rule.key(), value, rule.why(), fixed);
        } catch (IOException e) {
            LOG.warn("{}: {} is {}, which does not suit IPMP ({}), and cannot be changed: {}",
                    where, rule.key(), value, rule.why(), e.toString());
        }
    }

    /** Puts every changed value back, newest first; values of interfaces that are gone are skipped. */
    @Override
    public synchronized void close() {
        if (!previous.isEmpty() && !sameNamespace("restored")) {
            return;
        }
        for (int i = previous.size() - 1; i >= 0; i--) {
            Previous p = previous.get(i);
            try {
                Files.writeString(p.path(), p.value() + "\n", StandardCharsets.US_ASCII);
            } catch (NoSuchFileException e) {
                // the interface was removed; nothing to restore
            } catch (IOException e) {
                LOG.warn("could not restore {} to {}: {}", p.path(), p.value(), e.toString());
            }
        }
        previous.clear();
    }
}
