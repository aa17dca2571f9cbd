package net.ipmpd.testlab.e2e;

import net.ipmpd.engine.state.MemberState;
import net.ipmpd.engine.state.ProbeState;
import net.ipmpd.testlab.Lab;
import net.ipmpd.testlab.LabSpec;
import net.ipmpd.testlab.LabTimeoutException;
import net.ipmpd.testlab.PingResult;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Function;

/**
 * The lab shape of the end-to-end scenarios and the few steps they share. Members start without addresses: the
 * daemon plumbs the test addresses and places the data addresses itself, as on a freshly booted host.
 * <pre>
 *   h [m0 m1 m2]  --  br0  --  t1 198.18.0.1/24 2001:2::1/64, t2 198.18.0.2/24 2001:2::2/64, c 198.18.0.200/24 2001:2::200/64
 * </pre>
 */
public final class E2eLabs {
    public static final String GROUP = "ipmp0";
    public static final String DATA = "198.18.0.100";
    public static final String DATA_CIDR = DATA + "/24";

    private E2eLabs() {
    }

    public static LabSpec spec(int members, boolean multicastTargets) {
        LabSpec.Builder b = LabSpec.builder();
        for (int i = 0; i < members; i++) {
            b.member("m" + i);
        }
        for (int i = 1; i <= 2; i++) {
            LabSpec.HostSpec t = LabSpec.target("t" + i, "198.18.0." + i + "/24", "2001:2::" + i + "/64");
            b.host(multicastTargets ? t.answeringMulticastEcho() : t);
        }
        return b.client("c", "198.18.0.200/24", "2001:2::200/64").build();
    }

    /** m&lt;i&gt;'s IPv4 test address, 198.18.0.1i/24 (as LabSpec.standard would give it). */
    public static String v4Test(int member) {
        return "198.18.0.1" + member + "/24";
    }

    /** A config with one group: members m0..m(n-1), each with an IPv4 test address; data address on m0; target t1. */
    public static ConfigJson oneGroup(int members, long fdtMs, boolean failback) {
        ConfigJson c = new ConfigJson().fdt(fdtMs).failback(failback);
        ConfigJson.Group g = c.group(GROUP);
        for (int i = 0; i < members; i++) {
            g.member("m" + i, v4Test(i));
        }
        g.data(DATA_CIDR, "m0").target("198.18.0.1").target("198.18.0.2");
        return c;
    }

    /**
     * Makes the client talk to the data address so it has a neighbour entry for it (a GARP/NA only updates an entry
     * that exists), and checks the address answers.
     */
    public static void clientTalksTo(Lab lab, String address, Duration within) {
        PingResult p = lab.ping(lab.ns("c"), address, 2, within);
        if (p.received() < 1) {
            throw new LabTimeoutException("client c gets no answer from data address " + address + ": " + p);
        }
    }

    /**
     * Waits until each member is ok and its probes are being answered: the engine's 40 s quiet period ends with the
     * first answered probe, and before that a lost probe counts for nothing (in.mpathd's rule).
     */
    public static void awaitProbesAnswered(DaemonFixture ipmpd, Duration timeout, String... members) {
        for (String m : members) {
            ipmpd.awaitMember(m, "ok with answered probes", timeout, s -> s.state() == MemberState.OK
                    && s.probe() == ProbeState.OK
                    && s.probing().stream().allMatch(p -> p.stats().answered() >= 3));
        }
    }

    /**
     * How long to wait for a probe-based failure to be detected: twice the largest failure detection time the
     * daemon uses now, plus 2 s. Normally that is the configured 1 s; when a start-up RTT spike on this shared
     * machine made the daemon raise it (in.mpathd: "Cannot meet requested failure detection time", lowered again
     * only after 60 s), the wait grows with it, so that the scenario fails on its timing assertion against the FDT
     * the daemon owes, with the numbers, not on an arbitrary wait.
     */
    public static Duration failoverWait(DaemonFixture ipmpd) {
        long fdt = ipmpd.snapshot().groups().stream().mapToLong(g -> g.effectiveFdtMs()).max().orElse(1000);
        return Duration.ofMillis(2 * fdt + 2000);
    }

    /**
     * How long to wait for a repair: 10 answered probes (in.mpathd NUM_PROBE_REPAIRS) at the current probe interval
     * (FDT/7, about 1.5 s with a 1 s FDT), twice over, and at least 8 s: room for a loaded machine, where a lost
     * ARP resolution alone costs a second. Repair times are measured and reported, not asserted.
     */
    public static Duration repairWait(DaemonFixture ipmpd) {
        long interval = ipmpd.snapshot().groups().stream().mapToLong(g -> g.probeIntervalMs()).max().orElse(143);
        return Duration.ofMillis(Math.max(8000, 2 * 10 * interval + 2000));
    }

    /**
     * The failure detection time the daemon owes a group around a failure: the configured one, or the one it
     * raised to when the targets answered too slowly (in.mpathd: "Cannot meet requested failure detection time";
     * on this shared 2-core machine a load spike can do that). {@code before} is the effective FDT read before the
     * fault was injected.
     */
    public static long fdtOwed(DaemonFixture ipmpd, String group, long before) {
        return Math.max(before, ipmpd.group(group).effectiveFdtMs());
    }

    /**
     * The latest a probe failure may be detected (and its address moved), by the daemon's own log, counted from
     * when the fault's nft command returned (its transaction commits at the end of its run): in.mpathd's own
     * bound, the FDT plus half a probe interval (FDT/14: a sub-ms CRTT counts as the whole interval, so the fifth
     * lost probe may be judged only at the second send tick after it), plus 50 ms for a send tick that runs late
     * on a loaded host. Not the FDT alone: in.mpathd does not promise that (1092 ms was seen at FDT 1000 ms).
     */
    public static long detectionBound(long fdtOwed) {
        return fdtOwed + fdtOwed / 14 + 50;
    }

    /**
     * Waits until done, for as long as the allowance computed from the daemon's current probe timing; when that
     * runs out the allowance is computed again (the daemon may have raised its FDT meanwhile), and only a wait
     * beyond the fresh allowance fails. Never longer than 90 s.
     */
    public static void awaitProbing(DaemonFixture ipmpd, String what, Function<DaemonFixture, Duration> allowance,
                             BooleanSupplier done) {
        long start = System.nanoTime();
        Duration allowed = allowance.apply(ipmpd);
        while (!done.getAsBoolean()) {
            long waited = System.nanoTime() - start;
            if (waited > allowed.toNanos()) {
                allowed = allowance.apply(ipmpd);
                if (waited > allowed.toNanos() || waited > Duration.ofSeconds(90).toNanos()) {
                    throw new LabTimeoutException("waited " + waited / 1_000_000 + " ms for " + what + " (allowed "
                            + allowed.toMillis() + " ms at the daemon's current probe timing)");
                }
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new LabTimeoutException("interrupted while waiting for " + what);
            }
        }
    }

    /** Waits for a data address on a member of the lab host, with a probing allowance (see awaitProbing). */
    public static void awaitAddress(Lab lab, DaemonFixture ipmpd, String member, String address,
                             Function<DaemonFixture, Duration> allowance) {
        awaitProbing(ipmpd, address + " on " + member, allowance,
                () -> lab.hasAddress(lab.hostNs(), member, address));
    }

    public static long millisSince(long nanos) {
        return (System.nanoTime() - nanos) / 1_000_000;
    }
}
