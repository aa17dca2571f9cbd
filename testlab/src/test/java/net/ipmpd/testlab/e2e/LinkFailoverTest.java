package net.ipmpd.testlab.e2e;

import net.ipmpd.engine.state.MemberState;
import net.ipmpd.testlab.Lab;
import net.ipmpd.testlab.junit.RequiresRoot;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static net.ipmpd.testlab.e2e.E2eLabs.DATA;
import static net.ipmpd.testlab.e2e.E2eLabs.GROUP;
import static org.assertj.core.api.Assertions.assertThat;

/** Scenario 1: carrier loss on the member holding the data address; link-based failover. */
@RequiresRoot
class LinkFailoverTest {
    private static final Logger LOG = LogManager.getLogger(LinkFailoverTest.class);

    @TempDir
    Path dir;

    @Test
    void carrierLossMovesTheDataAddressAndTheClientFollowsTheGarp() {
        try (Lab lab = Lab.start(E2eLabs.spec(2, false));
             DaemonFixture ipmpd = DaemonFixture.start(lab, dir, E2eLabs.oneGroup(2, 10_000, true))) {
            lab.awaitAddress(lab.hostNs(), "m0", DATA, true, Duration.ofSeconds(5));
            E2eLabs.clientTalksTo(lab, DATA, Duration.ofSeconds(3));
            lab.awaitNeighbour(lab.ns("c"), "c", DATA, lab.mac("m0"), Duration.ofSeconds(2));

            long mark = ipmpd.logMark();
            long wall0 = System.currentTimeMillis();
            long t0 = System.nanoTime();
            lab.faults().carrierDown("m0");
            lab.awaitAddress(lab.hostNs(), "m1", DATA, true, Duration.ofSeconds(2));
            long observedMs = E2eLabs.millisSince(t0);
            lab.awaitAddress(lab.hostNs(), "m0", DATA, false, Duration.ofSeconds(1));
            lab.awaitNeighbour(lab.ns("c"), "c", DATA, lab.mac("m1"), Duration.ofSeconds(2));
            long neighbourMs = E2eLabs.millisSince(t0);

            String failed = ipmpd.awaitLog(mark, Duration.ofSeconds(2),
                    "IP interface failure detected on m0 of group " + GROUP, "(cause: link-down)");
            String moved = ipmpd.awaitLog(mark, Duration.ofSeconds(2),
                    "Data address " + DATA + " of group " + GROUP + " moved from m0 to m1 (cause: link-down)");
            long daemonMoveMs = DaemonFixture.logTimeMillis(moved) - wall0;
            LOG.warn("scenario 1: carrier down -> data address on m1 seen in the kernel after {} ms (daemon logged "
                    + "the move {} ms after), client's neighbour entry on m1's MAC after {} ms", observedMs,
                    daemonMoveMs, neighbourMs);
            assertThat(observedMs).as("failover time (carrier down to address on m1)").isLessThan(1000);
            assertThat(failed).isNotEmpty();

            OperatorTools tools = new OperatorTools(ipmpd.socket());
            List<List<String>> rows = tools.parsable("-i", "INTERFACE,STATE,LINK,ACTIVE");
            assertThat(rows).contains(List.of("m0", "failed", "down", "no"), List.of("m1", "ok", "up", "yes"));
            assertThat(tools.parsable("-a", "ADDRESS,STATE,GROUP,INBOUND"))
                    .contains(List.of(DATA, "up", GROUP, "m1"));
            assertThat(tools.parsable("-g", "GROUP,STATE,INTERFACES"))
                    .contains(List.of(GROUP, "degraded", "m1 [m0]"));
            assertThat(ipmpd.member("m0").state()).isEqualTo(MemberState.FAILED);
            assertThat(ipmpd.dataAddress(GROUP, DATA).currentMember()).contains("m1");
            // the address answers from its new member
            E2eLabs.clientTalksTo(lab, DATA, Duration.ofSeconds(2));
        }
    }
}
