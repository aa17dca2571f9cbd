package net.ipmpd.agent.history;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import net.ipmpd.agent.control.Wire;
import net.ipmpd.engine.config.EngineConfig;
import net.ipmpd.engine.config.GroupConfig;
import net.ipmpd.engine.config.MemberConfig;

/**
 * What a configuration change changed, in one short line for the history: tunables, groups,
 * members and data addresses added or removed ("failback yes->no; g0: +member m3, -address
 * 198.18.7.101"). Not a full diff: enough to tell one change from another.
 */
final class ConfigDiff {
    private ConfigDiff() {
    }

    static String describe(EngineConfig before, EngineConfig after) {
        List<String> parts = new ArrayList<>();
        if (before.failureDetectionTimeMs() != after.failureDetectionTimeMs()) {
            parts.add("FDT " + before.failureDetectionTimeMs() + "->" + after.failureDetectionTimeMs() + " ms");
        }
        if (before.failback() != after.failback()) {
            parts.add("failback " + yesNo(before.failback()) + "->" + yesNo(after.failback()));
        }
        if (before.trackInterfacesOnlyWithGroups() != after.trackInterfacesOnlyWithGroups()) {
            parts.add("track-interfaces-only-with-groups " + yesNo(before.trackInterfacesOnlyWithGroups()) + "->"
                    + yesNo(after.trackInterfacesOnlyWithGroups()));
        }
        if (!before.damping().equals(after.damping())) {
            parts.add("flap damping changed");
        }
        Map<String, GroupConfig> old = byName(before);
        Map<String, GroupConfig> now = byName(after);
        for (String g : union(old.keySet(), now.keySet())) {
            GroupConfig o = old.get(g);
            GroupConfig n = now.get(g);
            if (o == null) {
                parts.add("+group " + g);
            } else if (n == null) {
                parts.add("-group " + g);
            } else if (!o.equals(n)) {
                parts.add(g + ": " + groupChanges(o, n));
            }
        }
        return parts.isEmpty() ? "no change" : String.join("; ", parts);
    }

    private static String groupChanges(GroupConfig o, GroupConfig n) {
        List<String> parts = new ArrayList<>();
        added(parts, "member", names(o.members()), names(n.members()));
        added(parts, "address", o.dataAddresses().stream().map(d -> Wire.address(d.address())).toList(),
                n.dataAddresses().stream().map(d -> Wire.address(d.address())).toList());
        added(parts, "target", o.staticTargets().stream().map(Wire::address).toList(),
                n.staticTargets().stream().map(Wire::address).toList());
        if (!o.failureDetectionTimeMs().equals(n.failureDetectionTimeMs())) {
            parts.add("FDT " + (n.failureDetectionTimeMs().isPresent() ? n.failureDetectionTimeMs().getAsLong() + " ms" : "global"));
        }
        if (parts.isEmpty()) {
            parts.add("members' settings changed");
        }
        return String.join(", ", parts);
    }

    private static void added(List<String> parts, String what, List<String> before, List<String> after) {
        after.stream().filter(x -> !before.contains(x)).forEach(x -> parts.add("+" + what + " " + x));
        before.stream().filter(x -> !after.contains(x)).forEach(x -> parts.add("-" + what + " " + x));
    }

    private static List<String> names(List<MemberConfig> members) {
        return members.stream().map(MemberConfig::interfaceName).toList();
    }

    private static Map<String, GroupConfig> byName(EngineConfig c) {
        return c.groups().stream().collect(Collectors.toMap(GroupConfig::name, Function.identity(), (a, b) -> a,
                java.util.LinkedHashMap::new));
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> all = new LinkedHashSet<>(a);
        all.addAll(b);
        return all;
    }

    private static String yesNo(boolean b) {
        return b ? "yes" : "no";
    }
}
