package net.ipmpd.agent.snmp;

import net.ipmpd.testkit.FakeIpmpService;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.Test;

class AgentLifecycleTest {
    @Test
    void startFailsLoudlyWhenThePortIsTaken() throws Exception {
        try (DatagramSocket taken = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            SnmpSettings s = new SnmpSettings(InetAddress.getLoopbackAddress(), taken.getLocalPort(),
                    Files.createTempDirectory("ipmpd-snmp-state"), "h", "", "", List.of(), List.of(), List.of());
            SnmpAgentService agent = new SnmpAgentService(s, new FakeIpmpService(Snapshots.ipmp0()));
            assertThatThrownBy(agent::start).isInstanceOf(IOException.class);
            agent.close();
            Cli.deleteTree(s.stateDirectory());
        }
    }

    @Test
    void withoutUsersOrCommunitiesNothingAnswers() throws Exception {
        int port = AgentFixture.freeUdpPort();
        SnmpSettings s = new SnmpSettings(InetAddress.getLoopbackAddress(), port,
                Files.createTempDirectory("ipmpd-snmp-state"), "h", "", "", List.of(), List.of(), List.of());
        try (SnmpAgentService agent = new SnmpAgentService(s, new FakeIpmpService(Snapshots.ipmp0()))) {
            agent.start();
            var r = Cli.run(20_000, "snmpget", "-v2c", "-c", "public", "-t", "1", "-r", "0", "-m", "", "-On",
                    "udp:127.0.0.1:" + port, ".1.3.6.1.2.1.1.1.0");
            assertThat(r.out()).doesNotContain("STRING");
            assertThat(r.err()).contains("Timeout");
        } finally {
            Cli.deleteTree(s.stateDirectory());
        }
    }
}
