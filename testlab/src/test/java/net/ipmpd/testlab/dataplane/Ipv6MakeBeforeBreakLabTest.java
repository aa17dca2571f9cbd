package net.ipmpd.testlab.dataplane;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.ipmpd.testlab.Lab;
import net.ipmpd.testlab.LabProcess;
import net.ipmpd.testlab.e2e.ConfigJson;
import net.ipmpd.testlab.e2e.DaemonFixture;
import net.ipmpd.testlab.e2e.E2eLabs;
import net.ipmpd.testlab.junit.RequiresRoot;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * IPv6 data addresses move make-before-break for real: in the kernel's own event stream
 * ({@code ip monitor address route}), from the moment the address works on m0 through two
 * failovers and failbacks, there is no instant at which no member holds both the address and
 * its local route (the route is what makes the kernel deliver packets to it; Linux installs it
 * after acking the add, from its DAD work queue).
 */
@RequiresRoot
class Ipv6MakeBeforeBreakLabTest {
    private static final String V6 = "2001:2::100";
    private static final Pattern ADDRESS = Pattern.compile("^(Deleted )?\\d+: (\\S+)\\s+inet6 " + Pattern.quote(V6) + "/");
    private static final Pattern LOCAL_ROUTE = Pattern.compile("^(Deleted )?local " + Pattern.quote(V6) + " dev (\\S+) .*table local");
    @TempDir
    Path dir;

    @Test
    void throughFailoversAndFailbacksSomeMemberAlwaysHoldsTheAddressAndItsLocalRoute() throws Exception {
        ConfigJson cfg = new ConfigJson().fdt(1000).failback(true);
        ConfigJson.Group g = cfg.group(E2eLabs.GROUP);
        for (int i = 0; i < 3; i++) {
            g.member("m" + i, E2eLabs.v4Test(i));
        }
        g.data(E2eLabs.DATA_CIDR, "m0").data(V6 + "/64", "m0").target("198.18.0.1").target("198.18.0.2");
        try (Lab lab = Lab.start(E2eLabs.spec(3, false));
             DaemonFixture ipmpd = DaemonFixture.start(lab, dir, cfg)) {
            lab.awaitAddress(lab.hostNs(), "m0", V6, true, Duration.ofSeconds(5));
            E2eLabs.awaitProbesAnswered(ipmpd, Duration.ofSeconds(20), "m0", "m1", "m2");
            assertThat(lab.ip(lab.hostNs(), "-6", "route", "show", "table", "local", V6).stdout()).contains("dev m0");
            LabProcess monitor = lab.spawn(lab.hostNs(), "ip", "-o", "monitor", "address", "route");
            Thread.sleep(1_000);   // subscribed by then
            int moves = 0;
            for (int cycle = 0; cycle < 2; cycle++) {
                long mark = ipmpd.logMark();
                lab.faults().carrierDown("m0");
                ipmpd.awaitLog(mark, Duration.ofSeconds(10), "data address " + V6, "moved from m0");
                lab.awaitAddress(lab.hostNs(), "m0", V6, false, Duration.ofSeconds(5));
                mark = ipmpd.logMark();
                lab.faults().carrierUp("m0");
                ipmpd.awaitLog(mark, Duration.ofSeconds(30), "data address " + V6, "to m0");
                lab.awaitAddress(lab.hostNs(), "m0", V6, true, Duration.ofSeconds(5));
                moves += 2;
            }
            Thread.sleep(500);
            List<String> trace = monitor.stdout().all();
            monitor.stop();
            List<String> relevant = new ArrayList<>();
            Set<String> addressOn = new HashSet<>(Set.of("m0"));
            Set<String> routeOn = new HashSet<>(Set.of("m0"));
            int deletions = 0;
            for (String line : trace) {
                Matcher a = ADDRESS.matcher(line);
                Matcher r = LOCAL_ROUTE.matcher(line);
                if (a.find()) {
                    update(addressOn, a.group(1) != null, a.group(2));
                    deletions += a.group(1) != null ? 1 : 0;
                } else if (r.find()) {
                    update(routeOn, r.group(1) != null, r.group(2));
                } else {
                    continue;
                }
                relevant.add(line);
                Set<String> usable = new HashSet<>(addressOn);
                usable.retainAll(routeOn);
                assertThat(usable).as("members holding %s with its local route after:\n%s", V6, String.join("\n", relevant)).isNotEmpty();
            }
            assertThat(deletions).as("old copies deleted in the trace:\n%s", String.join("\n", relevant)).isGreaterThanOrEqualTo(moves);
            System.out.printf("IPv6 make-before-break: %d moves, %d address/route events, never on no member%n", moves, relevant.size());
        }
    }

    private static void update(Set<String> on, boolean deleted, String member) {
        if (deleted) {
            on.remove(member);
        } else {
            on.add(member);
        }
    }
}
