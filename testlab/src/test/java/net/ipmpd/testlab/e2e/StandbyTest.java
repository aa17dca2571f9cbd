package net.ipmpd.testlab.e2e;

import net.ipmpd.engine.state.MemberFlag;
import net.ipmpd.engine.state.MemberState;
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

/** Scenario 4: a standby member takes over when the active one fails and goes back to inactive after the repair. */
@RequiresRoot
class StandbyTest {
    private static final Logger LOG = LogManager.getLogger(StandbyTest.class);

    @TempDir
    Path dir;

    @Test
    void standbyTakesOverAndReturnsToInactive() {
        ConfigJson cfg = new ConfigJson().fdt(1000).failback(true);
        cfg.group(GROUP).member("m0", E2eLabs.v4Test(0)).standby("m1", E2eLabs.v4Test(1))
                .data(DATA_CIDR, "m0").target("198.18.0.1").target("198.18.0.2");
        try (Lab lab = Lab.start(E2eLabs.spec(2, false));
             DaemonFixture ipmpd = DaemonFixture.start(lab, dir, cfg)) {
            lab.awaitAddress(lab.hostNs(), "m0", DATA, true, Duration.ofSeconds(5));
            E2eLabs.awaitProbesAnswered(ipmpd, Duration.ofSeconds(10), "m0", "m1");
            var standby = ipmpd.member("m1");
            assertThat(standby.active()).as("standby is not used while m0 works").isFalse();
            assertThat(standby.flags()).contains(MemberFlag.STANDBY, MemberFlag.INACTIVE);
            assertThat(lab.hasAddress(lab.hostNs(), "m1", DATA)).isFalse();

            long mark = ipmpd.logMark();
            long t0 = System.nanoTime();
            lab.faults().carrierDown("m0");
            lab.awaitAddress(lab.hostNs(), "m1", DATA, true, Duration.ofSeconds(1));
            long takeoverMs = E2eLabs.millisSince(t0);
            assertThat(takeoverMs).as("standby takeover time").isLessThan(1000);
            ipmpd.awaitLog(mark, Duration.ofSeconds(1),
                    "Data address " + DATA + " of group " + GROUP + " moved from m0 to m1 (cause: link-down)");
            var active = ipmpd.awaitMember("m1", "active", Duration.ofSeconds(1), m -> m.active());
            assertThat(active.flags()).contains(MemberFlag.STANDBY).doesNotContain(MemberFlag.INACTIVE);
            E2eLabs.clientTalksTo(lab, DATA, Duration.ofSeconds(2));

            mark = ipmpd.logMark();
            t0 = System.nanoTime();
            lab.faults().carrierUp("m0");
            E2eLabs.awaitAddress(lab, ipmpd, "m0", DATA, E2eLabs::repairWait);
            long failbackMs = E2eLabs.millisSince(t0);
            lab.awaitAddress(lab.hostNs(), "m1", DATA, false, Duration.ofSeconds(1));
            var back = ipmpd.awaitMember("m1", "inactive standby again", Duration.ofSeconds(2),
                    m -> !m.active() && m.flags().contains(MemberFlag.INACTIVE));
            assertThat(back.state()).isEqualTo(MemberState.OK);
            assertThat(ipmpd.member("m0").active()).isTrue();

            // an operator's offline of the active member also activates the standby (if_mpadm -d m0 is allowed:
            // the standby is a functioning interface of the group)
            OperatorTools tools = new OperatorTools(ipmpd.socket());
            OperatorTools.Result off = tools.ifMpadm("-d", "m0");
            assertThat(off.exitCode()).as(off.toString()).isZero();
            lab.awaitAddress(lab.hostNs(), "m1", DATA, true, Duration.ofSeconds(1));
            ipmpd.awaitMember("m1", "active for the offline m0", Duration.ofSeconds(1), m -> m.active());
            OperatorTools.Result on = tools.ifMpadm("-r", "m0");
            assertThat(on.exitCode()).as(on.toString()).isZero();
            E2eLabs.awaitAddress(lab, ipmpd, "m0", DATA, E2eLabs::repairWait);
            ipmpd.awaitMember("m1", "inactive standby again after the online", Duration.ofSeconds(2),
                    m -> !m.active() && m.flags().contains(MemberFlag.INACTIVE));
            LOG.warn("scenario 4: standby m1 took the address {} ms after carrier loss; after repair the address "
                    + "was home {} ms after carrier up and m1 inactive again", takeoverMs, failbackMs);
        }
    }
}
