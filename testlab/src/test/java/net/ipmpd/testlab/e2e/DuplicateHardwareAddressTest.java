package net.ipmpd.testlab.e2e;

import net.ipmpd.engine.notify.Cause;
import net.ipmpd.engine.state.MemberFlag;
import net.ipmpd.engine.state.MemberState;
import net.ipmpd.testlab.Lab;
import net.ipmpd.testlab.junit.RequiresRoot;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static net.ipmpd.testlab.e2e.E2eLabs.GROUP;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * in.mpathd's duplicate hardware address rule on real links: {@code ip link set dev m2 address}
 * of m0's MAC offlines m2 (ipmpstat flag h, in.mpathd's log line); its own MAC back onlines it.
 */
@RequiresRoot
class DuplicateHardwareAddressTest {
    @TempDir
    Path dir;

    @Test
    void aMemberGivenAnotherMembersMacIsOfflinedWithFlagHAndOnlinedWhenItsMacIsUniqueAgain() {
        try (Lab lab = Lab.start(E2eLabs.spec(3, false));
             DaemonFixture ipmpd = DaemonFixture.start(lab, dir, E2eLabs.oneGroup(3, 1000, true))) {
            OperatorTools tools = new OperatorTools(ipmpd.socket());
            E2eLabs.awaitProbesAnswered(ipmpd, Duration.ofSeconds(60), "m0", "m1", "m2");

            long mark = ipmpd.logMark();
            lab.ip(lab.hostNs(), "link", "set", "dev", "m2", "address", lab.mac("m0"));
            ipmpd.awaitMember("m2", "offline as a duplicate", Duration.ofSeconds(5),
                    m -> m.state() == MemberState.OFFLINE && m.flags().contains(MemberFlag.DUPLICATE_HARDWARE_ADDRESS));
            assertThat(ipmpd.member("m2").lastCause()).isEqualTo(Cause.DUPLICATE_HARDWARE_ADDRESS);
            ipmpd.awaitLog(mark, Duration.ofSeconds(2),
                    "IP interface m2 has a hardware address which is not unique in group " + GROUP + "; offlining");
            assertThat(tools.parsable("-i", "INTERFACE,FLAGS,STATE")).contains(List.of("m2", "------h", "offline"));
            assertThat(ipmpd.member("m0").flags()).doesNotContain(MemberFlag.DUPLICATE_HARDWARE_ADDRESS);

            mark = ipmpd.logMark();
            lab.ip(lab.hostNs(), "link", "set", "dev", "m2", "address", lab.mac("m2"));
            ipmpd.awaitLog(mark, Duration.ofSeconds(2),
                    "IP interface m2 now has a unique hardware address in group " + GROUP + "; onlining");
            ipmpd.awaitMember("m2", "online again", Duration.ofSeconds(30),
                    m -> m.state() == MemberState.OK && !m.flags().contains(MemberFlag.DUPLICATE_HARDWARE_ADDRESS));
        }
    }
}
