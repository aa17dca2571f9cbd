package net.ipmpd.testlab.dataplane;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.ipmpd.testlab.Lab;
import net.ipmpd.testlab.LabProcess;
import net.ipmpd.testlab.e2e.ConfigJson;
import net.ipmpd.testlab.e2e.DaemonFixture;
import net.ipmpd.testlab.e2e.E2eLabs;
import net.ipmpd.testlab.e2e.OperatorTools;
import net.ipmpd.testlab.junit.RequiresRoot;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One writer to the kernel (issue 10): the engine decides about the kernel's addresses from what
 * the dataplane reads, and the dataplane only executes. Seen from outside: an address found on
 * another member at start is announced from there; and a reconcile racing carrier losses never
 * leaves a data address on no member, in the kernel's own event stream ({@code ip monitor address}).
 */
@RequiresRoot
class KernelReconcileLabTest {
    private static final String DATA_B = "198.18.0.101";
    private static final Pattern ADDRESS = Pattern.compile("^(Deleted )?\\d+: (\\S+)\\s+inet (198\\.18\\.0\\.10[01])/");
    @TempDir
    Path dir;

    @Test
    void anAddressAddedByHandOnAnotherMemberWithoutAnnouncementIsAnnouncedWhenIpmpdStarts() {
        try (Lab lab = Lab.start(E2eLabs.spec(3, false))) {
            lab.addAddress(lab.hostNs(), "m0", E2eLabs.DATA_CIDR);
            E2eLabs.clientTalksTo(lab, E2eLabs.DATA, Duration.ofSeconds(5));
            lab.awaitNeighbour(lab.ns("c"), "c", E2eLabs.DATA, lab.mac("m0"), Duration.ofSeconds(2));
            // moved by hand, no gratuitous ARP (a kill -9 between the add and the announcement
            // leaves the same), and the old member loses its carrier
            lab.addAddress(lab.hostNs(), "m1", E2eLabs.DATA_CIDR);
            lab.deleteAddress(lab.hostNs(), "m0", E2eLabs.DATA_CIDR);
            lab.faults().carrierDown("m0");
            assertThat(lab.neighbours(lab.ns("c"), "c")).anyMatch(n -> E2eLabs.DATA.equals(n.address())
                    && lab.mac("m0").equalsIgnoreCase(n.lladdr()));
            try (DaemonFixture ipmpd = DaemonFixture.start(lab, dir, E2eLabs.oneGroup(3, 1000, true))) {
                // adopted where it is (nothing moves) and announced from there: the client follows at once
                lab.awaitNeighbour(lab.ns("c"), "c", E2eLabs.DATA, lab.mac("m1"), Duration.ofSeconds(5));
                assertThat(ipmpd.dataAddress(E2eLabs.GROUP, E2eLabs.DATA).currentMember()).contains("m1");
                assertThat(ipmpd.logSince(0)).anyMatch(l -> l.contains("data address 198.18.0.100/24 announced on m1"));
                E2eLabs.clientTalksTo(lab, E2eLabs.DATA, Duration.ofSeconds(5));
            }
        }
    }

    @Test
    void aReconcileRacingCarrierLossesNeverLeavesADataAddressOnNoMember() throws Exception {
        ConfigJson cfg = new ConfigJson().fdt(1000).failback(true);
        ConfigJson.Group g = cfg.group(E2eLabs.GROUP);
        for (int i = 0; i < 3; i++) {
            g.member("m" + i, E2eLabs.v4Test(i));
        }
        g.data(E2eLabs.DATA_CIDR, "m0").data(DATA_B + "/24", "m1").target("198.18.0.1").target("198.18.0.2");
        try (Lab lab = Lab.start(E2eLabs.spec(3, false));
             DaemonFixture ipmpd = DaemonFixture.start(lab, dir, cfg)) {
            lab.awaitAddress(lab.hostNs(), "m0", E2eLabs.DATA, true, Duration.ofSeconds(10));
            lab.awaitAddress(lab.hostNs(), "m1", DATA_B, true, Duration.ofSeconds(10));
            E2eLabs.awaitProbesAnswered(ipmpd, Duration.ofSeconds(20), "m0", "m1", "m2");
            LabProcess monitor = lab.spawn(lab.hostNs(), "ip", "-o", "monitor", "address");
            Thread.sleep(1_000);   // subscribed by then
            // someone else keeps changing addresses on the members: every change makes the
            // dataplane read the kernel again and the engine reconcile, while carriers go
            AtomicBoolean churning = new AtomicBoolean(true);
            AtomicInteger changes = new AtomicInteger();
            Thread churn = Thread.ofPlatform().name("address-churn").start(() -> {
                for (int i = 0; churning.get() && i < 2_000; i++) {
                    // failures are fine (the stray may still be there): exit codes are not checked; no
                    // prefix routes, so that routing (and the probes) stay as ipmpd made them
                    if (i % 5 == 4) {
                        lab.exec(lab.hostNs(), "ip", "addr", "add", DATA_B + "/24", "dev", "m2", "noprefixroute");   // a stray copy
                    } else {
                        String member = "m" + (i / 2 % 3);
                        lab.exec(lab.hostNs(), "ip", "addr", i % 2 == 0 ? "add" : "del", "198.19.255.250/32", "dev", member);
                    }
                    changes.incrementAndGet();
                }
            });
            int moves = 0;
            try {
                for (int cycle = 0; cycle < 2; cycle++) {   // a third flap in a row engages the flap damper
                    long mark = ipmpd.logMark();
                    lab.faults().carrierDown("m0");
                    ipmpd.awaitLog(mark, Duration.ofSeconds(10), "data address " + E2eLabs.DATA_CIDR, "moved from m0");
                    mark = ipmpd.logMark();
                    lab.faults().carrierUp("m0");
                    ipmpd.awaitLog(mark, Duration.ofSeconds(30), "data address " + E2eLabs.DATA_CIDR, "to m0");
                    moves += 2;
                }
            } finally {
                churning.set(false);
                churn.join(30_000);
            }
            lab.awaitAddress(lab.hostNs(), "m2", DATA_B, false, Duration.ofSeconds(5));   // the last stray went too
            Thread.sleep(500);
            List<String> trace = monitor.stdout().all();
            monitor.stop();
            Map<String, Set<String>> holders = Map.of(E2eLabs.DATA, new HashSet<>(Set.of("m0")), DATA_B, new HashSet<>(Set.of("m1")));
            List<String> relevant = new ArrayList<>();
            int strayDeletes = 0;
            for (String line : trace) {
                Matcher a = ADDRESS.matcher(line);
                if (!a.find()) {
                    continue;
                }
                relevant.add(line);
                Set<String> on = holders.get(a.group(3));
                if (a.group(1) != null) {
                    on.remove(a.group(2));
                    strayDeletes += a.group(3).equals(DATA_B) && a.group(2).equals("m2") ? 1 : 0;
                } else {
                    on.add(a.group(2));
                }
                assertThat(on).as("members holding %s after:\n%s", a.group(3), String.join("\n", relevant)).isNotEmpty();
            }
            assertThat(strayDeletes).as("stray copies of %s on m2 removed", DATA_B).isPositive();
            System.out.printf("[lab] reconcile racing carrier loss: %d moves, %d address changes by someone else,"
                    + " %d stray copies removed, %d data address events, never on no member%n",
                    moves, changes.get(), strayDeletes, relevant.size());
        }
    }

    /** Issue 11 item 2: NetworkManager, DHCP clients and operators delete addresses; ipmpd puts back what it owns. */
    @Test
    void addressesThatOtherToolsDeleteArePutBack() {
        ConfigJson cfg = new ConfigJson().fdt(1000).failback(true);
        cfg.group(E2eLabs.GROUP).member("m0", E2eLabs.v4Test(0)).member("m1", E2eLabs.v4Test(1), "fe80::11/64")
                .member("m2", E2eLabs.v4Test(2)).data(E2eLabs.DATA_CIDR, "m0").target("198.18.0.1").target("198.18.0.2");
        try (Lab lab = Lab.start(E2eLabs.spec(3, false));
             DaemonFixture ipmpd = DaemonFixture.start(lab, dir, cfg)) {
            lab.awaitAddress(lab.hostNs(), "m0", E2eLabs.DATA, true, Duration.ofSeconds(10));
            lab.awaitAddress(lab.hostNs(), "m1", "fe80::11", true, Duration.ofSeconds(10));
            long t0 = System.nanoTime();
            lab.deleteAddress(lab.hostNs(), "m0", E2eLabs.DATA_CIDR);
            lab.awaitAddress(lab.hostNs(), "m0", E2eLabs.DATA, true, Duration.ofSeconds(5));
            long dataBack = E2eLabs.millisSince(t0);
            t0 = System.nanoTime();
            lab.deleteAddress(lab.hostNs(), "m1", E2eLabs.v4Test(1));
            lab.awaitAddress(lab.hostNs(), "m1", "198.18.0.11", true, Duration.ofSeconds(5));
            long testBack = E2eLabs.millisSince(t0);
            // down and up again: the kernel flushes the member's IPv6 addresses, the link-local test address too
            t0 = System.nanoTime();
            lab.ip(lab.hostNs(), "link", "set", "m1", "down");
            lab.ip(lab.hostNs(), "link", "set", "m1", "up");
            lab.awaitAddress(lab.hostNs(), "m1", "fe80::11", true, Duration.ofSeconds(5));
            System.out.printf("[lab] put back after another tool deleted it: data address %d ms, IPv4 test address %d ms,"
                    + " IPv6 link-local test address after a link flush %d ms%n", dataBack, testBack, E2eLabs.millisSince(t0));
            assertThat(ipmpd.logSince(0)).anyMatch(l -> l.contains("data address 198.18.0.100/24 placed on m0"));
        }
    }

    /**
     * Issue 11 item 2, "with a WARN naming what changed it": the kernel's event names the process
     * that asked (its netlink port is its pid); the daemon's log says so, then puts the address back
     * and tells it as a move with cause kernel-change, which the history keeps too. `ip -batch`
     * stays alive while the daemon reads its name (a plain `ip addr del` may exit first).
     */
    @Test
    void aDataAddressDeletedWithIpIsPutBackWithAWarningNamingIpAndAKernelChangeMoveInTheHistory() {
        try (Lab lab = Lab.start(E2eLabs.spec(2, false));
             DaemonFixture ipmpd = DaemonFixture.start(lab, dir, E2eLabs.oneGroup(2, 1000, true))) {
            lab.awaitAddress(lab.hostNs(), "m0", E2eLabs.DATA, true, Duration.ofSeconds(10));
            LabProcess ip = lab.spawn(lab.hostNs(), "ip", "-batch", "-");
            long mark = ipmpd.logMark();
            ip.send("addr del " + E2eLabs.DATA_CIDR + " dev m0");
            String warning = ipmpd.awaitLog(mark, Duration.ofSeconds(10), "data address " + E2eLabs.DATA + " deleted from m0 by pid");
            String putBack = ipmpd.awaitLog(mark, Duration.ofSeconds(10), "Data address " + E2eLabs.DATA + " of group "
                    + E2eLabs.GROUP + " put back on m0 (cause: kernel-change)");
            lab.awaitAddress(lab.hostNs(), "m0", E2eLabs.DATA, true, Duration.ofSeconds(5));
            ip.stop();
            System.out.printf("[lab] another tool deleted the data address:%n  %s%n  %s%n", warning, putBack);
            assertThat(warning).containsPattern("by pid \\d+ \\(ip\\), not by ipmpd").contains("WARN");

            OperatorTools.Result history = new OperatorTools(ipmpd.socket()).ipmpstat("-e", "-P", "-o", "event,interface,cause",
                    "--state-dir", dir.toString());
            assertThat(history.stdout().lines().toList()).as(history.toString())
                    .contains("config-warning:m0:kernel-change", "address-moved:m0:kernel-change");
        }
    }
}
