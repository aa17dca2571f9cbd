package net.ipmpd.engine.state;

import java.util.List;
import java.util.Optional;

/**
 * One group as ipmpstat -g, the MIB's group table and the YANG group state show it.
 *
 * @param effectiveFdtMs the failure detection time achieved now; above the configured one when
 *        the targets' round-trip times do not allow it (in.mpathd raises it, see ProbeInstance)
 * @param outboundMembers the members that carry outbound traffic (load spreading), in order
 * @param routes the routes ipmpd keeps pointed at the outbound members, as the dataplane reported them
 */
public record GroupSnapshot(
        String name,
        GroupState state,
        long configuredFdtMs,
        long effectiveFdtMs,
        long probeIntervalMs,
        List<MemberSnapshot> members,
        List<DataAddressSnapshot> dataAddresses,
        List<String> outboundMembers,
        GroupCounters counters,
        long lastChangeNanos,
        List<KeptRoute> routes) {
    public GroupSnapshot {
        members = List.copyOf(members);
        dataAddresses = List.copyOf(dataAddresses);
        outboundMembers = List.copyOf(outboundMembers);
        routes = List.copyOf(routes);
    }

    /** A group without routes reported (yet). */
    public GroupSnapshot(String name, GroupState state, long configuredFdtMs, long effectiveFdtMs, long probeIntervalMs,
                         List<MemberSnapshot> members, List<DataAddressSnapshot> dataAddresses, List<String> outboundMembers,
                         GroupCounters counters, long lastChangeNanos) {
        this(name, state, configuredFdtMs, effectiveFdtMs, probeIntervalMs, members, dataAddresses, outboundMembers,
                counters, lastChangeNanos, List.of());
    }

    public GroupSnapshot withRoutes(List<KeptRoute> kept) {
        return new GroupSnapshot(name, state, configuredFdtMs, effectiveFdtMs, probeIntervalMs, members, dataAddresses,
                outboundMembers, counters, lastChangeNanos, kept);
    }

    public Optional<MemberSnapshot> member(String name) {
        return members.stream().filter(m -> m.name().equals(name)).findFirst();
    }

    public boolean isAnonymous() {
        return name.isEmpty();
    }
}
