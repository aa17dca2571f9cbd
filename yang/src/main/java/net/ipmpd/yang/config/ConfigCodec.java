package net.ipmpd.yang.config;

import static net.ipmpd.yang.IpmpQNames.ADDRESS;
import static net.ipmpd.yang.IpmpQNames.DATA_ADDRESS;
import static net.ipmpd.yang.IpmpQNames.ENABLED;
import static net.ipmpd.yang.IpmpQNames.FAILBACK;
import static net.ipmpd.yang.IpmpQNames.FAILURE_DETECTION_TIME;
import static net.ipmpd.yang.IpmpQNames.FLAP_DAMPING;
import static net.ipmpd.yang.IpmpQNames.GROUP;
import static net.ipmpd.yang.IpmpQNames.HALF_LIFE;
import static net.ipmpd.yang.IpmpQNames.HOME_MEMBER;
import static net.ipmpd.yang.IpmpQNames.INTERFACE;
import static net.ipmpd.yang.IpmpQNames.IPMP;
import static net.ipmpd.yang.IpmpQNames.IPV4_TEST_ADDRESS;
import static net.ipmpd.yang.IpmpQNames.IPV6_TEST_ADDRESS;
import static net.ipmpd.yang.IpmpQNames.MAX_PENALTY;
import static net.ipmpd.yang.IpmpQNames.MEMBER;
import static net.ipmpd.yang.IpmpQNames.NAME;
import static net.ipmpd.yang.IpmpQNames.PENALTY_PER_FAILURE;
import static net.ipmpd.yang.IpmpQNames.PREFIX_LENGTH;
import static net.ipmpd.yang.IpmpQNames.REUSE_THRESHOLD;
import static net.ipmpd.yang.IpmpQNames.STANDBY;
import static net.ipmpd.yang.IpmpQNames.STATIC_TARGET;
import static net.ipmpd.yang.IpmpQNames.SUPPRESS_THRESHOLD;
import static net.ipmpd.yang.IpmpQNames.TRACK_INTERFACES_ONLY_WITH_GROUPS;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import net.ipmpd.engine.config.ConfigLocation;
import net.ipmpd.engine.config.ConfigProblem;
import net.ipmpd.engine.config.ConfigValidator;
import net.ipmpd.engine.config.DampingConfig;
import net.ipmpd.engine.config.DataAddressConfig;
import net.ipmpd.engine.config.EngineConfig;
import net.ipmpd.engine.config.GroupConfig;
import net.ipmpd.engine.config.MemberConfig;
import net.ipmpd.engine.config.TestAddress;
import net.ipmpd.engine.config.Tunables;
import net.ipmpd.yang.IpmpSchema;
import org.opendaylight.yangtools.yang.common.QName;
import org.opendaylight.yangtools.yang.common.Uint32;
import org.opendaylight.yangtools.yang.common.Uint8;
import org.opendaylight.yangtools.yang.data.api.YangInstanceIdentifier.NodeIdentifier;
import org.opendaylight.yangtools.yang.data.api.YangInstanceIdentifier.NodeIdentifierWithPredicates;
import org.opendaylight.yangtools.yang.data.api.schema.ContainerNode;
import org.opendaylight.yangtools.yang.data.api.schema.DataContainerNode;
import org.opendaylight.yangtools.yang.data.api.schema.LeafNode;
import org.opendaylight.yangtools.yang.data.api.schema.LeafSetEntryNode;
import org.opendaylight.yangtools.yang.data.api.schema.LeafSetNode;
import org.opendaylight.yangtools.yang.data.api.schema.MapEntryNode;
import org.opendaylight.yangtools.yang.data.api.schema.MapNode;
import org.opendaylight.yangtools.yang.data.api.schema.NormalizedNode;
import org.opendaylight.yangtools.yang.data.spi.node.ImmutableNodes;

/**
 * The ipmp container's configuration nodes to and from the engine's {@link EngineConfig}. The
 * same mapping serves the configuration file (JSON) and NETCONF (XML), so both accept and reject
 * exactly the same things.
 *
 * <p>Reading applies in.mpathd's corrections ({@link Tunables}: a failure detection time of 0 or
 * below 100 ms is replaced and warned about), then {@link YangConstraints} and the engine's
 * {@link ConfigValidator}; a result with problems carries no configuration.
 */
public final class ConfigCodec {
    private static final int IPV6_TEST_PREFIX_DEFAULT = 64;   // ipmp.yang ipv6-test-address/prefix-length default

    private ConfigCodec() {
    }

    /** The outcome of reading a configuration: a config, or the problems, and in.mpathd's warnings either way. */
    public record Decoded(Optional<EngineConfig> config, List<ConfigProblem> problems, List<ConfigProblem> warnings) {
        public Decoded {
            problems = List.copyOf(problems);
            warnings = List.copyOf(warnings);
            if (config.isPresent() != problems.isEmpty()) {
                throw new IllegalArgumentException("a decoded configuration has either a config or problems");
            }
        }
    }

    // ---------------------------------------------------------------- EngineConfig -> nodes

    /** The configuration as the ipmp container (configuration nodes only, every leaf written). */
    public static ContainerNode toNormalizedNode(EngineConfig config) {
        var ipmp = ImmutableNodes.newContainerBuilder().withNodeIdentifier(new NodeIdentifier(IPMP))
                .withChild(ImmutableNodes.leafNode(FAILURE_DETECTION_TIME, Uint32.valueOf(config.failureDetectionTimeMs())))
                .withChild(ImmutableNodes.leafNode(FAILBACK, config.failback()))
                .withChild(ImmutableNodes.leafNode(TRACK_INTERFACES_ONLY_WITH_GROUPS, config.trackInterfacesOnlyWithGroups()))
                .withChild(damping(config.damping()));
        if (!config.groups().isEmpty()) {
            var groups = ImmutableNodes.newUserMapBuilder().withNodeIdentifier(new NodeIdentifier(GROUP));
            config.groups().forEach(g -> groups.withChild(group(g)));
            ipmp.withChild(groups.build());
        }
        return ipmp.build();
    }

    private static ContainerNode damping(DampingConfig d) {
        return ImmutableNodes.newContainerBuilder().withNodeIdentifier(new NodeIdentifier(FLAP_DAMPING))
                .withChild(ImmutableNodes.leafNode(ENABLED, d.enabled()))
                .withChild(ImmutableNodes.leafNode(PENALTY_PER_FAILURE, Uint32.valueOf(d.penaltyPerFailure())))
                .withChild(ImmutableNodes.leafNode(SUPPRESS_THRESHOLD, Uint32.valueOf(d.suppressThreshold())))
                .withChild(ImmutableNodes.leafNode(REUSE_THRESHOLD, Uint32.valueOf(d.reuseThreshold())))
                .withChild(ImmutableNodes.leafNode(HALF_LIFE, Uint32.valueOf(d.halfLifeMs())))
                .withChild(ImmutableNodes.leafNode(MAX_PENALTY, Uint32.valueOf(d.maxPenalty())))
                .build();
    }

    private static MapEntryNode group(GroupConfig g) {
        var entry = ImmutableNodes.newMapEntryBuilder()
                .withNodeIdentifier(NodeIdentifierWithPredicates.of(GROUP, NAME, g.name()))
                .withChild(ImmutableNodes.leafNode(NAME, g.name()));
        g.failureDetectionTimeMs().ifPresent(fdt ->
                entry.withChild(ImmutableNodes.leafNode(FAILURE_DETECTION_TIME, Uint32.valueOf(fdt))));
        if (!g.members().isEmpty()) {
            var members = ImmutableNodes.newUserMapBuilder().withNodeIdentifier(new NodeIdentifier(MEMBER));
            g.members().forEach(m -> members.withChild(member(m)));
            entry.withChild(members.build());
        }
        if (!g.dataAddresses().isEmpty()) {
            var addresses = ImmutableNodes.newUserMapBuilder().withNodeIdentifier(new NodeIdentifier(DATA_ADDRESS));
            g.dataAddresses().forEach(d -> addresses.withChild(dataAddress(d)));
            entry.withChild(addresses.build());
        }
        if (!g.staticTargets().isEmpty()) {
            var targets = ImmutableNodes.<String>newUserLeafSetBuilder().withNodeIdentifier(new NodeIdentifier(STATIC_TARGET));
            g.staticTargets().forEach(t -> targets.withChild(ImmutableNodes.leafSetEntry(STATIC_TARGET, YangValues.format(t))));
            entry.withChild(targets.build());
        }
        return entry.build();
    }

    private static MapEntryNode member(MemberConfig m) {
        var entry = ImmutableNodes.newMapEntryBuilder()
                .withNodeIdentifier(NodeIdentifierWithPredicates.of(MEMBER, INTERFACE, m.interfaceName()))
                .withChild(ImmutableNodes.leafNode(INTERFACE, m.interfaceName()))
                .withChild(ImmutableNodes.leafNode(STANDBY, m.standby()));
        m.ipv4Test().ifPresent(t -> entry.withChild(testAddress(IPV4_TEST_ADDRESS, t)));
        m.ipv6Test().ifPresent(t -> entry.withChild(testAddress(IPV6_TEST_ADDRESS, t)));
        return entry.build();
    }

    private static ContainerNode testAddress(QName container, TestAddress t) {
        return ImmutableNodes.newContainerBuilder().withNodeIdentifier(new NodeIdentifier(container))
                .withChild(ImmutableNodes.leafNode(ADDRESS, YangValues.format(t.address())))
                .withChild(ImmutableNodes.leafNode(PREFIX_LENGTH, Uint8.valueOf(t.prefixLength())))
                .build();
    }

    private static MapEntryNode dataAddress(DataAddressConfig d) {
        String address = YangValues.format(d.address());
        return ImmutableNodes.newMapEntryBuilder()
                .withNodeIdentifier(NodeIdentifierWithPredicates.of(DATA_ADDRESS, ADDRESS, address))
                .withChild(ImmutableNodes.leafNode(ADDRESS, address))
                .withChild(ImmutableNodes.leafNode(PREFIX_LENGTH, Uint8.valueOf(d.prefixLength())))
                .withChild(ImmutableNodes.leafNode(HOME_MEMBER, d.homeMember()))
                .build();
    }

    // ---------------------------------------------------------------- nodes -> EngineConfig

    /**
     * Reads the ipmp container (schema-valid, e.g. from the JSON or XML parser or a DataTree) into
     * an engine configuration, running every check that the schema does not express. State nodes
     * in it are ignored.
     */
    public static Decoded fromNormalizedNode(NormalizedNode ipmp) {
        List<ConfigProblem> problems = new ArrayList<>();
        List<ConfigProblem> warnings = new ArrayList<>();
        if (!(ipmp instanceof ContainerNode root) || !root.name().getNodeType().equals(IPMP)) {
            return new Decoded(Optional.empty(), List.of(new ConfigProblem(ConfigLocation.root(), ConfigProblem.Kind.UNKNOWN_NODE,
                    "the configuration must be the ipmp container")), List.of());
        }
        problems.addAll(StateNodes.find(IpmpSchema.shared(), root));
        long fdt = checkedFdt(uint(root, FAILURE_DETECTION_TIME).orElse(EngineConfig.DEFAULT_FDT_MS),
                ConfigPaths.ROOT.child("failure-detection-time"), warnings);
        boolean failback = bool(root, FAILBACK).orElse(true);
        boolean track = bool(root, TRACK_INTERFACES_ONLY_WITH_GROUPS).orElse(true);
        DampingConfig damping = damping(child(root, FLAP_DAMPING), problems);

        List<GroupConfig> groups = new ArrayList<>();
        for (MapEntryNode g : entries(root, GROUP)) {
            groups.add(group(g, problems, warnings));
        }
        // Nodes with problems were left out above; the rest is still checked so that the
        // operator sees every problem in one go.
        EngineConfig config = new EngineConfig(fdt, failback, track, damping, groups);
        problems.addAll(ConfigValidator.validate(config));
        return problems.isEmpty()
                ? new Decoded(Optional.of(config), List.of(), warnings)
                : new Decoded(Optional.empty(), problems, warnings);
    }

    private static long checkedFdt(long requested, ConfigLocation path, List<ConfigProblem> warnings) {
        Tunables.Checked<Long> checked = Tunables.failureDetectionTime(requested);
        checked.warning().ifPresent(w -> warnings.add(new ConfigProblem(path, w)));
        return checked.value();
    }

    private static DampingConfig damping(Optional<DataContainerNode> node, List<ConfigProblem> problems) {
        DampingConfig def = DampingConfig.DEFAULT;
        if (node.isEmpty()) {
            return def;
        }
        DataContainerNode n = node.get();
        var raw = new YangConstraints.Damping(
                uint(n, PENALTY_PER_FAILURE).orElse((long) def.penaltyPerFailure()),
                uint(n, SUPPRESS_THRESHOLD).orElse((long) def.suppressThreshold()),
                uint(n, REUSE_THRESHOLD).orElse((long) def.reuseThreshold()),
                uint(n, HALF_LIFE).orElse(def.halfLifeMs()),
                uint(n, MAX_PENALTY).orElse((long) def.maxPenalty()));
        List<ConfigProblem> found = YangConstraints.checkDamping(raw);
        if (!found.isEmpty()) {
            problems.addAll(found);
            return def;
        }
        return new DampingConfig(bool(n, ENABLED).orElse(def.enabled()), (int) raw.penaltyPerFailure(),
                (int) raw.suppressThreshold(), (int) raw.reuseThreshold(), raw.halfLifeMs(), (int) raw.maxPenalty());
    }

    private static GroupConfig group(MapEntryNode g, List<ConfigProblem> problems, List<ConfigProblem> warnings) {
        String name = string(g, NAME).orElse("");
        ConfigLocation gp = ConfigLocation.group(name);
        Optional<Long> configuredFdt = uint(g, FAILURE_DETECTION_TIME);
        OptionalLong fdt = configuredFdt.isPresent()
                ? OptionalLong.of(checkedFdt(configuredFdt.get(), gp.child("failure-detection-time"), warnings))
                : OptionalLong.empty();
        List<MemberConfig> members = new ArrayList<>();
        for (MapEntryNode m : entries(g, MEMBER)) {
            String ifname = string(m, INTERFACE).orElse("");
            ConfigLocation mp = ConfigLocation.member(name, ifname);
            members.add(new MemberConfig(ifname, bool(m, STANDBY).orElse(false),
                    testAddress(child(m, IPV4_TEST_ADDRESS), OptionalLong.empty(), mp.child("ipv4-test-address"), problems),
                    testAddress(child(m, IPV6_TEST_ADDRESS), OptionalLong.of(IPV6_TEST_PREFIX_DEFAULT),
                            mp.child("ipv6-test-address"), problems)));
        }
        List<DataAddressConfig> addresses = new ArrayList<>();
        for (MapEntryNode d : entries(g, DATA_ADDRESS)) {
            String text = string(d, ADDRESS).orElse("");
            ConfigLocation dp = gp.entry("data-address", "address", Locations.keyText(text));
            Optional<InetAddress> address = address(text, dp.child("address"), problems);
            Optional<Long> prefix = uint(d, PREFIX_LENGTH);
            Optional<String> home = string(d, HOME_MEMBER);
            if (prefix.isEmpty()) {
                problems.add(missing(dp, "prefix-length"));
            }
            if (home.isEmpty()) {
                problems.add(missing(dp, "home-member"));
            }
            if (address.isEmpty() || prefix.isEmpty() || home.isEmpty()) {
                continue;
            }
            List<ConfigProblem> found = YangConstraints.checkPrefixLength(dp, address.get(), prefix.get().intValue());
            if (found.isEmpty()) {
                addresses.add(new DataAddressConfig(address.get(), prefix.get().intValue(), home.get()));
            } else {
                problems.addAll(found);
            }
        }
        List<InetAddress> targets = new ArrayList<>();
        for (Object t : leafSet(g, STATIC_TARGET)) {
            address(t.toString(), gp.with(new ConfigLocation.Value("static-target", Locations.keyText(t.toString()))), problems)
                    .ifPresent(targets::add);
        }
        return new GroupConfig(name, fdt, members, addresses, targets);
    }

    /** A present test address container; a missing prefix-length takes the module's default, if it has one. */
    private static Optional<TestAddress> testAddress(Optional<DataContainerNode> node, OptionalLong defaultPrefix,
                                                     ConfigLocation path, List<ConfigProblem> problems) {
        if (node.isEmpty()) {
            return Optional.empty();
        }
        DataContainerNode n = node.get();
        Optional<String> text = string(n, ADDRESS);
        Optional<Long> prefix = uint(n, PREFIX_LENGTH);
        if (text.isEmpty()) {
            problems.add(missing(path, "address"));
        }
        if (prefix.isEmpty() && defaultPrefix.isEmpty()) {
            problems.add(missing(path, "prefix-length"));
        }
        Optional<InetAddress> address = text.flatMap(t -> address(t, path.child("address"), problems));
        if (address.isEmpty() || (prefix.isEmpty() && defaultPrefix.isEmpty())) {
            return Optional.empty();
        }
        return Optional.of(new TestAddress(address.get(), prefix.orElseGet(defaultPrefix::getAsLong).intValue()));
    }

    private static Optional<InetAddress> address(String text, ConfigLocation path, List<ConfigProblem> problems) {
        try {
            return Optional.of(YangValues.parseAddress(text));
        } catch (IllegalArgumentException e) {
            problems.add(new ConfigProblem(path, "'" + text + "' is not an IPv4 or IPv6 address"));
            return Optional.empty();
        }
    }

    private static ConfigProblem missing(ConfigLocation parent, String leaf) {
        return new ConfigProblem(parent.child(leaf), ConfigProblem.Kind.MISSING, "the mandatory leaf " + leaf + " is missing");
    }

    // ---------------------------------------------------------------- node access

    static Optional<DataContainerNode> child(DataContainerNode parent, QName name) {
        return parent.childByArg(new NodeIdentifier(name)) instanceof DataContainerNode c ? Optional.of(c) : Optional.empty();
    }

    static Optional<Object> leaf(DataContainerNode parent, QName name) {
        return parent.childByArg(new NodeIdentifier(name)) instanceof LeafNode<?> l ? Optional.of(l.body()) : Optional.empty();
    }

    static Optional<String> string(DataContainerNode parent, QName name) {
        return leaf(parent, name).map(Object::toString);
    }

    static Optional<Boolean> bool(DataContainerNode parent, QName name) {
        return leaf(parent, name).map(v -> (Boolean) v);
    }

    /** uint8/16/32 values (yangtools Uint8/Uint16/Uint32 are Numbers). */
    static Optional<Long> uint(DataContainerNode parent, QName name) {
        return leaf(parent, name).map(v -> ((Number) v).longValue());
    }

    static Collection<MapEntryNode> entries(DataContainerNode parent, QName list) {
        return parent.childByArg(new NodeIdentifier(list)) instanceof MapNode map ? map.body() : List.of();
    }

    static List<Object> leafSet(DataContainerNode parent, QName leafList) {
        if (parent.childByArg(new NodeIdentifier(leafList)) instanceof LeafSetNode<?> set) {
            return set.body().stream().map(LeafSetEntryNode::body).map(Object.class::cast).toList();
        }
        return List.of();
    }
}
