package net.ipmpd.agent.netconf;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.util.List;
import net.ipmpd.engine.config.Family;
import net.ipmpd.engine.state.KeptRoute;
import net.ipmpd.engine.state.RouteOrigin;
import org.junit.jupiter.api.Test;

/** get shows the routes ipmpd keeps through a group, as the dataplane last reported them, over ncclient. */
class NetconfRoutesTest extends NetconfServerTest {
    private static final String ROUTES = "<ipmp xmlns=\"" + NetconfStateTest.NS + "\"><group><name>g0</name><route/></group></ipmp>";

    private static List<KeptRoute> through(String... members) throws Exception {
        return List.of(
                new KeptRoute(Family.IPV4, InetAddress.getByName("198.18.0.0"), 24, 0, List.of(), List.of(members), RouteOrigin.CREATED),
                new KeptRoute(Family.IPV4, InetAddress.getByName("0.0.0.0"), 0, 0, List.of(InetAddress.getByName("198.18.0.1")),
                        List.of(members), RouteOrigin.FOLLOWED));
    }

    @Test
    void getListsEachKeptRouteWithItsGatewayAndMembersAndFollowsTheirChange() throws Exception {
        nc.ipmp.routesKept("g0", through("eth0", "eth1"));
        List<String> before = nc.client().connect("a", "admin", NetconfTestServer.ADMIN_PASSWORD)
                .step("a", "get", "filter", ROUTES).run(nc.port);
        nc.ipmp.carrierDown("eth0");
        nc.ipmp.routesKept("g0", through("eth1"));
        List<String> after = nc.client().connect("a", "admin", NetconfTestServer.ADMIN_PASSWORD)
                .step("a", "get", "filter", ROUTES).run(nc.port);

        String reply = before.get(1).replaceAll(">(\\\\n|\\s)+<", "><");
        assertThat(reply).contains(
                "<destination>198.18.0.0/24</destination><metric>0</metric><family>ipv4</family>"
                        + "<outbound-member>eth0</outbound-member><outbound-member>eth1</outbound-member><origin>created</origin>",
                "<destination>0.0.0.0/0</destination><metric>0</metric><family>ipv4</family><gateway>198.18.0.1</gateway>"
                        + "<outbound-member>eth0</outbound-member><outbound-member>eth1</outbound-member><origin>followed</origin>");
        String failed = after.get(1).replaceAll(">(\\\\n|\\s)+<", "><");
        assertThat(failed).contains("<gateway>198.18.0.1</gateway><outbound-member>eth1</outbound-member><origin>followed</origin>")
                .doesNotContain("<outbound-member>eth0</outbound-member>");
    }
}
