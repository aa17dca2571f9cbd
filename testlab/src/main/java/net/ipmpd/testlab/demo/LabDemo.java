package net.ipmpd.testlab.demo;

import net.ipmpd.testlab.IfAddress;
import net.ipmpd.testlab.Lab;
import net.ipmpd.testlab.LabProcess;
import net.ipmpd.testlab.LabSpec;
import net.ipmpd.testlab.Neighbour;
import net.ipmpd.testlab.flow.FlowOptions;
import net.ipmpd.testlab.flow.FlowReport;
import net.ipmpd.testlab.flow.TcpFlows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The README's main command (scripts/demo.sh): ipmpd's story told in a network-namespace lab, as it happens.
 *
 * <p>A host with three members (m0, m1, and m2 as standby) on one switch with two probe targets and a client; the
 * real daemon (bin/ipmpd) runs in the host's namespace with the data addresses 198.18.0.100 (home m0) and
 * 2001:2::100 (home m1). The demo holds TCP connections from the client to 198.18.0.100 and then: pulls m0's cable
 * (carrier loss: link-state failover, the gratuitous ARP re-points the client), repairs it (failback), makes m0's
 * switch port stop forwarding with its carrier up (only the probes can see that: detection time versus the failure
 * detection time), and takes m1 offline and back with if_mpadm. ipmpstat shows the state at each stage; the
 * daemon's log is echoed as "ipmpd | ..." the moment it is written. Everything is removed at the end, also on
 * failure or Ctrl-C (the lab's close and its shutdown hook).
 *
 * <p>Run: {@code scripts/demo.sh} (as root; builds first), or after a build
 * {@code java -Dipmpd.home=. -cp testlab/target/classes:$(cat testlab/target/classpath.txt)
 * net.ipmpd.testlab.demo.LabDemo}.
 */
public final class LabDemo {
    static final String GROUP = "ipmp0";
    static final String DATA4 = "198.18.0.100";
    static final String DATA6 = "2001:2::100";
    /** A short failure detection time so that the probe-based stage takes seconds (in.mpathd's default is 10 s). */
    static final int FDT_MS = 1000;
    static final Duration EVENT_TIMEOUT = Duration.ofSeconds(15);

    private final DemoOutput out;
    private final Path home;
    /** What did not go as the story says; any makes the demo exit 1 (the demo doubles as a smoke test). */
    private final List<String> problems = new java.util.ArrayList<>();

    private LabDemo(DemoOutput out, Path home) {
        this.out = out;
        this.home = home;
    }

    public static void main(String[] args) {
        if (!isRoot()) {
            System.err.println("ipmpd demo: the demo builds network namespaces: run it as root (sudo scripts/demo.sh)");
            System.exit(1);
        }
        Path home = Path.of(System.getProperty("ipmpd.home", ".")).toAbsolutePath().normalize();
        // the lab library logs every step at info; the demo tells the story itself
        org.apache.logging.log4j.core.config.Configurator.setRootLevel(org.apache.logging.log4j.Level.WARN);
        DemoOutput out = new DemoOutput(System.out);
        java.util.concurrent.atomic.AtomicBoolean interrupted = new java.util.concurrent.atomic.AtomicBoolean();
        java.util.concurrent.atomic.AtomicBoolean finished = new java.util.concurrent.atomic.AtomicBoolean();
        // Ctrl-C or SIGTERM: the lab's own shutdown hook stops the daemon and deletes the namespaces
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            if (finished.get()) {
                return;
            }
            interrupted.set(true);
            out.say("interrupted: the lab stops its processes and deletes its namespaces");
        }, "demo-interrupted"));
        try {
            boolean ok = new LabDemo(out, home).run();
            finished.set(true);
            System.exit(ok ? 0 : 1);
        } catch (Exception e) {
            if (!interrupted.get()) {
                String m = String.valueOf(e.getMessage());
                out.say("DEMO FAILED: " + e.getClass().getSimpleName() + ": "
                        + (m.length() > 600 ? m.substring(0, 600) + "..." : m));
            }
            finished.set(true);
            System.exit(1);
        }
    }

    static boolean isRoot() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("Uid:")) {
                    return line.split("\\s+")[2].equals("0");   // effective uid
                }
            }
        } catch (IOException e) {
            return false;
        }
        return false;
    }

    static LabSpec spec() {
        return LabSpec.builder()
                .member("m0").member("m1").member("m2")
                .target("t1", "198.18.0.1/24", "2001:2::1/64")
                .target("t2", "198.18.0.2/24", "2001:2::2/64")
                .client("c", "198.18.0.200/24", "2001:2::200/64")
                .build();
    }

    static DaemonConfig config() {
        return new DaemonConfig(FDT_MS, true, true).group(new DaemonConfig.Group(GROUP,
                List.of(new DaemonConfig.Member("m0", false, "198.18.0.10/24"),
                        new DaemonConfig.Member("m1", false, "198.18.0.11/24"),
                        new DaemonConfig.Member("m2", true, "198.18.0.12/24")),
                List.of(new DaemonConfig.DataAddress(DATA4 + "/24", "m0"),
                        new DaemonConfig.DataAddress(DATA6 + "/64", "m1")),
                List.of("198.18.0.1", "198.18.0.2")));
    }

    private void problem(String what) {
        problems.add(what);
        out.say("PROBLEM: " + what);
    }

    private void expect(java.util.Optional<?> seen, String what) {
        if (seen.isEmpty()) {
            problem("the daemon did not log " + what + " within " + EVENT_TIMEOUT.toSeconds() + " s");
        }
    }

    private boolean run() throws Exception {
        Path work = Files.createTempDirectory("ipmpd-demo-");
        Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteTree(work), "demo-cleanup"));
        IpmpTools tools = new IpmpTools(home, work.resolve("ipmpd.sock"));
        String runId;
        out.section("Build the lab");
        out.say("""
                network namespaces, one per host, joined by a Linux bridge as the switch:
                  ipmpd host [m0 m1 m2(standby)] --- switch br0 --- t1 198.18.0.1   (probe target)
                                                                --- t2 198.18.0.2   (probe target)
                                                                --- c  198.18.0.200 (client)""");
        try (Lab lab = Lab.start(spec())) {
            runId = lab.runId();
            out.say("lab " + runId + " is up: " + String.join(" ", lab.namespaces()));
            Path cfg = config().write(work.resolve("ipmpd.json"));
            out.say("ipmpd's configuration " + cfg + " (group " + GROUP + ", failure detection time " + FDT_MS
                    + " ms, failback on):");
            out.block("cat " + cfg.getFileName(), List.of(config().toJson().stripTrailing().split("\n")));
            new Story(lab, tools, cfg).tell();
            out.section("Clean up");
            out.say("stopping the lab: every process it started, then its namespaces");
        } finally {
            deleteTree(work);
        }
        List<String> left = leftoverNamespaces(runId);
        if (left.isEmpty()) {
            out.say("all namespaces of lab " + runId + " are gone (ip netns list)");
        } else {
            problem("namespaces left behind: " + left);
        }
        if (problems.isEmpty()) {
            out.say("demo complete: everything happened as told");
            return true;
        }
        out.say("demo complete with " + problems.size() + " problem(s):");
        problems.forEach(p -> out.say("  - " + p));
        return false;
    }

    /** The stages of the demo, in order, against one lab and one daemon. */
    private final class Story {
        private final Lab lab;
        private final IpmpTools tools;
        private final Path cfg;
        private DaemonLog log;

        Story(Lab lab, IpmpTools tools, Path cfg) {
            this.lab = lab;
            this.tools = tools;
            this.cfg = cfg;
        }

        void tell() throws Exception {
            out.section("Start ipmpd in the host's namespace");
            out.say("ip netns exec " + lab.hostNs() + " bin/ipmpd -c " + cfg + " -m /dev/null -s " + tools.socket());
            LabProcess daemon = lab.spawn(lab.hostNs(), tools.daemonLauncher(), "-c", cfg.toString(), "-m", "/dev/null",
                    "-s", tools.socket().toString(), "-l", "info", "--state-dir", cfg.getParent().toString());
            log = DaemonLog.follow(daemon, out, true);
            try {
                log.require(0, l -> l.contains("ipmpd running"), "that it is running", Duration.ofSeconds(60));
                lab.awaitAddress(lab.hostNs(), "m0", DATA4, true, EVENT_TIMEOUT);
                awaitProbesAnswered();
                status("the group is ok: m0 and m1 active, m2 standby; 198.18.0.100 on m0", "-g", "-i", "-a", "-t");
                try (TcpFlows flows = lab.holdTcpFlows(FlowOptions.of(lab.hostNs(), DATA4, lab.ns("c"), 4))) {
                    out.say("client c holds 4 TCP connections to " + DATA4 + ":" + flows.options().port()
                            + " (a 32-byte echo every 10 ms on each)");
                    pause(1500);
                    out.say("flows so far: " + firstLine(flows.snapshot()));
                    pullCable(flows);
                    repairCable(flows);
                    FlowReport r = flows.stop();
                    out.section("The TCP connections through both moves");
                    out.say(r.toString());
                    if (r.allSurvived()) {
                        out.say("every connection survived the failover and the failback");
                    } else {
                        problem("TCP connections died: " + r.failed());
                    }
                }
                blockSwitchPort();
                offlineOnline();
                out.section("Stop ipmpd");
                long t0 = System.nanoTime();
                ProcessHandle.of(daemon.pid()).ifPresent(ProcessHandle::destroy);   // SIGTERM
                java.util.OptionalInt code = daemon.waitFor(Duration.ofSeconds(10));
                out.say(code.isPresent()
                        ? "ipmpd exited (status " + code.getAsInt() + ") " + ms(System.nanoTime() - t0)
                                + " ms after SIGTERM; it leaves the data addresses where they are"
                        : "ipmpd did not exit within 10 s of SIGTERM; the lab kills it");
            } finally {
                log.close();
                daemon.stop();
                // also (above all) when a stage failed: the history and the page show what happened
                showHistory();
            }
        }

        /**
         * The run as ipmpd recorded it (ipmpstat -e reads the log files, no daemon needed), and the timeline page,
         * written outside the lab's work directory so it outlives the demo.
         */
        private void showHistory() {
            out.section("What happened: ipmpd's event history and the timeline");
            String state = cfg.getParent().toString();
            IpmpTools.Result r = tools.ipmpstat("-e", "--state-dir", state, "-o", "time,interface,event,cause,outage,detail");
            List<String> lines = r.lines().stream().filter(l -> !l.contains(" probe-lost ") && !l.contains(" target-changed ")
                    && !l.contains(" fdt-")).toList();
            // ipmpstat repeats its header every 24 rows (ofmt); with rows left out, once is enough
            lines = java.util.stream.Stream.concat(lines.stream().limit(1), lines.stream().skip(1)
                    .filter(l -> !l.startsWith("TIME "))).toList();
            out.block(r.command().replace(state, "$STATE") + "   (probe losses and target changes left out here)", lines);
            Path page = home.resolve("target").resolve("ipmpd-demo-timeline.html");
            IpmpTools.Result html = tools.ipmpstat("-e", "--state-dir", state, "--html", page.toString());
            if (html.ok()) {
                out.say("the timeline of this run (a lane per member, the address moving between them, each step with the"
                        + " milliseconds between them; the buttons zoom to one failover):");
                out.say("  " + page);
                out.say("  open it in a browser, e.g. chromium " + page);
            } else {
                problem("ipmpstat -e --html failed: " + String.join(" ", html.lines()));
            }
        }

        /** Probing has begun once a target answered on every member (the quiet period then ends, as in.mpathd). */
        private void awaitProbesAnswered() {
            long deadline = System.nanoTime() + EVENT_TIMEOUT.toNanos();
            while (System.nanoTime() < deadline) {
                IpmpTools.Result r = tools.ipmpstat("-P", "-o", "INTERFACE,PROBE", "-i");
                if (r.ok() && r.lines().stream().filter(l -> l.matches("m[0-2]:ok")).count() == 3) {
                    return;
                }
                pause(300);
            }
        }

        private void pullCable(TcpFlows flows) {
            out.section("Pull m0's cable (its switch port loses carrier)");
            int mark = log.mark();
            long t0 = System.nanoTime();
            lab.faults().carrierDown("m0");
            long injected = System.nanoTime();
            out.say("ip -n " + lab.switchNs() + " link set sw-m0 down    (" + ms(injected - t0) + " ms for the command)");
            DaemonLog.Line moved = log.require(mark, l -> isMoveOf(l, DATA4) && l.contains("moved from m0"),
                    "the move of " + DATA4, EVENT_TIMEOUT);
            String to = target(moved.text());
            out.say(DATA4 + " moved to " + to + ": the daemon logged it " + ms(moved.receivedNanos() - t0)
                    + " ms after the fault was injected" + announced(log, mark, DATA4));
            Neighbour n = lab.awaitNeighbour(lab.ns("c"), "c", DATA4, lab.mac(to), Duration.ofSeconds(5));
            out.say("client c: " + DATA4 + " is at " + n.lladdr() + " (" + to + "'s MAC, " + String.join(",", n.states())
                    + ") -- learned from the gratuitous ARP, not from its own ARP timeout");
            pause(1000);
            status("m0 failed (link down); its data address is on " + to, "-g", "-i", "-a");
            out.say("flows: " + firstLine(flows.snapshot())
                    + " (the stall is the longest gap between two echoes; a segment lost in the move costs TCP's retransmission timer, >= 200 ms on Linux)");
        }

        private void repairCable(TcpFlows flows) {
            out.section("Plug m0's cable back in (repair and failback)");
            int mark = log.mark();
            long t0 = System.nanoTime();
            lab.faults().carrierUp("m0");
            out.say("ip -n " + lab.switchNs() + " link set sw-m0 up");
            DaemonLog.Line back = log.require(mark, l -> isMoveOf(l, DATA4) && l.contains("to m0"),
                    "the failback of " + DATA4 + " to m0", Duration.ofSeconds(30));
            out.say(DATA4 + " is home on m0 again, " + ms(back.receivedNanos() - t0)
                    + " ms after the repair (the member's probes must succeed again first)" + announced(log, mark, DATA4));
            lab.awaitNeighbour(lab.ns("c"), "c", DATA4, lab.mac("m0"), Duration.ofSeconds(5));
            out.say("client c: " + DATA4 + " is at " + lab.mac("m0") + " (m0) again");
            pause(1000);
            status("m0 repaired, everything home", "-i", "-a");
            out.say("flows: " + firstLine(flows.snapshot()));
        }

        private void blockSwitchPort() {
            out.section("m0's switch port stops forwarding, carrier stays up");
            out.say("nft in the switch: drop everything to and from sw-m0. The link looks fine; only the probes\n"
                    + "(ICMP echo from m0's test address 198.18.0.10 to t1/t2) can tell. Failure detection time "
                    + FDT_MS + " ms.");
            int mark = log.mark();
            long t0 = System.nanoTime();
            lab.faults().blockPort("m0");
            DaemonLog.Line failed = log.require(mark, l -> l.contains("failure detected on m0"),
                    "the probe-based failure of m0", EVENT_TIMEOUT);
            long detect = ms(failed.receivedNanos() - t0);
            out.say("probe-based failure detected after " + detect + " ms (failure detection time " + FDT_MS + " ms: "
                    + (detect <= FDT_MS ? "within it" : "LATE") + ")");
            if (detect > FDT_MS) {
                problem("probe-based detection took " + detect + " ms, more than the FDT of " + FDT_MS + " ms");
            }
            expect(log.await(mark, l -> isMoveOf(l, DATA4) && l.contains("moved from m0"), EVENT_TIMEOUT),
                    "the move of " + DATA4 + " off m0");
            pause(500);
            status("m0 failed by probes; link still up", "-i", "-a");
            out.say("forwarding again on sw-m0");
            mark = log.mark();
            t0 = System.nanoTime();
            lab.faults().unblockPort("m0");
            DaemonLog.Line repaired = log.require(mark, l -> l.contains("repair detected on m0"),
                    "the repair of m0", Duration.ofSeconds(30));
            out.say("repair detected after " + ms(repaired.receivedNanos() - t0)
                    + " ms (10 answered probes in a row, as in.mpathd)");
            expect(log.await(mark, l -> isMoveOf(l, DATA4) && l.contains("to m0"), EVENT_TIMEOUT),
                    "the failback of " + DATA4 + " to m0");
            pause(500);
            status("m0 repaired", "-i", "-a");
        }

        private void offlineOnline() {
            out.section("Maintenance: take m1 offline with if_mpadm, then back");
            int mark = log.mark();
            IpmpTools.Result r = tools.ifMpadm("-d", "m1");
            out.block(r.command() + "    (exit " + r.exitCode() + ")", r.lines());
            if (!r.ok()) {
                problem("if_mpadm -d m1 failed");
            }
            expect(log.await(mark, l -> l.contains("m1") && l.contains("is offline"), EVENT_TIMEOUT), "m1 offline");
            expect(log.await(mark, l -> isMoveOf(l, DATA6) && l.contains("moved from m1"), EVENT_TIMEOUT),
                    "the move of " + DATA6 + " off m1");
            pause(500);
            status("m1 offline: 2001:2::100 left it; the standby m2 stands in", "-g", "-i", "-a");
            mark = log.mark();
            r = tools.ifMpadm("-r", "m1");
            out.block(r.command() + "    (exit " + r.exitCode() + ")", r.lines());
            if (!r.ok()) {
                problem("if_mpadm -r m1 failed");
            }
            expect(log.await(mark, l -> l.contains("m1") && l.contains("is online"), EVENT_TIMEOUT), "m1 online");
            expect(log.await(mark, l -> isMoveOf(l, DATA6) && l.contains("to m1"), EVENT_TIMEOUT),
                    "the move of " + DATA6 + " back to m1");
            pause(500);
            status("m1 back online", "-i", "-a");
            out.say("where the addresses are now (ip addr in the host's namespace, link-local left out):");
            List<String> lines = lab.memberNames().stream().map(m -> "  " + m + ": " + String.join(" ",
                    lab.addresses(lab.hostNs(), m).stream().filter(a -> !a.address().startsWith("fe80"))
                            .map(IfAddress::address).toList())).toList();
            out.say(String.join("\n", lines));
        }

        /** ipmpstat in each mode, all started at once, shown in order. */
        private void status(String caption, String... modes) {
            List<CompletableFuture<IpmpTools.Result>> runs = Stream.of(modes)
                    .map(m -> CompletableFuture.supplyAsync(() -> tools.ipmpstat(m))).toList();
            out.say("-- " + caption);
            for (CompletableFuture<IpmpTools.Result> f : runs) {
                IpmpTools.Result r = f.join();
                out.block(r.command() + (r.ok() ? "" : "    (exit " + r.exitCode() + ")"), r.lines());
            }
        }
    }

    private static final Pattern MOVED_TO = Pattern.compile("moved from \\S+ to (\\S+?)[ ,(]");
    private static final Pattern ANNOUNCED = Pattern.compile("data address ([0-9a-fA-F.:]+)/\\d+ moved from .* announced in (\\d+) us");

    /**
     * The daemon's own "Data address A of group G moved from X to Y" line for this address. IPv6 is matched in both
     * the RFC 5952 form and Java's uncompressed getHostAddress() form, which the daemon prints today.
     */
    static boolean isMoveOf(String line, String address) {
        int at = line.indexOf("events: Data address ");
        if (at < 0 || !line.contains(" moved from ")) {
            return false;
        }
        return sameAddress(line.substring(at + "events: Data address ".length()).split(" ")[0], address);
    }

    static String target(String movedLine) {
        Matcher m = MOVED_TO.matcher(movedLine + " ");
        if (!m.find()) {
            throw new IllegalStateException("cannot read the new member from: " + movedLine);
        }
        return m.group(1);
    }

    /** The dataplane's own timing of a move (add, delete, gratuitous ARP or NA), from its line after mark. */
    private static String announced(DaemonLog log, int mark, String address) {
        for (DaemonLog.Line l : log.since(mark)) {
            Matcher m = ANNOUNCED.matcher(l.text());
            if (m.find() && l.text().contains("LinuxDataplane") && sameAddress(m.group(1), address)) {
                return " (the dataplane moved and announced it in " + m.group(2) + " us)";
            }
        }
        return "";
    }

    private static boolean sameAddress(String a, String b) {
        try {
            return java.net.InetAddress.getByName(a).equals(java.net.InetAddress.getByName(b));
        } catch (java.net.UnknownHostException e) {
            return false;
        }
    }

    private static String firstLine(FlowReport r) {
        return r.toString().split("\n")[0];
    }

    private static long ms(long nanos) {
        return nanos / 1_000_000;
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted");
        }
    }

    private static List<String> leftoverNamespaces(String runId) {
        try {
            Process p = new ProcessBuilder("ip", "netns", "list").redirectErrorStream(true).start();
            String text = new String(p.getInputStream().readAllBytes());
            p.waitFor();
            return text.lines().map(l -> l.split(" ")[0]).filter(n -> n.startsWith("ipl" + runId + "-")).toList();
        } catch (IOException e) {
            return List.of("(ip netns list failed: " + e.getMessage() + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return List.of();
        }
    }

    private static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // best effort: a temp directory
        }
    }
}
