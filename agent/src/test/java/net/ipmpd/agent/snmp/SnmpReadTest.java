package net.ipmpd.agent.snmp;

import net.ipmpd.testkit.FakeIpmpService;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import net.ipmpd.engine.notify.Cause;
import net.ipmpd.engine.state.MemberState;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Reads through the Net-SNMP tools, with IPMP-MIB loaded by name. */
class SnmpReadTest {
    static FakeIpmpService ipmp;
    static AgentFixture f;

    @BeforeAll
    static void start() throws Exception {
        ipmp = new FakeIpmpService(Snapshots.ipmp0());
        f = new AgentFixture(ipmp);
    }

    @AfterAll
    static void stop() {
        f.close();
    }

    @Test
    void v3AuthPrivSha256AesGetsSystemAndIpmpScalarsByName() throws Exception {
        var r = f.run(f.v3("snmpget", AgentFixture.READER), "SNMPv2-MIB::sysName.0", "SNMPv2-MIB::sysLocation.0",
                "IPMP-MIB::ipmpDefaultFailureDetectionTime.0", "IPMP-MIB::ipmpFailback.0",
                "IPMP-MIB::ipmpMemberCount.0", "IPMP-MIB::ipmpUsableMemberCount.0", "IPMP-MIB::ipmpStateVersion.0");
        assertThat(r.out()).as(r.err())
                .contains("SNMPv2-MIB::sysName.0 = STRING: lab-host")
                .contains("SNMPv2-MIB::sysLocation.0 = STRING: rack 4")
                .contains("IPMP-MIB::ipmpDefaultFailureDetectionTime.0 = Gauge32: 10000 milliseconds")
                .contains("IPMP-MIB::ipmpFailback.0 = INTEGER: true(1)")
                .contains("IPMP-MIB::ipmpMemberCount.0 = Gauge32: 3")
                .contains("IPMP-MIB::ipmpUsableMemberCount.0 = Gauge32: 2")
                .contains("IPMP-MIB::ipmpStateVersion.0 = Counter64: 7");
    }

    @Test
    void memberTableNamesRowsByGroupAndInterfaceAndShowsAnAbsentMemberWithIfIndex0() throws Exception {
        var r = f.run(f.v2c("snmpwalk", AgentFixture.COMMUNITY), "IPMP-MIB::ipmpMemberTable");
        assertThat(r.out()).as(r.err())
                .contains("IPMP-MIB::ipmpMemberIfIndex.\"ipmp0\".\"net0\" = INTEGER: 2")
                .contains("IPMP-MIB::ipmpMemberIfIndex.\"ipmp0\".\"net2\" = INTEGER: 0")
                .contains("IPMP-MIB::ipmpMemberState.\"ipmp0\".\"net1\" = INTEGER: ok(1)")
                .contains("IPMP-MIB::ipmpMemberState.\"ipmp0\".\"net2\" = INTEGER: offline(3)")
                .contains("IPMP-MIB::ipmpMemberFlags.\"ipmp0\".\"net0\" = BITS: 82 00 active(0) ipv4MulticastNominee(6)")
                .contains("IPMP-MIB::ipmpMemberFlags.\"ipmp0\".\"net1\" = BITS: 60 00 inactive(1) standby(2)")
                .contains("IPMP-MIB::ipmpMemberPresent.\"ipmp0\".\"net2\" = INTEGER: false(2)")
                .contains("IPMP-MIB::ipmpMemberFailures.\"ipmp0\".\"net0\" = Counter32: 3")
                .contains("IPMP-MIB::ipmpMemberLastCause.\"ipmp0\".\"net2\" = INTEGER: notPresent(10)")
                .contains("IPMP-MIB::ipmpMemberAdminStatus.\"ipmp0\".\"net2\" = INTEGER: offline(2)");
        // Column-major order, rows sorted by index: 14 columns x 3 members.
        assertThat(lines(r.out())).hasSize(14 * 3);
    }

    @Test
    void groupAddressProbeAndTargetTablesReadTheSnapshot() throws Exception {
        var r = f.run(f.v3("snmpbulkwalk", AgentFixture.READER), "IPMP-MIB::ipmpObjects");
        assertThat(r.out()).as(r.err())
                .contains("IPMP-MIB::ipmpGroupState.\"ipmp0\" = INTEGER: degraded(2)")
                .contains("IPMP-MIB::ipmpGroupEffectiveFdt.\"ipmp0\" = Gauge32: 12000 milliseconds")
                .contains("IPMP-MIB::ipmpGroupMembersOffline.\"ipmp0\" = Gauge32: 1")
                .contains("IPMP-MIB::ipmpGroupFailovers.\"ipmp0\" = Counter32: 4")
                .contains("IPMP-MIB::ipmpDataAddressCurrentMember.\"ipmp0\".ipv4.\"198.18.7.100\" = STRING: net0")
                .contains("IPMP-MIB::ipmpDataAddressPrefixLength.\"ipmp0\".ipv6.\"20:01:00:02:00:00:00:00:00:00:00:00:00:00:01:00\" = Gauge32: 64")
                .contains("IPMP-MIB::ipmpTestAddress.\"ipmp0\".\"net0\".ipv4 = Hex-STRING: C6 12 07 0A")
                .contains("IPMP-MIB::ipmpTestAddressTargetMode.\"ipmp0\".\"net0\".ipv4 = INTEGER: routes(1)")
                .contains("IPMP-MIB::ipmpProbesSent.\"ipmp0\".\"net0\".ipv4 = Counter64: 5000000000 probes")
                .contains("IPMP-MIB::ipmpTargetState.\"ipmp0\".\"net0\".ipv4.\"198.18.7.1\" = INTEGER: active(1)")
                .contains("IPMP-MIB::ipmpTargetRttAverage.\"ipmp0\".\"net0\".ipv4.\"198.18.7.1\" = Gauge32: 350 microseconds");
        assertThat(r.out()).doesNotContain("No more variables").doesNotContain("noSuch");
    }

    @Test
    void readsAreLiveNotACopy() throws Exception {
        var before = f.run(f.v2c("snmpget", AgentFixture.COMMUNITY), "IPMP-MIB::ipmpMemberState.\"ipmp0\".\"net0\"");
        assertThat(before.out()).contains("ok(1)");
        var original = ipmp.snapshot();
        try {
            ipmp.setSnapshot(Snapshots.withMember(original, "net0", m -> Snapshots.withState(m, MemberState.FAILED, Cause.LINK_DOWN)));
            var after = f.run(f.v2c("snmpget", AgentFixture.COMMUNITY), "IPMP-MIB::ipmpMemberState.\"ipmp0\".\"net0\"",
                    "IPMP-MIB::ipmpMemberLastCause.\"ipmp0\".\"net0\"", "IPMP-MIB::ipmpStateVersion.0");
            assertThat(after.out()).contains("failed(2)").contains("linkDown(1)").contains("Counter64: 8");
        } finally {
            ipmp.setSnapshot(original);
        }
    }

    @Test
    void ifMibServesThePresentMembersOnly() throws Exception {
        var r = f.run(f.v2c("snmpwalk", AgentFixture.COMMUNITY), "-On", ".1.3.6.1.2.1.31.1.1.1.1");
        assertThat(lines(r.out())).as(r.err()).containsExactly(
                ".1.3.6.1.2.1.31.1.1.1.1.2 = STRING: net0", ".1.3.6.1.2.1.31.1.1.1.1.3 = STRING: net1");
        var t = f.run(f.v2c("snmpget", AgentFixture.COMMUNITY), "-On", ".1.3.6.1.2.1.2.1.0", ".1.3.6.1.2.1.2.2.1.8.2",
                ".1.3.6.1.2.1.2.2.1.2.3", ".1.3.6.1.2.1.2.2.1.8.4");
        assertThat(t.out()).contains(".1.3.6.1.2.1.2.1.0 = INTEGER: 2").contains(".1.3.6.1.2.1.2.2.1.8.2 = INTEGER: up(1)")
                .contains(".1.3.6.1.2.1.2.2.1.2.3 = STRING: net1")
                .contains(".1.3.6.1.2.1.2.2.1.8.4 = No Such Instance");
    }

    @Test
    void aCommunityWalkOfEverythingShowsNoSnmpConfigurationTables() throws Exception {
        var r = f.run(f.v2c("snmpbulkwalk", AgentFixture.COMMUNITY), "-On", ".1");
        assertThat(r.out()).as(r.err()).contains(".1.3.6.1.2.1.1.1.0").contains(".1.3.6.1.4.1.32473.1.1.3.1.2")
                .contains(".1.3.6.1.6.3.10.2.1.1.0")
                .contains(".1.3.6.1.6.3.15.1.1.3.0");   // usmStatsUnknownUserNames: statistics are shown, as snmpd does
        // usmUser (15.1.2), VACM (16), community (18), target (12), notification (13), SNMP4J's own
        for (String prefix : new String[] {".1.3.6.1.6.3.15.1.2", ".1.3.6.1.6.3.16", ".1.3.6.1.6.3.18", ".1.3.6.1.6.3.12",
                ".1.3.6.1.6.3.13", ".1.3.6.1.4.1.4976"}) {
            assertThat(r.out()).as("hidden subtree %s", prefix).doesNotContain(prefix + ".");
        }
    }

    @Test
    void sha512WithAes256WorksWithNetSnmp() throws Exception {
        var r = f.run(Cli.concat(f.base("snmpget"), "-v3", "-l", "authPriv", "-u", AgentFixture.STRONG, "-a", "SHA-512",
                "-A", AgentFixture.AUTH_PASS, "-x", "AES-256", "-X", AgentFixture.PRIV_PASS, f.target(),
                "IPMP-MIB::ipmpGroupCount.0"));
        assertThat(r.out()).as(r.err()).contains("IPMP-MIB::ipmpGroupCount.0 = Gauge32: 1");
    }

    @Test
    void wrongPassphraseAndSha1AreRefused() throws Exception {
        var wrong = f.run(Cli.concat(f.base("snmpget"), "-v3", "-l", "authPriv", "-u", AgentFixture.READER, "-a", "SHA-256",
                "-A", "not-the-secret", "-x", "AES", "-X", AgentFixture.PRIV_PASS, f.target(), "SNMPv2-MIB::sysName.0"));
        assertThat(wrong.out()).doesNotContain("lab-host");
        assertThat(wrong.err()).containsIgnoringCase("authentication");
        var sha1 = f.run(Cli.concat(f.base("snmpget"), "-v3", "-l", "authPriv", "-u", AgentFixture.READER, "-a", "SHA",
                "-A", AgentFixture.AUTH_PASS, "-x", "AES", "-X", AgentFixture.PRIV_PASS, f.target(), "SNMPv2-MIB::sysName.0"));
        assertThat(sha1.out()).doesNotContain("lab-host");
        var noPriv = f.run(Cli.concat(f.base("snmpget"), "-v3", "-l", "authNoPriv", "-u", AgentFixture.READER, "-a",
                "SHA-256", "-A", AgentFixture.AUTH_PASS, f.target(), "SNMPv2-MIB::sysName.0"));
        assertThat(noPriv.out()).doesNotContain("lab-host");
    }

    @Test
    void unknownCommunityGetsNoAnswer() throws Exception {
        var r = f.run(f.v2c("snmpget", "private"), "SNMPv2-MIB::sysName.0");
        assertThat(r.out()).doesNotContain("lab-host");
        assertThat(r.err()).contains("Timeout");
    }

    static java.util.List<String> lines(String s) {
        return Arrays.stream(s.split("\n")).filter(l -> !l.isBlank()).toList();
    }
}
