package net.ipmpd.testlab.dr;

import net.ipmpd.engine.state.MemberFlag;
import net.ipmpd.testlab.ExecResult;
import net.ipmpd.testlab.Lab;
import net.ipmpd.testlab.Waits;
import net.ipmpd.testlab.e2e.DaemonFixture;
import net.ipmpd.testlab.e2e.E2eLabs;
import net.ipmpd.testlab.e2e.OperatorTools;
import net.ipmpd.testlab.junit.RequiresRoot;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.OptionalInt;
import java.util.Set;

import static net.ipmpd.testlab.e2e.E2eLabs.DATA;
import static net.ipmpd.testlab.e2e.E2eLabs.GROUP;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 6 with multicast and broadcast: when the nominee (the one member that receives the group's IPv4 multicast,
 * IPv4 broadcast and IPv6 multicast) is hot-removed, the nominations move to another member, in ipmpd's state
 * (ipmpstat -i FLAGS m, b, M) and in the kernel (ipmpd's nftables table drops the copies on every other member).
 * On SIGTERM ipmpd removes its table, so a stopped ipmpd leaves no member deaf to multicast and broadcast.
 * (Reception itself across a failover is NomineeLabTest's.)
 */
@RequiresRoot
class NomineeRemovalTest {
    private static final Logger LOG = LogManager.getLogger(NomineeRemovalTest.class);
    private static final Set<MemberFlag> NOMINEE = Set.of(MemberFlag.IPV4_MULTICAST_NOMINEE,
            MemberFlag.IPV4_BROADCAST_NOMINEE, MemberFlag.IPV6_MULTICAST_NOMINEE);

    @TempDir
    Path dir;

    @Test
    void nominationsFollowTheRemovalAndSigtermRemovesTheTable() {
        try (Lab lab = Lab.start(E2eLabs.spec(3, false));
             DaemonFixture ipmpd = DaemonFixture.start(lab, dir, E2eLabs.oneGroup(3, 1000, true))) {
            OperatorTools tools = new OperatorTools(ipmpd.socket());
            lab.awaitAddress(lab.hostNs(), "m0", DATA, true, Duration.ofSeconds(5));
            ipmpd.awaitLog(0, Duration.ofSeconds(10), "group " + GROUP
                    + ": multicast and broadcast received on nominees IPv4 multicast m0, IPv4 broadcast m0, "
                    + "IPv6 multicast m0");
            assertNominee(tools, "m0", "m1", "m2");
            String before = awaitTable(lab, "only on m0");
            assertThat(before).contains("iifname { \"m1\", \"m2\" } meta nfproto ipv4 meta pkttype broadcast drop")
                    .contains("iifname { \"m1\", \"m2\" } meta nfproto ipv4 meta pkttype multicast drop")
                    .contains("iifname { \"m1\", \"m2\" } meta nfproto ipv6 meta pkttype multicast drop");

            long mark = ipmpd.logMark();
            long wall0 = System.currentTimeMillis();
            long t0 = System.nanoTime();
            lab.faults().deleteMember("m0");
            ipmpd.awaitMember("m1", "nominee", Duration.ofSeconds(3), m -> m.flags().containsAll(NOMINEE));
            long stateMs = DrLabs.millisSince(t0);
            String after = awaitTable(lab, "only on m1");
            long tableMs = DrLabs.millisSince(t0);
            String logged = ipmpd.awaitLog(mark, Duration.ofSeconds(1), "group " + GROUP
                    + ": multicast and broadcast received on nominees IPv4 multicast m1, IPv4 broadcast m1, "
                    + "IPv6 multicast m1");
            assertThat(after).doesNotContain("only on m0")
                    .contains("iifname { \"m0\", \"m2\" } meta nfproto ipv4 meta pkttype broadcast drop")
                    .contains("iifname { \"m0\", \"m2\" } meta nfproto ipv4 meta pkttype multicast drop")
                    .contains("iifname { \"m0\", \"m2\" } meta nfproto ipv6 meta pkttype multicast drop");
            assertNominee(tools, "m1", "m0", "m2");
            assertThat(DrLabs.ipmpstatI(tools, "m0").flag(DrLabs.DOWN, 'd')).isTrue();

            // SIGTERM: ipmpd exits by itself (no SIGKILL needed), cleanly, and its table is gone
            long s0 = System.nanoTime();
            ipmpd.signal("TERM");
            OptionalInt exit = ipmpd.process().waitFor(Duration.ofSeconds(10));
            long exitMs = DrLabs.millisSince(s0);
            assertThat(exit).as("ipmpd exits on SIGTERM, with status 0 (a requested stop)").hasValue(0);
            ExecResult gone = lab.exec(lab.hostNs(), "nft", "list", "table", "inet", "ipmpd_nominees");
            assertThat(gone.exitCode()).as("table after SIGTERM: %s", gone.stdout()).isNotZero();
            assertThat(lab.exec(lab.hostNs(), "nft", "list", "tables").stdout()).doesNotContain("ipmpd_nominees");
            LOG.warn("issue 6 (nominee removed): m0 deleted -> m1 nominee in ipmpd's state after {} ms, logged after {}"
                    + " ms, nft table rewritten (seen) after {} ms; SIGTERM -> exit {} after {} ms, table removed",
                    stateMs, DaemonFixture.logTimeMillis(logged) - wall0, tableMs, exit.getAsInt(), exitMs);
        }
    }

    /** ipmpstat -i: the nominee has m, b and M; the others have none of them. */
    private static void assertNominee(OperatorTools tools, String nominee, String... others) {
        DrLabs.InterfaceRow n = DrLabs.ipmpstatI(tools, nominee);
        assertThat(n.nominee()).as("%s is the nominee: %s", nominee, n).isTrue();
        for (String o : others) {
            DrLabs.InterfaceRow r = DrLabs.ipmpstatI(tools, o);
            assertThat(r.anyNomineeFlag()).as("%s is no nominee: %s", o, r).isFalse();
        }
    }

    /** `nft list table inet ipmpd_nominees` in the host namespace, once it contains the text. */
    private static String awaitTable(Lab lab, String text) {
        return Waits.until("ipmpd_nominees with \"" + text + "\"", Duration.ofSeconds(3),
                () -> lab.exec(lab.hostNs(), "nft", "list", "table", "inet", "ipmpd_nominees").stdout(),
                s -> s.contains(text));
    }
}
