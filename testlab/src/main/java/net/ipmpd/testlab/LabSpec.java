package net.ipmpd.testlab;

import net.ipmpd.testlab.LabAddresses.Cidr;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What a lab looks like: the ipmpd host's members, and the target and client hosts on the same bridge.
 * Immutable; build with {@link #builder()} or take {@link #standard(int, int)}.
 *
 * <pre>
 *   ipl&lt;run&gt;-h [m0 m1 m2] ──veth── ipl&lt;run&gt;-sw [br0: sw-m0 sw-m1 sw-m2 sw-t1 sw-t2 sw-c]
 *                                      [sw-t1] ──veth── ipl&lt;run&gt;-t1 [t1]
 *                                      [sw-t2] ──veth── ipl&lt;run&gt;-t2 [t2]
 *                                      [sw-c]  ──veth── ipl&lt;run&gt;-c  [c]
 * </pre>
 */
public final class LabSpec {
    /** Names become interface names and, prefixed with "sw-", switch port names: 15 bytes is the kernel limit. */
    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9]{0,7}");
    private static final Set<String> RESERVED = Set.of("h", "sw", "lo", "br0", "up0", "up0p");

    /** A member interface of the IPMP group on the ipmpd host, with the addresses it starts with (maybe none). */
    public record MemberSpec(String name, List<Cidr> addresses) {
        public MemberSpec {
            addresses = List.copyOf(addresses);
        }
    }

    public enum Role { TARGET, CLIENT }

    /**
     * A host on the bridge, in its own namespace, with one interface named like the host.
     *
     * @param router               forwards IPv4/IPv6 (a route "via" it works) and owns the {@code beyond} prefixes on
     *                             an interface "up0", so there is something behind it to route to
     * @param answersMulticastEcho icmp_echo_ignore_broadcasts=0: answers echo to 224.0.0.1 (Linux ignores it by
     *                             default); IPv6 echo to ff02::1 is always answered
     */
    public record HostSpec(Role role, String name, List<Cidr> addresses, boolean router, List<Cidr> beyond,
                           boolean answersMulticastEcho) {
        public HostSpec {
            addresses = List.copyOf(addresses);
            beyond = List.copyOf(beyond);
        }

        /** This host as a router with the given prefixes behind it, e.g. "198.19.1.1/24". */
        public HostSpec router(String... beyondCidrs) {
            List<Cidr> b = new ArrayList<>();
            for (String c : beyondCidrs) {
                b.add(LabAddresses.cidr(c, role.name().toLowerCase() + " " + name + " (behind the router)"));
            }
            return new HostSpec(role, name, addresses, true, b, answersMulticastEcho);
        }

        public HostSpec answeringMulticastEcho() {
            return new HostSpec(role, name, addresses, router, beyond, true);
        }
    }

    private final List<MemberSpec> members;
    private final List<HostSpec> hosts;

    private LabSpec(List<MemberSpec> members, List<HostSpec> hosts) {
        this.members = List.copyOf(members);
        this.hosts = List.copyOf(hosts);
    }

    public List<MemberSpec> members() {
        return members;
    }

    public List<HostSpec> hosts() {
        return hosts;
    }

    public List<HostSpec> targets() {
        return hosts.stream().filter(h -> h.role() == Role.TARGET).toList();
    }

    public List<HostSpec> clients() {
        return hosts.stream().filter(h -> h.role() == Role.CLIENT).toList();
    }

    public Optional<MemberSpec> member(String name) {
        return members.stream().filter(m -> m.name().equals(name)).findFirst();
    }

    public Optional<HostSpec> host(String name) {
        return hosts.stream().filter(h -> h.name().equals(name)).findFirst();
    }

    public static HostSpec target(String name, String... cidrs) {
        return new HostSpec(Role.TARGET, name, parse(cidrs, "target " + name), false, List.of(), false);
    }

    public static HostSpec client(String name, String... cidrs) {
        return new HostSpec(Role.CLIENT, name, parse(cidrs, "client " + name), false, List.of(), false);
    }

    /**
     * Members m0..m(n-1) with 198.18.0.1i/24 and 2001:2::1i/64; targets t1..tk with 198.18.0.i/24 and 2001:2::i/64;
     * client c with 198.18.0.200/24 and 2001:2::200/64. No data address: scenarios add one or let the daemon place it.
     */
    public static LabSpec standard(int memberCount, int targetCount) {
        if (memberCount < 1 || memberCount > 9 || targetCount < 0 || targetCount > 9) {
            throw new IllegalArgumentException("standard lab: 1..9 members and 0..9 targets, got " + memberCount
                    + " and " + targetCount);
        }
        Builder b = builder();
        for (int i = 0; i < memberCount; i++) {
            b.member("m" + i, "198.18.0.1" + i + "/24", "2001:2::1" + i + "/64");
        }
        for (int i = 1; i <= targetCount; i++) {
            b.target("t" + i, "198.18.0." + i + "/24", "2001:2::" + i + "/64");
        }
        return b.client("c", "198.18.0.200/24", "2001:2::200/64").build();
    }

    public static Builder builder() {
        return new Builder();
    }

    private static List<Cidr> parse(String[] cidrs, String where) {
        List<Cidr> out = new ArrayList<>();
        for (String c : cidrs) {
            out.add(LabAddresses.cidr(c, where));
        }
        return out;
    }

    public static final class Builder {
        private final List<MemberSpec> members = new ArrayList<>();
        private final List<HostSpec> hosts = new ArrayList<>();

        private Builder() {
        }

        /** A member interface with its starting addresses (test addresses, typically; none is fine). */
        public Builder member(String name, String... cidrs) {
            members.add(new MemberSpec(name, parse(cidrs, "member " + name)));
            return this;
        }

        public Builder target(String name, String... cidrs) {
            return host(LabSpec.target(name, cidrs));
        }

        public Builder client(String name, String... cidrs) {
            return host(LabSpec.client(name, cidrs));
        }

        public Builder host(HostSpec host) {
            hosts.add(host);
            return this;
        }

        public LabSpec build() {
            if (members.isEmpty()) {
                throw new IllegalArgumentException("a lab needs at least one member on the ipmpd host");
            }
            if (members.size() > 32 || hosts.size() > 32) {
                throw new IllegalArgumentException("a lab has at most 32 members and 32 hosts");
            }
            Set<String> seen = new HashSet<>();
            for (MemberSpec m : members) {
                checkName(m.name(), "member", seen);
            }
            for (HostSpec h : hosts) {
                checkName(h.name(), h.role().name().toLowerCase(), seen);
            }
            return new LabSpec(members, hosts);
        }

        private static void checkName(String name, String what, Set<String> seen) {
            if (!NAME.matcher(name).matches() || RESERVED.contains(name)) {
                throw new IllegalArgumentException(what + " name '" + name + "' must match " + NAME.pattern()
                        + " and not be one of " + RESERVED + " (it becomes an interface name and sw-<name>)");
            }
            if (!seen.add(name)) {
                throw new IllegalArgumentException(what + " name '" + name + "' is used twice");
            }
        }
    }
}
