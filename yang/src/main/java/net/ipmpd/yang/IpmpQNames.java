package net.ipmpd.yang;

import org.opendaylight.yangtools.yang.common.QName;
import org.opendaylight.yangtools.yang.common.QNameModule;
import org.opendaylight.yangtools.yang.common.Revision;
import org.opendaylight.yangtools.yang.common.XMLNamespace;

/** The names of the ipmp module's nodes, for code that builds or reads its data trees. */
public final class IpmpQNames {
    public static final String MODULE_NAME = "ipmp";
    public static final String NAMESPACE = "urn:ipmpd:yang:ipmp";
    public static final String PREFIX = "ipmp";
    public static final Revision REVISION = Revision.of("2026-12-06");
    public static final QNameModule MODULE = QNameModule.of(XMLNamespace.of(NAMESPACE), REVISION);

    // the top container and its global configuration
    public static final QName IPMP = q("ipmp");
    public static final QName FAILURE_DETECTION_TIME = q("failure-detection-time");
    public static final QName FAILBACK = q("failback");
    public static final QName TRACK_INTERFACES_ONLY_WITH_GROUPS = q("track-interfaces-only-with-groups");
    public static final QName FLAP_DAMPING = q("flap-damping");
    public static final QName ENABLED = q("enabled");
    public static final QName PENALTY_PER_FAILURE = q("penalty-per-failure");
    public static final QName SUPPRESS_THRESHOLD = q("suppress-threshold");
    public static final QName REUSE_THRESHOLD = q("reuse-threshold");
    public static final QName HALF_LIFE = q("half-life");
    public static final QName MAX_PENALTY = q("max-penalty");

    // groups
    public static final QName GROUP = q("group");
    public static final QName NAME = q("name");
    public static final QName MEMBER = q("member");
    public static final QName INTERFACE = q("interface");
    public static final QName STANDBY = q("standby");
    public static final QName IPV4_TEST_ADDRESS = q("ipv4-test-address");
    public static final QName IPV6_TEST_ADDRESS = q("ipv6-test-address");
    public static final QName ADDRESS = q("address");
    public static final QName PREFIX_LENGTH = q("prefix-length");
    public static final QName DATA_ADDRESS = q("data-address");
    public static final QName HOME_MEMBER = q("home-member");
    public static final QName STATIC_TARGET = q("static-target");

    // operational state
    public static final QName STATE = q("state");
    public static final QName REQUESTED_FAILURE_DETECTION_TIME = q("requested-failure-detection-time");
    public static final QName EFFECTIVE_FAILURE_DETECTION_TIME = q("effective-failure-detection-time");
    public static final QName PROBE_INTERVAL = q("probe-interval");
    public static final QName LAST_CHANGE = q("last-change");
    public static final QName OUTBOUND_MEMBER = q("outbound-member");
    public static final QName COUNTERS = q("counters");
    public static final QName FAILURES = q("failures");
    public static final QName REPAIRS = q("repairs");
    public static final QName FAILOVERS = q("failovers");
    public static final QName FLAPS = q("flaps");
    public static final QName IF_INDEX = q("if-index");
    public static final QName ACTIVE = q("active");
    public static final QName FLAGS = q("flags");
    public static final QName LINK_STATE = q("link-state");
    public static final QName PROBE_STATE = q("probe-state");
    public static final QName PRESENCE = q("presence");
    public static final QName LAST_CAUSE = q("last-cause");
    public static final QName FLAP_PENALTY = q("flap-penalty");
    public static final QName PROBE = q("probe");
    public static final QName FAMILY = q("family");
    public static final QName TEST_ADDRESS = q("test-address");
    public static final QName TEST_PREFIX_LENGTH = q("test-prefix-length");
    public static final QName TARGET_MODE = q("target-mode");
    public static final QName STATISTICS = q("statistics");
    public static final QName SENT = q("sent");
    public static final QName ANSWERED = q("answered");
    public static final QName LOST = q("lost");
    public static final QName TARGET = q("target");
    public static final QName MODE = q("mode");
    public static final QName RTT_AVERAGE = q("rtt-average");
    public static final QName RTT_DEVIATION = q("rtt-deviation");
    public static final QName CURRENT_MEMBER = q("current-member");
    public static final QName ANONYMOUS_GROUP = q("anonymous-group");
    public static final QName ROUTE = q("route");
    public static final QName DESTINATION = q("destination");
    public static final QName METRIC = q("metric");
    public static final QName GATEWAY = q("gateway");
    public static final QName ORIGIN = q("origin");

    // operations
    public static final QName OFFLINE = q("offline");
    public static final QName ONLINE = q("online");
    public static final QName INPUT = q("input");

    // notifications and their leaves
    public static final QName INTERFACE_FAILED = q("interface-failed");
    public static final QName INTERFACE_REPAIRED = q("interface-repaired");
    public static final QName INTERFACE_OFFLINE = q("interface-offline");
    public static final QName INTERFACE_ONLINE = q("interface-online");
    public static final QName GROUP_FAILED = q("group-failed");
    public static final QName GROUP_REPAIRED = q("group-repaired");
    public static final QName ADDRESS_MOVED = q("address-moved");
    public static final QName FLAPPING = q("flapping");
    public static final QName CAUSE = q("cause");
    public static final QName TIME = q("time");
    public static final QName FROM_MEMBER = q("from-member");
    public static final QName TO_MEMBER = q("to-member");
    public static final QName SUPPRESSED = q("suppressed");
    public static final QName PENALTY = q("penalty");

    private IpmpQNames() {
    }

    private static QName q(String localName) {
        return QName.create(MODULE, localName).intern();
    }

    /** A Java enum constant's YANG enumeration label: lower case, '_' becomes '-'. */
    public static String enumLabel(Enum<?> value) {
        return value.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
}
