package net.ipmpd.engine.state;

import java.util.List;
import java.util.Optional;
import net.ipmpd.engine.config.EngineConfig;

/**
 * An immutable picture of the whole engine, published after every step that changed something.
 * Every reader (SNMP, NETCONF, ipmpstat, logs) reads one of these; none touches engine objects.
 *
 * @param version increases with every published change, so readers can tell snapshots apart
 * @param atNanos the engine time the snapshot was taken
 * @param config the configuration in force
 * @param groups the configured groups in configuration order
 * @param anonymous the anonymous group (tracked interfaces outside every group), if tracked
 */
public record EngineSnapshot(
        long version,
        long atNanos,
        EngineConfig config,
        List<GroupSnapshot> groups,
        Optional<GroupSnapshot> anonymous) {
    public EngineSnapshot {
        groups = List.copyOf(groups);
    }

    public Optional<GroupSnapshot> group(String name) {
        return groups.stream().filter(g -> g.name().equals(name)).findFirst();
    }

    public Optional<MemberSnapshot> member(String interfaceName) {
        for (GroupSnapshot g : groups) {
            Optional<MemberSnapshot> m = g.member(interfaceName);
            if (m.isPresent()) {
                return m;
            }
        }
        return anonymous.flatMap(a -> a.member(interfaceName));
    }

    /** Every member of every group, anonymous last. */
    public List<MemberSnapshot> allMembers() {
        var all = new java.util.ArrayList<MemberSnapshot>();
        groups.forEach(g -> all.addAll(g.members()));
        anonymous.ifPresent(a -> all.addAll(a.members()));
        return all;
    }
}
