package net.ipmpd.agent.linux;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The nftables ruleset that makes each group receive multicast and broadcast once, on its
 * nominees only (Solaris: one IPv4 multicast, one IPv4 broadcast and one IPv6 multicast
 * nominee per group). Every member sits on the same link, so a broadcast or a flooded multicast
 * arrives on all of them; without this, an application bound to the wildcard address would get
 * one copy per member. IGMP, ICMP and ICMPv6 (neighbour discovery, MLD, probes) always pass.
 * Pure text generation; the table is replaced atomically by one {@code nft -f} transaction.
 */
final class NomineeRules {
    static final String TABLE = "ipmpd_nominees";

    /** One group's members and nominees (null: no usable member, so nothing is filtered). */
    record GroupNominees(List<String> members, String ipv4Multicast, String ipv4Broadcast, String ipv6Multicast) {
        GroupNominees {
            members = List.copyOf(members);
        }
    }

    private NomineeRules() {
    }

    /** The whole table for all groups, as one atomic nft script (create, flush, refill). */
    static String ruleset(Map<String, GroupNominees> groups) {
        List<String> rules = new ArrayList<>();
        for (var e : groups.entrySet()) {
            GroupNominees g = e.getValue();
            addDrop(rules, e.getKey(), g.members(), g.ipv4Broadcast(), "meta nfproto ipv4 meta pkttype broadcast", "IPv4 broadcast");
            addDrop(rules, e.getKey(), g.members(), g.ipv4Multicast(), "meta nfproto ipv4 meta pkttype multicast", "IPv4 multicast");
            addDrop(rules, e.getKey(), g.members(), g.ipv6Multicast(), "meta nfproto ipv6 meta pkttype multicast", "IPv6 multicast");
        }
        StringBuilder b = new StringBuilder();
        b.append("table inet ").append(TABLE).append(" {}\n");
        b.append("flush table inet ").append(TABLE).append('\n');
        b.append("table inet ").append(TABLE).append(" {\n");
        b.append("  chain input {\n");
        b.append("    type filter hook input priority -150; policy accept;\n");
        b.append("    meta l4proto { icmp, igmp, ipv6-icmp } accept\n");
        for (String r : rules) {
            b.append("    ").append(r).append('\n');
        }
        b.append("  }\n}\n");
        return b.toString();
    }

    private static void addDrop(List<String> rules, String group, List<String> members, String nominee, String match, String what) {
        if (nominee == null) {
            return;
        }
        List<String> others = members.stream().filter(m -> !m.equals(nominee)).toList();
        if (others.isEmpty()) {
            return;
        }
        String set = others.stream().map(m -> "\"" + m + "\"").collect(Collectors.joining(", "));
        rules.add("iifname { " + set + " } " + match + " drop comment \"group " + group + ": " + what + " only on " + nominee + "\"");
    }

    static String deleteTable() {
        return "table inet " + TABLE + " {}\ndelete table inet " + TABLE + "\n";
    }
}
