package net.ipmpd.testlab.multicast;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.ipmpd.agent.IpmpDaemon;
import net.ipmpd.testlab.DaemonJvm;
import net.ipmpd.testlab.Lab;
import net.ipmpd.testlab.LabProcess;
import net.ipmpd.testlab.LabSpec;
import net.ipmpd.testlab.junit.RequiresRoot;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Multicast and broadcast failover through nominees, with the real daemon: a sender on the
 * client host, receivers in the ipmpd host that joined on the first member. Each datagram must be
 * received once (no duplicates although the bridge floods every member), and reception must go on
 * across a failover and a failback.
 */
@RequiresRoot
class NomineeLabTest {
    private static Lab lab;
    private static LabProcess daemon;
    private static Path script;
    @TempDir
    static Path dir;

    @BeforeAll
    static void startLabAndDaemon() throws Exception {
        lab = Lab.start(LabSpec.builder()
                .member("m0").member("m1").member("m2")
                .target("t1", "198.18.0.1/24", "2001:2::1/64")
                .client("c", "198.18.0.200/24", "2001:2::200/64")
                .build());
        // flood multicast to every port, as a switch without IGMP snooping does: the worst case for duplicates
        lab.ip(lab.switchNs(), "link", "set", "br0", "type", "bridge", "mcast_snooping", "0");
        script = dir.resolve("mcast.py");
        try (InputStream in = NomineeLabTest.class.getResourceAsStream("/multicast/mcast.py")) {
            Files.copy(in, script);
        }
        Path config = dir.resolve("ipmpd.json");
        Files.writeString(config, """
                { "ipmp:ipmp": { "failure-detection-time": 1000, "group": [ { "name": "ipmp0",
                  "member": [ {"interface": "m0", "ipv4-test-address": {"address": "198.18.0.10", "prefix-length": 24}},
                              {"interface": "m1", "ipv4-test-address": {"address": "198.18.0.11", "prefix-length": 24}},
                              {"interface": "m2", "ipv4-test-address": {"address": "198.18.0.12", "prefix-length": 24}} ],
                  "data-address": [ {"address": "198.18.0.100", "prefix-length": 24, "home-member": "m0"},
                                    {"address": "2001:2::100", "prefix-length": 64, "home-member": "m0"} ],
                  "static-target": ["198.18.0.1"] } ] } }
                """);
        daemon = lab.spawn(lab.hostNs(), DaemonJvm.argv(List.of(), IpmpDaemon.class,
                List.of("-c", config.toString(), "-m", "/dev/null", "-s", dir.resolve("ipmpd.sock").toString())).toArray(String[]::new));
        awaitLog(l -> l.contains("ipmpd running"), Duration.ofSeconds(30));
        awaitLog(l -> l.contains("multicast and broadcast received on nominees"), Duration.ofSeconds(10));
        lab.awaitAddress(lab.hostNs(), "m0", "198.18.0.100", true, Duration.ofSeconds(5));
    }

    private static void awaitLog(java.util.function.Predicate<String> what, Duration timeout) {
        if (daemon.stderr().await(0, what, timeout).isEmpty()) {
            throw new AssertionError("the daemon did not log the expected line; its log:\n"
                    + String.join("\n", daemon.stderr().all()) + "\nstdout:\n" + String.join("\n", daemon.stdout().all()));
        }
    }

    @AfterAll
    static void stop() {
        if (daemon != null) {
            daemon.stop();
        }
        if (lab != null) {
            lab.close();
        }
    }

    /** Received datagrams: seq to how often it came. */
    private static Map<Integer, Integer> counts(LabProcess receiver) {
        Map<Integer, Integer> c = new HashMap<>();
        for (String l : receiver.stdout().all()) {
            String[] f = l.split(" ");
            if (f.length == 2 && f[1].matches("\\d+")) {
                c.merge(Integer.parseInt(f[1]), 1, Integer::sum);
            }
        }
        return c;
    }

    private static int sent(LabProcess sender) {
        String line = sender.awaitLine(l -> l.startsWith("sent "), "its count", Duration.ofSeconds(30));
        return Integer.parseInt(line.substring(5).trim());
    }

    private void runAcrossFailoverAndFailback(String group, int port, String dest) throws Exception {
        LabProcess receiver = lab.spawn(lab.hostNs(), "/usr/bin/python3", script.toString(), "recv", group, String.valueOf(port), "m0", "12");
        receiver.awaitLine(l -> l.equals("ready"), "ready", Duration.ofSeconds(10));
        LabProcess sender = lab.spawn(lab.ns("c"), "/usr/bin/python3", script.toString(), "send", dest, String.valueOf(port), "c", "9");
        Thread.sleep(2_000);
        int before = counts(receiver).size();
        lab.faults().carrierDown("m0");                     // the nominee's cable is pulled
        Thread.sleep(2_500);
        int duringFailure = counts(receiver).size() - before;
        lab.faults().carrierUp("m0");                       // repair: failback after 10 answered probes
        int total = sent(sender);
        receiver.awaitLine(l -> l.equals("done"), "done", Duration.ofSeconds(20));
        Map<Integer, Integer> got = counts(receiver);
        long duplicates = got.values().stream().filter(n -> n > 1).count();
        assertThat(duplicates).as("datagrams received more than once (%s)", dest).isZero();
        assertThat(duringFailure).as("datagrams received while m0 was down (%s)", dest).isGreaterThan(150);
        // a few datagrams may be lost in the moment of the move; nearly all must arrive
        assertThat(got.size()).as("received of %d sent to %s", total, dest).isGreaterThan(total * 9 / 10);
        awaitLog(l -> l.contains("repair detected on m0"), Duration.ofSeconds(10));
    }

    @Test
    void ipv4MulticastIsReceivedOnceAcrossFailoverAndFailback() throws Exception {
        runAcrossFailoverAndFailback("239.1.2.3", 5000, "239.1.2.3");
    }

    @Test
    void broadcastIsReceivedOnceAcrossFailoverAndFailback() throws Exception {
        runAcrossFailoverAndFailback("-", 5001, "198.18.0.255");
    }

    @Test
    void ipv6MulticastIsReceivedOnceAcrossFailoverAndFailback() throws Exception {
        runAcrossFailoverAndFailback("ff0e::1234", 5002, "ff0e::1234");
    }

    @Test
    void ipmpdOwnsOneNftablesTableThatDropsCopiesOnNonNominees() throws IOException, InterruptedException {
        // (with these drop rules removed, the broadcast test above sees every datagram three times)
        var rules = lab.exec(lab.hostNs(), "nft", "list", "table", "inet", "ipmpd_nominees");
        assertThat(rules.exitCode()).isZero();
        assertThat(rules.stdout()).contains("pkttype broadcast drop").contains("pkttype multicast drop");
    }
}
