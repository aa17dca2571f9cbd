package net.ipmpd.agent.cli;

import static net.ipmpd.agent.control.SampleSnapshot.ip;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import net.ipmpd.agent.control.ControlServer;
import net.ipmpd.testkit.SimulatedIpmpService;
import net.ipmpd.engine.config.DampingConfig;
import net.ipmpd.engine.config.DataAddressConfig;
import net.ipmpd.engine.config.EngineConfig;
import net.ipmpd.engine.config.GroupConfig;
import net.ipmpd.engine.config.MemberConfig;
import net.ipmpd.engine.config.TestAddress;
import net.ipmpd.engine.sim.Simulation;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * ipmpstat and if_mpadm against the real engine (in the engine's simulated network): the
 * operator's view of an offline, of the minimum-redundancy refusal and of an undo.
 */
@Timeout(60)
class RealEngineEndToEndTest {
    @TempDir
    Path dir;

    private SimulatedIpmpService ipmp;
    private ControlServer server;
    private Map<String, String> env;

    private static MemberConfig member(String name, int n, boolean standby) {
        return new MemberConfig(name, standby, Optional.of(new TestAddress(ip("198.18.0." + (10 + n)), 24)),
                Optional.empty());
    }

    @BeforeEach
    void start() throws Exception {
        GroupConfig g = new GroupConfig("ipmp0", OptionalLong.empty(),
                List.of(member("eth0", 0, false), member("eth1", 1, false), member("eth2", 2, true)),
                List.of(new DataAddressConfig(ip("198.18.0.100"), 24, "eth0"),
                        new DataAddressConfig(ip("198.18.0.101"), 24, "eth1")),
                List.of());
        Simulation sim = new Simulation(new EngineConfig(10_000, true, true, DampingConfig.DEFAULT, List.of(g)), 42);
        for (String t : List.of("198.18.0.1", "198.18.0.2", "198.18.0.3")) {
            sim.network().addHost(ip(t), 200_000);
        }
        sim.start();
        ipmp = new SimulatedIpmpService(sim);
        ipmp.world(s -> s.advanceMs(45_000));
        Path socket = dir.resolve("ipmpd.sock");
        server = new ControlServer(socket, ipmp);
        server.start();
        env = Map.of("IPMPD_SOCKET", socket.toString());
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private String ipmpstat(String... args) {
        CliHarness r = CliHarness.run(Ipmpstat::run, env, args);
        assertThat(r.err()).isEmpty();
        assertThat(r.status()).isZero();
        return r.out();
    }

    private CliHarness ifMpadm(String... args) {
        return CliHarness.run(IfMpadm::run, env, args);
    }

    @Test
    void aSettledGroupIsOkWithTheStandbyInactive() {
        assertThat(ipmpstat("-g")).isEqualTo("""
                GROUP       GROUPNAME   STATE     FDT       INTERFACES
                ipmp0       ipmp0       ok        10.00s    eth0 eth1 (eth2)
                """);
        assertThat(ipmpstat("-iP", "-o", "interface,active,flags,link,probe,state")).startsWith("""
                eth0:yes:--""").contains("eth2:no:is").contains(":up:ok:ok\n").doesNotContain("failed");
        assertThat(ipmpstat("-aP", "-o", "address,state,inbound")).isEqualTo("""
                198.18.0.100:up:eth0
                198.18.0.101:up:eth1
                """);
        for (String line : ipmpstat("-tP", "-o", "interface,testaddr,targets").lines().toList()) {
            assertThat(line).matches("eth[012]:198\\.18\\.0\\.1[012]:198\\.18\\.0\\.[123]( 198\\.18\\.0\\.[123])*");
        }
    }

    @Test
    void offlineMovesTheMemberOutAndTheLastUsableOneCannotGo() {
        assertThat(ifMpadm("-d", "eth0").status()).isZero();
        assertThat(ipmpstat("-iP", "-o", "interface,state")).contains("eth0:offline\n");
        assertThat(ipmpstat("-gP", "-o", "state,interfaces")).isEqualTo("degraded:eth1 eth2 [eth0]\n");
        assertThat(ipmpstat("-aP", "-o", "address,inbound")).doesNotContain(":eth0");

        CliHarness again = ifMpadm("-d", "eth0");
        assertThat(again.status()).isEqualTo(1);
        assertThat(again.err()).isEqualTo("if_mpadm: fatal: interface eth0 is already offline\n");

        ipmp.world(s -> s.carrierDown("eth2"));
        CliHarness last = ifMpadm("-d", "eth1");
        assertThat(last.status()).isEqualTo(1);
        assertThat(last.err()).isEqualTo(
                "if_mpadm: fatal: cannot offline eth1: no other functioning interfaces are in its IPMP group\n");
        assertThat(ipmpstat("-iP", "-o", "interface,state")).contains("eth1:ok\n");

        CliHarness notOffline = ifMpadm("-r", "eth1");
        assertThat(notOffline.err()).isEqualTo("if_mpadm: fatal: interface eth1 is not offline\n");
        assertThat(ifMpadm("-r", "eth0").status()).isZero();
        assertThat(ipmpstat("-iP", "-o", "interface,state")).doesNotContain("offline");
    }

    @Test
    void anInterfaceOutsideEveryGroupIsRefusedAsSolarisDoes() {
        CliHarness r = ifMpadm("-d", "eth9");
        assertThat(r.status()).isEqualTo(1);
        assertThat(r.err()).isEqualTo(
                "if_mpadm: fatal: cannot offline eth9: not a physical interface or not in an IPMP group\n");
    }
}
