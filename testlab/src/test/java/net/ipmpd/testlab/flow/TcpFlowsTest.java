package net.ipmpd.testlab.flow;

import net.ipmpd.testlab.Lab;
import net.ipmpd.testlab.LabSpec;
import net.ipmpd.testlab.junit.RequiresRoot;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** The flow holder keeps K connections to a data address alive and notices when they die. */
@RequiresRoot
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TcpFlowsTest {
    private Lab lab;

    @BeforeAll
    void start() {
        lab = Lab.start(LabSpec.standard(3, 1));
        // Data addresses on m0, as the daemon would place them.
        lab.addAddress(lab.hostNs(), "m0", "198.18.0.100/24");
        lab.addAddress(lab.hostNs(), "m0", "2001:2::100/64", "nodad");
    }

    @AfterAll
    void stop() {
        if (lab != null) {
            lab.close();
        }
    }

    @Test
    void fourConnectionsSurviveWhenNothingHappens() throws Exception {
        try (TcpFlows flows = lab.holdTcpFlows(FlowOptions.of(lab.hostNs(), "198.18.0.100", lab.ns("c"), 4))) {
            Thread.sleep(300);
            FlowReport mid = flows.snapshot();
            assertThat(mid.flows()).hasSize(4).allMatch(FlowResult::survived).allMatch(f -> f.echoes() > 0);
            Thread.sleep(700);
            FlowReport end = flows.stop();
            assertThat(end.allSurvived()).as(end.toString()).isTrue();
            for (FlowResult f : end.flows()) {
                // ~1 s at one echo per ~10 ms; a loaded 2-core machine may manage far fewer, but not none.
                assertThat(f.echoes()).as(f.format()).isGreaterThan(mid.flows().get(f.index()).echoes());
                assertThat(f.bytesEchoed()).isEqualTo(f.echoes() * 32);
                assertThat(f.maxStallMs()).as(f.format()).isLessThan(2000);
                assertThat(f.failedAfterMs()).isEqualTo(-1);
                assertThat(f.error()).isEqualTo("-");
            }
            assertThat(flows.client().waitFor(Duration.ofSeconds(5))).hasValue(0);
        }
    }

    @Test
    void killingTheServerIsReportedAsFailedConnections() throws Exception {
        FlowOptions o = FlowOptions.of(lab.hostNs(), "2001:2::100", lab.ns("c"), 4).withPort(5002);
        try (TcpFlows flows = lab.holdTcpFlows(o)) {
            Thread.sleep(300);
            long before = flows.snapshot().flows().stream().mapToLong(FlowResult::echoes).min().orElseThrow();
            assertThat(before).isPositive();
            flows.server().kill();
            FlowReport end = flows.stop();
            assertThat(end.survivors()).as(end.toString()).isZero();
            for (FlowResult f : end.flows()) {
                assertThat(f.error()).as(f.format()).matches("(reset|eof).*");
                assertThat(f.failedAfterMs()).isGreaterThanOrEqualTo(300);
            }
        }
    }

    @Test
    void aStallLongerThanTheTimeoutCountsAsFailure() throws Exception {
        FlowOptions o = FlowOptions.of(lab.hostNs(), "198.18.0.100", lab.ns("c"), 2).withPort(5003)
                .withTimeout(Duration.ofMillis(600));
        try (TcpFlows flows = lab.holdTcpFlows(o)) {
            Thread.sleep(200);
            // m0 holds the data address and answers for it alone (arp_ignore=1): block its port.
            lab.faults().blockPort("m0");
            try {
                Thread.sleep(1200);
            } finally {
                lab.faults().unblockPort("m0");
            }
            FlowReport end = flows.stop();
            assertThat(end.survivors()).as(end.toString()).isZero();
            assertThat(end.flows()).allMatch(f -> f.error().equals("timeout: no echo within 600 ms"))
                    .allMatch(f -> f.maxStallMs() >= 600);
        }
    }
}
