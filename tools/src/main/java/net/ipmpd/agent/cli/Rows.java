package net.ipmpd.agent.cli;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import net.ipmpd.agent.control.ProbeCodec.ProbeLine;
import net.ipmpd.engine.config.Family;
import net.ipmpd.engine.state.DataAddressSnapshot;
import net.ipmpd.engine.state.EngineSnapshot;
import net.ipmpd.engine.state.GroupSnapshot;
import net.ipmpd.engine.state.KeptRoute;
import net.ipmpd.engine.state.MemberSnapshot;
import net.ipmpd.engine.state.ProbeInstanceSnapshot;
import net.ipmpd.engine.state.TargetMode;

/** The objects each ipmpstat output mode prints one line for, walked as ipmpstat.c walks them. */
final class Rows {
    private Rows() {
    }

    /**
     * When the snapshot was taken, in the engine's clock and on the wall, so that engine times
     * (last change) can be printed as wall-clock times without knowing the engine's epoch.
     */
    record SnapshotClock(long atNanos, Instant queriedAt) {
        /** The wall-clock time of an engine time; empty for 0 ("never"). */
        Optional<Instant> wallClock(long engineNanos) {
            if (engineNanos == 0) {
                return Optional.empty();
            }
            return Optional.of(queriedAt.minusNanos(atNanos - engineNanos));
        }
    }

    /** -g: a group. */
    record GroupRow(GroupSnapshot group, SnapshotClock clock) {
    }

    /** -a: a data address of a group. */
    record AddressRow(GroupSnapshot group, DataAddressSnapshot address) {
    }

    /** -i: a member with its group. */
    record MemberRow(GroupSnapshot group, MemberSnapshot member, SnapshotClock clock) {
    }

    /** -t: one probed address family of a member, or the member alone when probing is off. */
    record TargetRow(MemberSnapshot member, Optional<ProbeInstanceSnapshot> probing) {
    }

    /** -r: a route kept through a group. */
    record RouteRow(GroupSnapshot group, KeptRoute route) {
    }

    /** -p: a completed probe and the time ipmpstat started. */
    record ProbeRow(ProbeLine line, Instant start) {
    }

    /** Configured groups in order, then the anonymous group (ipmpstat -g shows it with an empty name). */
    static List<GroupSnapshot> groups(EngineSnapshot s) {
        List<GroupSnapshot> all = new ArrayList<>(s.groups());
        s.anonymous().ifPresent(all::add);
        return all;
    }

    static List<GroupRow> groupRows(EngineSnapshot s, Instant queriedAt) {
        SnapshotClock clock = new SnapshotClock(s.atNanos(), queriedAt);
        return groups(s).stream().map(g -> new GroupRow(g, clock)).toList();
    }

    static List<AddressRow> addresses(EngineSnapshot s) {
        List<AddressRow> rows = new ArrayList<>();
        for (GroupSnapshot g : groups(s)) {
            g.dataAddresses().forEach(a -> rows.add(new AddressRow(g, a)));
        }
        return rows;
    }

    static List<RouteRow> routes(EngineSnapshot s) {
        List<RouteRow> rows = new ArrayList<>();
        for (GroupSnapshot g : groups(s)) {
            g.routes().forEach(r -> rows.add(new RouteRow(g, r)));
        }
        return rows;
    }

    static List<MemberRow> members(EngineSnapshot s, Instant queriedAt) {
        SnapshotClock clock = new SnapshotClock(s.atNanos(), queriedAt);
        List<MemberRow> rows = new ArrayList<>();
        for (GroupSnapshot g : groups(s)) {
            g.members().forEach(m -> rows.add(new MemberRow(g, m, clock)));
        }
        return rows;
    }

    /**
     * ipmpstat.c targinfo_output_cbfunc(): the IPv4 line unless only IPv6 probes, the IPv6 line
     * when IPv6 probes, so a member probing nothing still shows one line with MODE disabled.
     */
    static List<TargetRow> targets(EngineSnapshot s) {
        List<TargetRow> rows = new ArrayList<>();
        for (MemberRow r : members(s, Instant.EPOCH)) {
            MemberSnapshot m = r.member();
            Optional<ProbeInstanceSnapshot> v4 = instance(m, Family.IPV4);
            Optional<ProbeInstanceSnapshot> v6 = instance(m, Family.IPV6);
            boolean v4on = v4.isPresent() && v4.get().mode() != TargetMode.DISABLED;
            boolean v6on = v6.isPresent() && v6.get().mode() != TargetMode.DISABLED;
            if (v4on || !v6on) {
                rows.add(new TargetRow(m, v4));
            }
            if (v6on) {
                rows.add(new TargetRow(m, v6));
            }
        }
        return rows;
    }

    private static Optional<ProbeInstanceSnapshot> instance(MemberSnapshot m, Family f) {
        return m.probing().stream().filter(p -> p.family() == f).findFirst();
    }
}
