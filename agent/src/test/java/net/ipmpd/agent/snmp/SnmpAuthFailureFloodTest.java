package net.ipmpd.agent.snmp;

import net.ipmpd.testkit.FakeIpmpService;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import net.ipmpd.agent.snmp.SnmpSettings.TrapTarget;
import org.junit.jupiter.api.Test;

/**
 * Issue 13 item 1: wrong credentials cost an attacker nothing and the agent no freeze. With an inform
 * target configured, each wrong community or wrong v3 key makes snmp4j-agent send an
 * authenticationFailure notification; sent on the request thread, the inform waited there for an
 * acknowledgement that same thread had to read, and the agent answered nothing for seconds. Here
 * every good GET interleaved with the wrong ones must be answered within one try of one second.
 */
class SnmpAuthFailureFloodTest {
    static final int WRONG_COMMUNITIES = 30;
    static final int WRONG_KEYS = 10;

    @Test
    void goodGetsInterleavedWithWrongCredentialsAreAnsweredAtTheFirstTryAndAuthTrapsAreRateLimited() throws Exception {
        Path state = Files.createTempDirectory("ipmpd-snmp-state");
        String engineId = EngineState.open(state).engineId().toHexString().replace(":", "");
        InetAddress lo = InetAddress.getLoopbackAddress();
        try (TrapReceiver receiver = new TrapReceiver(engineId);
             AgentFixture f = new AgentFixture(new FakeIpmpService(Snapshots.ipmp0()), state, List.of(
                     new TrapTarget(lo, receiver.port, null, AgentFixture.TRAP_USER, true, 2, 1000),
                     new TrapTarget(lo, receiver.port, AgentFixture.COMMUNITY, null, false, 0, 1000)),
                     List.of(), 4, Duration.ofSeconds(2))) {
            receiver.await(l -> l.contains("coldStart"), 2, 5000);
            List<String> good = goodGet(f);
            List<String> wrongCommunity = fast(f.v2c("snmpget", "not-the-community"));
            List<String> wrongKey = fast(Cli.concat(f.base("snmpget"), "-v3", "-l", "authPriv", "-u",
                    AgentFixture.READER, "-a", "SHA-256", "-A", "wrong-auth-key", "-x", "AES", "-X",
                    AgentFixture.PRIV_PASS, f.target()));
            List<Long> latencies = new ArrayList<>();
            long floodStart = System.nanoTime();
            for (int i = 0; i < WRONG_COMMUNITIES + WRONG_KEYS; i++) {
                Cli.run(Cli.concat(i < WRONG_COMMUNITIES ? wrongCommunity : wrongKey, "SNMPv2-MIB::sysName.0"),
                        20_000);
                long t0 = System.nanoTime();
                Cli.Result r = Cli.run(good, 20_000);
                latencies.add((System.nanoTime() - t0) / 1_000_000);
                assertThat(r.out()).as("good GET %d after a wrong credential: %s", i, r.err())
                        .contains("SNMPv2-MIB::sysName.0 = STRING: lab-host");
            }
            long floodSeconds = (System.nanoTime() - floodStart) / 1_000_000_000 + 1;
            System.out.printf("good GETs (snmpget process wall time, ms) interleaved with %d wrong communities "
                    + "and %d wrong keys: %s%n", WRONG_COMMUNITIES, WRONG_KEYS, latencies);
            // One authenticationFailure a second at most, whatever the flood: per target, so twice that.
            List<String> authTraps = receiver.await(l -> l.contains("authenticationFailure"), 2, 5000);
            Thread.sleep(1500);
            authTraps = receiver.lines().stream().filter(l -> l.contains("authenticationFailure")).toList();
            assertThat(authTraps).as("authenticationFailure notifications over %d s", floodSeconds)
                    .isNotEmpty().hasSizeLessThanOrEqualTo((int) (2 * (floodSeconds + 1)));
        }
    }

    /** A GET with the good community: one try, the Net-SNMP default timeout of one second. */
    private static List<String> goodGet(AgentFixture f) {
        List<String> c = new ArrayList<>(List.of("snmpget", "-m", "+IPMP-MIB", "-M", Cli.MIB_PATH, "-t", "1", "-r",
                "0", "-v2c", "-c", AgentFixture.COMMUNITY, f.target(), "SNMPv2-MIB::sysName.0"));
        return c;
    }

    /** A request nobody waits long for: the attacker does not care about the answer. */
    private static List<String> fast(List<String> command) {
        List<String> c = new ArrayList<>(command);
        int t = c.indexOf("-t");
        c.set(t + 1, "0.05");
        c.set(c.indexOf("-r") + 1, "0");
        return c;
    }
}
