package net.ipmpd.testlab;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parsers for `ip -j addr|link|neigh` and `ping` output: plain text in, records out, unit-tested without root. */
public final class IpOutput {
    private static final Pattern PING_STATS =
            Pattern.compile("(\\d+) packets transmitted, (\\d+) (?:packets )?received");

    private IpOutput() {
    }

    public static List<IfAddress> addresses(String json) {
        List<IfAddress> out = new ArrayList<>();
        if (json.isBlank()) {
            return out;
        }
        for (Object l : Json.array(Json.parse(json), "ip -j addr")) {
            Map<String, Object> link = Json.object(l, "ip -j addr");
            String ifname = Json.string(link, "ifname");
            if (!(link.get("addr_info") instanceof List<?> infos)) {
                continue;
            }
            for (Object ai : infos) {
                Map<String, Object> a = Json.object(ai, "ip -j addr addr_info");
                if (a.get("local") == null) {
                    continue;
                }
                Set<String> flags = new HashSet<>();
                for (Map.Entry<String, Object> e : a.entrySet()) {
                    if (Boolean.TRUE.equals(e.getValue())) {
                        flags.add(e.getKey());
                    }
                }
                out.add(new IfAddress(ifname, Json.string(a, "family"), Json.string(a, "local"),
                        (int) Json.number(a, "prefixlen", -1), Json.string(a, "scope"), flags));
            }
        }
        return out;
    }

    public static List<LinkInfo> links(String json) {
        List<LinkInfo> out = new ArrayList<>();
        if (json.isBlank()) {
            return out;
        }
        for (Object l : Json.array(Json.parse(json), "ip -j link")) {
            Map<String, Object> link = Json.object(l, "ip -j link");
            long carrierChanges = -1;
            if (link.get("stats64") instanceof Map<?, ?> stats && stats.get("tx") instanceof Map<?, ?> tx
                    && tx.get("carrier_changes") instanceof Number n) {
                carrierChanges = n.longValue();
            }
            out.add(new LinkInfo(Json.string(link, "ifname"), (int) Json.number(link, "ifindex", -1),
                    Json.string(link, "address"), new HashSet<>(Json.strings(link, "flags")),
                    Json.string(link, "operstate"), (int) Json.number(link, "mtu", -1), Json.string(link, "master"),
                    carrierChanges));
        }
        return out;
    }

    public static List<Neighbour> neighbours(String json) {
        List<Neighbour> out = new ArrayList<>();
        if (json.isBlank()) {
            return out;
        }
        for (Object n : Json.array(Json.parse(json), "ip -j neigh")) {
            Map<String, Object> e = Json.object(n, "ip -j neigh");
            // ip prints "router": null for the IPv6 router flag (a key without value).
            out.add(new Neighbour(Json.string(e, "dst"), Json.string(e, "lladdr"),
                    new HashSet<>(Json.strings(e, "state")), e.containsKey("router")));
        }
        return out;
    }

    public static PingResult ping(String from, String destination, int exitCode, String output) {
        Matcher m = PING_STATS.matcher(output);
        if (m.find()) {
            return new PingResult(from, destination, Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
                    exitCode, output);
        }
        // No statistics: ping failed before sending (unknown device, invalid address, network unreachable).
        return new PingResult(from, destination, 0, 0, exitCode, output);
    }
}
