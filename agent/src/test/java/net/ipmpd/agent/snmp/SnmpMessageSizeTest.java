package net.ipmpd.agent.snmp;

import net.ipmpd.testkit.FakeIpmpService;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 13 items 4 and 5: a GETBULK is answered with as many repetitions as fit the request's size (a v2c community
 * with a source filter cut it at 484 octets), snmpEngineMaxMessageSize is what a UDP datagram can carry, and the state
 * directory is private.
 */
class SnmpMessageSizeTest {
    static AgentFixture f;

    @BeforeAll
    static void start() throws Exception {
        Path parent = Files.createTempDirectory("ipmpd-snmp-parent");
        f = new AgentFixture(new FakeIpmpService(Snapshots.bigGroup(100)), parent.resolve("state"), List.of(),
                List.of(), 4, java.time.Duration.ofSeconds(2));
    }

    @AfterAll
    static void stop() {
        f.close();
    }

    @Test
    void aV2cGetBulkIsFilledWithEveryRepetitionAsked() throws Exception {
        // 60 member rows of about 40 octets each: 2.4 kB, far over 484, far under a datagram.
        var r = f.run(f.v2c("snmpbulkget", AgentFixture.COMMUNITY), "-On", "-Cn0", "-Cr60",
                "IPMP-MIB::ipmpMemberIfIndex");
        assertThat(SnmpReadTest.lines(r.out())).as(r.err()).hasSize(60);
    }

    @Test
    void aV3GetBulkIsFilledToo() throws Exception {
        var r = f.run(f.v3("snmpbulkget", AgentFixture.READER), "-On", "-Cn0", "-Cr60", "IPMP-MIB::ipmpMemberIfIndex");
        assertThat(SnmpReadTest.lines(r.out())).as(r.err()).hasSize(60);
    }

    @Test
    void snmpEngineMaxMessageSizeIsTheLargestUdpPayload() throws Exception {
        var r = f.run(f.v2c("snmpget", AgentFixture.COMMUNITY), "-On", "1.3.6.1.6.3.10.2.1.4.0");
        assertThat(r.out()).as(r.err()).contains(".1.3.6.1.6.3.10.2.1.4.0 = INTEGER: 65507");
    }

    @Test
    void theStateDirectoryIsReadableByItsOwnerOnly() throws Exception {
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(f.stateDir))).isEqualTo("rwx------");
    }
}
