package net.ipmpd.testlab.e2e;

import net.ipmpd.testlab.Lab;
import net.ipmpd.testlab.flow.FlowOptions;
import net.ipmpd.testlab.flow.FlowReport;
import net.ipmpd.testlab.flow.TcpFlows;
import net.ipmpd.testlab.junit.RequiresRoot;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static net.ipmpd.testlab.e2e.E2eLabs.DATA;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Scenario 10: long-lived TCP connections from the client to the data address survive every kind of failover and
 * failback in a row: carrier loss, carrier repair, blocked port, port repair, offline, online.
 */
@RequiresRoot
class TcpFlowsSurviveTest {
    private static final Logger LOG = LogManager.getLogger(TcpFlowsSurviveTest.class);
    private static final int FLOWS = 8;

    @TempDir
    Path dir;

    @Test
    void everyFlowSurvivesEveryFailoverAndFailback() {
        try (Lab lab = Lab.start(E2eLabs.spec(2, false));
             DaemonFixture ipmpd = DaemonFixture.start(lab, dir, E2eLabs.oneGroup(2, 1000, true))) {
            OperatorTools tools = new OperatorTools(ipmpd.socket());
            lab.awaitAddress(lab.hostNs(), "m0", DATA, true, Duration.ofSeconds(5));
            E2eLabs.awaitProbesAnswered(ipmpd, Duration.ofSeconds(10), "m0", "m1");
            List<String> steps = new ArrayList<>();
            // The echo timeout only has to outlast the longest outage TCP must ride out (see the stall bound below).
            FlowOptions options = FlowOptions.of(lab.hostNs(), DATA, lab.ns("c"), FLOWS)
                    .withTimeout(Duration.ofSeconds(60));
            try (TcpFlows flows = lab.holdTcpFlows(options)) {
                step(lab, ipmpd, flows, steps, "carrier loss", () -> lab.faults().carrierDown("m0"), "m1");
                step(lab, ipmpd, flows, steps, "carrier repair, failback", () -> lab.faults().carrierUp("m0"), "m0");
                step(lab, ipmpd, flows, steps, "blocked port", () -> lab.faults().blockPort("m0"), "m1");
                step(lab, ipmpd, flows, steps, "port repair, failback", () -> lab.faults().unblockPort("m0"), "m0");
                step(lab, ipmpd, flows, steps, "if_mpadm -d m0", () -> assertThat(tools.ifMpadm("-d", "m0").exitCode())
                        .isZero(), "m1");
                step(lab, ipmpd, flows, steps, "if_mpadm -r m0", () -> assertThat(tools.ifMpadm("-r", "m0").exitCode())
                        .isZero(), "m0");
                FlowReport r = flows.stop();
                long fdt = ipmpd.group(E2eLabs.GROUP).effectiveFdtMs();
                LOG.warn("scenario 10: {} TCP flows through {}: {} survived, max stall {} ms (effective FDT {} ms)",
                        FLOWS, steps, r.survivors(), r.maxStallMs(), fdt);
                assertThat(r.allSurvived()).as(r.toString()).isTrue();
                assertThat(r.survivors()).isEqualTo(FLOWS);
                // The longest stall is the blocked port: failure detection (the FDT) plus TCP's retransmission
                // back-off (200 ms, 400, 800 ... so up to about the outage again) plus the GARP.
                assertThat(r.maxStallMs()).as(r.toString()).isLessThan(2 * Math.max(fdt, 1000) + 1000);
            }
        }
    }

    /** Injects a change, waits for the address on the expected member, then for every flow to echo again. */
    private static void step(Lab lab, DaemonFixture ipmpd, TcpFlows flows, List<String> steps, String what, Runnable change,
                             String holder) {
        long t0 = System.nanoTime();
        change.run();
        E2eLabs.awaitAddress(lab, ipmpd, holder, DATA, E2eLabs::repairWait);
        long movedMs = E2eLabs.millisSince(t0);
        // each connection echoes every 10 ms: after the move, a fresh snapshot shows them all alive
        FlowReport r = flows.snapshot();
        assertThat(r.failed()).as(what + ": " + r).isEmpty();
        steps.add(what + " (" + movedMs + " ms)");
    }
}
