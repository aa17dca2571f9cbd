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

    /**
     * SNMP and NETCONF start beside the dataplane: a stop while they start, or a NETCONF port that is taken, still
     * ends start-up with everything closed (both agents included) and the host as a normal stop leaves it; and ready
     * is only said once both listen.
     */
    @Test
    void aStopOrATakenPortWhileSnmpAndNetconfStartBesideTheDataplaneLeavesTheHostAsANormalStopDoes() throws Exception {
        try (Lab lab = Lab.start(E2eLabs.spec(2, false))) {
            Path config = dir.resolve("ipmpd.json");
            Files.writeString(config, E2eLabs.oneGroup(2, 1000, true).render());
            Path socket = dir.resolve("ipmpd.sock");
            List<String> args = List.of("-c", config.toString(), "-m", "/dev/null", "-s", socket.toString(),
                    "--state-dir", dir.resolve("state").toString(),
                    "--snmp-config", writeSnmpSettings(SNMP_PORT).toString(),
                    "--netconf-config", writeNetconfSettings(NETCONF_PORT).toString());

            // a normal start says ready once both listen; then SIGTERM
            unsuitHost(lab);
            LabProcess normal = spawn(lab, List.of(), args.toArray(String[]::new));
            assertThat(normal.stderr().await(0, l -> l.contains("ipmpd ready"), DaemonFixture.START_TIMEOUT)).isPresent();
            assertThat(normal.stderr().all()).as("both listen before ready").satisfies(lines -> {
                int ready = indexOf(lines, "ipmpd ready");
                assertThat(indexOf(lines, "SNMP agent listening")).isBetween(0, ready);
                assertThat(indexOf(lines, "netconf: listening")).isBetween(0, ready);
            });
            signal(normal, "TERM");
            assertThat(exitCode(normal)).isZero();

            // SIGTERM while the dataplane is held and the agents start beside it
            unsuitHost(lab);
            LabProcess held = spawn(lab, List.of("-Dipmpd.test.holdAfter=dataplane", "-Dipmpd.test.holdMs=5000"),
                    args.toArray(String[]::new));
            assertThat(held.stderr().await(0, l -> l.contains("start-up held after step dataplane"), DaemonFixture.START_TIMEOUT))
                    .isPresent();
            awaitTable(lab, true);
            signal(held, "TERM");
            assertThat(exitCode(held)).isZero();
            assertStoppedAsNormal(lab, held, socket, "SIGTERM while SNMP and NETCONF start");
            assertThat(held.stderr().all()).as("the agents were closed with the rest")
                    .anySatisfy(l -> assertThat(l).contains("netconf: stopped"))
                    .anySatisfy(l -> assertThat(l).contains("SNMP agent on udp 127.0.0.1:" + SNMP_PORT + " stopped"))
                    .noneSatisfy(l -> assertThat(l).contains("ipmpd ready"));

            // NETCONF's port is taken: start-up fails, after the dataplane may have touched the host
            unsuitHost(lab);
            try (LabProcess blocker = lab.spawn(lab.hostNs(), "python3", "-c", "import socket, sys, time\n"
                    + "s = socket.socket(); s.bind(('127.0.0.1', " + NETCONF_PORT + ")); s.listen()\n"
                    + "print('listening', flush=True); time.sleep(120)")) {
                assertThat(blocker.stdout().await(0, l -> l.contains("listening"), Duration.ofSeconds(20))).isPresent();
                LabProcess refused = spawn(lab, List.of(), args.toArray(String[]::new));
                assertThat(exitCode(refused)).isEqualTo(1);
                assertThat(refused.stderr().all()).anySatisfy(l -> assertThat(l).contains("FATAL")
                        .contains("the NETCONF server cannot start").contains("port " + NETCONF_PORT));
                assertStoppedAsNormal(lab, refused, socket, "NETCONF port taken");
                assertThat(refused.stderr().all()).noneSatisfy(l -> assertThat(l).contains("ipmpd ready"));
            }
        }
    }

    private static final int SNMP_PORT = 10161;
    private static final int NETCONF_PORT = 10830;

    private static void assertStoppedAsNormal(Lab lab, LabProcess p, Path socket, String what) {
        assertThat(p.stderr().all()).as(what).anySatisfy(l -> assertThat(l).contains("ipmpd stopping"));
        assertThat(tables(lab)).as(what + ": nominee table").doesNotContain(TABLE);
        assertThat(Files.exists(socket)).as(what + ": control socket").isFalse();
        assertThat(lab.sysctl(lab.hostNs(), "net.ipv4.fib_multipath_hash_policy")).as(what + ": hash policy put back")
                .isEqualTo("0");
    }

    private static int indexOf(List<? extends String> lines, String text) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(text)) {
                return i;
            }
        }
        return -1;
    }

    private Path writeSnmpSettings(int port) throws java.io.IOException {
        Path file = dir.resolve("snmp.json");
        Files.writeString(file, """
                {"listen": {"address": "127.0.0.1", "port": %d}, "stateDirectory": "%s",
                 "users": [{"name": "lab", "auth": "SHA-256", "authPassphrase": "lab pass phrase",
                            "priv": "AES-128", "privPassphrase": "lab privacy", "access": "ro"}]}
                """.formatted(port, dir.resolve("snmp")));
        return file;
    }

    private Path writeNetconfSettings(int port) throws java.io.IOException {
        Path file = dir.resolve("netconf.json");
        Files.writeString(file, """
                {"listen-address": "127.0.0.1", "port": %d, "host-key": "%s", "groups": {"monitor": "read-only"},
                 "users": [{"name": "lab", "authorized-keys": ["ssh-ed25519 \
                AAAAC3NzaC1lZDI1NTE5AAAAIKdlGt6Y8PLB/Hw/CinO+lwsrqoRP0PS/NVskasJlrGT lab"], "groups": ["monitor"]}]}
                """.formatted(port, dir.resolve("ssh_host_key")));
        return file;
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
