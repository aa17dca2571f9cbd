package net.ipmpd.agent.cli;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import net.ipmpd.agent.control.Wire;
import net.ipmpd.engine.state.GroupSnapshot;
import net.ipmpd.engine.state.MemberFlag;
import net.ipmpd.engine.state.MemberSnapshot;
import net.ipmpd.engine.state.MemberState;
import net.ipmpd.engine.state.Presence;
import net.ipmpd.engine.state.ProbeInstanceSnapshot;
import net.ipmpd.engine.state.ProbeState;
import net.ipmpd.engine.state.TargetMode;
import net.ipmpd.engine.state.TargetSnapshot;
import net.ipmpd.engine.state.TargetState;

/**
 * The fields of the five output modes, with Solaris's names, widths and order (ipmpstat.c
 * addr_fields, group_fields, if_fields, probe_fields, targ_fields) and value rules (ipmpstat(8),
 * and in.mpathd's getifinfo()/getaddrinfo() behind them), then the fields only -j shows.
 *
 * <p>There is no IPMP interface on Linux: GROUP (the IPMP interface in Solaris) and GROUPNAME
 * both show the group name. Addresses are always numeric: ipmpstat accepts -n but never resolves
 * names, so it never waits for DNS.
 */
final class IpmpstatFields {
    private IpmpstatFields() {
    }

    static final FieldSet<Rows.AddressRow> ADDRESS = new FieldSet<>(List.of(
            new Column<>("ADDRESS", 26, r -> Wire.address(r.address().address())),
            new Column<>("STATE", 7, r -> addressUp(r) ? "up" : "down"),
            new Column<>("GROUP", 12, r -> r.group().name()),
            new Column<>("INBOUND", 12, IpmpstatFields::inbound),
            Column.typed("OUTBOUND", 23, r -> String.join(" ", outbound(r)), "outbound", IpmpstatFields::outbound)),
            List.of(Column.jsonOnly("prefix-length", r -> r.address().prefixLength()),
                    Column.jsonOnly("home-interface", r -> r.address().homeMember())));

    static final FieldSet<Rows.GroupRow> GROUP = new FieldSet<>(List.of(
            new Column<>("GROUP", 12, r -> r.group().name()),
            new Column<>("GROUPNAME", 12, r -> r.group().name()),
            new Column<>("STATE", 10, r -> lower(r.group().state())),
            Column.typed("FDT", 10, r -> fdt(r.group()), "fdt-ms", r -> fdt(r.group()).isEmpty() ? null : r.group().effectiveFdtMs()),
            Column.typed("INTERFACES", 30, r -> interfaces(r.group()), "interfaces", r -> interfacesByUse(r.group()))),
            List.of(Column.jsonOnly("configured-fdt-ms", r -> r.group().configuredFdtMs()),
                    Column.jsonOnly("probe-interval-ms", r -> r.group().probeIntervalMs()),
                    Column.jsonOnly("failures", r -> r.group().counters().failures()),
                    Column.jsonOnly("repairs", r -> r.group().counters().repairs()),
                    Column.jsonOnly("failovers", r -> r.group().counters().failovers()),
                    Column.jsonOnly("last-change", r -> isoTime(r.clock(), r.group().lastChangeNanos()))));

    static final FieldSet<Rows.MemberRow> INTERFACE = new FieldSet<>(List.of(
            new Column<>("INTERFACE", 12, r -> r.member().name()),
            Column.typed("ACTIVE", 8, r -> r.member().active() ? "yes" : "no", "active", r -> r.member().active()),
            new Column<>("GROUP", 12, r -> r.member().group()),
            Column.typed("FLAGS", 10, r -> flags(r.member()), "flags", r -> flagWords(r.member())),
            new Column<>("LINK", 10, r -> lower(r.member().link())),
            new Column<>("PROBE", 10, r -> probe(r.member())),
            new Column<>("STATE", 10, r -> lower(r.member().state()))),
            List.of(Column.jsonOnly("presence", r -> lower(r.member().presence())),
                    Column.jsonOnly("last-cause", r -> r.member().lastCause().yangName()),
                    Column.jsonOnly("failures", r -> r.member().counters().failures()),
                    Column.jsonOnly("repairs", r -> r.member().counters().repairs()),
                    Column.jsonOnly("failovers", r -> r.member().counters().failovers()),
                    Column.jsonOnly("flaps", r -> r.member().counters().flaps()),
                    Column.jsonOnly("flap-penalty", r -> (long) r.member().flapPenalty()),
                    Column.jsonOnly("last-change", r -> isoTime(r.clock(), r.member().lastChangeNanos()))));

    static final FieldSet<Rows.ProbeRow> PROBE = new FieldSet<>(List.of(
            Column.typed("TIME", 10, IpmpstatFields::probeTime, "time-ms", r -> sinceStart(r).toMillis()),
            new Column<>("INTERFACE", 12, r -> r.line().probe().member()),
            Column.typed("PROBE", 7, r -> Integer.toUnsignedString(r.line().probe().sequence()), "probe",
                    r -> Integer.toUnsignedLong(r.line().probe().sequence())),
            Column.typed("NETRTT", 10, r -> r.line().probe().lost() ? "" : millis(r.line().probe().netRttMicros()),
                    "netrtt-us", r -> r.line().probe().lost() ? null : r.line().probe().netRttMicros()),
            Column.typed("RTT", 10, r -> r.line().probe().lost() ? "" : millis(r.line().probe().rttMicros()),
                    "rtt-us", r -> r.line().probe().lost() ? null : r.line().probe().rttMicros()),
            Column.typed("RTTAVG", 10, r -> nonZeroMillis(r.line().probe().rttAverageMicros()),
                    "rttavg-us", r -> nonZero(r.line().probe().rttAverageMicros())),
            new Column<>("TARGET", 20, r -> Wire.address(r.line().probe().target())),
            Column.typed("RTTDEV", 10, r -> nonZeroMillis(r.line().probe().rttDeviationMicros()),
                    "rttdev-us", r -> nonZero(r.line().probe().rttDeviationMicros()))),
            List.of(Column.jsonOnly("group", r -> r.line().probe().group()),
                    Column.jsonOnly("family", r -> lower(r.line().probe().family())),
                    Column.jsonOnly("lost", r -> r.line().probe().lost())));

    static final FieldSet<Rows.TargetRow> TARGET = new FieldSet<>(List.of(
            new Column<>("INTERFACE", 12, r -> r.member().name()),
            new Column<>("MODE", 10, r -> lower(mode(r))),
            new Column<>("TESTADDR", 20, r -> mode(r) == TargetMode.DISABLED ? ""
                    : Wire.address(r.probing().orElseThrow().testAddress().address())),
            Column.typed("TARGETS", 38, r -> String.join(" ", targets(r)), "targets", IpmpstatFields::targets)),
            List.of(Column.jsonOnly("family", r -> r.probing().map(p -> lower(p.family())).orElse(null)),
                    Column.jsonOnly("probes-sent", r -> r.probing().map(p -> p.stats().sent()).orElse(null)),
                    Column.jsonOnly("probes-answered", r -> r.probing().map(p -> p.stats().answered()).orElse(null)),
                    Column.jsonOnly("probes-lost", r -> r.probing().map(p -> p.stats().lost()).orElse(null))));

    /** -r (ipmpd's own): the routes kept through each group, in the spirit of the other modes. */
    static final FieldSet<Rows.RouteRow> ROUTE = new FieldSet<>(List.of(
            // JSON: the prefix even for a default route, which the text calls "default" as ip-route(8) does
            Column.typed("DESTINATION", 20, r -> r.route().isDefault() ? "default" : prefix(r), "destination", IpmpstatFields::prefix),
            Column.typed("GATEWAY", 18, r -> String.join(" ", gateways(r)), "gateways", IpmpstatFields::gateways),
            Column.typed("METRIC", 7, r -> Long.toString(r.route().metric()), "metric", r -> r.route().metric()),
            new Column<>("GROUP", 12, r -> r.group().name()),
            new Column<>("ORIGIN", 9, r -> lower(r.route().origin())),
            Column.typed("INTERFACES", 14, r -> String.join(" ", r.route().members()), "interfaces", r -> r.route().members())),
            List.of(Column.jsonOnly("family", r -> lower(r.route().family()))));

    private static String prefix(Rows.RouteRow r) {
        return Wire.address(r.route().destination()) + "/" + r.route().prefixLength();
    }

    private static List<String> gateways(Rows.RouteRow r) {
        return r.route().gateways().stream().map(Wire::address).toList();
    }

    /**
     * The FLAGS letters in Solaris's seven positions (ipmpstat.c IPMPSTAT_*FLAG_INDEX), with
     * in.mpathd's meanings (ifflags()): 'd' is "no UP address", which on Linux is an interface
     * that does not exist (missing at boot or removed); 'h' is a member offlined because another
     * member of its group has its hardware address.
     */
    static String flags(MemberSnapshot m) {
        char[] f = "-------".toCharArray();
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
        if (absent(m)) {
            f[5] = 'd';
        }
        if (m.flags().contains(MemberFlag.DUPLICATE_HARDWARE_ADDRESS)) {
            f[6] = 'h';
        }
        return new String(f);
    }

    /** -j FLAGS: the letters' meanings as words, plus ipmpd's own "flapping" (held out by the damper). */
    static List<String> flagWords(MemberSnapshot m) {
        List<String> words = new ArrayList<>();
        String letters = flags(m);
        String[] meaning = {"inactive", "standby", "ipv4-multicast-nominee", "ipv4-broadcast-nominee",
            "ipv6-multicast-nominee", "down", "duplicate-hardware-address"};
        for (int i = 0; i < meaning.length; i++) {
            if (letters.charAt(i) != '-') {
                words.add(meaning[i]);
            }
        }
        if (m.flags().contains(MemberFlag.FLAPPING)) {
            words.add("flapping");
        }
        return words;
    }

    /**
     * PROBE as in.mpathd's ifprobestate(): disabled without a test address; failed whenever the
     * member is failed, whatever detected it (a link failure too); otherwise what the probes say.
     * A member whose interface does not exist cannot probe at all: unknown.
     */
    static String probe(MemberSnapshot m) {
        if (m.probe() == ProbeState.DISABLED) {
            return lower(ProbeState.DISABLED);
        }
        if (absent(m)) {
            return lower(ProbeState.UNKNOWN);
        }
        if (m.state() == MemberState.FAILED) {
            return lower(ProbeState.FAILED);
        }
        return lower(m.probe());
    }

    private static boolean absent(MemberSnapshot m) {
        return m.presence() == Presence.NOT_PRESENT || m.presence() == Presence.REMOVED;
    }

    /** Active members plain, INACTIVE ones in (), unusable ones in [] (ipmpstat.c sfunc_group_interfaces). */
    static String interfaces(GroupSnapshot g) {
        Map<String, List<String>> byUse = interfacesByUse(g);
        StringBuilder sb = new StringBuilder(String.join(" ", byUse.get("active")));
        if (!byUse.get("inactive").isEmpty()) {
            sb.append(sb.isEmpty() ? "" : " ").append('(').append(String.join(" ", byUse.get("inactive"))).append(')');
        }
        if (!byUse.get("unusable").isEmpty()) {
            sb.append(sb.isEmpty() ? "" : " ").append('[').append(String.join(" ", byUse.get("unusable"))).append(']');
        }
        return sb.toString();
    }

    private static Map<String, List<String>> interfacesByUse(GroupSnapshot g) {
        Predicate<MemberSnapshot> inactive = m -> !m.active() && m.flags().contains(MemberFlag.INACTIVE);
        Map<String, List<String>> out = new LinkedHashMap<>();
        out.put("active", g.members().stream().filter(MemberSnapshot::active).map(MemberSnapshot::name).toList());
        out.put("inactive", g.members().stream().filter(inactive).map(MemberSnapshot::name).toList());
        out.put("unusable", g.members().stream().filter(m -> !m.active() && !inactive.test(m))
                .map(MemberSnapshot::name).toList());
        return out;
    }

    /** Empty when no member probes (in.mpathd getgroupinfo() reports FDT 0 then). */
    static String fdt(GroupSnapshot g) {
        boolean probing = g.members().stream().anyMatch(m -> m.probe() != ProbeState.DISABLED);
        if (!probing || g.effectiveFdtMs() == 0) {
            return "";
        }
        return TwoDecimals.of((double) ((float) g.effectiveFdtMs() / 1000)) + "s";
    }

    /**
     * STATE: whether the address is up (ipmpstat(8); in.mpathd reads IFF_UP). ipmpd brings a data
     * address up on a member when it places it and never takes it down, so it is up once placed,
     * also while its group has failed (then INBOUND and OUTBOUND are empty, as on Solaris).
     */
    private static boolean addressUp(Rows.AddressRow r) {
        return r.address().currentMember().isPresent();
    }

    /**
     * The member that receives packets for the address; empty when the address is down or when
     * the member holding it is not usable (ipmpstat(8): "no active IP interfaces left").
     */
    private static String inbound(Rows.AddressRow r) {
        if (!addressUp(r) || !r.address().up()) {
            return "";
        }
        return r.address().currentMember().orElseThrow();
    }

    /** Empty when there is no inbound member (ipmpstat.c sfunc_addr_outbound). */
    private static List<String> outbound(Rows.AddressRow r) {
        if (inbound(r).isEmpty()) {
            return List.of();
        }
        return r.group().outboundMembers();
    }

    private static TargetMode mode(Rows.TargetRow r) {
        return r.probing().map(ProbeInstanceSnapshot::mode).orElse(TargetMode.DISABLED);
    }

    /** The targets in use, in the engine's order (in.mpathd gettarginfo() lists only TG_ACTIVE ones). */
    private static List<String> targets(Rows.TargetRow r) {
        if (mode(r) == TargetMode.DISABLED) {
            return List.of();
        }
        return r.probing().orElseThrow().targets().stream().filter(t -> t.state() == TargetState.ACTIVE)
                .map(TargetSnapshot::address).map(Wire::address).toList();
    }

    /**
     * When the probe started, relative to when ipmpstat started (ipmpstat.c sfunc_probe_time:
     * IPMP_PROBE_START_TIME), negative for a probe started before: the wall-clock time the probe
     * completed at, less the engine's time from its start to its completion (also for a lost probe,
     * which completes when it is judged lost).
     */
    private static Duration sinceStart(Rows.ProbeRow r) {
        var p = r.line().probe();
        Instant started = r.line().wallClock().minusNanos(p.atNanos() - p.startedAtNanos());
        return Duration.between(r.start(), started);
    }

    private static String probeTime(Rows.ProbeRow r) {
        return TwoDecimals.of((double) ((float) sinceStart(r).toNanos() / 1e9f)) + "s";
    }

    private static String isoTime(Rows.SnapshotClock clock, long engineNanos) {
        return clock.wallClock(engineNanos).map(Instant::toString).orElse(null);
    }

    static String millis(long micros) {
        return TwoDecimals.of((double) ((float) micros / 1000)) + "ms";
    }

    private static String nonZeroMillis(long micros) {
        return micros == 0 ? "" : millis(micros);
    }

    private static Long nonZero(long micros) {
        return micros == 0 ? null : micros;
    }

    private static String lower(Enum<?> e) {
        return Wire.enumToWire(e);
    }
}
