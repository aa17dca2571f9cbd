package net.ipmpd.agent.cli;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import net.ipmpd.agent.control.Wire;
import net.ipmpd.engine.state.GroupSnapshot;
import net.ipmpd.engine.state.MemberFlag;
import net.ipmpd.engine.state.MemberSnapshot;
import net.ipmpd.engine.state.Presence;
import net.ipmpd.engine.state.ProbeInstanceSnapshot;
import net.ipmpd.engine.state.ProbeState;
import net.ipmpd.engine.state.TargetMode;
import net.ipmpd.engine.state.TargetSnapshot;
import net.ipmpd.engine.state.TargetState;

/**
 * The fields of the five output modes, with Solaris's names, widths and order (ipmpstat.c
 * addr_fields, group_fields, if_fields, probe_fields, targ_fields) and value rules (ipmpstat(8)).
 *
 * <p>There is no IPMP interface on Linux: GROUP (the IPMP interface in Solaris) and GROUPNAME
 * both show the group name. Addresses are always numeric: ipmpstat accepts -n but never resolves
 * names, so it never waits for DNS.
 */
final class IpmpstatFields {
    private IpmpstatFields() {
    }

    static final List<Column<Rows.AddressRow>> ADDRESS = List.of(
            new Column<>("ADDRESS", 26, r -> Wire.address(r.address().address())),
            new Column<>("STATE", 7, r -> r.address().up() ? "up" : "down"),
            new Column<>("GROUP", 12, r -> r.group().name()),
            new Column<>("INBOUND", 12, IpmpstatFields::inbound),
            new Column<>("OUTBOUND", 23, IpmpstatFields::outbound));

    static final List<Column<GroupSnapshot>> GROUP = List.of(
            new Column<>("GROUP", 12, GroupSnapshot::name),
            new Column<>("GROUPNAME", 12, GroupSnapshot::name),
            new Column<>("STATE", 10, g -> lower(g.state())),
            new Column<>("FDT", 10, IpmpstatFields::fdt),
            new Column<>("INTERFACES", 30, IpmpstatFields::interfaces));

    static final List<Column<Rows.MemberRow>> INTERFACE = List.of(
            new Column<>("INTERFACE", 12, r -> r.member().name()),
            new Column<>("ACTIVE", 8, r -> r.member().active() ? "yes" : "no"),
            new Column<>("GROUP", 12, r -> r.member().group()),
            new Column<>("FLAGS", 10, r -> flags(r.member())),
            new Column<>("LINK", 10, r -> lower(r.member().link())),
            new Column<>("PROBE", 10, r -> lower(r.member().probe())),
            new Column<>("STATE", 10, r -> lower(r.member().state())));

    static final List<Column<Rows.ProbeRow>> PROBE = List.of(
            new Column<>("TIME", 10, IpmpstatFields::probeTime),
            new Column<>("INTERFACE", 12, r -> r.line().probe().member()),
            new Column<>("PROBE", 7, r -> Integer.toUnsignedString(r.line().probe().sequence())),
            new Column<>("NETRTT", 10, r -> r.line().probe().lost() ? "" : millis(r.line().probe().netRttMicros())),
            new Column<>("RTT", 10, r -> r.line().probe().lost() ? "" : millis(r.line().probe().rttMicros())),
            new Column<>("RTTAVG", 10, r -> nonZeroMillis(r.line().probe().rttAverageMicros())),
            new Column<>("TARGET", 20, r -> Wire.address(r.line().probe().target())),
            new Column<>("RTTDEV", 10, r -> nonZeroMillis(r.line().probe().rttDeviationMicros())));

    static final List<Column<Rows.TargetRow>> TARGET = List.of(
            new Column<>("INTERFACE", 12, r -> r.member().name()),
            new Column<>("MODE", 10, r -> lower(mode(r))),
            new Column<>("TESTADDR", 20, r -> mode(r) == TargetMode.DISABLED ? ""
                    : Wire.address(r.probing().orElseThrow().testAddress().address())),
            new Column<>("TARGETS", 38, IpmpstatFields::targets));

    /** The FLAGS letters in Solaris's positions (ipmpstat.c IPMPSTAT_*FLAG_INDEX), then ours. */
    static String flags(MemberSnapshot m) {
        char[] f = "--------".toCharArray();
        if (m.flags().contains(MemberFlag.INACTIVE)) {
            f[0] = 'i';
        }
        if (m.flags().contains(MemberFlag.STANDBY)) {
            f[1] = 's';
        }
        if (m.flags().contains(MemberFlag.IPV4_MULTICAST_NOMINEE)) {
            f[2] = 'm';
        }
        if (m.flags().contains(MemberFlag.IPV4_BROADCAST_NOMINEE)) {
            f[3] = 'b';
        }
        if (m.flags().contains(MemberFlag.IPV6_MULTICAST_NOMINEE)) {
            f[4] = 'M';
        }
        // 'd' (unusable because down): the interface does not exist, so it cannot be up.
        if (m.presence() == Presence.NOT_PRESENT || m.presence() == Presence.REMOVED) {
            f[5] = 'd';
        }
        // f[6] 'h' (offlined for a duplicate hardware address) is never set: ipmpd does not offline for that.
        // 'f': ipmpd's own, held out of service by the flap damper.
        if (m.flags().contains(MemberFlag.FLAPPING)) {
            f[7] = 'f';
        }
        return new String(f);
    }

    /** Active members plain, INACTIVE ones in (), unusable ones in [] (ipmpstat.c sfunc_group_interfaces). */
    static String interfaces(GroupSnapshot g) {
        String active = g.members().stream().filter(MemberSnapshot::active).map(MemberSnapshot::name)
                .collect(Collectors.joining(" "));
        String inactive = g.members().stream().filter(m -> !m.active() && m.flags().contains(MemberFlag.INACTIVE))
                .map(MemberSnapshot::name).collect(Collectors.joining(" "));
        String unusable = g.members().stream().filter(m -> !m.active() && !m.flags().contains(MemberFlag.INACTIVE))
                .map(MemberSnapshot::name).collect(Collectors.joining(" "));
        StringBuilder sb = new StringBuilder(active);
        if (!inactive.isEmpty()) {
            sb.append(sb.isEmpty() ? "" : " ").append('(').append(inactive).append(')');
        }
        if (!unusable.isEmpty()) {
            sb.append(sb.isEmpty() ? "" : " ").append('[').append(unusable).append(']');
        }
        return sb.toString();
    }

    /** Empty when no member probes (in.mpathd getgroupinfo() reports FDT 0 then). */
    static String fdt(GroupSnapshot g) {
        boolean probing = g.members().stream().anyMatch(m -> m.probe() != ProbeState.DISABLED);
        if (!probing || g.effectiveFdtMs() == 0) {
            return "";
        }
        return String.format(Locale.ROOT, "%.2fs", (double) ((float) g.effectiveFdtMs() / 1000));
    }

    /** Empty when the address is down; "?" when it is up but the engine placed it nowhere. */
    private static String inbound(Rows.AddressRow r) {
        if (!r.address().up()) {
            return "";
        }
        return r.address().currentMember().orElse(null);
    }

    /** Empty when the address is down or has no inbound member (ipmpstat.c sfunc_addr_outbound). */
    private static String outbound(Rows.AddressRow r) {
        if (!r.address().up() || r.address().currentMember().isEmpty()) {
            return "";
        }
        return String.join(" ", r.group().outboundMembers());
    }

    private static TargetMode mode(Rows.TargetRow r) {
        return r.probing().map(ProbeInstanceSnapshot::mode).orElse(TargetMode.DISABLED);
    }

    /** The targets in use, in firing order (in.mpathd gettarginfo() lists only TG_ACTIVE ones). */
    private static String targets(Rows.TargetRow r) {
        if (mode(r) == TargetMode.DISABLED) {
            return "";
        }
        return r.probing().orElseThrow().targets().stream().filter(t -> t.state() == TargetState.ACTIVE)
                .map(TargetSnapshot::address).map(Wire::address).collect(Collectors.joining(" "));
    }

    /** Seconds since ipmpstat started, negative for a probe completed before (ipmpstat(8) TIME). */
    private static String probeTime(Rows.ProbeRow r) {
        Duration d = Duration.between(r.start(), r.line().wallClock());
        return String.format(Locale.ROOT, "%.2fs", (double) ((float) d.toNanos() / 1e9f));
    }

    static String millis(long micros) {
        return String.format(Locale.ROOT, "%.2fms", (double) ((float) micros / 1000));
    }

    private static String nonZeroMillis(long micros) {
        return micros == 0 ? "" : millis(micros);
    }

    private static String lower(Enum<?> e) {
        return Wire.enumToWire(e);
    }
}
