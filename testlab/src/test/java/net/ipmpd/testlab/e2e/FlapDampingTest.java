package net.ipmpd.testlab.e2e;

import net.ipmpd.engine.state.MemberFlag;
import net.ipmpd.testlab.Flap;
import net.ipmpd.testlab.Lab;
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
 * Beyond the list of issue 3: a flapping link. Each failure adds 1000 to the member's penalty (defaults of the YANG
 * module); above 2500 the damper holds the member out of service, so the data address stays on the stable member
 * even though the flapping one is up and FAILBACK is yes.
 */
@RequiresRoot
class FlapDampingTest {
    private static final Logger LOG = LogManager.getLogger(FlapDampingTest.class);

    @TempDir
    Path dir;

    @Test
    void aFlappingMemberIsHeldOutOfServiceAndTheAddressStaysOnTheStableOne() throws Exception {
        ConfigJson cfg = new ConfigJson().fdt(1000).failback(true);
        // link-based detection only: each carrier-up repairs at once, so each cycle is one failure
        cfg.group(GROUP).linkOnlyMember("m0").linkOnlyMember("m1").data(DATA_CIDR, "m0");
        try (Lab lab = Lab.start(E2eLabs.spec(2, false));
             DaemonFixture ipmpd = DaemonFixture.start(lab, dir, cfg)) {
            lab.awaitAddress(lab.hostNs(), "m0", DATA, true, Duration.ofSeconds(5));
            long mark = ipmpd.logMark();
            Flap flap = lab.faults().flap("m0", 4, Duration.ofMillis(150), Duration.ofMillis(300));
            assertThat(flap.await(Duration.ofSeconds(10))).as("flap finished").isTrue();
            lab.awaitCarrier(lab.hostNs(), "m0", true, Duration.ofSeconds(2));
            String flapping = ipmpd.awaitLog(mark, Duration.ofSeconds(2), "IP interface m0 of group " + GROUP
                    + " is flapping", "(cause: flapping)");
            var m0 = ipmpd.awaitMember("m0", "held out of service", Duration.ofSeconds(2),
                    m -> m.flags().contains(MemberFlag.FLAPPING));
            assertThat(m0.flapPenalty()).isGreaterThan(2500);
            assertThat(m0.active()).isFalse();
            // link up and FAILBACK=yes, but suppressed: the address stays on m1 (watch a little while)
            Thread.sleep(700);
            assertThat(lab.hasAddress(lab.hostNs(), "m1", DATA)).isTrue();
            assertThat(lab.hasAddress(lab.hostNs(), "m0", DATA)).isFalse();
            assertThat(ipmpd.member("m0").flags()).contains(MemberFlag.FLAPPING);
            E2eLabs.clientTalksTo(lab, DATA, Duration.ofSeconds(2));
            LOG.warn("scenario flapping: {}; m0 penalty {}, the address stays on m1", flapping, m0.flapPenalty());
        }
    }
}
