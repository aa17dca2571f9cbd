package net.ipmpd.testlab.e2e;

import net.ipmpd.engine.state.MemberState;
import net.ipmpd.testlab.Flap;
import net.ipmpd.testlab.Lab;
import net.ipmpd.testlab.LabProcess;
import net.ipmpd.testlab.Waits;
import net.ipmpd.testlab.junit.RequiresRoot;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static net.ipmpd.testlab.e2e.E2eLabs.DATA;
import static net.ipmpd.testlab.e2e.E2eLabs.GROUP;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 15: the event history of the real daemon. A failover, failback, offline/online and a restart appear in
 * ipmpstat -e in order with their causes and outage lengths; the log survives kill -9 and stays within its size
 * bound under a flap storm; the timeline page of the run renders in headless Chromium with a lane per member,
 * the moves and the measured gaps.
 */
@RequiresRoot
class HistoryLabTest {
    private static final Logger LOG = LogManager.getLogger(HistoryLabTest.class);

    @TempDir
    Path dir;

    /** One row of ipmpstat -e -P -o time,event,interface,cause,outage,detail. */
    record Row(Instant time, String event, String member, String cause, String outage, String detail) {
        @Override
        public String toString() {
            return event + ":" + member + ":" + cause + (outage.isEmpty() ? "" : ":" + outage);
        }
    }

    private List<Row> history(OperatorTools tools, String... filters) {
        List<String> args = new ArrayList<>(List.of("-e", "-P", "-o", "time,event,interface,cause,outage,detail",
                "--state-dir", dir.toString()));
        args.addAll(List.of(filters));
        OperatorTools.Result r = tools.ipmpstat(args.toArray(String[]::new));
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.stderr()).as("no torn or unreadable lines").isEmpty();
        List<Row> rows = new ArrayList<>();
        for (String line : r.stdout().split("\n")) {
            if (line.isEmpty()) {
                continue;
            }
            String[] f = line.split("(?<!\\\\):", -1);
            for (int i = 0; i < f.length; i++) {
                f[i] = f[i].replace("\\:", ":").replace("\\\\", "\\");
            }
            rows.add(new Row(Instant.parse(f[0]), f[1], f[2], f[3], f[4], f[5]));
        }
        return rows;
    }

    /** The rows of these events only, as "event:interface:cause[:outage]". */
    private static List<String> only(List<Row> rows, String... events) {
        List<String> keep = List.of(events);
        return rows.stream().filter(r -> keep.contains(r.event())).map(Row::toString).map(s -> s.replaceAll(":[0-9.]+(ms|s)$", ":OUTAGE")).toList();
    }

    private static Row first(List<Row> rows, String event, String member) {
        return rows.stream().filter(r -> r.event().equals(event) && r.member().equals(member)).findFirst().orElseThrow(
                () -> new AssertionError("no " + event + " of " + member + " in " + rows));
    }

    /** ipmpstat -e's OUTAGE back to microseconds (it prints 0.8ms, 412ms, 3.25s, 12m05s). */
    private static long outageMicros(String text) {
        if (text.endsWith("ms")) {
            return Math.round(Double.parseDouble(text.substring(0, text.length() - 2)) * 1000);
        }
        return Math.round(Double.parseDouble(text.substring(0, text.length() - 1)) * 1_000_000);
    }

    @Test
    void failoverFailbackOfflineAndARestartAreInTheHistoryInOrderWithCausesAndOutages() throws Exception {
        try (Lab lab = Lab.start(E2eLabs.spec(2, false));
             DaemonFixture ipmpd = DaemonFixture.start(lab, dir, E2eLabs.oneGroup(2, 1000, true))) {
            OperatorTools tools = new OperatorTools(ipmpd.socket());
            lab.awaitAddress(lab.hostNs(), "m0", DATA, true, Duration.ofSeconds(5));
            E2eLabs.awaitProbesAnswered(ipmpd, Duration.ofSeconds(15), "m0", "m1");

            lab.faults().carrierDown("m0");
            lab.awaitAddress(lab.hostNs(), "m1", DATA, true, Duration.ofSeconds(2));
            Thread.sleep(300);   // an outage long enough to tell from the steps around it
            lab.faults().carrierUp("m0");
            E2eLabs.awaitAddress(lab, ipmpd, "m0", DATA, E2eLabs::repairWait);

            OperatorTools.Result off = tools.ifMpadm("-d", "m0");
            assertThat(off.exitCode()).as(off.toString()).isZero();
            lab.awaitAddress(lab.hostNs(), "m1", DATA, true, Duration.ofSeconds(2));
            OperatorTools.Result on = tools.ifMpadm("-r", "m0");
            assertThat(on.exitCode()).as(on.toString()).isZero();
            E2eLabs.awaitAddress(lab, ipmpd, "m0", DATA, E2eLabs::repairWait);

            ipmpd.stop();
            ipmpd.start();
            lab.awaitAddress(lab.hostNs(), "m0", DATA, true, Duration.ofSeconds(5));
            List<Row> all = Waits.until("the restart in the history", Duration.ofSeconds(5), () -> history(tools),
                    r -> r.stream().filter(x -> x.event().equals("daemon-started")).count() == 2);
            List<Row> rows = history(tools, "-G", GROUP);

            assertThat(only(rows, "failure", "repair", "offline", "online", "address-moved")).containsExactly(
                    "failure:m0:link-down", "address-moved:m1:link-down",
                    "repair:m0:repaired:OUTAGE", "address-moved:m0:failback",
                    "offline:m0:admin-offline", "address-moved:m1:admin-offline",
                    "online:m0:admin-online:OUTAGE", "address-moved:m0:failback");
            assertThat(only(all, "daemon-started", "daemon-stopped")).containsExactly(
                    "daemon-started::", "daemon-stopped::", "daemon-started::");
            Row stopped = first(all, "daemon-stopped", "");
            assertThat(rows).filteredOn(r -> r.event().equals("online")).allMatch(r -> r.time().isBefore(stopped.time()));

            // each outage is the time between its failure (offline) and its repair (online), as written
            Row failure = first(rows, "failure", "m0");
            Row repair = first(rows, "repair", "m0");
            long failureMicros = Duration.between(failure.time(), repair.time()).toNanos() / 1000;
            assertThat(outageMicros(repair.outage())).isCloseTo(failureMicros, org.assertj.core.data.Percentage.withPercentage(1));
            assertThat(failureMicros).as("the cable was out for at least 300 ms").isGreaterThan(300_000);
            Row offline = first(rows, "offline", "m0");
            Row online = first(rows, "online", "m0");
            assertThat(outageMicros(online.outage())).isCloseTo(Duration.between(offline.time(), online.time()).toNanos() / 1000,
                    org.assertj.core.data.Percentage.withPercentage(1));
            // who asked, and the measured steps of the failover after the engine's decision
            assertThat(first(rows, "admin-request", "m0").detail()).contains("by=if_mpadm", "request=offline", "result=done");
            Row kernel = rows.stream().filter(r -> r.event().equals("kernel-notice") && r.member().equals("m0")
                    && r.detail().contains("link=down")).findFirst().orElseThrow();
            Row added = rows.stream().filter(r -> r.event().equals("address-added") && r.member().equals("m1")).findFirst().orElseThrow();
            Row garp = rows.stream().filter(r -> r.event().equals("announced") && r.member().equals("m1")).findFirst().orElseThrow();
            assertThat(kernel.time()).isBeforeOrEqualTo(failure.time());
            assertThat(failure.time()).isBeforeOrEqualTo(added.time());
            assertThat(added.time()).isBeforeOrEqualTo(garp.time());
            LOG.warn("history: kernel notice -> failure {} us -> address added {} us -> GARP {} us; outage {}",
                    micros(kernel.time(), failure.time()), micros(failure.time(), added.time()), micros(added.time(), garp.time()),
                    repair.outage());

            timelineRendersInChromium(tools);
        }
    }

    /**
     * An IPv6 move is make-before-break on the kernel's confirmation (Ipv6MoveConfirmations): its
     * steps are in the history as an IPv4 move's are, the new copy's address-added (once the kernel
     * confirmed it) before its unsolicited NA, both after the failure.
     */
    @Test
    void anIpv6MoveHasItsAddressAddedAndAnnouncedStepsInTheHistory() throws Exception {
        String v6 = "2001:2::100";
        ConfigJson cfg = new ConfigJson().fdt(1000).failback(false);
        cfg.group(GROUP).member("m0", E2eLabs.v4Test(0)).member("m1", E2eLabs.v4Test(1)).data(v6 + "/64", "m0")
                .target("198.18.0.1").target("198.18.0.2");
        try (Lab lab = Lab.start(E2eLabs.spec(2, false));
             DaemonFixture ipmpd = DaemonFixture.start(lab, dir, cfg)) {
            OperatorTools tools = new OperatorTools(ipmpd.socket());
            lab.awaitAddress(lab.hostNs(), "m0", v6, true, Duration.ofSeconds(5));
            lab.faults().carrierDown("m0");
            lab.awaitAddress(lab.hostNs(), "m1", v6, true, Duration.ofSeconds(2));
            lab.awaitAddress(lab.hostNs(), "m0", v6, false, Duration.ofSeconds(2));

            List<Row> rows = Waits.until("the IPv6 move's steps in the history", Duration.ofSeconds(5),
                    () -> history(tools, "-G", GROUP), r -> r.stream().anyMatch(x -> x.event().equals("announced")));
            Row failure = first(rows, "failure", "m0");
            Row added = rows.stream().filter(r -> r.event().equals("address-added") && r.member().equals("m1")
                    && r.detail().contains("address=" + v6)).findFirst().orElseThrow(() -> new AssertionError("no address-added in " + rows));
            Row na = rows.stream().filter(r -> r.event().equals("announced") && r.member().equals("m1")
                    && r.detail().contains("address=" + v6)).findFirst().orElseThrow(() -> new AssertionError("no announced in " + rows));
            assertThat(na.detail()).contains("packet=na");
            assertThat(rows).as("nobody but ipmpd changed an address").noneMatch(r -> r.cause().equals("kernel-change"));
            assertThat(failure.time()).isBeforeOrEqualTo(added.time());
            assertThat(added.time()).isBeforeOrEqualTo(na.time());
            LOG.warn("history of an IPv6 move: failure -> confirmed address added {} us -> NA {} us",
                    micros(failure.time(), added.time()), micros(added.time(), na.time()));
        }
    }

    private static long micros(Instant a, Instant b) {
        return Duration.between(a, b).toNanos() / 1000;
    }

    /** The page of this run, opened by a real browser: a lane per member, the moves, the steps with their gaps. */
    private void timelineRendersInChromium(OperatorTools tools) throws Exception {
        Path page = dir.resolve("timeline.html");
        OperatorTools.Result r = tools.ipmpstat("-e", "--state-dir", dir.toString(), "--html", page.toString());
        assertThat(r.exitCode()).as(r.toString()).isZero();
        String whole = Chromium.dumpDom(page, "");
        assertThat(Chromium.count(whole, "class=\"lane-name\"")).as("one lane per member").isEqualTo(2);
        assertThat(Chromium.count(whole, "class=\"move\"")).as("the four moves").isEqualTo(4);
        assertThat(whole).contains(">m0</text>", ">m1</text>", "class=\"seg failed\"", "class=\"seg offline\"",
                "class=\"hold\"", "class=\"mk kernel-notice\"", "class=\"mk announced\"");
        // zoomed to the failover: its step ladder with the gap between detection and the GARP
        String failover = Chromium.dumpDom(page, "?incident=0");
        assertThat(failover).contains("Steps of \u201cFailover: m0 failed (link-down)\u201d", "gratuitous ARP sent");
        assertThat(failover).containsPattern("class=\"gap\"[^>]*>\\+[0-9.]+ (\u00b5s|ms)<");
        assertThat(failover).containsPattern("<td class=\"num gap\">\\+[0-9]+\\.[0-9]{3} ms</td>");
        LOG.warn("timeline page of the run: {}", page);
    }

    @Test
    void theLogSurvivesKillNineAndStaysWithinItsBoundUnderAFlapStorm() throws Exception {
        long bound = 16 * 1024;
        try (Lab lab = Lab.start(E2eLabs.spec(2, false))) {
            DaemonFixture writer = DaemonFixture.start(lab, dir, E2eLabs.oneGroup(2, 1000, true));
            writer.stop();
            // the same daemon with a small history: 4 files of 4 KiB
            List<String> args = List.of("-c", writer.configFile().toString(), "-m", "/dev/null", "-s", writer.socket().toString(),
                    "-l", "info", "--state-dir", dir.toString(), "--history-size", "16k");
            LabProcess ipmpd = DaemonFixture.spawn(lab, args);
            OperatorTools tools = new OperatorTools(writer.socket());
            try {
                lab.awaitAddress(lab.hostNs(), "m0", DATA, true, Duration.ofSeconds(5));
                Flap storm = lab.faults().flap("m1", 60, Duration.ofMillis(40), Duration.ofMillis(40));
                assertThat(storm.await(Duration.ofSeconds(60))).as("the storm ended").isTrue();
                // the storm's last word is in the log before the kill
                List<Row> before = Waits.until("the storm's last link-up in the history", Duration.ofSeconds(10),
                        () -> history(tools), r -> !r.isEmpty() && r.stream().anyMatch(x -> x.event().equals("kernel-notice")
                                && x.member().equals("m1") && x.detail().contains("link=up")
                                && x.time().isAfter(Instant.now().minusSeconds(5))));
                long written = historyBytes();
                assertThat(written).as("history bytes after %d flaps", storm.transitions())
                        .isLessThanOrEqualTo(bound + 4 * 512);
                ipmpd.kill();
                List<Row> after = history(tools);
                assertThat(after).as("everything written before kill -9 is still there").containsAll(before);

                ipmpd = DaemonFixture.spawn(lab, args);
                List<Row> restarted = Waits.until("the restart in the history", Duration.ofSeconds(10), () -> history(tools),
                        r -> r.stream().anyMatch(x -> x.event().equals("daemon-started") && x.time().isAfter(after.getLast().time())));
                assertThat(restarted.stream().filter(r -> r.event().equals("daemon-stopped")).filter(r -> r.time().isAfter(
                        after.getFirst().time())).toList()).as("a killed daemon writes no stop").isEmpty();
                System.out.printf("flap storm: %d transitions, history %d bytes of at most %d, %d entries kept, %d records-dropped entries%n",
                        storm.transitions(), written, bound, after.size(),
                        after.stream().filter(r -> r.event().equals("records-dropped")).count());
            } finally {
                ipmpd.stop();
            }
        }
    }

    private long historyBytes() {
        try (Stream<Path> files = Files.list(dir.resolve("history"))) {
            return files.filter(p -> p.getFileName().toString().endsWith(".jsonl")).mapToLong(p -> p.toFile().length()).sum();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
