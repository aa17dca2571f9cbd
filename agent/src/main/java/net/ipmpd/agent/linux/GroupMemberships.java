package net.ipmpd.agent.linux;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The IPv4 and IPv6 multicast group memberships per interface, as /proc/net/igmp and
 * /proc/net/igmp6 list them (per network namespace). Pure parsing, so it is tested on text.
 * There is no netlink notification for IGMP/MLD joins, which is why these files are read.
 */
record GroupMemberships(Map<String, Map<InetAddress, Integer>> usersByInterface) {

    /** Memberships the kernel holds by itself on every interface: never an application's. */
    static boolean kernelOwned(InetAddress group) {
        byte[] b = group.getAddress();
        if (b.length == 4) {
            return (b[0] & 0xff) == 224 && b[1] == 0 && b[2] == 0 && b[3] == 1;   // all-hosts
        }
        boolean ff0x1 = (b[0] & 0xff) == 0xff && (b[1] == 1 || b[1] == 2) && allZero(b, 2, 15) && b[15] == 1;   // all-nodes
        boolean ff02_2 = (b[0] & 0xff) == 0xff && b[1] == 2 && allZero(b, 2, 15) && b[15] == 2;                 // all-routers
        boolean solicitedNode = (b[0] & 0xff) == 0xff && b[1] == 2 && allZero(b, 2, 11) && b[11] == 1 && (b[12] & 0xff) == 0xff;
        return ff0x1 || ff02_2 || solicitedNode;
    }

    private static boolean allZero(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return true;
    }

    /** Groups joined on {@code ifname} by someone (users > 0), the kernel's own excluded. */
    Set<InetAddress> groupsOn(String ifname) {
        Set<InetAddress> out = new HashSet<>();
        usersByInterface.getOrDefault(ifname, Map.of()).forEach((g, users) -> {
            if (users > 0 && !kernelOwned(g)) {
                out.add(g);
            }
        });
        return out;
    }

    int users(String ifname, InetAddress group) {
        return usersByInterface.getOrDefault(ifname, Map.of()).getOrDefault(group, 0);
    }

    /**
     * Parses /proc/net/igmp: an interface line ("2\teth0      :     1      V3") followed by one
     * line per group ("\t\t\t\t010000E0     1 0:00000000\t\t0"), the group in host byte order hex.
     */
    static Map<String, Map<InetAddress, Integer>> parseIgmp(List<String> lines) {
        Map<String, Map<InetAddress, Integer>> out = new HashMap<>();
        String current = null;
        for (String line : lines) {
            if (line.startsWith("Idx") || line.isBlank()) {
                continue;
            }
            if (!Character.isWhitespace(line.charAt(0))) {
                String[] f = line.trim().split("\\s+");
                current = f.length > 1 ? f[1].replace(":", "") : null;
                if (current != null) {
                    out.computeIfAbsent(current, k -> new HashMap<>());
                }
                continue;
            }
            String[] f = line.trim().split("\\s+");
            if (current == null || f.length < 2 || f[0].length() != 8) {
                continue;
            }
            long v = Long.parseLong(f[0], 16);
            byte[] b = {(byte) v, (byte) (v >>> 8), (byte) (v >>> 16), (byte) (v >>> 24)};   // little-endian print
            out.get(current).merge(address(b), Integer.parseInt(f[1]), Integer::sum);
        }
        return out;
    }

    /**
     * The IGMP version each interface speaks now, from the interface lines of /proc/net/igmp
     * ("V2" after a v2 querier was heard, or with force_igmp_version=2): reports must be sent in
     * it, since an IGMPv2 querier or switch ignores v3 reports.
     */
    static Map<String, Integer> igmpVersions(List<String> lines) {
        Map<String, Integer> out = new HashMap<>();
        for (String line : lines) {
            if (line.startsWith("Idx") || line.isBlank() || Character.isWhitespace(line.charAt(0))) {
                continue;
            }
            String[] f = line.trim().split("\\s+");
            String last = f[f.length - 1];
            if (f.length > 2 && last.matches("V[123]")) {
                out.put(f[1].replace(":", ""), last.charAt(1) - '0');
            }
        }
        return out;
    }

    /** Parses /proc/net/igmp6: "idx dev group(32 hex) users flags timer" per line. */
    static Map<String, Map<InetAddress, Integer>> parseIgmp6(List<String> lines) {
        Map<String, Map<InetAddress, Integer>> out = new HashMap<>();
        for (String line : lines) {
            String[] f = line.trim().split("\\s+");
            if (f.length < 4 || f[2].length() != 32) {
                continue;
            }
            byte[] b = new byte[16];
            for (int i = 0; i < 16; i++) {
                b[i] = (byte) Integer.parseInt(f[2].substring(2 * i, 2 * i + 2), 16);
            }
            out.computeIfAbsent(f[1], k -> new HashMap<>()).merge(address(b), Integer.parseInt(f[3]), Integer::sum);
        }
        return out;
    }

    static GroupMemberships of(List<String> igmp, List<String> igmp6) {
        Map<String, Map<InetAddress, Integer>> all = parseIgmp(igmp);
        parseIgmp6(igmp6).forEach((dev, groups) -> all.computeIfAbsent(dev, k -> new HashMap<>()).putAll(groups));
        return new GroupMemberships(all);
    }

    private static InetAddress address(byte[] b) {
        try {
            return InetAddress.getByAddress(b);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
