package net.ipmpd.agent.snmp;

import net.ipmpd.testkit.FakeIpmpService;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import net.ipmpd.agent.snmp.SnmpSettings.Community;
import net.ipmpd.agent.snmp.SnmpSettings.Network;
import org.junit.jupiter.api.Test;

/** A community is usable only from its configured source networks (RFC 3584 transport tag). */
class CommunitySourceTest {
    @Test
    void aCommunityRestrictedToAnotherSourceGetsNoAnswer() throws Exception {
        var other = new Community("elsewhere", List.of(new Network(Snapshots.ip("198.18.0.0"), 15)));
        try (AgentFixture f = new AgentFixture(new FakeIpmpService(Snapshots.ipmp0()), List.of(), List.of(other, new Community("anywhere", List.of())), 4,
                Duration.ofSeconds(2))) {
            var allowed = f.run(f.v2c("snmpget", AgentFixture.COMMUNITY), "SNMPv2-MIB::sysName.0");
            assertThat(allowed.out()).as(allowed.err()).contains("lab-host");
            var unrestricted = f.run(f.v2c("snmpget", "anywhere"), "SNMPv2-MIB::sysName.0");
            assertThat(unrestricted.out()).as(unrestricted.err()).contains("lab-host");
            var refused = f.run(f.v2c("snmpget", "elsewhere"), "SNMPv2-MIB::sysName.0");
            assertThat(refused.out()).doesNotContain("lab-host");
            assertThat(refused.err()).contains("Timeout");
        }
    }
}
