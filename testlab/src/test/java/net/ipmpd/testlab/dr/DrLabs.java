package net.ipmpd.testlab.dr;

import net.ipmpd.testlab.LabException;
import net.ipmpd.testlab.LabTimeoutException;
import net.ipmpd.testlab.e2e.DaemonFixture;
import net.ipmpd.testlab.e2e.OperatorTools;

import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * What the dynamic-reconfiguration scenarios read the way an operator does: one interface's row of `ipmpstat -i`
 * (parsable, fields INTERFACE,ACTIVE,FLAGS,STATE) and the FLAGS letters by their Solaris position
 * (ipmpstat.c IPMPSTAT_*FLAG_INDEX: i s m b M d h, then ipmpd's f).
 */
final class DrLabs {
    static final String IPMPSTAT_I_FIELDS = "INTERFACE,ACTIVE,FLAGS,STATE";
    static final int INACTIVE = 0;
    static final int IPV4_MULTICAST_NOMINEE = 2;
    static final int IPV4_BROADCAST_NOMINEE = 3;
    static final int IPV6_MULTICAST_NOMINEE = 4;
    /** 'd': unusable because down; ipmpd sets it for an interface that does not exist. */
    static final int DOWN = 5;

    /** One row of ipmpstat -i as shown to an operator. */
    record InterfaceRow(String name, String active, String flags, String state) {
        boolean flag(int position, char letter) {
            return flags.length() > position && flags.charAt(position) == letter;
        }

        boolean nominee() {
            return flag(IPV4_MULTICAST_NOMINEE, 'm') && flag(IPV4_BROADCAST_NOMINEE, 'b')
                    && flag(IPV6_MULTICAST_NOMINEE, 'M');
        }

        boolean anyNomineeFlag() {
            return flag(IPV4_MULTICAST_NOMINEE, 'm') || flag(IPV4_BROADCAST_NOMINEE, 'b')
                    || flag(IPV6_MULTICAST_NOMINEE, 'M');
        }
    }

    private DrLabs() {
    }

    static InterfaceRow ipmpstatI(OperatorTools tools, String ifname) {
        List<List<String>> rows = tools.parsable("-i", IPMPSTAT_I_FIELDS);
        return rows.stream().filter(r -> r.getFirst().equals(ifname)).findFirst()
                .map(r -> new InterfaceRow(r.get(0), r.get(1), r.get(2), r.get(3)))
                .orElseThrow(() -> new LabException("ipmpstat -i shows no row for " + ifname + ": " + rows));
    }

    /**
     * Waits for something a repair brings, as long as in.mpathd's rules allow at the group's effective failure
     * detection time, re-read while waiting: a repair takes 10 answered probes (NUM_PROBE_REPAIRS) at FDT/7 each, so
     * 2 x FDT + 2 s leaves room for a lost first probe and load; never less than 8 s, never more than 45 s. The
     * effective FDT is not the configured one when a slow probe reply made ipmpd raise it ("Cannot meet requested
     * failure detection time"), which happens on a loaded host: the figures print it.
     * On timeout the failure carries ipmpd's log since the mark.
     */
    static void awaitRepair(DaemonFixture ipmpd, String group, long mark, String what, BooleanSupplier done) {
        long start = System.nanoTime();
        long fdt = 0;
        while (!done.getAsBoolean()) {
            fdt = Math.max(fdt, ipmpd.group(group).effectiveFdtMs());
            long allowedMs = Math.min(45_000, Math.max(8_000, 2 * fdt + 2_000));
            if (millisSince(start) > allowedMs) {
                throw new LabTimeoutException("waited " + allowedMs + " ms (effective FDT " + fdt + " ms) for "
                        + what + "; ipmpd's log since the mark:\n" + String.join("\n", ipmpd.logSince(mark)));
            }
            sleep(50);
        }
    }

    /** The group's effective failure detection time now, and ipmpd's log lines that changed it, for the figures. */
    static String effectiveFdt(DaemonFixture ipmpd, String group) {
        List<String> changes = ipmpd.logLinesSince(0, "failure detection time").stream()
                .filter(l -> l.contains("Cannot meet") || l.contains("Improved")).toList();
        return ipmpd.group(group).effectiveFdtMs() + " ms" + (changes.isEmpty() ? "" : ", changed by: " + changes);
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LabException("interrupted", e);
        }
    }

    static long millisSince(long nanos) {
        return (System.nanoTime() - nanos) / 1_000_000;
    }
}
