package net.ipmpd.agent.linux;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import net.ipmpd.engine.action.Action.Subnet;
import net.ipmpd.engine.config.Family;
import net.ipmpd.engine.event.EngineEvent;
import net.ipmpd.engine.state.KeptRoute;
import net.ipmpd.engine.state.RouteOrigin;

/**
 * Tells the engine which routes the dataplane keeps pointed at each group's outbound members
 * (the dataplane is the only one that sees the kernel; managers read the engine's snapshot). A
 * report goes out only when a group's routes differ from the last one sent, so a refresh that
 * changed nothing costs the engine no step. Used under the {@link OutboundRoutes} lock.
 */
final class RoutesReport {
    private final Consumer<EngineEvent> sink;
    private final Map<String, List<KeptRoute>> sent = new HashMap<>();

    RoutesReport(Consumer<EngineEvent> sink) {
        this.sink = sink;
    }

    /** The group's routes now: reported when they changed. */
    void kept(String group, List<KeptRoute> routes) {
        List<KeptRoute> before = routes.isEmpty() ? sent.remove(group) : sent.put(group, List.copyOf(routes));
        if (!routes.equals(before == null ? List.of() : before)) {
            sink.accept(new EngineEvent.RoutesKept(group, routes));
        }
    }

    /**
     * A group's routes: its subnet routes, through {@code names} for IPv4 and the first of them for
     * IPv6 (as {@link OutboundRoutes} writes them), then the gateway routes that follow it.
     */
    static List<KeptRoute> routes(List<Subnet> subnets, List<Integer> indexes, List<String> names,
                                  List<GatewayRoutes.Kept> followed) {
        Map<Integer, String> nameOf = new HashMap<>();
        for (int i = 0; i < indexes.size(); i++) {
            nameOf.put(indexes.get(i), names.get(i));
        }
        List<KeptRoute> out = new ArrayList<>();
        for (Subnet s : subnets) {
            List<String> through = s.family() == Family.IPV4 ? names : names.subList(0, 1);
            out.add(new KeptRoute(s.family(), s.network(), s.prefixLength(), 0, List.of(), through, RouteOrigin.CREATED));
        }
        for (GatewayRoutes.Kept k : followed) {
            Family family = k.key().family() == LibC.AF_INET ? Family.IPV4 : Family.IPV6;
            List<String> through = k.through().stream().map(i -> nameOf.getOrDefault(i, "")).filter(n -> !n.isEmpty()).toList();
            out.add(new KeptRoute(family, destination(family, k.key().destination()), k.key().prefixLength(),
                    Integer.toUnsignedLong(k.key().priority()), k.gateways(), through, RouteOrigin.FOLLOWED));
        }
        return out;
    }

    private static InetAddress destination(Family family, InetAddress destination) {
        if (destination != null) {
            return destination;
        }
        try {
            return InetAddress.getByAddress(new byte[family == Family.IPV4 ? 4 : 16]);
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }
}
