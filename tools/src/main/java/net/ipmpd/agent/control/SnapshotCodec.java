package net.ipmpd.agent.control;

import static net.ipmpd.agent.control.Wire.enumToWire;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import net.ipmpd.engine.config.DampingConfig;
import net.ipmpd.engine.config.EngineConfig;
import net.ipmpd.engine.config.Family;
import net.ipmpd.engine.config.TestAddress;
import net.ipmpd.engine.notify.Cause;
import net.ipmpd.engine.state.DataAddressSnapshot;
import net.ipmpd.engine.state.EngineSnapshot;
import net.ipmpd.engine.state.GroupCounters;
import net.ipmpd.engine.state.GroupSnapshot;
import net.ipmpd.engine.state.GroupState;
import net.ipmpd.engine.state.KeptRoute;
import net.ipmpd.engine.state.LinkState;
import net.ipmpd.engine.state.MemberCounters;
import net.ipmpd.engine.state.MemberFlag;
import net.ipmpd.engine.state.MemberSnapshot;
import net.ipmpd.engine.state.MemberState;
import net.ipmpd.engine.state.Presence;
import net.ipmpd.engine.state.ProbeInstanceSnapshot;
import net.ipmpd.engine.state.ProbeState;
import net.ipmpd.engine.state.ProbeStats;
import net.ipmpd.engine.state.RouteOrigin;
import net.ipmpd.engine.state.TargetMode;
import net.ipmpd.engine.state.TargetSnapshot;
import net.ipmpd.engine.state.TargetState;

/**
 * The engine's state snapshot as a JSON tree and back, for the query command. The protocol
 * carries state, not configuration (that has its own channels: the configuration file and
 * NETCONF): only the three global in.mpathd tunables travel, and a decoded snapshot's config
 * holds those with no groups and the default flap damper.
 */
public final class SnapshotCodec {
    private SnapshotCodec() {
    }

    public static Map<String, Object> encode(EngineSnapshot s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("version", s.version());
        m.put("at-nanos", s.atNanos());
        Map<String, Object> cfg = new LinkedHashMap<>();
        cfg.put("failure-detection-time-ms", s.config().failureDetectionTimeMs());
        cfg.put("failback", s.config().failback());
        cfg.put("track-interfaces-only-with-groups", s.config().trackInterfacesOnlyWithGroups());
        m.put("config", cfg);
        m.put("groups", s.groups().stream().map(SnapshotCodec::group).toList());
        m.put("anonymous", s.anonymous().map(SnapshotCodec::group).orElse(null));
        return m;
    }

    public static EngineSnapshot decode(JsonObject o) {
        JsonObject cfg = o.object("config");
        EngineConfig config = new EngineConfig(cfg.longValue("failure-detection-time-ms"), cfg.bool("failback"),
                cfg.bool("track-interfaces-only-with-groups"), DampingConfig.DEFAULT, List.of());
        List<GroupSnapshot> groups = o.objects("groups").stream().map(SnapshotCodec::group).toList();
        Optional<GroupSnapshot> anonymous = o.optObject("anonymous").map(SnapshotCodec::group);
        return new EngineSnapshot(o.longValue("version"), o.longValue("at-nanos"), config, groups, anonymous);
    }

    private static Map<String, Object> group(GroupSnapshot g) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", g.name());
        m.put("state", enumToWire(g.state()));
        m.put("configured-fdt-ms", g.configuredFdtMs());
        m.put("effective-fdt-ms", g.effectiveFdtMs());
        m.put("probe-interval-ms", g.probeIntervalMs());
        m.put("members", g.members().stream().map(SnapshotCodec::member).toList());
        m.put("data-addresses", g.dataAddresses().stream().map(SnapshotCodec::dataAddress).toList());
        m.put("outbound-members", g.outboundMembers());
        GroupCounters c = g.counters();
        m.put("counters", ordered("failures", c.failures(), "repairs", c.repairs(), "failovers", c.failovers()));
        m.put("last-change-nanos", g.lastChangeNanos());
        m.put("routes", g.routes().stream().map(SnapshotCodec::route).toList());
        return m;
    }

    private static GroupSnapshot group(JsonObject o) {
        JsonObject c = o.object("counters");
        return new GroupSnapshot(o.string("name"), o.enumValue("state", GroupState.class),
                o.longValue("configured-fdt-ms"), o.longValue("effective-fdt-ms"), o.longValue("probe-interval-ms"),
                o.objects("members").stream().map(SnapshotCodec::member).toList(),
                o.objects("data-addresses").stream().map(SnapshotCodec::dataAddress).toList(),
                o.strings("outbound-members"),
                new GroupCounters(c.longValue("failures"), c.longValue("repairs"), c.longValue("failovers")),
                o.longValue("last-change-nanos"),
                // a daemon from before the routes were reported sends none
                o.has("routes") ? o.objects("routes").stream().map(SnapshotCodec::route).toList() : List.of());
    }

    private static Map<String, Object> route(KeptRoute r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("family", enumToWire(r.family()));
        m.put("destination", Wire.address(r.destination()));
        m.put("prefix-length", r.prefixLength());
        m.put("metric", r.metric());
        m.put("gateways", r.gateways().stream().map(Wire::address).toList());
        m.put("members", r.members());
        m.put("origin", enumToWire(r.origin()));
        return m;
    }

    private static KeptRoute route(JsonObject o) {
        List<String> gateways = o.strings("gateways");
        List<java.net.InetAddress> parsed = new ArrayList<>();
        for (int i = 0; i < gateways.size(); i++) {
            parsed.add(Wire.parseAddress(gateways.get(i), o.path() + ".gateways[" + i + "]"));
        }
        return new KeptRoute(o.enumValue("family", Family.class),
                Wire.parseAddress(o.string("destination"), o.path() + ".destination"), o.intValue("prefix-length"),
                o.longValue("metric"), parsed, o.strings("members"), o.enumValue("origin", RouteOrigin.class));
    }

    private static Map<String, Object> member(MemberSnapshot s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", s.name());
        m.put("group", s.group());
        m.put("ifindex", s.ifIndex());
        m.put("state", enumToWire(s.state()));
        m.put("active", s.active());
        // Flags in declaration order, so the text is stable from one query to the next.
        m.put("flags", Arrays.stream(MemberFlag.values()).filter(s.flags()::contains).map(Wire::enumToWire).toList());
        m.put("link", enumToWire(s.link()));
        m.put("probe", enumToWire(s.probe()));
        m.put("presence", enumToWire(s.presence()));
        m.put("last-cause", s.lastCause().yangName());
        m.put("last-change-nanos", s.lastChangeNanos());
        MemberCounters c = s.counters();
        m.put("counters", ordered("failures", c.failures(), "repairs", c.repairs(), "failovers", c.failovers(),
                "flaps", c.flaps()));
        m.put("flap-penalty", s.flapPenalty());
        m.put("probing", s.probing().stream().map(SnapshotCodec::probeInstance).toList());
        return m;
    }

    private static MemberSnapshot member(JsonObject o) {
        Set<MemberFlag> flags = EnumSet.noneOf(MemberFlag.class);
        List<String> names = o.strings("flags");
        for (int i = 0; i < names.size(); i++) {
            flags.add(Wire.enumFromWire(names.get(i), MemberFlag.class, o.path() + ".flags[" + i + "]"));
        }
        JsonObject c = o.object("counters");
        return new MemberSnapshot(o.string("name"), o.string("group"), o.intValue("ifindex"),
                o.enumValue("state", MemberState.class), o.bool("active"), flags,
                o.enumValue("link", LinkState.class), o.enumValue("probe", ProbeState.class),
                o.enumValue("presence", Presence.class), cause(o.string("last-cause"), o.path() + ".last-cause"),
                o.longValue("last-change-nanos"),
                new MemberCounters(c.longValue("failures"), c.longValue("repairs"), c.longValue("failovers"),
                        c.longValue("flaps")),
                o.intValue("flap-penalty"),
                o.objects("probing").stream().map(SnapshotCodec::probeInstance).toList());
    }

    /** A JSON object with members in the given order (name, value, name, value, ...). */
    static Map<String, Object> ordered(Object... nameValue) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < nameValue.length; i += 2) {
            m.put((String) nameValue[i], nameValue[i + 1]);
        }
        return m;
    }

    static Cause cause(String yangName, String where) {
        for (Cause c : Cause.values()) {
            if (c.yangName().equals(yangName)) {
                return c;
            }
        }
        throw new ProtocolException(where + ": unknown cause \"" + yangName + "\"");
    }

    private static Map<String, Object> probeInstance(ProbeInstanceSnapshot p) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("family", enumToWire(p.family()));
        m.put("test-address", Wire.address(p.testAddress().address()));
        m.put("test-prefix-length", p.testAddress().prefixLength());
        m.put("mode", enumToWire(p.mode()));
        m.put("state", enumToWire(p.state()));
        List<Object> targets = new ArrayList<>();
        for (TargetSnapshot t : p.targets()) {
            Map<String, Object> tm = new LinkedHashMap<>();
            tm.put("address", Wire.address(t.address()));
            tm.put("mode", enumToWire(t.mode()));
            tm.put("state", enumToWire(t.state()));
            tm.put("rtt-average-us", t.rttAverageMicros());
            tm.put("rtt-deviation-us", t.rttDeviationMicros());
            targets.add(tm);
        }
        m.put("targets", targets);
        m.put("stats", ordered("sent", p.stats().sent(), "answered", p.stats().answered(), "lost", p.stats().lost()));
        return m;
    }

    private static ProbeInstanceSnapshot probeInstance(JsonObject o) {
        TestAddress test;
        try {
            test = new TestAddress(Wire.parseAddress(o.string("test-address"), o.path() + ".test-address"),
                    o.intValue("test-prefix-length"));
        } catch (IllegalArgumentException e) {
            throw e instanceof ProtocolException ? e : new ProtocolException(o.path() + ": " + e.getMessage());
        }
        List<TargetSnapshot> targets = o.objects("targets").stream()
                .map(t -> new TargetSnapshot(Wire.parseAddress(t.string("address"), t.path() + ".address"),
                        t.enumValue("mode", TargetMode.class), t.enumValue("state", TargetState.class),
                        t.longValue("rtt-average-us"), t.longValue("rtt-deviation-us")))
                .toList();
        JsonObject st = o.object("stats");
        return new ProbeInstanceSnapshot(o.enumValue("family", Family.class), test, o.enumValue("mode", TargetMode.class),
                o.enumValue("state", ProbeState.class), targets,
                new ProbeStats(st.longValue("sent"), st.longValue("answered"), st.longValue("lost")));
    }

    private static Map<String, Object> dataAddress(DataAddressSnapshot d) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("address", Wire.address(d.address()));
        m.put("prefix-length", d.prefixLength());
        m.put("home-member", d.homeMember());
        m.put("current-member", d.currentMember().orElse(null));
        m.put("up", d.up());
        return m;
    }

    private static DataAddressSnapshot dataAddress(JsonObject o) {
        return new DataAddressSnapshot(Wire.parseAddress(o.string("address"), o.path() + ".address"),
                o.intValue("prefix-length"), o.string("home-member"), o.optString("current-member"), o.bool("up"));
    }
}
