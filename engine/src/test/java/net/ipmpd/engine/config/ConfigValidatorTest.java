package net.ipmpd.engine.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ConfigValidatorTest {
    private static InetAddress ip(String s) throws Exception {
        return InetAddress.getByName(s);
    }

    private static EngineConfig of(GroupConfig... groups) {
        return EngineConfig.defaults().withGroups(List.of(groups));
    }

    @Test
    void aSoundConfigurationHasNoProblems() throws Exception {
        GroupConfig g = new GroupConfig("g0", List.of(MemberConfig.linkOnly("eth0", false), MemberConfig.linkOnly("eth1", true)),
                List.of(new DataAddressConfig(ip("198.18.0.100"), 24, "eth0")));
        assertThat(ConfigValidator.validate(of(g))).isEmpty();
    }

    @Test
    void everyRuleNamesThePathOfTheOffendingNode() throws Exception {
        GroupConfig g0 = new GroupConfig("g0", List.of(
                new MemberConfig("eth0", false, Optional.of(new TestAddress(ip("198.18.0.10"), 24)),
                        Optional.of(new TestAddress(ip("2001:2::10"), 64))),
                MemberConfig.linkOnly("eth0", false),
                MemberConfig.linkOnly("this-name-is-far-too-long", false)),
                List.of(new DataAddressConfig(ip("198.18.0.10"), 24, "eth0"),
                        new DataAddressConfig(ip("198.18.0.101"), 24, "eth7"),
                        new DataAddressConfig(ip("fe80::5"), 64, "eth0")));
        GroupConfig g1 = new GroupConfig("g1", List.of(MemberConfig.linkOnly("eth0", false)), List.of());
        GroupConfig empty = new GroupConfig("g2", List.of(), List.of());
        var problems = ConfigValidator.validate(of(g0, g1, empty));
        assertThat(problems).extracting(ConfigProblem::path).contains(
                "/ipmp/group[name='g0']/member[interface='eth0']/ipv6-test-address",
                "/ipmp/group[name='g0']/member[interface='eth0']",
                "/ipmp/group[name='g0']/member[interface='this-name-is-far-too-long']",
                "/ipmp/group[name='g0']/data-address[address='198.18.0.10']",
                "/ipmp/group[name='g0']/data-address[address='198.18.0.101']/home-member",
                "/ipmp/group[name='g0']/data-address[address='fe80::5']",
                "/ipmp/group[name='g1']/member[interface='eth0']",
                "/ipmp/group[name='g2']");
        assertThat(problems).anySatisfy(p -> assertThat(p.message()).contains("must be link-local"));
        assertThat(problems).anySatisfy(p -> assertThat(p.message()).contains("already a member of group g0"));
    }

    @Test
    void tunablesFollowInMpathd() {
        assertThat(Tunables.failureDetectionTime(0).value()).isEqualTo(10_000);
        assertThat(Tunables.failureDetectionTime(0).warning()).get().asString().startsWith("Invalid failure detection time");
        assertThat(Tunables.failureDetectionTime(50).value()).isEqualTo(100);
        assertThat(Tunables.failureDetectionTime(50).warning()).get().asString().startsWith("Too small failure detection time");
        assertThat(Tunables.failureDetectionTime(5000).warning()).isEmpty();
        assertThat(Tunables.yesNo("FAILBACK", "No", true).value()).isFalse();
        assertThat(Tunables.yesNo("FAILBACK", "maybe", true).warning()).get().asString().contains("Invalid value for FAILBACK");
    }
}
