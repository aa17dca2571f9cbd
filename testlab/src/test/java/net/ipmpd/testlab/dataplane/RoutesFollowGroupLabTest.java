package net.ipmpd.testlab.dataplane;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.ipmpd.testlab.Lab;
import net.ipmpd.testlab.LabProcess;
import net.ipmpd.testlab.LabSpec;
import net.ipmpd.testlab.e2e.ConfigJson;
import net.ipmpd.testlab.e2e.DaemonFixture;
import net.ipmpd.testlab.e2e.E2eLabs;
import net.ipmpd.testlab.flow.FlowOptions;
import net.ipmpd.testlab.flow.FlowReport;
import net.ipmpd.testlab.flow.TcpFlows;
import net.ipmpd.testlab.junit.RequiresRoot;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Off-subnet traffic follows the group. The router r (198.18.0.1, 2001:2::1) has a network
 * behind it (198.19.1.1, 2001:2:0:1::1), from which a client holds TCP flows to the IPv4 data
 * address and pings both data addresses. The operator added the default routes on the ipmpd
 * host; the kernel resolved them to one member. That member fails and is repaired: the replies,
 * which leave by the default route, must keep flowing (no "Network is unreachable"), with
 * members that have test addresses and with link-only members (whose last IPv4 address leaves
 * with the data address, and the kernel deletes every route through them).
 */
@RequiresRoot
class RoutesFollowGroupLabTest {
    private static final String V6 = "2001:2::100";
    private static final String FAR_V4 = "198.19.1.1";
    private static final String FAR_V6 = "2001:2:0:1::1";
    @TempDir
    Path dir;

    @Test
    void withTestAddressesFlowsAndPingsFromAnotherNetworkSurviveFailureAndRepairOfTheDefaultRoutesMember() throws Exception {
        run(true);
    }

    @Test
    void withLinkOnlyMembersFlowsAndPingsFromAnotherNetworkSurviveFailureAndRepairOfTheDefaultRoutesMember() throws Exception {
        run(false);
    }

    private void run(boolean testAddresses) throws Exception {
        LabSpec spec = LabSpec.builder().member("m0").member("m1").member("m2")
                .host(LabSpec.target("r", "198.18.0.1/24", "2001:2::1/64").router(FAR_V4 + "/24", FAR_V6 + "/64"))
                .target("t2", "198.18.0.2/24", "2001:2::2/64")
                .build();
        ConfigJson cfg = new ConfigJson().fdt(1000).failback(true);
        ConfigJson.Group g = cfg.group(E2eLabs.GROUP);
        for (int i = 0; i < 3; i++) {
            g.member("m" + i, testAddresses ? E2eLabs.v4Test(i) : null);
        }
        g.data(E2eLabs.DATA_CIDR, "m0").data(V6 + "/64", "m0");
        if (testAddresses) {
            g.target("198.18.0.1").target("198.18.0.2");
        }
        try (Lab lab = Lab.start(spec); DaemonFixture ipmpd = DaemonFixture.start(lab, dir, cfg)) {
            String host = lab.hostNs();
            String far = lab.ns("r");
            lab.awaitAddress(host, "m0", E2eLabs.DATA, true, Duration.ofSeconds(5));
            lab.awaitAddress(host, "m0", V6, true, Duration.ofSeconds(5));
            if (testAddresses) {
                E2eLabs.awaitProbesAnswered(ipmpd, Duration.ofSeconds(20), "m0", "m1", "m2");
            }
            // the operator's default routes; the kernel resolves each to one member
            lab.ip(host, "route", "add", "default", "via", "198.18.0.1");
            lab.ip(host, "-6", "route", "add", "default", "via", "2001:2::1");
            // the client sits behind the router: its traffic to the data addresses comes from the far network
            lab.ip(far, "route", "add", E2eLabs.DATA + "/32", "dev", "r", "src", FAR_V4);
            lab.ip(far, "-6", "route", "add", V6 + "/128", "dev", "r", "src", FAR_V6);
            String holder = "m0";
            System.out.printf("routes follow the group (%s): default routes now:%n%s%s", testAddresses ? "test addresses" : "link-only",
                    lab.ip(host, "route", "show", "default").stdout(), lab.ip(host, "-6", "route", "show", "default").stdout());

            try (TcpFlows flows = TcpFlows.start(lab, FlowOptions.of(host, E2eLabs.DATA, far, 4).withTimeout(Duration.ofSeconds(8)))) {
                LabProcess ping4 = lab.spawn(far, "ping", "-n", "-i", "0.05", "-c", "240", "-W", "1", E2eLabs.DATA);
                LabProcess ping6 = lab.spawn(far, "ping", "-n", "-6", "-i", "0.05", "-c", "240", "-W", "1", V6);
                Thread.sleep(2_000);
                long mark = ipmpd.logMark();
                lab.faults().carrierDown(holder);
                ipmpd.awaitLog(mark, Duration.ofSeconds(10), "data address " + E2eLabs.DATA, "moved from m0");
                Thread.sleep(3_000);
                String during4 = lab.ip(host, "route", "show", "default").stdout();
                String during6 = lab.ip(host, "-6", "route", "show", "default").stdout();
                mark = ipmpd.logMark();
                lab.faults().carrierUp(holder);
                ipmpd.awaitLog(mark, Duration.ofSeconds(30), "data address " + E2eLabs.DATA, "to m0");
                Thread.sleep(3_000);
                FlowReport report = flows.stop();
                int got4 = received(ping4);
                int got6 = received(ping6);
                System.out.printf("routes follow the group (%s): during the failure:%n%s%s flows %s; pings answered v4 %d/240, v6 %d/240%n",
                        testAddresses ? "test addresses" : "link-only", during4, during6, report, got4, got6);
                assertThat(during4).as("IPv4 default route during the failure").contains("m1").contains("m2");
                assertThat(report.allSurvived()).as("TCP flows from the far network: %s", report).isTrue();
                // 240 pings over 12 s; the failover costs a few hundred ms of them at most
                assertThat(got4).as("IPv4 pings answered").isGreaterThan(200);
                assertThat(got6).as("IPv6 pings answered").isGreaterThan(200);
            }
            assertThat(lab.ip(host, "route", "show", "default").stdout()).as("default route after repair").contains("198.18.0.1");
        }
    }

    private static int received(LabProcess ping) {
        String summary = ping.awaitLine(l -> l.contains("received"), "ping summary", Duration.ofSeconds(30));
        Matcher m = Pattern.compile("(\\d+) received").matcher(summary);
        return m.find() ? Integer.parseInt(m.group(1)) : 0;
    }
}
