package net.ipmpd.testlab.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import net.ipmpd.testlab.Lab;
import net.ipmpd.testlab.junit.RequiresRoot;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Start-up reconciliation: a crash in the middle of a move can leave a data address on two
 * members. The engine adopts one copy (never taking the address off the wire) and then asks the
 * dataplane to delete the stray copy, so the kernel matches the engine's placement.
 */
@RequiresRoot
class StartupReconcileTest {
    @TempDir
    Path dir;

    @Test
    void aSecondCopyLeftByACrashMidMoveIsRemovedAndTheAddressStaysUp() {
        try (Lab lab = Lab.start(E2eLabs.spec(3, false))) {
            lab.addAddress(lab.hostNs(), "m0", E2eLabs.DATA_CIDR);
            lab.addAddress(lab.hostNs(), "m1", E2eLabs.DATA_CIDR);   // the half-finished move
            try (DaemonFixture ipmpd = DaemonFixture.start(lab, dir, E2eLabs.oneGroup(3, 1000, true))) {
                lab.awaitAddress(lab.hostNs(), "m1", E2eLabs.DATA, false, Duration.ofSeconds(5));
                assertThat(lab.hasAddress(lab.hostNs(), "m0", E2eLabs.DATA)).isTrue();
                assertThat(ipmpd.dataAddress(E2eLabs.GROUP, E2eLabs.DATA).currentMember()).contains("m0");
                assertThat(ipmpd.logSince(0)).anyMatch(l -> l.contains("group ipmp0: data address 198.18.0.100/24 removed from m1"));
                E2eLabs.clientTalksTo(lab, E2eLabs.DATA, Duration.ofSeconds(5));
            }
        }
    }
}
