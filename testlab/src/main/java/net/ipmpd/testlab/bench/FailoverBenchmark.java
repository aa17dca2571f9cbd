package net.ipmpd.testlab.bench;

import net.ipmpd.testlab.Lab;
import net.ipmpd.testlab.LabSpec;
import net.ipmpd.testlab.demo.DaemonConfig;
import net.ipmpd.testlab.demo.DaemonLog;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.stream.Stream;

/**
 * Lab benchmark of the real daemon (issue 3 item 6): a harness that prints figures, not a test.
 *
 * <pre>
 * scripts/bench-lab.sh                       # builds, then runs everything below (about 8 minutes)
 * scripts/bench-lab.sh --failovers 20 --blocks 3 --idle-seconds 20      # a quick look
 * scripts/bench-lab.sh --only carrier|probe|footprint|idle  [--idle-minutes 10]
 * </pre>
 *
 * <p><b>1. Carrier failover.</b> Lab: host [m0 m1 m2(standby)], switch, t1, t2, client c; the daemon with test
 * addresses, FDT 1000 ms, failback on, flap damping off (the benchmark fails m0 a hundred times on purpose), data
 * address 198.18.0.100 at home on m0. Each round: this JVM sets switch port sw-m0 down through an rtnetlink socket
 * in the switch's namespace (no process start; the timestamp t0 = System.nanoTime() right before sendto, and the
 * kernel applies the change inside the call). Two observers in this JVM, each a dedicated thread blocked in recv
 * that reads System.nanoTime() the moment recv returns (CLOCK_MONOTONIC, the same clock as t0, so no wall-clock
 * conversion is involved):
 * <ul>
 *   <li>(a) the kernel's own notice: an rtnetlink socket subscribed to RTMGRP_LINK in the ipmpd host's namespace
 *       (what `ip monitor link` there reads) receives RTM_NEWLINK for m0 without IFF_RUNNING;</li>
 *   <li>(b) the failover done: the same socket (RTMGRP_IPV4_IFADDR) receives RTM_NEWADDR of 198.18.0.100 on the
 *       new member, and an AF_PACKET socket in the client's namespace receives the gratuitous ARP for it with the new
 *       member's MAC. (b) is the later of the two (the GARP, since the daemon adds, deletes, then announces).</li>
 * </ul>
 * The daemon learns of the failure from the same kernel notification as observer (a), so b/a is ipmpd's overhead on
 * top of the kernel's own latency. Then the port comes back, the benchmark waits for the failback (RTM_NEWADDR on
 * m0) and a random 200-400 ms, and goes again. The first failover after the daemon's start is reported on its own
 * (cold JIT paths, first netlink and packet socket use) and excluded from the median/p99 of the rest.
 *
 * <p><b>2. Probe-based detection.</b> For FDT 10000, 1000 and 100 ms, a fresh daemon; n times: wait a random part
 * of a probe interval, make m0's switch port drop everything (nft bridge filter, carrier stays up), time until the
 * daemon logs "IP interface failure detected on m0 ... (cause: probes-lost)", unblock, wait for the repair and the
 * failback. The fault is an `nft` exec, so the exact moment the rule applies is between the start and the end of
 * that process: detection is given from its start (upper bound, judged against the FDT) and from its end.
 *
 * <p><b>3. Idle false failures</b> (--idle-minutes M, off by default, run on its own): FDT 100 ms, nothing
 * injected for M minutes; counts failures and FDT changes the daemon logs.
 *
 * <p><b>4. Footprint.</b> 64 veth members in 8 groups of 8 (each with a test address, probing t1 and t2 at the default
 * FDT 10000 ms), one data address per group; after a settling time, the daemon's VmRSS (/proc/PID/status) and its
 * CPU (utime+stime of /proc/PID/stat) over --idle-seconds (60) of idle.
 */
public final class FailoverBenchmark {
    static final String DATA4 = "198.18.0.100";
    private final Options opt;
    private final Path home;
    private final Path dir;
    private final Map<String, String> table = new LinkedHashMap<>();
    private final SplittableRandom random = new SplittableRandom();

    /** Command-line options; every run is bounded by them. */
    record Options(int failovers, int blocks, List<Integer> fdts, int idleMinutes, int idleSeconds, String only) {
        static Options parse(String[] args) {
            int failovers = 100;
            int blocks = -1;
            List<Integer> fdts = List.of(10000, 1000, 100);
            int idleMinutes = 0;
            int idleSeconds = 60;
            String only = "";
            for (int i = 0; i < args.length; i++) {
                String a = args[i];
                String v = i + 1 < args.length ? args[i + 1] : null;
                switch (a) {
                    case "--failovers" -> failovers = bounded(a, v, 1, 1000);
                    case "--blocks" -> blocks = bounded(a, v, 1, 100);
                    case "--fdts" -> fdts = Stream.of(need(a, v).split(",")).map(Integer::parseInt).toList();
                    case "--idle-minutes" -> idleMinutes = bounded(a, v, 0, 30);
                    case "--idle-seconds" -> idleSeconds = bounded(a, v, 5, 600);
                    case "--only" -> only = need(a, v);
                    default -> throw new IllegalArgumentException("unknown option " + a + "; options: --failovers N "
                            + "--blocks N --fdts 10000,1000,100 --idle-minutes M --idle-seconds S "
                            + "--only carrier|probe|footprint|idle");
                }
                i++;
            }
            if (!only.isEmpty() && !List.of("carrier", "probe", "footprint", "idle").contains(only)) {
                throw new IllegalArgumentException("--only takes carrier, probe, footprint or idle, not " + only);
            }
            if ("idle".equals(only) && idleMinutes == 0) {
                idleMinutes = 10;
            }
            return new Options(failovers, blocks, fdts, idleMinutes, idleSeconds, only);
        }

        private static String need(String option, String value) {
            if (value == null) {
                throw new IllegalArgumentException(option + " needs a value");
            }
            return value;
        }

        private static int bounded(String option, String value, int min, int max) {
            int v = Integer.parseInt(need(option, value));
            if (v < min || v > max) {
                throw new IllegalArgumentException(option + " must be " + min + ".." + max + ", got " + v);
            }
            return v;
        }

        boolean runs(String part) {
            return only.isEmpty() ? !part.equals("idle") || idleMinutes > 0 : only.equals(part);
        }

        /** Port blocks per FDT: fewer at 10 s, where each takes ~25 s with the repair. */
        int blocksFor(int fdt) {
            return blocks > 0 ? blocks : fdt >= 10000 ? 5 : fdt >= 1000 ? 10 : 20;
        }
    }

    private FailoverBenchmark(Options opt, Path home, Path dir) {
        this.opt = opt;
        this.home = home;
        this.dir = dir;
    }

    public static void main(String[] args) throws Exception {
        if (net.ipmpd.testlab.ProcStat.effectiveUid() != 0) {
            System.err.println("ipmpd bench: the benchmark builds network namespaces: run it as root");
            System.exit(1);
        }
        Options opt;
        try {
            opt = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("ipmpd bench: " + e.getMessage());
            System.exit(2);
            return;
        }
        org.apache.logging.log4j.core.config.Configurator.setRootLevel(org.apache.logging.log4j.Level.WARN);
        Path home = Path.of(System.getProperty("ipmpd.home", ".")).toAbsolutePath().normalize();
        Path dir = Files.createTempDirectory("ipmpd-bench-");
        try {
            new FailoverBenchmark(opt, home, dir).run();
        } finally {
            try (Stream<Path> s = Files.walk(dir)) {
                s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        System.exit(0);
    }

    private void run() throws Exception {
        say("ipmpd lab benchmark; " + Runtime.getRuntime().availableProcessors() + " CPUs, load average "
                + Files.readString(Path.of("/proc/loadavg")).strip());
        if (opt.runs("carrier")) {
            carrierFailovers();
        }
        if (opt.runs("probe")) {
            for (int fdt : opt.fdts()) {
                probeDetection(fdt, opt.blocksFor(fdt));
            }
        }
        if (opt.runs("idle")) {
            idleFalseFailures(opt.idleMinutes());
        }
        if (opt.runs("footprint")) {
            footprint(64, 8);
        }
        System.out.println();
        System.out.println("==== results (load average now " + Files.readString(Path.of("/proc/loadavg")).strip()
                + ") " + "=".repeat(40));
        table.forEach((k, v) -> System.out.printf("%-44s %s%n", k, v));
    }

    static LabSpec threeMembers() {
        return LabSpec.builder().member("m0").member("m1").member("m2")
                .target("t1", "198.18.0.1/24").target("t2", "198.18.0.2/24").client("c", "198.18.0.200/24")
                .build();
    }

    static DaemonConfig threeMemberConfig(int fdt) {
        return new DaemonConfig(fdt, true, false).group(new DaemonConfig.Group("ipmp0",
                List.of(new DaemonConfig.Member("m0", false, "198.18.0.10/24"),
                        new DaemonConfig.Member("m1", false, "198.18.0.11/24"),
                        new DaemonConfig.Member("m2", true, "198.18.0.12/24")),
                List.of(new DaemonConfig.DataAddress(DATA4 + "/24", "m0")),
                List.of("198.18.0.1", "198.18.0.2")));
    }

    // ---- 1. carrier failover ----------------------------------------------------------------------------------

    private void carrierFailovers() throws Exception {
        int n = opt.failovers();
        section("1. carrier failover: " + n + " carrier losses on m0 (FDT 1000 ms, failback on)");
        List<Double> a = new ArrayList<>();
        List<Double> addr = new ArrayList<>();
        List<Double> b = new ArrayList<>();
        List<Double> overhead = new ArrayList<>();
        List<Double> ratio = new ArrayList<>();
        double[] first = null;
        int misses = 0;
        int slowFailbacks = 0;
        try (Lab lab = Lab.start(threeMembers());
             KernelEvents kernel = new KernelEvents(lab.hostNs());
             GarpWatch garps = new GarpWatch(lab.ns("c"));
             SwitchPorts ports = new SwitchPorts(lab)) {
            Map<Integer, String> byIndex = new LinkedHashMap<>();
            for (String m : lab.memberNames()) {
                byIndex.put(lab.link(lab.hostNs(), m).ifindex(), m);
            }
            int m0 = lab.link(lab.hostNs(), "m0").ifindex();
            int swm0 = lab.link(lab.switchNs(), "sw-m0").ifindex();
            java.net.InetAddress data = java.net.InetAddress.getByName(DATA4);
            try (BenchDaemon d = BenchDaemon.start(lab, home, dir, "carrier", threeMemberConfig(1000), 3)) {
                lab.awaitAddress(lab.hostNs(), "m0", DATA4, true, Duration.ofSeconds(10));
                // warm this JVM's own injection path on a port the daemon does not watch (the client's, no
                // traffic here), so the first round times the daemon's cold path, not the harness's
                int swc = lab.link(lab.switchNs(), "sw-c").ifindex();
                for (int w = 0; w < 3; w++) {
                    ports.set(swc, false);
                    ports.set(swc, true);
                }
                BenchDaemon.sleep(1000);
                for (int i = 0; i < n; i++) {
                    long t0 = ports.set(swm0, false);
                    Optional<KernelEvents.Event> down = kernel.await(t0,
                            e -> e.link() && e.ifIndex() == m0 && !e.running(), 3_000_000_000L);
                    Optional<KernelEvents.Event> added = kernel.await(t0,
                            e -> !e.link() && !e.deleted() && data.equals(e.address()) && e.ifIndex() != m0,
                            3_000_000_000L);
                    Optional<GarpWatch.Garp> garp = added.flatMap(e -> garps.await(t0, DATA4,
                            lab.mac(byIndex.get(e.ifIndex())), 3_000_000_000L));
                    if (down.isEmpty() || added.isEmpty() || garp.isEmpty()) {
                        misses++;
                        say(String.format("failover %3d: MISSED (link-down seen %s, address moved %s, GARP %s)", i + 1,
                                down.isPresent(), added.isPresent(), garp.isPresent()));
                    } else {
                        double ta = ms(down.get().nanos() - t0);
                        double taddr = ms(added.get().nanos() - t0);
                        double tb = Math.max(taddr, ms(garp.get().nanos() - t0));
                        if (i == 0) {
                            first = new double[] {ta, taddr, tb};
                        } else {
                            a.add(ta);
                            addr.add(taddr);
                            b.add(tb);
                            overhead.add(tb - ta);
                            ratio.add(tb / ta);
                        }
                        if (tb - ta > 5) {
                            say(String.format("failover %3d: (b)-(a) = %.3f ms; the daemon's log of this round:", i + 1,
                                    tb - ta));
                            d.log().since(0).stream().filter(l -> l.receivedNanos() >= t0 - 200_000_000L)
                                    .limit(8).forEach(l -> say(String.format("  %+9.3f ms ipmpd | %s",
                                            (l.receivedNanos() - t0) / 1e6, l.text())));
                        }
                        if (i == 0 || (i + 1) % 10 == 0) {
                            say(String.format("failover %3d: (a) kernel notice %.3f ms, address on %s %.3f ms, "
                                    + "(b) GARP at the client %.3f ms", i + 1, ta, byIndex.get(added.get().ifIndex()),
                                    taddr, tb));
                        }
                    }
                    BenchDaemon.sleep(50);
                    long tUp = ports.set(swm0, true);
                    Optional<KernelEvents.Event> back = kernel.await(tUp, e -> !e.link() && !e.deleted()
                            && data.equals(e.address()) && e.ifIndex() == m0, 15_000_000_000L);
                    if (back.isEmpty()) {
                        // the repair waits for 10 answered probes; a raised FDT makes that slow: wait, bounded
                        back = kernel.await(tUp, e -> !e.link() && !e.deleted() && data.equals(e.address())
                                && e.ifIndex() == m0, 120_000_000_000L);
                        slowFailbacks++;
                        say(String.format("round %d: failback to m0 came only %s after the carrier; the daemon's log:",
                                i + 1, back.map(e -> String.format("%.1f s", (e.nanos() - tUp) / 1e9))
                                        .orElse("not within 120 s")));
                        d.log().since(0).stream().filter(l -> l.receivedNanos() >= t0 - 200_000_000L)
                                .filter(l -> l.text().contains("m0") || l.text().contains("detection time"))
                                .limit(30).forEach(l -> say(String.format("  %+9.3f ms ipmpd | %s",
                                        (l.receivedNanos() - t0) / 1e6, l.text())));
                    }
                    if (back.isEmpty()) {
                        say("round " + (i + 1) + ": no failback to m0 within 120 s after the repair; its state:");
                        for (String mode : List.of("-i", "-a", "-t")) {
                            d.tools().ipmpstat(mode).lines().forEach(l -> say("  ipmpstat " + mode + " | " + l));
                        }
                        lab.addresses(lab.hostNs(), "m0").forEach(x -> say("  ip addr m0 | " + x.cidr()));
                        say("stopping the carrier rounds");
                        break;
                    }
                    BenchDaemon.sleep(200 + random.nextInt(200));
                    kernel.clear();
                    garps.clear();
                }
                summarizeUnexpected(d.log(), "carrier");
            }
        }
        Stats sa = Stats.of(a);
        Stats sAddr = Stats.of(addr);
        Stats sb = Stats.of(b);
        say(String.format("(a) fault -> kernel link notice  : median %.3f ms, p99 %.3f ms, max %.3f ms (n=%d)",
                sa.median(), sa.p99(), sa.max(), sa.n()));
        say(String.format("    fault -> address on new member: median %.3f ms, p99 %.3f ms, max %.3f ms",
                sAddr.median(), sAddr.p99(), sAddr.max()));
        say(String.format("(b) fault -> GARP at the client   : median %.3f ms, p99 %.3f ms, max %.3f ms (n=%d)",
                sb.median(), sb.p99(), sb.max(), sb.n()));
        Stats so = Stats.of(overhead);
        Stats sr = Stats.of(ratio);
        say(String.format("(b)-(a) ipmpd's own part          : median %.3f ms, p90 %.3f ms, p99 %.3f ms; per-round "
                + "ratio b/a median %.2f", so.median(), so.p90(), so.p99(), sr.median()));
        say(String.format("p90: (a) %.3f ms, (b) %.3f ms", sa.p90(), sb.p90()));
        table.put("carrier (a) kernel notice median / p99", fmt(sa.median()) + " / " + fmt(sa.p99()) + " ms  (n=" + sa.n() + ")");
        table.put("carrier (b) moved+GARP median / p99", fmt(sb.median()) + " / " + fmt(sb.p99()) + " ms  (goal p99 < 5 ms: "
                + (sb.p99() < 5 ? "met" : "NOT met") + ")");
        table.put("carrier ratio b/a of medians / of p99s", String.format("%.2f / %.2f  (goal median <= 1.5: %s)",
                sb.median() / sa.median(), sb.p99() / sa.p99(), sb.median() / sa.median() <= 1.5 ? "met" : "NOT met"));
        table.put("carrier (b)-(a) median / p90 / p99", fmt(so.median()) + " / " + fmt(so.p90()) + " / "
                + fmt(so.p99()) + " ms  (per-round b/a median " + String.format("%.2f", sr.median()) + ")");
        table.put("carrier p90 (a) / (b)", fmt(sa.p90()) + " / " + fmt(sb.p90()) + " ms");
        if (first != null) {
            table.put("carrier first failover after start (a) / (b)", fmt(first[0]) + " / " + fmt(first[2])
                    + " ms  ((b)-(a) " + fmt(first[2] - first[0]) + " ms vs median " + fmt(so.median())
                    + " ms of the rest)");
        }
        table.put("carrier rounds missed", misses + " of " + n);
        table.put("carrier failbacks slower than 15 s", slowFailbacks + " of " + n + " (see the log above)");
    }

    // ---- 2. probe-based detection -----------------------------------------------------------------------------

    private void probeDetection(int fdt, int n) throws Exception {
        section("2. probe-based detection at FDT " + fdt + " ms: " + n + " port blocks on m0 (carrier stays up)");
        List<Double> upper = new ArrayList<>();
        List<Double> lower = new ArrayList<>();
        int late = 0;
        int lateEffective = 0;
        try (Lab lab = Lab.start(threeMembers());
             BenchDaemon d = BenchDaemon.start(lab, home, dir, "probe" + fdt, threeMemberConfig(fdt), 3)) {
            lab.awaitAddress(lab.hostNs(), "m0", DATA4, true, Duration.ofSeconds(10));
            DaemonLog log = d.log();
            awaitRequestedFdt(d, fdt, Duration.ofSeconds(180));
            long interval = Math.max(1, fdt / 7);
            for (int i = 0; i < n; i++) {
                int effective = effectiveFdt(d);
                // the daemon may have raised the FDT (slow replies): allow for the raised one, bounded
                long judged = Math.min(60_000, Math.max(fdt, effective == Integer.MAX_VALUE ? fdt : effective));
                Duration detectTimeout = Duration.ofMillis(3 * judged + 5000);
                Duration repairTimeout = Duration.ofMillis(30 * Math.max(1, judged / 7) + 10000);
                BenchDaemon.sleep(interval + random.nextLong(interval));
                int mark = log.mark();
                long t0 = System.nanoTime();
                lab.faults().blockPort("m0");
                long t1 = System.nanoTime();
                Optional<DaemonLog.Line> failed = log.await(mark,
                        l -> l.contains("failure detected on m0") && l.contains("probes-lost"), detectTimeout);
                if (failed.isEmpty()) {
                    say(String.format("block %2d: no failure logged within %d ms; the daemon's log since %d ms "
                            + "before the block:", i + 1, detectTimeout.toMillis(), interval));
                    log.since(0).stream().filter(l -> l.receivedNanos() >= t0 - interval * 1_000_000L)
                            .limit(12).forEach(l -> say("  ipmpd | " + l.text()));
                    d.tools().ipmpstat("-i").lines().forEach(l -> say("  ipmpstat -i | " + l));
                    lab.faults().unblockPort("m0");
                    late++;
                    if (!awaitHome(d, Duration.ofMillis(30 * Math.max(1, judged / 7) + 10000))) {
                        say("m0 did not come back; stopping this FDT");
                        break;
                    }
                    continue;
                }
                double up = ms(failed.get().receivedNanos() - t0);
                double lo = ms(failed.get().receivedNanos() - t1);
                upper.add(up);
                lower.add(lo);
                if (up > fdt) {
                    late++;
                }
                if (up > effective) {
                    lateEffective++;
                }
                say(String.format("block %2d: failure detected %.1f ms after the nft command started (%.1f ms after it "
                        + "ended); effective FDT %d ms%s", i + 1, up, lo, effective,
                        up > fdt ? "  LATER THAN THE REQUESTED FDT" + (up > effective ? " AND THE EFFECTIVE ONE" : "") : ""));
                mark = log.mark();
                lab.faults().unblockPort("m0");
                if (log.await(mark, l -> l.contains("Data address " + DATA4) && l.contains("to m0"), repairTimeout)
                        .isEmpty()) {
                    say("no repair and failback within " + repairTimeout.toMillis() + " ms; stopping this FDT");
                    break;
                }
            }
            summarizeUnexpected(log, "probe" + fdt);
            fdtChanges(log, fdt);
            d.tools().ipmpstat("-g").lines().forEach(l -> say("  ipmpstat -g | " + l));
        }
        Stats su = Stats.of(upper);
        Stats sl = Stats.of(lower);
        say(String.format("FDT %d ms: detection median %.1f ms, max %.1f ms (from the nft start); median %.1f, max %.1f "
                + "(from its end); over the FDT: %d of %d", fdt, su.median(), su.max(), sl.median(), sl.max(), late, n));
        table.put("probe detection FDT " + fdt + " ms median / max",
                fmt1(su.median()) + " / " + fmt1(su.max()) + " ms  (n=" + su.n() + ", over FDT: " + late
                        + ", over the effective FDT: " + lateEffective
                        + "; from nft end " + fmt1(sl.median()) + " / " + fmt1(sl.max()) + ")");
    }

    // ---- 3. idle false failures -------------------------------------------------------------------------------

    private void idleFalseFailures(int minutes) throws Exception {
        section("3. idle false failures: FDT 100 ms, nothing injected, " + minutes + " minutes");
        try (Lab lab = Lab.start(threeMembers());
             BenchDaemon d = BenchDaemon.start(lab, home, dir, "idle", threeMemberConfig(100), 3)) {
            int mark = d.log().mark();
            var waitsBefore = ThreadWaits.read(d.pid());
            long end = System.nanoTime() + minutes * 60_000_000_000L;
            while (System.nanoTime() < end) {
                BenchDaemon.sleep(Math.min(30_000, Math.max(1, (end - System.nanoTime()) / 1_000_000)));
                long failures = d.log().since(mark).stream().filter(l -> l.text().contains("failure detected")).count();
                say(String.format("%.1f min: %d failures so far", (minutes * 60_000 - (end - System.nanoTime()) / 1e6) / 60_000,
                        failures));
            }
            List<DaemonLog.Line> lines = d.log().since(mark);
            long failures = lines.stream().filter(l -> l.text().contains("failure detected")).count();
            long fdtChanges = lines.stream().filter(l -> l.text().contains("failure detection time")).count();
            lines.stream().filter(l -> l.text().contains("failure detected") || l.text().contains("failure detection time"))
                    .limit(20).forEach(l -> say("  ipmpd | " + l.text()));
            long groupFailures = lines.stream().filter(l -> l.text().contains("are now unusable")).count();
            table.put("idle " + minutes + " min at FDT 100 ms: false failures", failures + "  (group failures: "
                    + groupFailures + ", FDT changes logged: " + fdtChanges + ", load average at the end: " + loadAverage() + ")");
            // the figures behind a failure: how long the daemon's threads waited for a CPU
            var waits = ThreadWaits.between(waitsBefore, ThreadWaits.read(d.pid()));
            waits.stream().limit(6).forEach(w -> say(String.format(
                    "  thread %-28s waited %7.0f ms for a CPU over %d slices (mean %.2f ms), ran %.0f ms",
                    w.name(), w.waitNanos() / 1e6, w.slices(), w.meanWaitPerSliceMs(), w.runNanos() / 1e6)));
            waits.stream().filter(w -> w.slices() > 0).max(java.util.Comparator.comparingDouble(ThreadWaits.Delta::meanWaitPerSliceMs))
                    .ifPresent(w -> table.put("idle " + minutes + " min: longest mean CPU wait of a daemon thread",
                            String.format("%.2f ms per slice (%s)", w.meanWaitPerSliceMs(), w.name())));
        }
    }

    /** The 1-minute load average (/proc/loadavg), the share of the machine other work took. */
    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (java.io.IOException e) {
            return "?";
        }
    }

    // ---- 4. footprint -----------------------------------------------------------------------------------------

    private void footprint(int members, int perGroup) throws Exception {
        section("4. footprint: " + members + " members in " + (members / perGroup) + " groups, FDT 10000 ms, "
                + opt.idleSeconds() + " s idle");
        int fromSpec = Math.min(32, members);
        LabSpec.Builder spec = LabSpec.builder();
        for (int i = 0; i < fromSpec; i++) {
            spec.member("v" + i);
        }
        spec.target("t1", "198.18.0.1/24").target("t2", "198.18.0.2/24");
        try (Lab lab = Lab.start(spec.build())) {
            // the lab builder stops at 32 members; the rest are plugged into the switch the same way, by hand
            Path batchHost = dir.resolve("veths-host");
            Path batchSwitch = dir.resolve("veths-switch");
            StringBuilder h = new StringBuilder();
            StringBuilder s = new StringBuilder();
            for (int i = fromSpec; i < members; i++) {
                h.append(String.format("link add v%d address 02:00:00:00:03:%02x type veth peer name sw-v%d netns %s%n",
                        i, i, i, lab.switchNs()));
                h.append("link set v").append(i).append(" up\n");
                s.append("link set sw-v").append(i).append(" master br0\nlink set sw-v").append(i).append(" up\n");
            }
            Files.writeString(batchHost, h);
            Files.writeString(batchSwitch, s);
            if (members > fromSpec) {
                lab.ip(lab.hostNs(), "-batch", batchHost.toString());
                lab.ip(lab.switchNs(), "-batch", batchSwitch.toString());
            }
            DaemonConfig cfg = new DaemonConfig(10000, true, true);
            for (int g = 0; g < members / perGroup; g++) {
                List<DaemonConfig.Member> ms = new ArrayList<>();
                for (int j = 0; j < perGroup; j++) {
                    int i = g * perGroup + j;
                    ms.add(new DaemonConfig.Member("v" + i, false, "198.18.0." + (20 + i) + "/24"));
                }
                cfg.group(new DaemonConfig.Group("ipmp" + g, ms,
                        List.of(new DaemonConfig.DataAddress("198.18.0." + (150 + g) + "/24", "v" + (g * perGroup))),
                        List.of("198.18.0.1", "198.18.0.2")));
            }
            try (BenchDaemon d = BenchDaemon.start(lab, home, dir, "footprint", cfg, members)) {
                say("all " + members + " members probing; settling 10 s");
                BenchDaemon.sleep(10_000);
                long rss0 = vmRssKb(d.pid());
                long ticks0 = cpuTicks(d.pid());
                long t0 = System.nanoTime();
                BenchDaemon.sleep(opt.idleSeconds() * 1000L);
                long ticks1 = cpuTicks(d.pid());
                double seconds = (System.nanoTime() - t0) / 1e9;
                long rss1 = vmRssKb(d.pid());
                double cpu = (ticks1 - ticks0) / (double) clockTicks() / seconds * 100;
                say(String.format("VmRSS %d MiB at the start, %d MiB at the end; CPU %.2f %% of one core over %.0f s",
                        rss0 / 1024, rss1 / 1024, cpu, seconds));
                table.put("footprint " + members + " members: VmRSS", (rss1 / 1024) + " MiB (" + rss1 + " kB)");
                table.put("footprint " + members + " members: idle CPU", String.format("%.2f %% of one core over %.0f s "
                        + "(%d probes/s expected)", cpu, seconds, Math.round(members * 7 / 10.0)));
                summarizeUnexpected(d.log(), "footprint");
            }
        }
    }

    static long vmRssKb(long pid) throws IOException {
        for (String l : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            if (l.startsWith("VmRSS:")) {
                return Long.parseLong(l.replaceAll("[^0-9]", ""));
            }
        }
        throw new IOException("no VmRSS in /proc/" + pid + "/status");
    }

    /** utime + stime (fields 14 and 15) of /proc/PID/stat, counted after the ")" that ends the command name. */
    static long cpuTicks(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(f[11]) + Long.parseLong(f[12]);
    }

    static long clockTicks() {
        try {
            Process p = new ProcessBuilder("getconf", "CLK_TCK").start();
            String s = new String(p.getInputStream().readAllBytes()).strip();
            p.waitFor();
            return Long.parseLong(s);
        } catch (IOException | NumberFormatException e) {
            return 100;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 100;
        }
    }

    /**
     * A raised FDT (slow first replies while the daemon's JVM warms up) is lowered only after in.mpathd's 60 s
     * settling time; the detection figures are only meaningful at the requested FDT, so wait for it (bounded).
     */
    private void awaitRequestedFdt(BenchDaemon d, int fdt, Duration timeout) {
        long t0 = System.nanoTime();
        long deadline = t0 + timeout.toNanos();
        String last = "";
        while (System.nanoTime() < deadline) {
            List<String> r = d.tools().ipmpstat("-P", "-o", "FDT", "-g").lines();
            last = r.isEmpty() ? "" : r.getFirst().strip();
            try {
                double seconds = Double.parseDouble(last.replace("s", ""));
                if (seconds * 1000 <= fdt + 1) {
                    if (System.nanoTime() - t0 > 2_000_000_000L) {
                        say(String.format("the effective FDT came down to the requested %d ms after %.0f s", fdt,
                                (System.nanoTime() - t0) / 1e9));
                    }
                    return;
                }
            } catch (NumberFormatException e) {
                // "--" before the first probe round: keep waiting
            }
            BenchDaemon.sleep(1000);
        }
        say("the effective FDT is still " + last + " after " + timeout.toSeconds() + " s; measuring anyway");
    }

    /** Waits until m0 is ok and the data address is home on it again (ipmpstat), bounded. */
    private static boolean awaitHome(BenchDaemon d, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            boolean ok = d.tools().ipmpstat("-P", "-o", "INTERFACE,STATE", "-i").lines().contains("m0:ok");
            boolean home = d.tools().ipmpstat("-P", "-o", "ADDRESS,INBOUND", "-a").lines().contains(DATA4 + ":m0");
            if (ok && home) {
                return true;
            }
            BenchDaemon.sleep(500);
        }
        return false;
    }

    /** The group's effective FDT now (ipmpstat -g), in ms; Integer.MAX_VALUE if unknown. */
    private static int effectiveFdt(BenchDaemon d) {
        List<String> r = d.tools().ipmpstat("-P", "-o", "FDT", "-g").lines();
        try {
            return (int) Math.round(Double.parseDouble(r.getFirst().strip().replace("s", "")) * 1000);
        } catch (RuntimeException e) {
            return Integer.MAX_VALUE;
        }
    }

    /** The daemon raises the FDT when targets answer too slowly for it (in.mpathd's rule); a benchmark must say so. */
    private void fdtChanges(DaemonLog log, int fdt) {
        List<String> changes = log.since(0).stream().map(DaemonLog.Line::text)
                .filter(t -> t.contains("failure detection time") && !t.contains("ipmpd starting")).toList();
        if (!changes.isEmpty()) {
            say("FDT " + fdt + ": the daemon changed the failure detection time " + changes.size() + " times; first: "
                    + changes.getFirst() + (changes.size() > 1 ? "; last: " + changes.getLast() : ""));
            table.put("probe FDT " + fdt + " ms: FDT changes by the daemon", changes.size() + " (last: "
                    + changes.getLast().replaceFirst("^\\S+\\s+\\S+: ", "") + ")");
        }
    }

    /** Errors and warnings the daemon logged that are not part of what the benchmark provoked. */
    private void summarizeUnexpected(DaemonLog log, String part) {
        List<String> odd = log.since(0).stream().map(DaemonLog.Line::text)
                .filter(t -> t.contains(" failed") || t.startsWith("FATAL") || t.contains("Exception"))
                .filter(t -> !t.contains("failure detected")).toList();
        if (!odd.isEmpty()) {
            say(part + ": the daemon logged " + odd.size() + " unexpected error lines, first: " + odd.getFirst());
            table.put(part + ": unexpected daemon errors", odd.size() + " (first: " + odd.getFirst() + ")");
        }
    }

    private static double ms(long nanos) {
        return nanos / 1e6;
    }

    private static String fmt(double v) {
        return String.format("%.3f", v);
    }

    private static String fmt1(double v) {
        return String.format("%.1f", v);
    }

    private static void section(String title) {
        System.out.println();
        System.out.println("==== " + title);
        System.out.flush();
    }

    private static void say(String s) {
        System.out.println(s);
        System.out.flush();
    }
}
