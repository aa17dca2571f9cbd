package net.ipmpd.agent.snmp;

import net.ipmpd.testkit.FakeIpmpService;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** A group of 1,000 members walks completely, in order, and GETNEXT resumes from any row. */
class BigTableWalkTest {
    @Test
    void bulkWalkOfAThousandMembersReturnsEveryCellInOrder() throws Exception {
        try (AgentFixture f = new AgentFixture(new FakeIpmpService(Snapshots.bigGroup(1000)))) {
            var r = f.run(f.v2c("snmpbulkwalk", AgentFixture.COMMUNITY), "-On", "-Cc", "IPMP-MIB::ipmpMemberTable");
            var lines = SnmpReadTest.lines(r.out());
            assertThat(lines).as(r.err()).hasSize(14 * 1000);
            // Rows sort by index: "m10" (length 3) after every "m1".."m9" (length 2).
            assertThat(lines.get(0)).startsWith(".1.3.6.1.4.1.32473.1.1.3.1.2.3.98.105.103.2.109.48 = INTEGER: 1000");
            assertThat(lines.get(10)).startsWith(".1.3.6.1.4.1.32473.1.1.3.1.2.3.98.105.103.3.109.49.48 = INTEGER: 1010");
            assertThat(r.err()).doesNotContain("OID not increasing");
            var next = f.run(f.v2c("snmpgetnext", AgentFixture.COMMUNITY), "-On",
                    "IPMP-MIB::ipmpMemberState.\"big\".\"m999\"", "IPMP-MIB::ipmpMemberAdminStatus.\"big\".\"m999\"");
            assertThat(next.out()).contains(".1.3.6.1.4.1.32473.1.1.3.1.4.3.98.105.103.2.109.48 = BITS: 80 00")
                    .contains(".1.3.6.1.6.3.10.2.1.1.0 = Hex-STRING: 80 00 7E D9 04");
        }
    }
}
