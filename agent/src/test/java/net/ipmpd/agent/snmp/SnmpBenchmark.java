package net.ipmpd.agent.snmp;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Not a test: Debian's snmpd and ipmpd's agent side by side on loopback, in one run.
 * GET rate on one scalar (sysDescr.0, C load generator, 8 in flight), snmpbulkwalk of a whole
 * table of 14 columns x 1,000 and 10,000 rows (ipmpd: ipmpMemberTable of a simulated group of that
 * size; snmpd: 14 extend outputs of that many lines, served from its extend cache), event-to-snmptrapd trap latency, and this JVM's RSS (run it with -Xmx64m).
 * Run through mib/bench/run-benchmark.sh.
 *
 * <p>Arguments: LOADGEN_BINARY [SECONDS_PER_GET_RUN] [RUNS] [TRAPS]
 *
 * <p>Or, against the running daemon (mib/bench/run-daemon-benchmark.sh, which starts ipmpd with
 * 1,000 configured members in a network namespace of its own and runs this harness there):
 * {@code --daemon PORT PID LOADGEN_BINARY [SECONDS_PER_GET_RUN] [RUNS]}: GETs and 1,000-row walks
 * alternated with snmpd, the daemon's CPU and RSS from /proc; no trap latency (that needs the
 * simulated engine).
 */
public final class SnmpBenchmark {
    private static final String SYS_DESCR = ".1.3.6.1.2.1.1.1.0";
    /** ipmpMemberEntry: 14 readable columns. */
    private static final String MEMBER_ENTRY = ".1.3.6.1.4.1.32473.1.1.3.1";
    private static final int COLUMNS = 14;
    /** NET-SNMP-EXTEND-MIB nsExtendOutLine for the 3-letter names "k1?" (1,000 rows) and "kx?" (10,000 rows). */
    private static final String EXTEND_K1 = ".1.3.6.1.4.1.8072.1.3.2.4.1.2.3.107.49";
    private static final String EXTEND_KX = ".1.3.6.1.4.1.8072.1.3.2.4.1.2.3.107.120";

    /** Agent CPU (user + system, ms) per measured operation, by label: load-independent figures. */
    private static final Map<String, List<Double>> CPU = new ConcurrentHashMap<>();
    private static long snmpdPid;
    private static long agentPid;

    private SnmpBenchmark() {
    }

    /** utime + stime of a process in milliseconds (/proc/PID/stat fields 14 and 15, USER_HZ 100). */
    private static double cpuMs(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return (Long.parseLong(f[11]) + Long.parseLong(f[12])) * 10.0;
    }

    private static void recordCpu(String label, double ms) {
        CPU.computeIfAbsent(label, k -> new ArrayList<>()).add(ms);
    }

    public static void main(String[] args) throws Exception {
        if (args[0].equals("--daemon")) {
            daemon(Integer.parseInt(args[1]), Long.parseLong(args[2]), java.util.Arrays.copyOfRange(args, 3, args.length));
            return;
        }
        String loadgen = args[0];
        double getSeconds = args.length > 1 ? Double.parseDouble(args[1]) : 4;
        int runs = args.length > 2 ? Integer.parseInt(args[2]) : 5;
        int traps = args.length > 3 ? Integer.parseInt(args[3]) : 200;
        Path dir = Files.createTempDirectory("ipmpd-bench");

        snmpdPort = AgentFixture.freeUdpPort();
        Process snmpd = startSnmpd(dir, snmpdPort);
        snmpdPid = snmpd.pid();
        int trapPort = AgentFixture.freeUdpPort();
        Map<String, Long> trapArrivals = new ConcurrentHashMap<>();
        Process trapd = startTrapd(dir, trapPort, trapArrivals);
        int agentPort = AgentFixture.freeUdpPort();
        BenchAgent agent = new BenchAgent(agentPort, trapPort, dir.resolve("state"));
        agentPid = agent.process.pid();
        try {
            waitForSnmpd(snmpdPort);
            System.out.printf(Locale.ROOT, "load average at start: %s%n", Files.readString(Path.of("/proc/loadavg")).trim());
            // Warm-up: the JIT and snmpd's extend cache.
            for (int i = 0; i < 3; i++) {
                get(loadgen, snmpdPort, 2, 8);
                get(loadgen, agentPort, 2, 8);
                walk(snmpdPort, EXTEND_K1);
                walk(agentPort, MEMBER_ENTRY);
            }
            List<Double> getSnmpd = new ArrayList<>();
            List<Double> getIpmpd = new ArrayList<>();
            for (int r = 0; r < runs; r++) {
                boolean snmpdFirst = r % 2 == 0;   // interleaved, order reversed every run
                if (snmpdFirst) {
                    getSnmpd.add(get(loadgen, snmpdPort, getSeconds, 8));
                }
                getIpmpd.add(get(loadgen, agentPort, getSeconds, 8));
                if (!snmpdFirst) {
                    getSnmpd.add(get(loadgen, snmpdPort, getSeconds, 8));
                }
            }
            double[] walk1k = walks(runs, snmpdPort, EXTEND_K1, agentPort, 1000);
            agent.command("rows 10000");
            walk(agentPort, MEMBER_ENTRY);   // first walk over the new snapshot builds its index
            double[] walk10k = walks(runs, snmpdPort, EXTEND_KX, agentPort, 10_000);
            trapLatencies(agent, 50, trapArrivals, "warm-");   // the trap path is cold until the JIT has seen it
            List<Double> latencies = trapLatencies(agent, traps, trapArrivals, "bench-");
            long rssKb = Long.parseLong(agent.command("rss").substring(4));

            System.out.printf(Locale.ROOT, "GET runs, req/s: snmpd %s, ipmpd %s%n", rounded(getSnmpd), rounded(getIpmpd));
            double gs = median(getSnmpd);
            double gi = median(getIpmpd);
            System.out.println();
            System.out.println("| measure | snmpd | ipmpd | ratio ipmpd/snmpd | goal |");
            System.out.println("|---|---|---|---|---|");
            System.out.printf(Locale.ROOT, "| GET sysDescr.0, 8 in flight, req/s (median of %d x %.0f s) | %.0f | %.0f | %.2f | >= 1.5 %s |%n",
                    runs, getSeconds, gs, gi, gi / gs, gi / gs >= 1.5 ? "met" : "NOT met");
            System.out.printf(Locale.ROOT, "| snmpbulkwalk 14 x 1,000 rows, ms (median of %d) | %.0f | %.0f | %.2f | |%n",
                    runs, walk1k[0], walk1k[1], walk1k[1] / walk1k[0]);
            System.out.printf(Locale.ROOT, "| snmpbulkwalk 14 x 10,000 rows, ms (median of %d) | %.0f | %.0f | %.2f | <= 0.9 %s |%n",
                    runs, walk10k[0], walk10k[1], walk10k[1] / walk10k[0], walk10k[1] / walk10k[0] <= 0.9 ? "met" : "NOT met");
            Collections.sort(latencies);
            double p99 = percentile(latencies, 99);
            System.out.printf(Locale.ROOT, "| trap latency event -> snmptrapd, ms (%d traps) | | p50 %.2f, p90 %.2f, p99 %.2f, max %.2f | | p99 < 5 ms %s |%n",
                    latencies.size(), percentile(latencies, 50), percentile(latencies, 90), p99,
                    latencies.get(latencies.size() - 1), p99 < 5 ? "met" : "NOT met");
            System.out.printf(Locale.ROOT, "| RSS after the 10,000-row walks, MB | %d | %d | | ipmpd <= 128 %s |%n",
                    rssKbOf(snmpd.pid()) / 1024, rssKb / 1024, rssKb / 1024 <= 128 ? "met" : "NOT met");
            for (String what : new String[] {"GET", "walk " + COLUMNS * 1000, "walk " + COLUMNS * 10_000}) {
                double cs = median(CPU.get("snmpd " + what));
                double ci = median(CPU.get("ipmpd " + what));
                System.out.printf(Locale.ROOT, "| agent CPU per %s, %s (median) | %.1f | %.1f | %.2f | |%n", what,
                        what.equals("GET") ? "us" : "ms", cs, ci, ci / cs);
            }
            System.out.printf(Locale.ROOT, "load average at end: %s; agent JVM options: %s%n",
                    Files.readString(Path.of("/proc/loadavg")).trim(), agent.jvmOptions);
        } finally {
            agent.close();
            snmpd.destroy();
            trapd.destroy();
            snmpd.waitFor(5, TimeUnit.SECONDS);
            trapd.waitFor(5, TimeUnit.SECONDS);
            Cli.deleteTree(dir);
        }
    }

    /** The running daemon (its agent on 127.0.0.1:PORT, ipmpMemberTable of 1,000 members) against snmpd. */
    private static void daemon(int port, long pid, String[] args) throws Exception {
        String loadgen = args[0];
        double getSeconds = args.length > 1 ? Double.parseDouble(args[1]) : 4;
        int runs = args.length > 2 ? Integer.parseInt(args[2]) : 5;
        Path dir = Files.createTempDirectory("ipmpd-bench");
        snmpdPort = AgentFixture.freeUdpPort();
        Process snmpd = startSnmpd(dir, snmpdPort);
        snmpdPid = snmpd.pid();
        agentPid = pid;
        try {
            waitForSnmpd(snmpdPort);
            System.out.printf(Locale.ROOT, "load average at start: %s%n", Files.readString(Path.of("/proc/loadavg")).trim());
            long rssStart = rssKbOf(pid);
            for (int i = 0; i < 3; i++) {
                get(loadgen, snmpdPort, 2, 8);
                get(loadgen, port, 2, 8);
                walk(snmpdPort, EXTEND_K1);
                walk(port, MEMBER_ENTRY);
            }
            List<Double> getSnmpd = new ArrayList<>();
            List<Double> getIpmpd = new ArrayList<>();
            for (int r = 0; r < runs; r++) {
                if (r % 2 == 0) {
                    getSnmpd.add(get(loadgen, snmpdPort, getSeconds, 8));
                }
                getIpmpd.add(get(loadgen, port, getSeconds, 8));
                if (r % 2 != 0) {
                    getSnmpd.add(get(loadgen, snmpdPort, getSeconds, 8));
                }
            }
            double[] walk1k = walks(runs, snmpdPort, EXTEND_K1, port, 1000);
            System.out.printf(Locale.ROOT, "GET runs, req/s: snmpd %s, ipmpd %s%n", rounded(getSnmpd), rounded(getIpmpd));
            System.out.println();
            System.out.println("| measure (ipmpd: the running daemon) | snmpd | ipmpd | ratio ipmpd/snmpd |");
            System.out.println("|---|---|---|---|");
            System.out.printf(Locale.ROOT, "| GET sysDescr.0, 8 in flight, req/s (median of %d x %.0f s) | %.0f | %.0f | %.2f |%n",
                    runs, getSeconds, median(getSnmpd), median(getIpmpd), median(getIpmpd) / median(getSnmpd));
            System.out.printf(Locale.ROOT, "| snmpbulkwalk 14 x 1,000 rows, ms (median of %d) | %.0f | %.0f | %.2f |%n",
                    runs, walk1k[0], walk1k[1], walk1k[1] / walk1k[0]);
            for (String what : new String[] {"GET", "walk " + COLUMNS * 1000}) {
                double cs = median(CPU.get("snmpd " + what));
                double ci = median(CPU.get("ipmpd " + what));
                System.out.printf(Locale.ROOT, "| agent CPU per %s, %s (median) | %.1f | %.1f | %.2f |%n", what,
                        what.equals("GET") ? "us" : "ms", cs, ci, ci / cs);
            }
            System.out.printf(Locale.ROOT, "| RSS, MiB (ipmpd at start of the runs / at end) | %d | %d / %d | |%n",
                    rssKbOf(snmpd.pid()) / 1024, rssStart / 1024, rssKbOf(pid) / 1024);
            System.out.printf(Locale.ROOT, "load average at end: %s%n", Files.readString(Path.of("/proc/loadavg")).trim());
        } finally {
            snmpd.destroy();
            snmpd.waitFor(5, TimeUnit.SECONDS);
            Cli.deleteTree(dir);
        }
    }

    private static Process startSnmpd(Path dir, int port) throws IOException {
        StringBuilder conf = new StringBuilder("rocommunity public 127.0.0.1\n");
        for (String size : new String[] {"1", "x"}) {
            int rows = size.equals("1") ? 1000 : 10_000;
            for (char col = 'a'; col < 'a' + COLUMNS; col++) {
                Path file = dir.resolve("k" + size + col + ".txt");
                StringBuilder lines = new StringBuilder();
                for (int i = 0; i < rows; i++) {
                    lines.append(switch (col) {
                        case 'a' -> "m" + i;
                        case 'b' -> "big";
                        case 'c' -> (i % 7 == 3) ? "2" : "1";
                        case 'd' -> "0";
                        default -> Integer.toString(100 + i % 900);
                    }).append('\n');
                }
                Files.writeString(file, lines);
                conf.append("extend k").append(size).append(col).append(" /bin/cat ").append(file).append('\n');
            }
        }
        Path confFile = dir.resolve("snmpd.conf");
        Files.writeString(confFile, conf);
        ProcessBuilder pb = new ProcessBuilder("snmpd", "-f", "-Lf", dir.resolve("snmpd.log").toString(), "-C", "-c",
                confFile.toString(), "-m", "", "udp:127.0.0.1:" + port);
        pb.environment().put("SNMP_PERSISTENT_DIR", dir.resolve("snmpd-persist").toString());
        return pb.redirectErrorStream(true).redirectOutput(dir.resolve("snmpd.out").toFile()).start();
    }

    private static void waitForSnmpd(int port) throws Exception {
        for (int i = 0; i < 50; i++) {
            var r = Cli.run(10_000, "snmpget", "-v2c", "-c", "public", "-m", "", "-On", "-t", "1", "-r", "0",
                    "udp:127.0.0.1:" + port, SYS_DESCR);
            if (r.out().contains("STRING")) {
                return;
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("snmpd did not start");
    }

    private static Process startTrapd(Path dir, int port, Map<String, Long> arrivals) throws IOException {
        Path conf = dir.resolve("snmptrapd.conf");
        Files.writeString(conf, "authCommunity log public\n");
        ProcessBuilder pb = new ProcessBuilder("stdbuf", "-oL", "snmptrapd", "-f", "-Lo", "-C", "-c", conf.toString(),
                "-m", "", "-On", "-F", "%v\n", "udp:127.0.0.1:" + port);
        pb.environment().put("SNMP_PERSISTENT_DIR", dir.resolve("trapd-persist").toString());
        pb.redirectError(dir.resolve("snmptrapd.err").toFile());
        Process p = pb.start();
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                    long at = System.nanoTime();
                    int i = line.indexOf("\"bench-");
                    if (i < 0) {
                        i = line.indexOf("\"warm-");
                    }
                    if (i >= 0) {
                        arrivals.put(line.substring(i + 1, line.indexOf('"', i + 1)), at);
                    }
                }
            } catch (IOException e) {
                // snmptrapd stopped
            }
        }, "snmptrapd-reader");
        reader.setDaemon(true);
        reader.start();
        return p;
    }

    /** Each trap names a distinct member, so the per-member rate limit never delays one. */
    private static List<Double> trapLatencies(BenchAgent agent, int count, Map<String, Long> arrivals, String prefix)
            throws Exception {
        Map<String, Long> sent = new ConcurrentHashMap<>();
        for (int i = 0; i < count; i++) {
            String member = prefix + i;
            String[] answer = agent.command("trap " + member).split(" ");
            sent.put(member, Long.parseLong(answer[2]));
            Thread.sleep(50);
        }
        Thread.sleep(1000);
        List<Double> ms = new ArrayList<>();
        for (var e : sent.entrySet()) {
            Long at = arrivals.get(e.getKey());
            if (at != null) {
                ms.add((at - e.getValue()) / 1e6);
            }
        }
        if (ms.size() < count) {
            System.out.printf("warning: %d of %d traps did not arrive%n", count - ms.size(), count);
        }
        return ms;
    }

    private static double get(String loadgen, int port, double seconds, int window) throws Exception {
        long pid = pidOf(port);
        double cpu0 = cpuMs(pid);
        var r = Cli.run(List.of(loadgen, "127.0.0.1", Integer.toString(port), "public", SYS_DESCR,
                Double.toString(seconds), Integer.toString(window)), (long) (seconds * 1000) + 10_000);
        if (r.exit() != 0 || !r.out().contains("rate=")) {
            throw new IllegalStateException("load generator failed: " + r.all());
        }
        double cpu = cpuMs(pid) - cpu0;
        long requests = Long.parseLong(r.out().replaceAll(".*requests=(\\d+).*\\s*", "$1").trim());
        recordCpu((pid == snmpdPid ? "snmpd" : "ipmpd") + " GET", cpu * 1000 / Math.max(1, requests));
        return Double.parseDouble(r.out().substring(r.out().indexOf("rate=") + 5).trim());
    }

    /** Medians of interleaved walks: {snmpd ms, ipmpd ms}. */
    private static double[] walks(int runs, int snmpdPort, String snmpdRoot, int agentPort, int rows) throws Exception {
        List<Double> s = new ArrayList<>();
        List<Double> a = new ArrayList<>();
        for (int r = 0; r < runs; r++) {
            if (r % 2 == 0) {
                s.add(walk(snmpdPort, snmpdRoot, COLUMNS * rows));
            }
            a.add(walk(agentPort, MEMBER_ENTRY, COLUMNS * rows));
            if (r % 2 != 0) {
                s.add(walk(snmpdPort, snmpdRoot, COLUMNS * rows));
            }
        }
        System.out.printf(Locale.ROOT, "walk runs of %d rows, ms: snmpd %s, ipmpd %s%n", rows, rounded(s), rounded(a));
        return new double[] {median(s), median(a)};
    }

    private static double walk(int port, String root) throws Exception {
        return walk(port, root, -1);
    }

    /** Wall time of one snmpbulkwalk (default max-repetitions 10), checking the number of varbinds. */
    private static double walk(int port, String root, int expected) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("snmpbulkwalk", "-v2c", "-c", "public", "-m", "", "-On", "-t", "5",
                "-r", "0"));
        cmd.add("udp:127.0.0.1:" + port);
        cmd.add(root);
        long pid = pidOf(port);
        double cpu0 = cpuMs(pid);
        long t = System.nanoTime();
        var r = Cli.run(cmd, 60_000);
        double ms = (System.nanoTime() - t) / 1e6;
        if (expected > 0) {
            recordCpu((pid == snmpdPid ? "snmpd" : "ipmpd") + " walk " + expected, cpuMs(pid) - cpu0);
        }
        long lines = r.out().lines().count();
        if (expected > 0 && lines != expected) {
            throw new IllegalStateException("walk of " + root + " on port " + port + " returned " + lines
                    + " varbinds, expected " + expected + ": " + r.err());
        }
        return ms;
    }

    private static int snmpdPort;

    private static long pidOf(int port) {
        return port == snmpdPort ? snmpdPid : agentPid;
    }

    private static List<Long> rounded(List<Double> values) {
        return values.stream().map(Math::round).toList();
    }

    private static double median(List<Double> values) {
        List<Double> v = new ArrayList<>(values);
        Collections.sort(v);
        int n = v.size();
        return n % 2 == 1 ? v.get(n / 2) : (v.get(n / 2 - 1) + v.get(n / 2)) / 2;
    }

    private static double percentile(List<Double> sorted, int p) {
        int i = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, i)));
    }

    /** The agent in a JVM of its own (options from IPMPD_AGENT_JVM_OPTS, default -Xmx64m -XX:+UseSerialGC). */
    private static final class BenchAgent {
        final String jvmOptions;
        final Process process;
        private final BufferedReader out;
        private final java.io.PrintWriter in;

        BenchAgent(int port, int trapPort, Path state) throws IOException {
            jvmOptions = System.getenv().getOrDefault("IPMPD_AGENT_JVM_OPTS", "-Xmx64m -XX:+UseSerialGC");
            List<String> cmd = new ArrayList<>();
            cmd.add(ProcessHandle.current().info().command().orElse("java"));
            cmd.addAll(List.of(jvmOptions.trim().split("\\s+")));
            cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), BenchAgentMain.class.getName(),
                    Integer.toString(port), Integer.toString(trapPort), state.toString()));
            process = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
            out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            in = new java.io.PrintWriter(process.getOutputStream(), true, StandardCharsets.UTF_8);
            String started = out.readLine();
            if (started == null || !started.startsWith("started")) {
                throw new IllegalStateException("the agent JVM did not start: " + started);
            }
            System.out.printf("ipmpd agent JVM (pid %d) started, agent ready in %s ms%n", process.pid(),
                    started.substring(8));
        }

        String command(String c) throws IOException {
            in.println(c);
            String answer = out.readLine();
            if (answer == null) {
                throw new IllegalStateException("the agent JVM stopped");
            }
            return answer;
        }

        void close() throws InterruptedException {
            in.println("quit");
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroy();
            }
        }
    }

    private static long rssKbOf(long pid) throws IOException {
        for (String l : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            if (l.startsWith("VmRSS:")) {
                return Long.parseLong(l.replaceAll("[^0-9]", ""));
            }
        }
        return -1;
    }

}
