package net.ipmpd.testlab.e2e;

import net.ipmpd.agent.IpmpDaemon;
import net.ipmpd.testlab.DaemonJvm;
import net.ipmpd.testlab.Lab;
import net.ipmpd.testlab.LabProcess;
import net.ipmpd.testlab.junit.RequiresRoot;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.TreeMap;

import static net.ipmpd.testlab.e2e.E2eLabs.DATA;
import static net.ipmpd.testlab.e2e.E2eLabs.GROUP;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 11, items 1, 3 and 8: starts, reloads and stops that cannot destroy. A reload from a file that says nothing
 * changes nothing; a second daemon in the namespace is refused before it touches anything; SIGTERM or SIGINT at any
 * point of start-up leaves the host as a normal stop does.
 */
@RequiresRoot
class DaemonLifecycleTest {
    private static final String TABLE = "ipmpd_nominees";
    private static final long SLOW_FDT_MS = 10_000;
    private static final List<String> WATCHED_SYSCTLS = List.of("net.ipv4.fib_multipath_hash_policy",
            "net.ipv4.conf.all.arp_ignore", "net.ipv4.conf.m0.arp_ignore", "net.ipv4.conf.m1.arp_ignore",
            "net.ipv4.conf.m0.arp_announce");

    @TempDir
    Path dir;

    @Test
    void reloadsFromFilesThatSayNothingChangeNothingAndOnlyAnExplicitFileRemovesTheGroup() throws Exception {
        try (Lab lab = Lab.start(E2eLabs.spec(2, false));
             DaemonFixture ipmpd = DaemonFixture.start(lab, dir, E2eLabs.oneGroup(2, SLOW_FDT_MS, true))) {
            lab.awaitAddress(lab.hostNs(), "m0", DATA, true, Duration.ofSeconds(10));
            lab.awaitAddress(lab.hostNs(), "m1", "198.18.0.11", true, Duration.ofSeconds(10));
            Path config = ipmpd.configFile();

            record Bad(String what, Runnable make, String error) {
            }
            List<Bad> bad = List.of(
                    new Bad("a zero-byte file", () -> ipmpd.writeConfig(""), "it is empty"),
                    new Bad("a bare {}", () -> ipmpd.writeConfig("{}\n"), "only {}"),
                    new Bad("a missing file", () -> delete(config), "no such file"),
                    new Bad("an unreadable file", () -> mkdir(config), "cannot read the configuration"));
            for (Bad b : bad) {
                long mark = ipmpd.logMark();
                b.make().run();
                ipmpd.sighup();
                ipmpd.awaitLog(mark, Duration.ofSeconds(10), "ERROR", "the running configuration is unchanged");
                assertThat(ipmpd.logLinesSince(mark, "ERROR")).as(b.what()).anySatisfy(l -> assertThat(l).contains(b.error()));
                assertThat(ipmpd.logLinesSince(mark, "configuration reloaded")).as(b.what()).isEmpty();
                assertThat(ipmpd.snapshot().groups()).as(b.what()).hasSize(1);
                assertThat(lab.hasAddress(lab.hostNs(), "m0", DATA) || lab.hasAddress(lab.hostNs(), "m1", DATA))
                        .as(b.what() + ": data address").isTrue();
                assertThat(lab.hasAddress(lab.hostNs(), "m0", "198.18.0.10")).as(b.what() + ": test address").isTrue();
                assertThat(lab.hasAddress(lab.hostNs(), "m1", "198.18.0.11")).as(b.what() + ": test address").isTrue();
                delete(config);
            }

            // a file that says "no groups" is explicit: the group and its data address go
            long mark = ipmpd.logMark();
            ipmpd.writeConfig("{\"ipmp:ipmp\": {}}\n");
            ipmpd.sighup();
            ipmpd.awaitLog(mark, Duration.ofSeconds(10), "configuration reloaded: 0 group(s)");
            lab.awaitAddress(lab.hostNs(), "m0", DATA, false, Duration.ofSeconds(5));
            assertThat(lab.hasAddress(lab.hostNs(), "m1", DATA)).isFalse();
            assertThat(ipmpd.snapshot().groups()).isEmpty();
        }
    }

    @Test
    void aMissingFileNamedWithDashCIsFatalAndTouchesNothing() {
        try (Lab lab = Lab.start(E2eLabs.spec(2, false))) {
            Map<String, String> before = hostState(lab);
            LabProcess p = spawn(lab, List.of(), "-c", dir.resolve("nonexistent.json").toString(), "-m", "/dev/null",
                    "-s", dir.resolve("ipmpd.sock").toString());
            assertThat(exitCode(p)).isEqualTo(1);
            assertThat(p.stderr().all()).anySatisfy(l -> assertThat(l).contains("FATAL").contains("nothing was changed"));
            assertThat(p.stderr().all()).anySatisfy(l -> assertThat(l).contains("ERROR").contains("named with -c"));
            assertThat(hostState(lab)).isEqualTo(before);
        }
    }

    @Test
    void aSecondDaemonInTheNamespaceIsRefusedAndTheFirstKeepsItsTableAddressesAndSysctls() throws Exception {
        try (Lab lab = Lab.start(E2eLabs.spec(2, false))) {
            unsuitHost(lab);
            try (DaemonFixture first = DaemonFixture.start(lab, dir, E2eLabs.oneGroup(2, SLOW_FDT_MS, true))) {
                lab.awaitAddress(lab.hostNs(), "m0", DATA, true, Duration.ofSeconds(10));
                awaitTable(lab, true);
                assertThat(lab.sysctl(lab.hostNs(), "net.ipv4.conf.m0.arp_ignore")).isEqualTo("1");
                // the host as the second daemon could change it: the first daemon may move its own address meanwhile
                // (a false failure on a loaded machine), so where its addresses are is not part of it
                Map<String, String> before = hostState(lab);

                // the second daemon's own addresses, so that anything it plumbed would show
                Path otherConfig = dir.resolve("second.json");
                ConfigJson secondConfig = new ConfigJson().fdt(SLOW_FDT_MS).failback(true);
                secondConfig.group(GROUP).member("m0", "198.18.0.20/24").member("m1", "198.18.0.21/24")
                        .data("198.18.0.120/24", "m0").target("198.18.0.1");
                Files.writeString(otherConfig, secondConfig.render());
                for (Path socket : List.of(first.socket(), dir.resolve("second.sock"))) {
                    LabProcess second = spawn(lab, List.of(), "-c", otherConfig.toString(), "-m", "/dev/null",
                            "-s", socket.toString());
                    assertThat(exitCode(second)).as("second daemon on " + socket).isEqualTo(1);
                    assertThat(second.stderr().all()).as("second daemon on " + socket)
                            .anySatisfy(l -> assertThat(l).contains("another ipmpd runs in this network namespace")
                                    .contains("(pid " + first.process().pid() + ")"));
                    assertThat(hostState(lab)).as("after the second daemon on " + socket).isEqualTo(before);
                    assertThat(first.snapshot().groups()).hasSize(1);
                }
                assertThat(first.process().isAlive()).isTrue();
            }
        }
    }

    @Test
    void sigtermOrSigintAtAnyPointOfStartUpLeavesTheHostAsANormalStopDoes() throws Exception {
        try (Lab lab = Lab.start(E2eLabs.spec(2, false))) {
            Path config = dir.resolve("ipmpd.json");
            Files.writeString(config, E2eLabs.oneGroup(2, 1000, true).render());
            Path socket = dir.resolve("ipmpd.sock");
            record Point(String step, String signal, boolean touchedHost) {
            }
            for (Point at : List.of(new Point("settings", "TERM", false), new Point("dataplane", "TERM", true),
                    new Point("dataplane", "INT", true), new Point("netconf", "TERM", true), new Point(null, "TERM", true))) {
                String what = "SIG" + at.signal() + " " + (at.step() == null ? "while running" : "after start-up step " + at.step());
                unsuitHost(lab);
                List<String> jvm = at.step() == null ? List.of()
                        : List.of("-Dipmpd.test.holdAfter=" + at.step(), "-Dipmpd.test.holdMs=5000");
                LabProcess p = spawn(lab, jvm, "-c", config.toString(), "-m", "/dev/null", "-s", socket.toString());
                String waitFor = at.step() == null ? "ipmpd ready" : "start-up held after step " + at.step();
                assertThat(p.stderr().await(0, l -> l.contains(waitFor), DaemonFixture.START_TIMEOUT)).as(what).isPresent();
                if (at.touchedHost()) {
                    awaitTable(lab, true);   // the host is changed: the stop has something to undo
                }
                signal(p, at.signal());
                assertThat(exitCode(p)).as(what).isEqualTo(0);
                assertThat(p.stderr().all()).as(what).anySatisfy(l -> assertThat(l).contains("ipmpd stopping"));
                assertThat(tables(lab)).as(what + ": nominee table").doesNotContain(TABLE);
                assertThat(Files.exists(socket)).as(what + ": control socket").isFalse();
                assertThat(lab.sysctl(lab.hostNs(), "net.ipv4.fib_multipath_hash_policy")).as(what + ": hash policy put back")
                        .isEqualTo("0");
                // as a normal stop: member values set for the data addresses stay with them
                assertThat(lab.sysctl(lab.hostNs(), "net.ipv4.conf.m0.arp_ignore")).as(what + ": arp_ignore")
                        .isEqualTo(at.touchedHost() ? "1" : "0");
            }
        }
    }

    /** Values ipmpd must change (the lab presets good ones): the hash policy and m0/m1's arp_ignore. */
    private static void unsuitHost(Lab lab) {
        lab.setSysctls(lab.hostNs(), List.of("net.ipv4.fib_multipath_hash_policy=0", "net.ipv4.conf.all.arp_ignore=0",
                "net.ipv4.conf.m0.arp_ignore=0", "net.ipv4.conf.m1.arp_ignore=0"));
    }

    private LabProcess spawn(Lab lab, List<String> extraJvm, String... args) {
        // bin/ipmpd's JVM options, then the test's
        return lab.spawn(lab.hostNs(), DaemonJvm.argv(extraJvm, IpmpDaemon.class, List.of(args)).toArray(String[]::new));
    }

    private static int exitCode(LabProcess p) {
        OptionalInt code = p.waitFor(Duration.ofSeconds(40));
        assertThat(code).as("the daemon exits; stderr:\n" + String.join("\n", p.stderr().all())).isPresent();
        return code.getAsInt();
    }

    private static void signal(LabProcess p, String name) throws Exception {
        assertThat(new ProcessBuilder("kill", "-" + name, Long.toString(p.pid())).inheritIO().start().waitFor()).isZero();
    }

    private static String tables(Lab lab) {
        return lab.exec(lab.hostNs(), "nft", "list", "tables").orThrow().stdout();
    }

    private static void awaitTable(Lab lab, boolean present) throws InterruptedException {
        for (int i = 0; i < 250 && tables(lab).contains(TABLE) != present; i++) {
            Thread.sleep(20);
        }
        assertThat(tables(lab).contains(TABLE)).as("table " + TABLE + " present").isEqualTo(present);
    }

    /**
     * What a daemon could touch: the addresses in the namespace (without the member that holds them), the nftables
     * tables, the watched sysctls.
     */
    private static Map<String, String> hostState(Lab lab) {
        Map<String, String> s = new TreeMap<>();
        s.put("addresses", lab.exec(lab.hostNs(), "ip", "-o", "addr", "show").orThrow().stdout().lines()
                .filter(l -> !l.contains(" lo ")).map(l -> l.replaceAll("^\\d+: \\S+\\s+", "").replaceAll("\\S+\\\\.*", "")
                        .replaceAll(" (secondary )?noprefixroute", "").replaceAll(" m\\d", "").strip())
                .sorted().toList().toString());
        s.put("nft tables", tables(lab));
        for (String k : WATCHED_SYSCTLS) {
            s.put(k, lab.sysctl(lab.hostNs(), k));
        }
        return s;
    }

    private static void delete(Path p) {
        try {
            if (Files.isDirectory(p)) {
                Files.delete(p);
            } else {
                Files.deleteIfExists(p);
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static void mkdir(Path p) {
        try {
            Files.deleteIfExists(p);
            Files.createDirectory(p);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
