package net.ipmpd.testlab.mgmt;

import static net.ipmpd.testlab.e2e.E2eLabs.DATA;
import static net.ipmpd.testlab.e2e.E2eLabs.GROUP;
import static net.ipmpd.testlab.mgmt.NetconfXml.children;
import static net.ipmpd.testlab.mgmt.NetconfXml.entry;
import static net.ipmpd.testlab.mgmt.NetconfXml.text;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import net.ipmpd.testlab.ExecResult;
import net.ipmpd.testlab.Lab;
import net.ipmpd.testlab.Waits;
import net.ipmpd.testlab.e2e.ConfigJson;
import net.ipmpd.testlab.e2e.E2eLabs;
import net.ipmpd.testlab.e2e.OperatorTools;
import net.ipmpd.testlab.junit.RequiresRoot;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Element;

/**
 * Issue 14 against the real daemon: the operator's default route, which ipmpd follows over the group's outbound
 * members, is shown by IPMP-MIB's ipmpRouteTable (Net-SNMP's snmpwalk) and by the YANG model's route list (a NETCONF
 * get with ncclient, checked by yanglint), with the members it goes through; after the failure of a member both show
 * the route without it (ipmpstat -r too), and after the repair with it again. The group's subnet route is shown as
 * created by ipmpd. The IPv6 default route goes through the first outbound member and moves off the failed one.
 */
@RequiresRoot
class RoutesViewLabTest {
    private static final int PORT = 8830;
    private static final String USER = "nms-admin";
    private static final String PASSWORD = "lab netconf pass phrase";
    private static final List<String> V2C = List.of("-v2c", "-c", SnmpManager.COMMUNITY, "-t", "2", "-r", "1");
    private static final String DEFAULT_ROW = "\"" + GROUP + "\".ipv4.\"0.0.0.0\".0.0.ipv4.\"198.18.0.1\"";
    private static final String SUBNET_ROW = "\"" + GROUP + "\".ipv4.\"198.18.0.0\".24.0.unknown.\"\"";

    private static final String V6_DATA = "2001:2::100";
    private static final String V6_DEFAULT_ROW = "\"" + GROUP + "\".ipv6.\"" + "00:".repeat(15) + "00\".0.1024.ipv6.\""
            + "20:01:00:02:" + "00:".repeat(11) + "01\"";

    @TempDir
    Path dir;
    @TempDir
    Path tmp;

    @Test
    void theDefaultRouteAndItsMembersAreShownOverSnmpAndNetconfThroughFailureAndRepair() throws Exception {
        try (Lab lab = Lab.start(E2eLabs.spec(3, false));
             SnmpManager snmp = new SnmpManager(lab, dir);
             ManagedDaemon ipmpd = ManagedDaemon.start(lab, dir, config().render(),
                     "--snmp-config", snmp.writeAgentSettings().toString(),
                     "--netconf-config", MgmtLabs.writeNetconfSettings(dir, PORT, USER, PASSWORD).toString())) {
            String host = lab.hostNs();
            lab.awaitAddress(host, "m0", DATA, true, Duration.ofSeconds(5));
            MgmtLabs.awaitProbesAnswered(ipmpd, Duration.ofSeconds(15), "m0", "m1", "m2");
            lab.awaitAddress(host, "m0", V6_DATA, true, Duration.ofSeconds(5));
            lab.ip(host, "route", "add", "default", "via", "198.18.0.1");
            lab.ip(host, "-6", "route", "add", "default", "via", "2001:2::1");

            try (NetconfSession nc = NetconfSession.open(lab, PORT, USER, PASSWORD)) {
                String all = awaitMembers(snmp, DEFAULT_ROW, List.of("m0", "m1", "m2"), Duration.ofSeconds(10));
                assertThat(all).contains("IPMP-MIB::ipmpRouteOrigin." + DEFAULT_ROW + " = INTEGER: followed(2)",
                        "IPMP-MIB::ipmpRouteMemberCount." + DEFAULT_ROW + " = Gauge32: 3",
                        "IPMP-MIB::ipmpRouteOrigin." + SUBNET_ROW + " = INTEGER: created(1)");
                assertThat(members(all, SUBNET_ROW)).containsExactlyInAnyOrder("m0", "m1", "m2");
                Element route = netconfRoute(nc, "0.0.0.0/0");
                assertThat(text(route, "gateway")).isEqualTo("198.18.0.1");
                assertThat(text(route, "origin")).isEqualTo("followed");
                assertThat(text(route, "family")).isEqualTo("ipv4");
                assertThat(memberTexts(route)).containsExactlyInAnyOrder("m0", "m1", "m2");
                assertThat(text(netconfRoute(nc, "198.18.0.0/24"), "origin")).isEqualTo("created");
                // IPv6 goes out through the first outbound member only (the kernel has no device-only IPv6 multipath)
                awaitMembers(snmp, V6_DEFAULT_ROW, List.of("m0"), Duration.ofSeconds(10));
                Element v6 = netconfRoute(nc, "::/0");
                assertThat(List.of(text(v6, "family"), text(v6, "gateway"), text(v6, "origin"), text(v6, "metric")))
                        .isEqualTo(List.of("ipv6", "2001:2::1", "followed", "1024"));

                lab.faults().carrierDown("m0");
                lab.awaitAddress(host, "m0", DATA, false, Duration.ofSeconds(5));
                String failed = awaitMembers(snmp, DEFAULT_ROW, List.of("m1", "m2"), Duration.ofSeconds(10));
                assertThat(failed).contains("IPMP-MIB::ipmpRouteMemberCount." + DEFAULT_ROW + " = Gauge32: 2");
                assertThat(memberTexts(netconfRoute(nc, "0.0.0.0/0"))).containsExactlyInAnyOrder("m1", "m2");
                List<String> v6After = Waits.until("the IPv6 default route off m0", Duration.ofSeconds(10),
                        () -> memberTexts(netconfRoute(nc, "::/0")), l -> l.size() == 1 && !l.contains("m0"));
                assertThat(members(walk(snmp), V6_DEFAULT_ROW)).isEqualTo(v6After);
                assertThat(lab.ip(host, "route", "show", "default").stdout()).as("the kernel agrees")
                        .contains("m1").contains("m2").doesNotContain("m0");
                // ipmpstat -r reads the same snapshot over the control socket
                List<List<String>> routes = new OperatorTools(ipmpd.socket()).parsable("-r", "DESTINATION,GATEWAY,GROUP,ORIGIN,INTERFACES");
                assertThat(routes).anySatisfy(r -> {
                    assertThat(r.subList(0, 4)).isEqualTo(List.of("default", "198.18.0.1", GROUP, "followed"));
                    assertThat(r.get(4).split(" ")).containsExactlyInAnyOrder("m1", "m2");
                });

                lab.faults().carrierUp("m0");
                awaitMembers(snmp, DEFAULT_ROW, List.of("m0", "m1", "m2"), MgmtLabs.repairWait(ipmpd, GROUP).get()
                        .plusSeconds(10));
                assertThat(memberTexts(netconfRoute(nc, "0.0.0.0/0"))).containsExactlyInAnyOrder("m0", "m1", "m2");
            }
            assertThat(ipmpd.errors()).as("faults in the daemon's own log").isEmpty();
        }
    }

    /** One group of three members with test addresses and an IPv4 and an IPv6 data address on m0. */
    private static ConfigJson config() {
        ConfigJson c = new ConfigJson().fdt(MgmtLabs.FDT_MS).failback(true);
        ConfigJson.Group g = c.group(GROUP);
        for (int i = 0; i < 3; i++) {
            g.member("m" + i, E2eLabs.v4Test(i));
        }
        g.data(E2eLabs.DATA_CIDR, "m0").data(V6_DATA + "/64", "m0").target("198.18.0.1").target("198.18.0.2");
        return c;
    }

    /** Walks ipmpRouteTable until the row goes through exactly these members; returns that walk. */
    private static String awaitMembers(SnmpManager snmp, String row, List<String> members, Duration timeout) {
        return Waits.until("ipmpRouteOutboundMembers." + row + " = " + members, timeout, () -> walk(snmp),
                out -> members(out, row).stream().sorted().toList().equals(members.stream().sorted().toList()));
    }

    private static String walk(SnmpManager snmp) {
        ExecResult r = snmp.tool("snmpwalk", V2C, "IPMP-MIB::ipmpRouteTable");
        assertThat(r.ok()).as(r.describeFailure()).isTrue();
        return r.stdout();
    }

    /** The members of one row's ipmpRouteOutboundMembers in a walk (none when the row is missing). */
    private static List<String> members(String walk, String row) {
        String prefix = "IPMP-MIB::ipmpRouteOutboundMembers." + row + " = STRING: ";
        Optional<String> line = walk.lines().filter(l -> l.startsWith(prefix)).findFirst();
        return line.map(l -> List.of(l.substring(prefix.length()).replace("\"", "").strip().split(" "))).orElse(List.of());
    }

    /** The group's route entry with this destination from a get of the whole ipmp tree, which yanglint accepts. */
    private Element netconfRoute(NetconfSession nc, String destination) {
        String xml = NetconfSession.result(nc.ok("get", "filter", "<ipmp xmlns=\"" + NetconfSession.NS + "\"/>"))
                .orElseThrow(() -> new AssertionError("get returned no data"));
        Element ipmp = NetconfXml.child(NetconfXml.parse(xml), "ipmp").orElseThrow(() -> new AssertionError("no ipmp in " + xml));
        YangCheck.validate("data", NetconfXml.toText(ipmp), tmp);
        Element group = entry(children(ipmp, "group"), "name", GROUP);
        return entry(children(group, "route"), "destination", destination);
    }

    private static List<String> memberTexts(Element route) {
        return children(route, "outbound-member").stream().map(e -> e.getTextContent().strip()).toList();
    }
}
