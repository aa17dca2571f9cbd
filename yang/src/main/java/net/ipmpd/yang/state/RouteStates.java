package net.ipmpd.yang.state;

import static net.ipmpd.yang.IpmpQNames.DESTINATION;
import static net.ipmpd.yang.IpmpQNames.FAMILY;
import static net.ipmpd.yang.IpmpQNames.GATEWAY;
import static net.ipmpd.yang.IpmpQNames.METRIC;
import static net.ipmpd.yang.IpmpQNames.ORIGIN;
import static net.ipmpd.yang.IpmpQNames.OUTBOUND_MEMBER;
import static net.ipmpd.yang.IpmpQNames.ROUTE;
import static net.ipmpd.yang.IpmpQNames.enumLabel;

import com.google.common.net.InetAddresses;
import java.util.List;
import java.util.Map;
import net.ipmpd.engine.state.KeptRoute;
import org.opendaylight.yangtools.yang.common.QName;
import org.opendaylight.yangtools.yang.common.Uint32;
import org.opendaylight.yangtools.yang.data.api.YangInstanceIdentifier.NodeIdentifier;
import org.opendaylight.yangtools.yang.data.api.YangInstanceIdentifier.NodeIdentifierWithPredicates;
import org.opendaylight.yangtools.yang.data.api.schema.LeafSetNode;
import org.opendaylight.yangtools.yang.data.api.schema.MapEntryNode;
import org.opendaylight.yangtools.yang.data.api.schema.MapNode;
import org.opendaylight.yangtools.yang.data.spi.node.ImmutableNodes;

/** A group's kept routes as its {@code route} list (state only: ipmpd's routes are not configured). */
final class RouteStates {
    private RouteStates() {
    }

    static MapNode routes(List<KeptRoute> routes) {
        var list = ImmutableNodes.newSystemMapBuilder().withNodeIdentifier(new NodeIdentifier(ROUTE));
        java.util.Set<List<Object>> keys = new java.util.HashSet<>();
        for (KeptRoute r : routes) {
            // one entry per key: the kernel's main table holds one route per destination and metric
            if (keys.add(List.of(destination(r), r.metric()))) {
                list.withChild(route(r));
            }
        }
        return list.build();
    }

    /** RFC 6991 ip-prefix: the network in its canonical text, a slash, the prefix length. */
    static String destination(KeptRoute r) {
        return InetAddresses.toAddrString(r.destination()) + "/" + r.prefixLength();
    }

    private static MapEntryNode route(KeptRoute r) {
        String destination = destination(r);
        Uint32 metric = Uint32.valueOf(Math.clamp(r.metric(), 0L, 0xFFFF_FFFFL));
        return ImmutableNodes.newMapEntryBuilder()
                .withNodeIdentifier(NodeIdentifierWithPredicates.of(ROUTE, Map.of(DESTINATION, destination, METRIC, metric)))
                .withChild(ImmutableNodes.leafNode(DESTINATION, destination))
                .withChild(ImmutableNodes.leafNode(METRIC, metric))
                .withChild(ImmutableNodes.leafNode(FAMILY, enumLabel(r.family())))
                .withChild(leafList(GATEWAY, r.gateways().stream().map(InetAddresses::toAddrString).toList()))
                .withChild(leafList(OUTBOUND_MEMBER, r.members()))
                .withChild(ImmutableNodes.leafNode(ORIGIN, enumLabel(r.origin())))
                .build();
    }

    private static LeafSetNode<String> leafList(QName name, List<String> values) {
        var set = ImmutableNodes.<String>newUserLeafSetBuilder().withNodeIdentifier(new NodeIdentifier(name));
        values.forEach(v -> set.withChild(ImmutableNodes.leafSetEntry(name, v)));
        return set.build();
    }
}
