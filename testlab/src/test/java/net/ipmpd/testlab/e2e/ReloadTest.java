package net.ipmpd.testlab.e2e;

import net.ipmpd.testlab.Lab;
import net.ipmpd.testlab.junit.RequiresRoot;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;

import static net.ipmpd.testlab.e2e.E2eLabs.DATA;
import static net.ipmpd.testlab.e2e.E2eLabs.GROUP;
import static org.assertj.core.api.Assertions.assertThat;

/** SIGHUP (in.mpathd re-reads its configuration): an invalid file changes nothing, a valid one applies. */
@RequiresRoot
class ReloadTest {
    private static final String SECOND = "198.18.0.101";

    @TempDir
    Path dir;

    @Test
    void sighupWithAnInvalidFileChangesNothingAndAValidOneApplies() throws Exception {
        try (Lab lab = Lab.start(E2eLabs.spec(3, false));
             DaemonFixture ipmpd = DaemonFixture.start(lab, dir, E2eLabs.oneGroup(2, 1000, true))) {
            lab.awaitAddress(lab.hostNs(), "m0", DATA, true, Duration.ofSeconds(5));
            E2eLabs.awaitProbesAnswered(ipmpd, Duration.ofSeconds(10), "m0", "m1");
            var before = ipmpd.group(GROUP);
            assertThat(before.dataAddresses()).singleElement()
                    .satisfies(d -> assertThat(d.currentMember()).contains("m0"));

            // a valid new data address next to one whose home is not a member of the group: the whole file is
            // refused, so the valid one must not appear either (no half-applied reload)
            ConfigJson bad = new ConfigJson().fdt(1000).failback(true);
            bad.group(GROUP).member("m0", E2eLabs.v4Test(0)).member("m1", E2eLabs.v4Test(1))
                    .data(E2eLabs.DATA_CIDR, "m0").data(SECOND + "/24", "m1").data("198.18.0.102/24", "m7")
                    .target("198.18.0.1").target("198.18.0.2");
            long mark = ipmpd.logMark();
            ipmpd.writeConfig(bad.render());
            ipmpd.sighup();
            ipmpd.awaitLog(mark, Duration.ofSeconds(5), "the running configuration is unchanged");
            String problem = String.join("\n", ipmpd.logLinesSince(mark, "ERROR"));
            assertThat(problem).as("the error names the offending value").contains("m7");
            assertUnchanged(lab, ipmpd, before);

            // not even JSON
            mark = ipmpd.logMark();
            ipmpd.writeConfig("{ \"ipmp:ipmp\": { \"group\": [ \n");
            ipmpd.sighup();
            ipmpd.awaitLog(mark, Duration.ofSeconds(5), "the running configuration is unchanged");
            assertThat(ipmpd.logLinesSince(mark, "ERROR")).anySatisfy(l -> assertThat(l).contains("ipmpd.json"));
            assertUnchanged(lab, ipmpd, before);

            // valid: a second data address, homed on m1
            ConfigJson good = new ConfigJson().fdt(1000).failback(true);
            good.group(GROUP).member("m0", E2eLabs.v4Test(0)).member("m1", E2eLabs.v4Test(1))
                    .data(E2eLabs.DATA_CIDR, "m0").data(SECOND + "/24", "m1")
                    .target("198.18.0.1").target("198.18.0.2");
            mark = ipmpd.logMark();
            ipmpd.writeConfig(good.render());
            ipmpd.sighup();
            ipmpd.awaitLog(mark, Duration.ofSeconds(5), "configuration reloaded");
            lab.awaitAddress(lab.hostNs(), "m1", SECOND, true, Duration.ofSeconds(3));
            assertThat(lab.hasAddress(lab.hostNs(), "m0", DATA)).isTrue();
            assertThat(ipmpd.dataAddress(GROUP, SECOND).currentMember()).contains("m1");
            assertThat(ipmpd.process().isAlive()).isTrue();
            E2eLabs.clientTalksTo(lab, SECOND, Duration.ofSeconds(2));

            // valid again: the first data address is dropped from the configuration, so it leaves the kernel
            ConfigJson fewer = new ConfigJson().fdt(1000).failback(true);
            fewer.group(GROUP).member("m0", E2eLabs.v4Test(0)).member("m1", E2eLabs.v4Test(1))
                    .data(SECOND + "/24", "m1").target("198.18.0.1").target("198.18.0.2");
            mark = ipmpd.logMark();
            ipmpd.writeConfig(fewer.render());
            ipmpd.sighup();
            ipmpd.awaitLog(mark, Duration.ofSeconds(5), "configuration reloaded");
            lab.awaitAddress(lab.hostNs(), "m0", DATA, false, Duration.ofSeconds(3));
            assertThat(ipmpd.group(GROUP).dataAddresses()).singleElement()
                    .satisfies(d -> assertThat(d.address()).isEqualTo(DaemonFixture.inet(SECOND)));
            assertThat(lab.hasAddress(lab.hostNs(), "m1", SECOND)).isTrue();
            assertThat(lab.hasAddress(lab.hostNs(), "m0", "198.18.0.10")).as("test address untouched").isTrue();

            // valid again: a third member joins and the FDT doubles
            ConfigJson more = new ConfigJson().fdt(2000).failback(true);
            more.group(GROUP).member("m0", E2eLabs.v4Test(0)).member("m1", E2eLabs.v4Test(1))
                    .member("m2", E2eLabs.v4Test(2)).data(SECOND + "/24", "m1")
                    .target("198.18.0.1").target("198.18.0.2");
            mark = ipmpd.logMark();
            ipmpd.writeConfig(more.render());
            ipmpd.sighup();
            ipmpd.awaitLog(mark, Duration.ofSeconds(5), "configuration reloaded");
            lab.awaitAddress(lab.hostNs(), "m2", "198.18.0.12", true, Duration.ofSeconds(3));
            var g = ipmpd.awaitSnapshot("m2 probing ok", Duration.ofSeconds(10),
                    s -> s.member("m2").map(m -> m.state() == net.ipmpd.engine.state.MemberState.OK
                            && m.probing().stream().allMatch(p -> p.stats().answered() >= 3)).orElse(false))
                    .group(GROUP).orElseThrow();
            assertThat(g.configuredFdtMs()).isEqualTo(2000);
            assertThat(g.members()).extracting(m -> m.name()).containsExactly("m0", "m1", "m2");
        }
    }

    private static void assertUnchanged(Lab lab, DaemonFixture ipmpd, net.ipmpd.engine.state.GroupSnapshot before) {
        var now = ipmpd.group(GROUP);
        // configuration and placement, not health: `up` follows the members' probes, which a reload must not touch
        // but which a loaded machine can (see the report on false failures under load)
        assertThat(now.dataAddresses()).extracting(d -> d.address(), d -> d.prefixLength(), d -> d.homeMember(),
                d -> d.currentMember()).isEqualTo(before.dataAddresses().stream().map(d -> org.assertj.core.groups.Tuple
                .tuple(d.address(), d.prefixLength(), d.homeMember(), d.currentMember())).toList());
        assertThat(now.members().stream().map(m -> m.name()).toList())
                .isEqualTo(before.members().stream().map(m -> m.name()).toList());
        assertThat(ipmpd.snapshot().groups()).hasSize(1);
        assertThat(lab.hasAddress(lab.hostNs(), "m0", DATA)).isTrue();
        assertThat(lab.hasAddress(lab.hostNs(), "m1", SECOND)).isFalse();
        assertThat(ipmpd.process().isAlive()).isTrue();
    }
}
