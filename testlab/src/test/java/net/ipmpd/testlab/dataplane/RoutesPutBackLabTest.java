package net.ipmpd.testlab.dataplane;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import net.ipmpd.testlab.Lab;
import net.ipmpd.testlab.LabProcess;
import net.ipmpd.testlab.Waits;
import net.ipmpd.testlab.e2e.DaemonFixture;
import net.ipmpd.testlab.e2e.E2eLabs;
import net.ipmpd.testlab.junit.RequiresRoot;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 11 item 2 and issue 14: routes ipmpd keeps are put back when someone deletes them. The
 * default route an operator added through the group (ipmpd made it follow the group: one next
 * hop per outbound member) and the group's own subnet route (protocol 235), each deleted with
 * {@code ip route del}: both are back within a bound, and the daemon's log names who deleted them.
 */
@RequiresRoot
class RoutesPutBackLabTest {
    /** Far more than the 20 ms debounce and a dump; a loaded 2-core machine stalls a JVM for hundreds of ms. */
    private static final Duration BOUND = Duration.ofSeconds(3);
    @TempDir
    Path dir;

    @Test
    void aDefaultRouteThroughTheGroupAndTheGroupsSubnetRouteDeletedWithIpArePutBack() {
        try (Lab lab = Lab.start(E2eLabs.spec(2, false));
             DaemonFixture ipmpd = DaemonFixture.start(lab, dir, E2eLabs.oneGroup(2, 1000, true))) {
            String host = lab.hostNs();
            lab.awaitAddress(host, "m0", E2eLabs.DATA, true, Duration.ofSeconds(10));
            Waits.until("the group's subnet route", Duration.ofSeconds(10), () -> route(lab, "198.18.0.0/24"),
                    r -> r.contains("proto 235"));
            lab.ip(host, "route", "add", "default", "via", "198.18.0.1");
            // ipmpd learns it and makes it follow the group: through every outbound member
            Waits.until("the default route through both members", Duration.ofSeconds(10), () -> route(lab, "default"),
                    r -> r.contains("dev m0") && r.contains("dev m1"));

            LabProcess ip = lab.spawn(host, "ip", "-batch", "-");   // alive while the daemon names it
            long mark = ipmpd.logMark();
            long t0 = System.nanoTime();
            ip.send("route del default");
            String back = Waits.until("the default route put back", BOUND, () -> route(lab, "default"),
                    r -> r.contains("via 198.18.0.1") && r.contains("dev m0") && r.contains("dev m1"));
            long defaultMs = E2eLabs.millisSince(t0);
            String named = ipmpd.awaitLog(mark, Duration.ofSeconds(5), "route default deleted by pid");

            t0 = System.nanoTime();
            mark = ipmpd.logMark();
            ip.send("route del 198.18.0.0/24 proto 235");
            String subnet = Waits.until("the group's subnet route put back", BOUND, () -> route(lab, "198.18.0.0/24"),
                    r -> r.contains("proto 235") && r.contains("dev m0") && r.contains("dev m1"));
            long subnetMs = E2eLabs.millisSince(t0);
            ipmpd.awaitLog(mark, Duration.ofSeconds(5), "route 198.18.0.0/24 deleted by pid");
            ip.stop();
            System.out.printf("[lab] routes deleted with ip route del and put back: default route %d ms, subnet route %d ms%n"
                    + "  %s%n  default: %s%n  subnet: %s%n", defaultMs, subnetMs, named, back.replace('\n', ' '),
                    subnet.replace('\n', ' '));
            assertThat(named).containsPattern("by pid \\d+ \\(ip\\), not by ipmpd");
            assertThat(ipmpd.logLinesSince(0, "route ", "deleted by")).as("only ip's deletions are warned of, none of ipmpd's own")
                    .hasSize(2).allMatch(l -> l.contains("(ip)"));
            assertThat(lab.ping(host, "198.18.0.1", 2, Duration.ofSeconds(5)).received()).as("t1 reachable").isPositive();
        }
    }

    private static String route(Lab lab, String what) {
        return lab.ip(lab.hostNs(), "route", "show", what).stdout();
    }
}
