package net.ipmpd.testlab.multicast;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.ipmpd.testlab.Lab;
import net.ipmpd.testlab.LabProcess;
import net.ipmpd.testlab.e2e.DaemonFixture;
import net.ipmpd.testlab.e2e.E2eLabs;
import net.ipmpd.testlab.e2e.OperatorTools;
import net.ipmpd.testlab.junit.RequiresRoot;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Multicast through an IGMP/MLD-snooping switch with a querier (the Linux bridge with
 * mcast_snooping 1, mcast_querier 1). Such a switch forwards a group only to the ports that
 * reported it, and forgets a port's groups when its link goes down; Linux does not report again
 * when carrier returns, and the querier asks only every 125 s. So reception after failover,
 * offline and failback depends on the nominee reporting its groups at once. Receivers joined on
 * m0 (IPv4 and IPv6); a client sends one datagram every 10 ms to each group. Each phase's
 * longest gap between two received datagrams must stay under 1 s, and nothing may arrive twice.
 */
@RequiresRoot
class SnoopingSwitchLabTest {
    private static final long MAX_GAP_MS = 1_000;
    private static final Duration PHASE = Duration.ofSeconds(3);
    @TempDir
    Path dir;

    @Test
    void reportsAfterFailoverOfflineAndFailbackKeepEveryGapUnderOneSecondWithoutDuplicates() throws Exception {
        Path script = dir.resolve("mcast.py");
        try (InputStream in = SnoopingSwitchLabTest.class.getResourceAsStream("/multicast/mcast.py")) {
            Files.copy(in, script);
        }
        try (Lab lab = Lab.start(E2eLabs.spec(3, false))) {
            String sw = lab.switchNs();
            // the bridge needs a link-local address to be the MLD querier
            lab.setSysctls(sw, List.of("net.ipv6.conf.br0.disable_ipv6=0"));
            lab.ip(sw, "link", "set", "br0", "type", "bridge", "mcast_snooping", "1", "mcast_querier", "1");
            try (DaemonFixture ipmpd = DaemonFixture.start(lab, dir, E2eLabs.oneGroup(3, 1000, true))) {
                run(lab, ipmpd, script);
            }
        }
    }

    private void run(Lab lab, DaemonFixture ipmpd, Path script) throws Exception {
        OperatorTools tools = new OperatorTools(ipmpd.socket());
        E2eLabs.awaitProbesAnswered(ipmpd, Duration.ofSeconds(20), "m0", "m1", "m2");
        int seconds = 55;
        LabProcess r4 = lab.spawn(lab.hostNs(), "/usr/bin/python3", script.toString(), "recv", "239.1.2.3", "5000", "m0", String.valueOf(seconds));
        LabProcess r6 = lab.spawn(lab.hostNs(), "/usr/bin/python3", script.toString(), "recv", "ff0e::1234", "5002", "m0", String.valueOf(seconds));
        r4.awaitLine("ready"::equals, "ready", Duration.ofSeconds(10));
        r6.awaitLine("ready"::equals, "ready", Duration.ofSeconds(10));
        // a querier is trusted only after one query response interval (10 s): until then the bridge floods
        Thread.sleep(11_000);
        LabProcess s4 = lab.spawn(lab.ns("c"), "/usr/bin/python3", script.toString(), "send", "239.1.2.3", "5000", "c", String.valueOf(seconds - 15));
        LabProcess s6 = lab.spawn(lab.ns("c"), "/usr/bin/python3", script.toString(), "send", "ff0e::1234", "5002", "c", String.valueOf(seconds - 15));
        Thread.sleep(1_000);
        long m2Before = multicastReceived(lab, "m2");
        Thread.sleep(PHASE.toMillis());
        long floodedToM2 = multicastReceived(lab, "m2") - m2Before;
        // the switch really snoops: the non-nominee m2, which joined nothing, gets (almost) none of the 600 datagrams
        assertThat(floodedToM2).as("multicast frames that reached m2 in %d ms", PHASE.toMillis()).isLessThan(50);

        Map<String, Long> phases = new LinkedHashMap<>();
        phases.put("failover (m0 carrier down)", now());
        lab.faults().carrierDown("m0");
        Thread.sleep(PHASE.toMillis());
        long mark = ipmpd.logMark();
        phases.put("failback (m0 carrier up, nominee m0 again)", now());
        lab.faults().carrierUp("m0");
        ipmpd.awaitLog(mark, Duration.ofSeconds(15), "multicast and broadcast received on nominees IPv4 multicast m0");
        Thread.sleep(PHASE.toMillis());
        phases.put("offline (if_mpadm -d m0)", now());
        assertThat(tools.ifMpadm("-d", "m0").exitCode()).isZero();
        Thread.sleep(PHASE.toMillis());
        phases.put("online (if_mpadm -r m0)", now());
        assertThat(tools.ifMpadm("-r", "m0").exitCode()).isZero();
        Thread.sleep(PHASE.toMillis());
        phases.put("end", now());

        s4.awaitLine(l -> l.startsWith("sent "), "its count", Duration.ofSeconds(40));
        s6.awaitLine(l -> l.startsWith("sent "), "its count", Duration.ofSeconds(40));
        r4.awaitLine("done"::equals, "done", Duration.ofSeconds(40));
        r6.awaitLine("done"::equals, "done", Duration.ofSeconds(40));
        Map<String, Long> gaps = new LinkedHashMap<>();
        Map<String, List<String>> duplicates = new LinkedHashMap<>();
        for (var r : List.of(Map.entry("IPv4 239.1.2.3", r4), Map.entry("IPv6 ff0e::1234", r6))) {
            List<long[]> got = received(r.getValue());
            Map<Long, Integer> copies = new HashMap<>();
            got.forEach(g -> copies.merge(g[1], 1, Integer::sum));
            List<String> names = new ArrayList<>(phases.keySet());
            for (int i = 0; i + 1 < names.size(); i++) {
                long gap = longestGap(got, phases.get(names.get(i)), phases.get(names.get(i + 1)));
                System.out.printf("snooping switch, %s, %s: longest gap %d ms%n", r.getKey(), names.get(i), gap);
                gaps.put(r.getKey() + ", " + names.get(i), gap);
            }
            List<String> twice = got.stream().filter(g -> copies.get(g[1]) > 1).map(g -> g[1] + "@" + g[0]).toList();
            System.out.printf("snooping switch, %s: %d received, twice: %s%n", r.getKey(), got.size(), twice);
            duplicates.put(r.getKey(), twice);
        }
        phases.forEach((name, t) -> System.out.printf("snooping switch: phase %s from %d%n", name, t));
        assertThat(duplicates.values()).as("datagrams received twice (seq@ms)").allMatch(List::isEmpty);
        assertThat(gaps).as("longest gap per phase (ms)").allSatisfy((phase, gap) -> assertThat(gap).as(phase).isLessThan(MAX_GAP_MS));
    }

    private static long now() {
        return System.nanoTime() / 1_000_000;   // CLOCK_MONOTONIC, as the receiver's time.monotonic()
    }

    /** The longest silence within [from, to), whatever side of the window's edges it began or ended. */
    static long longestGap(List<long[]> got, long from, long to) {
        long prev = from;
        long longest = 0;
        for (long[] g : got) {
            long a = Math.max(prev, from);
            long b = Math.min(g[0], to);
            longest = Math.max(longest, b - a);
            prev = Math.max(prev, g[0]);
        }
        return Math.max(longest, to - Math.max(prev, from));
    }

    /** (receive time in monotonic ms, seq) per datagram. */
    private static List<long[]> received(LabProcess receiver) {
        List<long[]> out = new ArrayList<>();
        for (String l : receiver.stdout().all()) {
            String[] f = l.split(" ");
            if (f.length == 2 && f[0].matches("\\d+") && f[1].matches("\\d+")) {
                out.add(new long[] {Long.parseLong(f[0]), Long.parseLong(f[1])});
            }
        }
        return out;
    }

    /** RX multicast frames counted on a member (from ip -s: sysfs would show the wrong namespace). */
    private static long multicastReceived(Lab lab, String ifname) {
        String out = lab.exec(lab.hostNs(), "ip", "-j", "-s", "link", "show", "dev", ifname).stdout();
        var m = java.util.regex.Pattern.compile("\"multicast\":(\\d+)").matcher(out);
        if (!m.find()) {
            throw new AssertionError("no multicast counter for " + ifname + " in: " + out);
        }
        return Long.parseLong(m.group(1));
    }
}
