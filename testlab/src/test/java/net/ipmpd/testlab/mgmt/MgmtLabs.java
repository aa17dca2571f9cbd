package net.ipmpd.testlab.mgmt;

import net.ipmpd.engine.state.MemberState;
import net.ipmpd.engine.state.ProbeState;
import net.ipmpd.testlab.e2e.ConfigJson;
import net.ipmpd.testlab.e2e.E2eLabs;

import java.time.Duration;
import java.util.function.Supplier;

/**
 * The lab configuration the management scenarios share: two groups on the lab subnet, so a group can fail as a whole
 * while the other one keeps its own story.
 * <pre>
 *   ipmp0: m0 m1, data address 198.18.0.100/24 at home on m0
 *   ipmp1: m2 m3, data address 198.18.0.101/24 at home on m2
 *   targets t1 198.18.0.1, t2 198.18.0.2 (static)
 * </pre>
 */
final class MgmtLabs {
    static final String G0 = "ipmp0";
    static final String G1 = "ipmp1";
    static final String DATA0 = "198.18.0.100";
    static final String DATA1 = "198.18.0.101";
    /** FDT 1000 ms: failures are detected within about a second, the probe interval is FDT / 7 (in.mpathd). */
    static final long FDT_MS = 1000;

    private MgmtLabs() {
    }

    static ConfigJson twoGroups() {
        ConfigJson c = new ConfigJson().fdt(FDT_MS).failback(true);
        c.group(G0).member("m0", E2eLabs.v4Test(0)).member("m1", E2eLabs.v4Test(1))
                .data(DATA0 + "/24", "m0").target("198.18.0.1").target("198.18.0.2");
        c.group(G1).member("m2", E2eLabs.v4Test(2)).member("m3", E2eLabs.v4Test(3))
                .data(DATA1 + "/24", "m2").target("198.18.0.1").target("198.18.0.2");
        return c;
    }

    /**
     * Waits until each member is ok with its probes answered: the engine's start-up quiet period ends with the first
     * answered probe, and before that a lost probe counts for nothing (in.mpathd's rule).
     */
    static void awaitProbesAnswered(ManagedDaemon ipmpd, Duration timeout, String... members) {
        for (String m : members) {
            net.ipmpd.testlab.Waits.until(m + " ok with answered probes", timeout, () -> ipmpd.member(m),
                    s -> s.state() == MemberState.OK && s.probe() == ProbeState.OK
                            && s.probing().stream().allMatch(p -> p.stats().answered() >= 3));
        }
    }

    /**
     * How long a repair may take under in.mpathd's rules at the group's effective FDT: 10 answered probes
     * (NUM_PROBE_REPAIRS) at FDT/7 each, so 2 x FDT + 2 s leaves room for a lost probe and a loaded 2-core host
     * shared with other labs; never less than 8 s. Re-read on every call: ipmpd raises the FDT after a slow reply
     * ("Cannot meet requested failure detection time"), which a loaded host provokes, also in the middle of a wait.
     */
    static Supplier<Duration> repairWait(ManagedDaemon ipmpd, String group) {
        return () -> Duration.ofMillis(Math.max(8000, 2 * effectiveFdtMs(ipmpd, group) + 2000));
    }

    /** Failure detection takes up to the effective FDT (re-read), plus delivery slack. */
    static Supplier<Duration> detectionWait(ManagedDaemon ipmpd, String group) {
        return () -> Duration.ofMillis(effectiveFdtMs(ipmpd, group) + 4000);
    }

    static long effectiveFdtMs(ManagedDaemon ipmpd, String group) {
        return ipmpd.snapshot().group(group).orElseThrow().effectiveFdtMs();
    }

    static long millisSince(long nanos) {
        return (System.nanoTime() - nanos) / 1_000_000;
    }

    /** A NETCONF settings file in dir: one read-write user with a password (the production hash form, cost 1000). */
    static java.nio.file.Path writeNetconfSettings(java.nio.file.Path dir, int port, String user, String password)
            throws java.io.IOException {
        String json = """
                {
                  "listen-address": "127.0.0.1",
                  "port": %d,
                  "host-key": "%s",
                  "groups": { "admin": "read-write" },
                  "users": [ { "name": "%s", "password-hash": "%s", "groups": ["admin"] } ]
                }
                """.formatted(port, dir.resolve("keys").resolve("ssh_host_key"), user,
                net.ipmpd.agent.netconf.PasswordHash.create(password.toCharArray(), 1000));
        java.nio.file.Path file = dir.resolve("netconf.json");
        java.nio.file.Files.writeString(file, json);
        return file;
    }
}
