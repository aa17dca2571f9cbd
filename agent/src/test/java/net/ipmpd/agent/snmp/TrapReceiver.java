package net.ipmpd.agent.snmp;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.function.Predicate;

/** Net-SNMP's snmptrapd on a free loopback port, logging one line per notification to a file. */
final class TrapReceiver implements AutoCloseable {
    final int port;
    private final Process process;
    private final Path log;
    private final Path dir;

    /** @param agentEngineIdHex the agent's engine ID, so snmptrapd accepts its v3 traps (RFC 3414: the sender is authoritative) */
    TrapReceiver(String agentEngineIdHex) throws IOException, InterruptedException {
        port = AgentFixture.freeUdpPort();
        dir = Files.createTempDirectory("ipmpd-snmptrapd");
        log = dir.resolve("traps.log");
        Path conf = dir.resolve("snmptrapd.conf");
        String user = AgentFixture.TRAP_USER + " SHA-256 " + AgentFixture.AUTH_PASS + " AES " + AgentFixture.PRIV_PASS;
        Files.writeString(conf, String.join("\n",
                "authCommunity log " + AgentFixture.COMMUNITY,
                "createUser -e 0x" + agentEngineIdHex + " " + user,
                "createUser " + user,
                "authUser log " + AgentFixture.TRAP_USER + " priv", ""));
        ProcessBuilder pb = new ProcessBuilder("stdbuf", "-oL", "snmptrapd", "-f", "-Lo", "-C", "-c", conf.toString(),
                "-m", "+IPMP-MIB", "-M", Cli.MIB_PATH, "-F", "%P|%v\n", "udp:127.0.0.1:" + port)
                .redirectOutput(log.toFile()).redirectError(dir.resolve("stderr.log").toFile());
        pb.environment().put("SNMP_PERSISTENT_DIR", dir.resolve("persist").toString());
        pb.environment().put("SNMPCONFPATH", dir.toString());
        process = pb.start();
        long deadline = System.currentTimeMillis() + 10_000;
        while (!Files.readString(log).contains("NET-SNMP version")) {
            if (System.currentTimeMillis() > deadline || !process.isAlive()) {
                throw new IllegalStateException("snmptrapd did not start: " + Files.readString(dir.resolve("stderr.log")));
            }
            Thread.sleep(50);
        }
    }

    List<String> lines() throws IOException {
        return Arrays.stream(Files.readString(log).split("\n")).filter(l -> l.contains("|")).toList();
    }

    /** Waits until {@code count} lines match, or the time is up; returns the matching lines. */
    List<String> await(Predicate<String> match, int count, long timeoutMs) throws Exception {
        long deadline = System.currentTimeMillis() + timeoutMs;
        while (true) {
            List<String> found = lines().stream().filter(match).toList();
            if (found.size() >= count || System.currentTimeMillis() > deadline) {
                return found;
            }
            Thread.sleep(20);
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Cli.deleteTree(dir);
    }
}
