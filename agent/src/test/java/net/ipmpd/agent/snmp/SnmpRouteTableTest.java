package net.ipmpd.agent.snmp;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.util.Arrays;
import java.util.List;
import net.ipmpd.engine.config.Family;
import net.ipmpd.engine.state.EngineSnapshot;
import net.ipmpd.engine.state.GroupSnapshot;
import net.ipmpd.engine.state.KeptRoute;
import net.ipmpd.engine.state.RouteOrigin;
import net.ipmpd.testkit.FakeIpmpService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** ipmpRouteTable read through Net-SNMP's snmpwalk with IPMP-MIB loaded by name: the routes the snapshot says ipmpd keeps. */
class SnmpRouteTableTest {
    static FakeIpmpService ipmp;
    static AgentFixture f;

    private static InetAddress ip(String s) {
        try {
            return InetAddress.getByName(s);
        } catch (java.net.UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    private static EngineSnapshot withRoutes(EngineSnapshot s, List<KeptRoute> routes) {
        List<GroupSnapshot> groups = s.groups().stream().map(g -> g.withRoutes(routes)).toList();
        return new EngineSnapshot(s.version() + 1, s.atNanos(), s.config(), groups, s.anonymous());
    }

    private static List<KeptRoute> through(String... members) {
        return List.of(
                new KeptRoute(Family.IPV4, ip("198.18.7.0"), 24, 0, List.of(), List.of(members), RouteOrigin.CREATED),
                new KeptRoute(Family.IPV4, ip("0.0.0.0"), 0, 0, List.of(ip("198.18.7.1")), List.of(members), RouteOrigin.FOLLOWED),
                new KeptRoute(Family.IPV6, ip("2001:2:0:1::"), 64, 1024, List.of(ip("2001:2::1"), ip("2001:2::2")),
                        List.of(members[0]), RouteOrigin.FOLLOWED));
    }

    @BeforeAll
    static void start() throws Exception {
        ipmp = new FakeIpmpService(withRoutes(Snapshots.ipmp0(), through("net0", "net1")));
        f = new AgentFixture(ipmp);
    }

    @AfterAll
    static void stop() {
        f.close();
    }

    @Test
    void eachNextHopOfAKeptRouteIsARowWithItsMembersAndOrigin() throws Exception {
        var r = f.run(f.v2c("snmpwalk", AgentFixture.COMMUNITY), "IPMP-MIB::ipmpRouteTable");
        String subnet = "\"ipmp0\".ipv4.\"198.18.7.0\".24.0.unknown.\"\"";
        String dflt = "\"ipmp0\".ipv4.\"0.0.0.0\".0.0.ipv4.\"198.18.7.1\"";
        String v6 = "\"ipmp0\".ipv6.\"20:01:00:02:00:00:00:01:00:00:00:00:00:00:00:00\".64.1024.ipv6.";
        assertThat(r.out()).as(r.err())
                .contains("IPMP-MIB::ipmpRouteOutboundMembers." + subnet + " = STRING: net0 net1")
                .contains("IPMP-MIB::ipmpRouteMemberCount." + subnet + " = Gauge32: 2")
                .contains("IPMP-MIB::ipmpRouteOrigin." + subnet + " = INTEGER: created(1)")
                .contains("IPMP-MIB::ipmpRouteOutboundMembers." + dflt + " = STRING: net0 net1")
                .contains("IPMP-MIB::ipmpRouteOrigin." + dflt + " = INTEGER: followed(2)")
                .contains("IPMP-MIB::ipmpRouteOutboundMembers." + v6
                        + "\"20:01:00:02:00:00:00:00:00:00:00:00:00:00:00:01\" = STRING: net0")
                .contains("IPMP-MIB::ipmpRouteOrigin." + v6
                        + "\"20:01:00:02:00:00:00:00:00:00:00:00:00:00:00:02\" = INTEGER: followed(2)");
        // 3 columns x 4 rows: the subnet route, the IPv4 default, the IPv6 route through each of its 2 gateways
        assertThat(lines(r.out())).hasSize(3 * 4);
    }

    @Test
    void aMemberFailureShowsInTheNextWalk() throws Exception {
        EngineSnapshot original = ipmp.snapshot();
        try {
            ipmp.setSnapshot(withRoutes(original, through("net1")));
            var r = f.run(f.v2c("snmpwalk", AgentFixture.COMMUNITY), "IPMP-MIB::ipmpRouteOutboundMembers");
            assertThat(r.out()).as(r.err())
                    .contains("IPMP-MIB::ipmpRouteOutboundMembers.\"ipmp0\".ipv4.\"0.0.0.0\".0.0.ipv4.\"198.18.7.1\" = STRING: net1")
                    .doesNotContain("net0");
        } finally {
            ipmp.setSnapshot(original);
        }
    }

    @Test
    void membersThatWouldPass255OctetsAreLeftOutWhole() {
        List<String> many = java.util.stream.IntStream.range(0, 40).mapToObj(i -> String.format("member%02d", i)).toList();
        String text = RouteTable.membersText(many).toString();
        assertThat(text.length()).isLessThanOrEqualTo(255);
        assertThat(text).startsWith("member00 member01 ").endsWith("member27");
    }

    private static List<String> lines(String out) {
        return Arrays.stream(out.split("\n")).filter(l -> !l.isBlank()).toList();
    }
}
