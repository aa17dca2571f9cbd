package net.ipmpd.testlab;

import net.ipmpd.testlab.LabSpec.HostSpec;

import java.util.ArrayList;
import java.util.List;

/**
 * The sysctls each kind of lab namespace gets (research note linux-dataplane §3.2, §4.4). The "all"/"default"
 * values are set before any interface exists, so every interface created later inherits them.
 */
final class LabSysctls {
    private LabSysctls() {
    }

    /** IPv4 knobs for several IPMP members on one subnet; each line of §3.2 was observed to break without it. */
    private static final List<String> MEMBER_IPV4 = List.of(
            "arp_ignore=1",                  // 0: ARP flux, another member answers for an address it does not hold
            "arp_announce=2",                // 0: ARP requests carry the data address via the wrong member
            "rp_filter=0",                   // 1: replies to a moved data address are dropped
            "arp_filter=0",                  // 1: no ARP reply after a move
            "promote_secondaries=1",         // 0: deleting a test address silently deletes the data address
            "ignore_routes_with_linkdown=1"  // 0: replies keep leaving through the member without carrier
    );

    static List<String> ipmpdHostGlobal() {
        List<String> s = new ArrayList<>();
        for (String scope : List.of("all", "default")) {
            for (String kv : MEMBER_IPV4) {
                s.add("net.ipv4.conf." + scope + "." + kv);
            }
            s.add("net.ipv6.conf." + scope + ".accept_dad=0");
            s.add("net.ipv6.conf." + scope + ".ignore_routes_with_linkdown=1");
        }
        // 0 puts every flow between two hosts on the same member (§5.5).
        s.add("net.ipv4.fib_multipath_hash_policy=1");
        return s;
    }

    static List<String> ipmpdMember(String ifname) {
        List<String> s = new ArrayList<>();
        for (String kv : MEMBER_IPV4) {
            s.add("net.ipv4.conf." + ifname + "." + kv);
        }
        s.add("net.ipv6.conf." + ifname + ".accept_dad=0");
        s.add("net.ipv6.conf." + ifname + ".ignore_routes_with_linkdown=1");
        return s;
    }

    /**
     * The switch is pure layer 2. Without IPv6 on br0 and its ports, the bridge itself would answer echo to ff02::1
     * with its own link-local address and show up as a probe target (§4.4).
     */
    static List<String> switchGlobal() {
        return List.of("net.ipv6.conf.all.disable_ipv6=1", "net.ipv6.conf.default.disable_ipv6=1");
    }

    static List<String> hostGlobal(HostSpec h) {
        List<String> s = new ArrayList<>(List.of(
                // DAD would keep new IPv6 addresses tentative (unusable) for ~1 s: too slow for tests.
                "net.ipv6.conf.all.accept_dad=0", "net.ipv6.conf.default.accept_dad=0"));
        if (h.answersMulticastEcho()) {
            s.add("net.ipv4.icmp_echo_ignore_broadcasts=0");
        }
        if (h.router()) {
            s.add("net.ipv4.ip_forward=1");
            s.add("net.ipv6.conf.all.forwarding=1");
        }
        return s;
    }
}
