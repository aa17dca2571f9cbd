package net.ipmpd.testlab.e2e;

import net.ipmpd.testlab.Lab;
import net.ipmpd.testlab.junit.RequiresRoot;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import java.nio.file.Path;
import java.time.Duration;
import static net.ipmpd.testlab.e2e.E2eLabs.DATA;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The daemon itself stalls for 1.5 s (SIGSTOP/SIGCONT, as a long GC pause or CPU starvation
 * would): probes that could not be sent or whose replies sat unread say nothing about the network,
 * so no failure and no move may follow (the engine does not count a probe lost when its timer
 * fires more than a probe interval late).
 */
@RequiresRoot
class DaemonStallTest {
    @TempDir
    Path dir;

    @Test
    void aStalledDaemonDoesNotBlameTheNetwork() throws Exception {
        try (Lab lab = Lab.start(E2eLabs.spec(2, false));
             DaemonFixture ipmpd = DaemonFixture.start(lab, dir, E2eLabs.oneGroup(2, 1000, true))) {
            lab.awaitAddress(lab.hostNs(), "m0", DATA, true, Duration.ofSeconds(5));
            E2eLabs.awaitProbesAnswered(ipmpd, Duration.ofSeconds(10), "m0", "m1");
            long mark = ipmpd.logMark();
            ipmpd.signal("STOP");
            Thread.sleep(1500);
            ipmpd.signal("CONT");
            Thread.sleep(2000);
            assertThat(ipmpd.logLinesSince(mark, "failure detected")).isEmpty();
            assertThat(ipmpd.logLinesSince(mark, "moved from")).isEmpty();
        }
    }
}
