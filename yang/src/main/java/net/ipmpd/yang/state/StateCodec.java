package net.ipmpd.yang.state;

import static net.ipmpd.yang.IpmpQNames.ACTIVE;
import static net.ipmpd.yang.IpmpQNames.ADDRESS;
import static net.ipmpd.yang.IpmpQNames.ANONYMOUS_GROUP;
import static net.ipmpd.yang.IpmpQNames.ANSWERED;
import static net.ipmpd.yang.IpmpQNames.COUNTERS;
import static net.ipmpd.yang.IpmpQNames.CURRENT_MEMBER;
import static net.ipmpd.yang.IpmpQNames.DATA_ADDRESS;
import static net.ipmpd.yang.IpmpQNames.EFFECTIVE_FAILURE_DETECTION_TIME;
import static net.ipmpd.yang.IpmpQNames.FAILOVERS;
import static net.ipmpd.yang.IpmpQNames.FAILURES;
import static net.ipmpd.yang.IpmpQNames.FAMILY;
import static net.ipmpd.yang.IpmpQNames.FLAGS;
import static net.ipmpd.yang.IpmpQNames.FLAPS;
import static net.ipmpd.yang.IpmpQNames.FLAP_PENALTY;
import static net.ipmpd.yang.IpmpQNames.GROUP;
import static net.ipmpd.yang.IpmpQNames.IF_INDEX;
import static net.ipmpd.yang.IpmpQNames.INTERFACE;
import static net.ipmpd.yang.IpmpQNames.LAST_CAUSE;
import static net.ipmpd.yang.IpmpQNames.LAST_CHANGE;
import static net.ipmpd.yang.IpmpQNames.LINK_STATE;
import static net.ipmpd.yang.IpmpQNames.LOST;
import static net.ipmpd.yang.IpmpQNames.MEMBER;
import static net.ipmpd.yang.IpmpQNames.MODE;
import static net.ipmpd.yang.IpmpQNames.NAME;
import static net.ipmpd.yang.IpmpQNames.OUTBOUND_MEMBER;
import static net.ipmpd.yang.IpmpQNames.PRESENCE;
import static net.ipmpd.yang.IpmpQNames.PROBE;
import static net.ipmpd.yang.IpmpQNames.PROBE_INTERVAL;
import static net.ipmpd.yang.IpmpQNames.PROBE_STATE;
import static net.ipmpd.yang.IpmpQNames.REPAIRS;
import static net.ipmpd.yang.IpmpQNames.REQUESTED_FAILURE_DETECTION_TIME;
import static net.ipmpd.yang.IpmpQNames.RTT_AVERAGE;
import static net.ipmpd.yang.IpmpQNames.RTT_DEVIATION;
import static net.ipmpd.yang.IpmpQNames.SENT;
import static net.ipmpd.yang.IpmpQNames.STATE;
import static net.ipmpd.yang.IpmpQNames.STATISTICS;
import static net.ipmpd.yang.IpmpQNames.TARGET;
import static net.ipmpd.yang.IpmpQNames.TARGET_MODE;
import static net.ipmpd.yang.IpmpQNames.TEST_ADDRESS;
import static net.ipmpd.yang.IpmpQNames.TEST_PREFIX_LENGTH;
import static net.ipmpd.yang.IpmpQNames.enumLabel;

import com.google.common.net.InetAddresses;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.LongFunction;
import java.util.stream.Collectors;
import net.ipmpd.engine.config.DataAddressConfig;
import net.ipmpd.engine.config.GroupConfig;
import net.ipmpd.engine.config.MemberConfig;
import net.ipmpd.engine.state.DataAddressSnapshot;
import net.ipmpd.engine.state.EngineSnapshot;
import net.ipmpd.engine.state.GroupSnapshot;
import net.ipmpd.engine.state.MemberSnapshot;
import net.ipmpd.engine.state.ProbeInstanceSnapshot;
import net.ipmpd.engine.state.TargetSnapshot;
import net.ipmpd.yang.config.ConfigCodec;
import org.opendaylight.yangtools.yang.common.QName;
import org.opendaylight.yangtools.yang.common.Uint32;
import org.opendaylight.yangtools.yang.common.Uint64;
import org.opendaylight.yangtools.yang.common.Uint8;
import org.opendaylight.yangtools.yang.data.api.YangInstanceIdentifier.NodeIdentifier;
import org.opendaylight.yangtools.yang.data.api.YangInstanceIdentifier.NodeIdentifierWithPredicates;
import org.opendaylight.yangtools.yang.data.api.schema.ContainerNode;
import org.opendaylight.yangtools.yang.data.api.schema.DataContainerChild;
import org.opendaylight.yangtools.yang.data.api.schema.DataContainerNode;
import org.opendaylight.yangtools.yang.data.api.schema.builder.DataContainerNodeBuilder;
import org.opendaylight.yangtools.yang.data.api.schema.MapEntryNode;
import org.opendaylight.yangtools.yang.data.api.schema.MapNode;
import org.opendaylight.yangtools.yang.data.spi.node.ImmutableNodes;

/**
 * An engine snapshot as the ipmp container with configuration and operational state side by side
 * (NMDA, RFC 8342), which is what NETCONF's get returns. Every field of the snapshot records
 * has a node; enumeration labels are the Java enum names in lower case with '-'.
 *
 * <p>Engine times are monotonic nanoseconds; the caller converts them to wall-clock time
 * (IpmpService::wallClock). A time of 0 means "never" and leaves the node out.
 */
public final class StateCodec {
    private StateCodec() {
    }

    /** The whole ipmp tree, configuration and state. */
    public static ContainerNode encode(EngineSnapshot snapshot, LongFunction<Instant> wallClock) {
        ContainerNode config = ConfigCodec.toNormalizedNode(snapshot.config());
        var ipmp = ImmutableNodes.newContainerBuilder().withNodeIdentifier(config.name());
        for (DataContainerChild c : config.body()) {
            if (!c.name().getNodeType().equals(GROUP)) {
                ipmp.withChild(c);
            }
        }
        Map<String, MapEntryNode> configured = entriesByKey(config, GROUP, NAME);
        Map<String, GroupConfig> groupConfigs = snapshot.config().groups().stream()
                .collect(Collectors.toMap(GroupConfig::name, g -> g, (a, b) -> a, LinkedHashMap::new));
        var groups = ImmutableNodes.newUserMapBuilder().withNodeIdentifier(new NodeIdentifier(GROUP));
        Set<String> done = new HashSet<>();
        // configured groups in configuration order, each with its state when the engine has it
        for (GroupConfig gc : snapshot.config().groups()) {
            groups.withChild(group(gc.name(), configured.get(gc.name()), gc,
                    snapshot.group(gc.name()).orElse(null), wallClock));
            done.add(gc.name());
        }
        for (GroupSnapshot g : snapshot.groups()) {
            if (done.add(g.name())) {
                groups.withChild(group(g.name(), null, groupConfigs.get(g.name()), g, wallClock));
            }
        }
        if (!snapshot.groups().isEmpty() || !snapshot.config().groups().isEmpty()) {
            ipmp.withChild(groups.build());
        }
        snapshot.anonymous().ifPresent(a -> ipmp.withChild(anonymous(a, wallClock)));
        return ipmp.build();
    }

    private static MapEntryNode group(String name, MapEntryNode configEntry, GroupConfig gc, GroupSnapshot g,
                                      LongFunction<Instant> wallClock) {
        var entry = ImmutableNodes.newMapEntryBuilder()
                .withNodeIdentifier(NodeIdentifierWithPredicates.of(GROUP, NAME, name));
        if (configEntry != null) {
            for (DataContainerChild c : configEntry.body()) {
                QName q = c.name().getNodeType();
                if (!q.equals(MEMBER) && !q.equals(DATA_ADDRESS)) {
                    entry.withChild(c);
                }
            }
        } else {
            entry.withChild(ImmutableNodes.leafNode(NAME, name));
        }
        Map<String, MapEntryNode> memberConfig = configEntry == null ? Map.of() : entriesByKey(configEntry, MEMBER, INTERFACE);
        List<String> memberOrder = gc == null ? List.of() : gc.members().stream().map(MemberConfig::interfaceName).toList();
        entry.withChild(members(memberOrder, memberConfig, g == null ? List.of() : g.members(), wallClock));

        Map<String, MapEntryNode> addressConfig = configEntry == null ? Map.of() : entriesByKey(configEntry, DATA_ADDRESS, ADDRESS);
        List<DataAddressSnapshot> addressState = g == null ? List.of() : g.dataAddresses();
        if (!addressConfig.isEmpty() || !addressState.isEmpty()) {
            entry.withChild(dataAddresses(gc, addressConfig, addressState));
        }
        if (g != null) {
            groupState(entry, g, wallClock);
            var outbound = ImmutableNodes.<String>newUserLeafSetBuilder().withNodeIdentifier(new NodeIdentifier(OUTBOUND_MEMBER));
            g.outboundMembers().forEach(m -> outbound.withChild(ImmutableNodes.leafSetEntry(OUTBOUND_MEMBER, m)));
            entry.withChild(outbound.build());
            if (!g.routes().isEmpty()) {
                entry.withChild(RouteStates.routes(g.routes()));
            }
            entry.withChild(ImmutableNodes.newContainerBuilder().withNodeIdentifier(new NodeIdentifier(COUNTERS))
                    .withChild(ImmutableNodes.leafNode(FAILURES, Uint64.valueOf(g.counters().failures())))
                    .withChild(ImmutableNodes.leafNode(REPAIRS, Uint64.valueOf(g.counters().repairs())))
                    .withChild(ImmutableNodes.leafNode(FAILOVERS, Uint64.valueOf(g.counters().failovers())))
                    .build());
        }
        return entry.build();
    }

    /** The leaves of the group-state grouping, shared by groups and the anonymous group. */
    private static void groupState(DataContainerNodeBuilder<?, ?> node, GroupSnapshot g, LongFunction<Instant> wallClock) {
        node.withChild(ImmutableNodes.leafNode(STATE, enumLabel(g.state())))
                .withChild(ImmutableNodes.leafNode(REQUESTED_FAILURE_DETECTION_TIME, uint32(g.configuredFdtMs())))
                .withChild(ImmutableNodes.leafNode(EFFECTIVE_FAILURE_DETECTION_TIME, uint32(g.effectiveFdtMs())))
                .withChild(ImmutableNodes.leafNode(PROBE_INTERVAL, uint32(g.probeIntervalMs())));
        if (g.lastChangeNanos() != 0) {
            node.withChild(ImmutableNodes.leafNode(LAST_CHANGE, dateAndTime(wallClock.apply(g.lastChangeNanos()))));
        }
    }

    private static MapNode members(List<String> order, Map<String, MapEntryNode> config, List<MemberSnapshot> state,
                                   LongFunction<Instant> wallClock) {
        Map<String, MemberSnapshot> byName = state.stream()
                .collect(Collectors.toMap(MemberSnapshot::name, m -> m, (a, b) -> a, LinkedHashMap::new));
        var list = ImmutableNodes.newUserMapBuilder().withNodeIdentifier(new NodeIdentifier(MEMBER));
        Set<String> done = new HashSet<>();
        for (String name : order) {
            list.withChild(member(name, config.get(name), byName.get(name), wallClock));
            done.add(name);
        }
        for (MemberSnapshot m : state) {
            if (done.add(m.name())) {
                list.withChild(member(m.name(), config.get(m.name()), m, wallClock));
            }
        }
        return list.build();
    }

    private static MapEntryNode member(String name, MapEntryNode configEntry, MemberSnapshot m, LongFunction<Instant> wallClock) {
        var entry = ImmutableNodes.newMapEntryBuilder()
                .withNodeIdentifier(NodeIdentifierWithPredicates.of(MEMBER, INTERFACE, name));
        if (configEntry != null) {
            configEntry.body().forEach(entry::withChild);
        } else {
            entry.withChild(ImmutableNodes.leafNode(INTERFACE, name));
        }
        if (m != null) {
            memberState(entry, m, wallClock);
        }
        return entry.build();
    }

    private static void memberState(DataContainerNodeBuilder<?, ?> entry, MemberSnapshot m, LongFunction<Instant> wallClock) {
        entry.withChild(ImmutableNodes.leafNode(IF_INDEX, Uint32.valueOf(Math.max(0, m.ifIndex()))))
                .withChild(ImmutableNodes.leafNode(STATE, enumLabel(m.state())))
                .withChild(ImmutableNodes.leafNode(ACTIVE, m.active()))
                .withChild(ImmutableNodes.leafNode(FLAGS, m.flags().stream().map(f -> enumLabel(f))
                        .collect(Collectors.toUnmodifiableSet())))
                .withChild(ImmutableNodes.leafNode(LINK_STATE, enumLabel(m.link())))
                .withChild(ImmutableNodes.leafNode(PROBE_STATE, enumLabel(m.probe())))
                .withChild(ImmutableNodes.leafNode(PRESENCE, enumLabel(m.presence())))
                .withChild(ImmutableNodes.leafNode(LAST_CAUSE, m.lastCause().yangName()))
                .withChild(ImmutableNodes.leafNode(FLAP_PENALTY, Uint32.valueOf(Math.max(0, m.flapPenalty()))))
                .withChild(ImmutableNodes.newContainerBuilder().withNodeIdentifier(new NodeIdentifier(COUNTERS))
                        .withChild(ImmutableNodes.leafNode(FAILURES, Uint64.valueOf(m.counters().failures())))
                        .withChild(ImmutableNodes.leafNode(REPAIRS, Uint64.valueOf(m.counters().repairs())))
                        .withChild(ImmutableNodes.leafNode(FAILOVERS, Uint64.valueOf(m.counters().failovers())))
                        .withChild(ImmutableNodes.leafNode(FLAPS, Uint64.valueOf(m.counters().flaps())))
                        .build());
        if (m.lastChangeNanos() != 0) {
            entry.withChild(ImmutableNodes.leafNode(LAST_CHANGE, dateAndTime(wallClock.apply(m.lastChangeNanos()))));
        }
        if (!m.probing().isEmpty()) {
            var probes = ImmutableNodes.newSystemMapBuilder().withNodeIdentifier(new NodeIdentifier(PROBE));
            m.probing().forEach(p -> probes.withChild(probe(p)));
            entry.withChild(probes.build());
        }
    }

    private static MapEntryNode probe(ProbeInstanceSnapshot p) {
        String family = enumLabel(p.family());
        var entry = ImmutableNodes.newMapEntryBuilder()
                .withNodeIdentifier(NodeIdentifierWithPredicates.of(PROBE, FAMILY, family))
                .withChild(ImmutableNodes.leafNode(FAMILY, family))
                .withChild(ImmutableNodes.leafNode(TARGET_MODE, enumLabel(p.mode())))
                .withChild(ImmutableNodes.leafNode(STATE, enumLabel(p.state())))
                .withChild(ImmutableNodes.newContainerBuilder().withNodeIdentifier(new NodeIdentifier(STATISTICS))
                        .withChild(ImmutableNodes.leafNode(SENT, Uint64.valueOf(p.stats().sent())))
                        .withChild(ImmutableNodes.leafNode(ANSWERED, Uint64.valueOf(p.stats().answered())))
                        .withChild(ImmutableNodes.leafNode(LOST, Uint64.valueOf(p.stats().lost())))
                        .build());
        if (p.testAddress() != null) {
            entry.withChild(ImmutableNodes.leafNode(TEST_ADDRESS, InetAddresses.toAddrString(p.testAddress().address())))
                    .withChild(ImmutableNodes.leafNode(TEST_PREFIX_LENGTH, Uint8.valueOf(p.testAddress().prefixLength())));
        }
        if (!p.targets().isEmpty()) {
            var targets = ImmutableNodes.newUserMapBuilder().withNodeIdentifier(new NodeIdentifier(TARGET));
            p.targets().forEach(t -> targets.withChild(target(t)));
            entry.withChild(targets.build());
        }
        return entry.build();
    }

    private static MapEntryNode target(TargetSnapshot t) {
        String address = InetAddresses.toAddrString(t.address());
        return ImmutableNodes.newMapEntryBuilder()
                .withNodeIdentifier(NodeIdentifierWithPredicates.of(TARGET, ADDRESS, address))
                .withChild(ImmutableNodes.leafNode(ADDRESS, address))
                .withChild(ImmutableNodes.leafNode(MODE, enumLabel(t.mode())))
                .withChild(ImmutableNodes.leafNode(STATE, enumLabel(t.state())))
                .withChild(ImmutableNodes.leafNode(RTT_AVERAGE, Uint64.valueOf(Math.max(0, t.rttAverageMicros()))))
                .withChild(ImmutableNodes.leafNode(RTT_DEVIATION, Uint64.valueOf(Math.max(0, t.rttDeviationMicros()))))
                .build();
    }

    private static MapNode dataAddresses(GroupConfig gc, Map<String, MapEntryNode> config, List<DataAddressSnapshot> state) {
        Map<String, DataAddressSnapshot> byAddress = new LinkedHashMap<>();
        state.forEach(d -> byAddress.putIfAbsent(InetAddresses.toAddrString(d.address()), d));
        var list = ImmutableNodes.newUserMapBuilder().withNodeIdentifier(new NodeIdentifier(DATA_ADDRESS));
        Set<String> done = new HashSet<>();
        List<String> order = gc == null ? List.of()
                : gc.dataAddresses().stream().map(DataAddressConfig::address).map(InetAddresses::toAddrString).toList();
        for (String a : order) {
            list.withChild(dataAddress(a, config.get(a), byAddress.get(a)));
            done.add(a);
        }
        byAddress.forEach((a, d) -> {
            if (done.add(a)) {
                list.withChild(dataAddress(a, config.get(a), d));
            }
        });
        return list.build();
    }

    private static MapEntryNode dataAddress(String address, MapEntryNode configEntry, DataAddressSnapshot d) {
        var entry = ImmutableNodes.newMapEntryBuilder()
                .withNodeIdentifier(NodeIdentifierWithPredicates.of(DATA_ADDRESS, ADDRESS, address));
        if (configEntry != null) {
            configEntry.body().forEach(entry::withChild);
        } else {
            entry.withChild(ImmutableNodes.leafNode(ADDRESS, address));
        }
        if (d != null) {
            d.currentMember().filter(m -> !m.isEmpty())
                    .ifPresent(m -> entry.withChild(ImmutableNodes.leafNode(CURRENT_MEMBER, m)));
            entry.withChild(ImmutableNodes.leafNode(STATE, d.up() ? "up" : "down"));
        }
        return entry.build();
    }

    private static ContainerNode anonymous(GroupSnapshot a, LongFunction<Instant> wallClock) {
        var node = ImmutableNodes.newContainerBuilder().withNodeIdentifier(new NodeIdentifier(ANONYMOUS_GROUP));
        groupState(node, a, wallClock);
        if (!a.members().isEmpty()) {
            var list = ImmutableNodes.newSystemMapBuilder().withNodeIdentifier(new NodeIdentifier(MEMBER));
            for (MemberSnapshot m : a.members()) {
                var entry = ImmutableNodes.newMapEntryBuilder()
                        .withNodeIdentifier(NodeIdentifierWithPredicates.of(MEMBER, INTERFACE, m.name()))
                        .withChild(ImmutableNodes.leafNode(INTERFACE, m.name()));
                memberState(entry, m, wallClock);
                list.withChild(entry.build());
            }
            node.withChild(list.build());
        }
        return node.build();
    }

    private static Map<String, MapEntryNode> entriesByKey(DataContainerNode parent, QName list, QName key) {
        Map<String, MapEntryNode> out = new LinkedHashMap<>();
        if (parent.childByArg(new NodeIdentifier(list)) instanceof MapNode map) {
            for (MapEntryNode e : map.body()) {
                out.put(String.valueOf(e.name().getValue(key)), e);
            }
        }
        return out;
    }

    private static Uint32 uint32(long v) {
        return Uint32.valueOf(Math.clamp(v, 0L, 0xFFFF_FFFFL));
    }

    /** RFC 6991 date-and-time in UTC, e.g. 2026-11-25T21:14:07.123Z. */
    public static String dateAndTime(Instant t) {
        return java.time.format.DateTimeFormatter.ISO_INSTANT.format(t);
    }
}
