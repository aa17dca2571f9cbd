package net.ipmpd.testlab.dr;

import net.ipmpd.engine.notify.Cause;
import net.ipmpd.engine.state.MemberState;
import net.ipmpd.engine.state.Presence;
import net.ipmpd.engine.state.ProbeState;
import net.ipmpd.testlab.Lab;
import net.ipmpd.testlab.e2e.ConfigJson;
import net.ipmpd.testlab.e2e.DaemonFixture;
import net.ipmpd.testlab.e2e.E2eLabs;
import net.ipmpd.testlab.e2e.OperatorTools;
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

import static net.ipmpd.testlab.e2e.E2eLabs.DATA;
import static net.ipmpd.testlab.e2e.E2eLabs.DATA_CIDR;
import static net.ipmpd.testlab.e2e.E2eLabs.GROUP;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 6, hot removal and re-insertion of a member that carries the data addresses (IPv4 and IPv6) and live TCP
 * connections. The kernel deletes the interface's addresses with it, so ipmpd must re-place them on another member
 * at once (a DR detach: the member offline with cause removed), and every connection must survive; when the interface
 * comes back ipmpd re-attaches it (test address re-plumbed, probing, online) and fails back.
 */
@RequiresRoot
class HotRemovalTest {
    private static final Logger LOG = LogManager.getLogger(HotRemovalTest.class);
    private static final int FLOWS = 8;
    private static final String M0_TEST = "198.18.0.10";
    private static final String DATA6 = "2001:2::100";

    @TempDir
    Path dir;

    /** E2eLabs.oneGroup(2, 1000 ms, FAILBACK=yes) plus an IPv6 data address, both homed on m0. */
    private static ConfigJson config() {
        ConfigJson c = new ConfigJson().fdt(1000).failback(true);
        c.group(GROUP).member("m0", E2eLabs.v4Test(0)).member("m1", E2eLabs.v4Test(1))
                .data(DATA_CIDR, "m0").data(DATA6 + "/64", "m0").target("198.18.0.1").target("198.18.0.2");
        return c;
    }

    @Test
    void removalMovesTheAddressAndEveryFlowSurvivesRemovalAndReinsertion() {
        try (Lab lab = Lab.start(E2eLabs.spec(2, false));
             DaemonFixture ipmpd = DaemonFixture.start(lab, dir, config())) {
            OperatorTools tools = new OperatorTools(ipmpd.socket());
            lab.awaitAddress(lab.hostNs(), "m0", DATA, true, Duration.ofSeconds(5));
            lab.awaitAddress(lab.hostNs(), "m0", DATA6, true, Duration.ofSeconds(5));
            E2eLabs.clientTalksTo(lab, DATA6, Duration.ofSeconds(3));
            E2eLabs.awaitProbesAnswered(ipmpd, Duration.ofSeconds(10), "m0", "m1");
            try (TcpFlows flows = lab.holdTcpFlows(FlowOptions.of(lab.hostNs(), DATA, lab.ns("c"), FLOWS))) {
                assertThat(flows.snapshot().failed()).isEmpty();

                // hot removal of the member that holds the data address and the flows
                long mark = ipmpd.logMark();
                long wall0 = System.currentTimeMillis();
                long t0 = System.nanoTime();
                lab.faults().deleteMember("m0");
                lab.awaitAddress(lab.hostNs(), "m1", DATA, true, Duration.ofSeconds(3));
                long observedMs = DrLabs.millisSince(t0);
                lab.awaitAddress(lab.hostNs(), "m1", DATA6, true, Duration.ofSeconds(1));
                long observed6Ms = DrLabs.millisSince(t0);
                // The cause of the move is not asserted: deleting a link makes the kernel send RTM_NEWLINK without
                // IFF_RUNNING (dev_close) just before RTM_DELLINK, and ipmpd currently reports that as a failure
                // (cause link-down) and moves on it before it sees the removal; the figures print the cause.
                String moved = ipmpd.awaitLog(mark, Duration.ofSeconds(1),
                        "Data address " + DATA + " of group " + GROUP + " moved from m0 to m1 (cause: ");
                ipmpd.awaitLog(mark, Duration.ofSeconds(1),
                        "IP interface m0 of group " + GROUP + " is offline (cause: removed)");
                var m0 = ipmpd.member("m0");
                assertThat(m0.state()).isEqualTo(MemberState.OFFLINE);
                assertThat(m0.presence()).isEqualTo(Presence.REMOVED);
                assertThat(m0.lastCause()).isEqualTo(Cause.REMOVED);
                assertThat(m0.active()).isFalse();
                assertThat(ipmpd.dataAddress(GROUP, DATA).currentMember()).contains("m1");
                assertThat(ipmpd.dataAddress(GROUP, DATA6).currentMember()).contains("m1");
                DrLabs.InterfaceRow row = DrLabs.ipmpstatI(tools, "m0");
                assertThat(row.state()).isEqualTo("offline");
                assertThat(row.active()).isEqualTo("no");
                assertThat(row.flag(DrLabs.DOWN, 'd')).as("m0 removed: %s", row).isTrue();
                lab.awaitNeighbour(lab.ns("c"), "c", DATA, lab.mac("m1"), Duration.ofSeconds(2));
                FlowReport afterRemoval = flows.snapshot();
                assertThat(afterRemoval.failed()).as("after the removal: " + afterRemoval).isEmpty();
                E2eLabs.clientTalksTo(lab, DATA6, Duration.ofSeconds(2));
                long movedLoggedMs = DaemonFixture.logTimeMillis(moved) - wall0;

                // re-insertion: re-attached and failed back
                mark = ipmpd.logMark();
                wall0 = System.currentTimeMillis();
                t0 = System.nanoTime();
                lab.faults().recreateMember("m0");
                lab.awaitAddress(lab.hostNs(), "m0", M0_TEST, true, Duration.ofSeconds(5));
                long plumbedMs = DrLabs.millisSince(t0);
                DrLabs.awaitRepair(ipmpd, GROUP, mark, DATA + " back on m0",
                        () -> lab.hasAddress(lab.hostNs(), "m0", DATA));
                long failbackMs = DrLabs.millisSince(t0);
                lab.awaitAddress(lab.hostNs(), "m1", DATA, false, Duration.ofSeconds(1));
                lab.awaitAddress(lab.hostNs(), "m0", DATA6, true, Duration.ofSeconds(1));
                lab.awaitAddress(lab.hostNs(), "m1", DATA6, false, Duration.ofSeconds(1));
                ipmpd.awaitLog(mark, Duration.ofSeconds(1), "IP interface m0 of group " + GROUP + " is online");
                String back = ipmpd.awaitLog(mark, Duration.ofSeconds(1),
                        "Data address " + DATA + " of group " + GROUP + " moved from m1 to m0 (cause: failback)");
                var m0back = ipmpd.awaitMember("m0", "ok, present, probing", Duration.ofSeconds(3),
                        m -> m.state() == MemberState.OK && m.presence() == Presence.PRESENT
                                && m.probe() == ProbeState.OK && m.active());
                assertThat(m0back.ifIndex()).as("a new interface, a new ifindex").isNotEqualTo(m0.ifIndex());
                lab.awaitNeighbour(lab.ns("c"), "c", DATA, lab.mac("m0"), Duration.ofSeconds(2));
                E2eLabs.clientTalksTo(lab, DATA6, Duration.ofSeconds(2));
                long failbackLoggedMs = DaemonFixture.logTimeMillis(back) - wall0;

                FlowReport r = flows.stop();
                LOG.warn("issue 6 (hot removal): m0 deleted -> move logged after {} ms {}, data addresses seen on "
                        + "m1 after {} ms (IPv4), {} ms (IPv6); m0 re-created -> test address plumbed after {} ms, "
                        + "failback logged after {} ms, seen on m0 after {} ms (effective FDT {}); {} of {} TCP flows "
                        + "survived, max stall {} ms",
                        movedLoggedMs, moved.substring(moved.indexOf("(cause: ")), observedMs, observed6Ms, plumbedMs,
                        failbackLoggedMs, failbackMs, DrLabs.effectiveFdt(ipmpd, GROUP), r.survivors(), FLOWS,
                        r.maxStallMs());
                assertThat(r.allSurvived()).as(r.toString()).isTrue();
                assertThat(r.survivors()).isEqualTo(FLOWS);
                // The removal is seen at once (RTM_DELLINK), so the stall is the move plus TCP's retransmission
                // back-off (200 ms, 400, ...), far below the 5 s echo timeout.
                assertThat(r.maxStallMs()).as(r.toString()).isLessThan(3000);
            }
        }
    }
}
