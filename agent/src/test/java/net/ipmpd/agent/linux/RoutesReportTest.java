package net.ipmpd.agent.linux;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import net.ipmpd.engine.action.Action;
import net.ipmpd.engine.config.Family;
import net.ipmpd.engine.event.EngineEvent;
import net.ipmpd.engine.state.KeptRoute;
import net.ipmpd.engine.state.RouteOrigin;
import org.junit.jupiter.api.Test;

/** What the dataplane tells the engine about the routes it keeps, and when. */
class RoutesReportTest {
    private static final int M0 = 2;
    private static final int M1 = 3;

    private static InetAddress ip(String s) {
        try {
            return InetAddress.getByName(s);
        } catch (java.net.UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    private static final List<Action.Subnet> SUBNETS = List.of(
            new Action.Subnet(Family.IPV4, ip("198.18.0.0"), 24, ip("198.18.0.100")),
            new Action.Subnet(Family.IPV6, ip("2001:2::"), 64, null));

    @Test
    void subnetRoutesAreCreatedAndGatewayRoutesFollowedEachThroughTheMembersItWasWrittenThrough() {
        List<GatewayRoutes.Kept> followed = List.of(
                new GatewayRoutes.Kept(new GatewayRoutes.Key(LibC.AF_INET, null, 0, 0), List.of(ip("198.18.0.1")), List.of(M1, M0)),
                new GatewayRoutes.Kept(new GatewayRoutes.Key(LibC.AF_INET6, ip("2001:2:0:1::"), 64, 1024),
                        List.of(ip("2001:2::1")), List.of(M1)));

        List<KeptRoute> routes = RoutesReport.routes(SUBNETS, List.of(M1, M0), List.of("m1", "m0"), followed);

        assertThat(routes).containsExactly(
                new KeptRoute(Family.IPV4, ip("198.18.0.0"), 24, 0, List.of(), List.of("m1", "m0"), RouteOrigin.CREATED),
                new KeptRoute(Family.IPV6, ip("2001:2::"), 64, 0, List.of(), List.of("m1"), RouteOrigin.CREATED),
                new KeptRoute(Family.IPV4, ip("0.0.0.0"), 0, 0, List.of(ip("198.18.0.1")), List.of("m1", "m0"), RouteOrigin.FOLLOWED),
                new KeptRoute(Family.IPV6, ip("2001:2:0:1::"), 64, 1024, List.of(ip("2001:2::1")), List.of("m1"),
                        RouteOrigin.FOLLOWED));
    }

    @Test
    void aDefaultRouteOfEitherFamilyHasTheUnspecifiedAddressAsDestination() {
        List<GatewayRoutes.Kept> followed = List.of(
                new GatewayRoutes.Kept(new GatewayRoutes.Key(LibC.AF_INET6, null, 0, 0), List.of(ip("fe80::1")), List.of(M0)));
        KeptRoute r = RoutesReport.routes(List.of(), List.of(M0), List.of("m0"), followed).get(0);
        assertThat(r.destination()).isEqualTo(ip("::"));
        assertThat(r.isDefault()).isTrue();
    }

    @Test
    void aGroupsRoutesAreReportedOnlyWhenTheyChangeAndAnEmptyReportOnlyAfterSomeWereSent() {
        List<EngineEvent> sent = new ArrayList<>();
        RoutesReport report = new RoutesReport(sent::add);
        List<KeptRoute> both = RoutesReport.routes(SUBNETS, List.of(M0, M1), List.of("m0", "m1"), List.of());
        List<KeptRoute> one = RoutesReport.routes(SUBNETS, List.of(M1), List.of("m1"), List.of());

        report.kept("g", List.of());
        report.kept("g", both);
        report.kept("g", both);
        report.kept("g", one);
        report.kept("g", List.of());
        report.kept("g", List.of());

        assertThat(sent).containsExactly(new EngineEvent.RoutesKept("g", both), new EngineEvent.RoutesKept("g", one),
                new EngineEvent.RoutesKept("g", List.of()));
    }
}
