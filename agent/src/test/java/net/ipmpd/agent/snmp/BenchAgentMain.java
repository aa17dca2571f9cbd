package net.ipmpd.agent.snmp;

import net.ipmpd.testkit.FakeIpmpService;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import net.ipmpd.agent.snmp.SnmpSettings.Community;
import net.ipmpd.agent.snmp.SnmpSettings.Network;
import net.ipmpd.agent.snmp.SnmpSettings.TrapTarget;
import net.ipmpd.engine.notify.Cause;
import net.ipmpd.engine.notify.Notification;

/**
 * The agent side of {@link SnmpBenchmark}, alone in its JVM so its RSS is the agent's own: the
 * SNMP agent over a fake engine, driven by commands on stdin ("rows N", "trap NAME", "rss",
 * "quit"), answering on stdout. "trap" prints the engine event's System.nanoTime (CLOCK_MONOTONIC,
 * shared by the processes of one host) just before the event is emitted.
 *
 * <p>Arguments: AGENT_PORT TRAP_PORT STATE_DIR
 */
public final class BenchAgentMain {
    private BenchAgentMain() {
    }

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        int trapPort = Integer.parseInt(args[1]);
        InetAddress lo = InetAddress.getLoopbackAddress();
        FakeIpmpService ipmp = new FakeIpmpService(Snapshots.bigGroup(1000));
        SnmpSettings settings = new SnmpSettings(lo, port, Path.of(args[2]), "bench", "", "", List.of(),
                List.of(new Community("public", List.of(new Network(lo, 8)))),
                List.of(new TrapTarget(lo, trapPort, "public", null, false, 0, 1000)));
        long t0 = System.nanoTime();
        try (SnmpAgentService agent = new SnmpAgentService(settings, ipmp)) {
            agent.start();
            System.out.printf("started %d%n", (System.nanoTime() - t0) / 1_000_000);
            System.out.flush();
            BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            String line;
            while ((line = in.readLine()) != null) {
                String[] w = line.split(" ");
                switch (w[0]) {
                    case "rows" -> {
                        ipmp.setSnapshot(Snapshots.bigGroup(Integer.parseInt(w[1])));
                        System.out.println("ok");
                    }
                    case "trap" -> {
                        long t = System.nanoTime();
                        System.out.println("sent " + w[1] + " " + t);
                        ipmp.emit(new Notification.InterfaceFailed(ipmp.nowNanos(), "big", w[1], Cause.PROBES_LOST));
                    }
                    case "rss" -> {
                        for (String l : Files.readAllLines(Path.of("/proc/self/status"))) {
                            if (l.startsWith("VmRSS:")) {
                                System.out.println("rss " + l.replaceAll("[^0-9]", ""));
                            }
                        }
                    }
                    case "quit" -> {
                        return;
                    }
                    default -> System.out.println("unknown command " + w[0]);
                }
                System.out.flush();
            }
        }
    }
}
