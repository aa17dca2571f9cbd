package net.ipmpd.testlab.mgmt;

import net.ipmpd.engine.config.EngineConfig;
import net.ipmpd.testlab.ExecResult;
import net.ipmpd.testlab.Lab;
import net.ipmpd.testlab.e2e.E2eLabs;
import net.ipmpd.testlab.junit.RequiresRoot;
import net.ipmpd.yang.config.ConfigFile;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Element;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;

import static net.ipmpd.testlab.mgmt.NetconfXml.text;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 10's one configuration store, seen from two managers of the real daemon at once: an NMS setting the failure
 * detection time over SNMP while an orchestrator edits the configuration over NETCONF. Neither change may be lost
 * (a change built on a configuration that another manager has changed meanwhile is merged, not written over it), and
 * both are in NETCONF's running datastore, in the daemon's -c file and in force after a restart.
 */
@RequiresRoot
class ConfigFromTwoManagersLabTest {
    private static final Logger LOG = LogManager.getLogger(ConfigFromTwoManagersLabTest.class);
    private static final int NETCONF_PORT = 8831;
    private static final int SNMP_PORT = 1171;
    private static final String USER = "nms-admin";
    private static final String PASSWORD = "lab netconf pass phrase";
    private static final String SNMP_USER = "ipmpAdmin";
    private static final String AUTH = "lab-auth-secret-rw";
    private static final String PRIV = "lab-priv-secret-rw";
    private static final int ROUNDS = 8;

    @TempDir
    Path dir;

    @Test
    void snmpAndNetconfChangesMadeAtTheSameTimeAreBothKeptRunningSavedAndAfterARestart() throws Exception {
        try (Lab lab = Lab.start(E2eLabs.spec(2, false));
             ManagedDaemon ipmpd = ManagedDaemon.start(lab, dir, E2eLabs.oneGroup(2, MgmtLabs.FDT_MS, true).render(),
                     "--netconf-config", MgmtLabs.writeNetconfSettings(dir, NETCONF_PORT, USER, PASSWORD).toString(),
                     "--snmp-config", writeSnmpSettings().toString())) {
            List<String> figures = new ArrayList<>();
            try (NetconfSession nc = NetconfSession.open(lab, NETCONF_PORT, USER, PASSWORD)) {
                // 1. both managers write at the same moment, ROUNDS times: SNMP the FDT, NETCONF failback
                CyclicBarrier together = new CyclicBarrier(2);
                CompletableFuture<Void> snmp = CompletableFuture.runAsync(() -> {
                    for (int i = 0; i < ROUNDS; i++) {
                        await(together);
                        long t0 = System.nanoTime();
                        setFdt(lab, 2000 + 100 * i);
                        figures.add("snmpset " + MgmtLabs.millisSince(t0) + " ms");
                    }
                });
                for (int i = 0; i < ROUNDS; i++) {
                    await(together);
                    nc.ok("edit-config", "target", "running", "config",
                            NetconfSession.config("<failback>" + (i % 2 == 1 ? "false" : "true") + "</failback>"));
                }
                snmp.get();
                long lastFdt = 2000 + 100 * (ROUNDS - 1);
                assertKept(ipmpd, nc, lastFdt, false, true, "after concurrent edits of running");

                // 2. a NETCONF change prepared on the candidate, an SNMP SET, then the commit: the commit is based
                // on a running configuration the SNMP SET has changed since, and must not undo that SET
                nc.ok("edit-config", "target", "candidate", "config",
                        NetconfSession.config("<track-interfaces-only-with-groups>false</track-interfaces-only-with-groups>"));
                setFdt(lab, 4500);
                nc.ok("commit");
                assertKept(ipmpd, nc, 4500, false, false, "after a candidate commit across an SNMP SET");
            }
            LOG.warn("two managers: {}", figures);

            // 3. a restart: what both managers changed is in force again, read from the -c file
            ipmpd.stop();
            ipmpd.start();
            EngineConfig after = ipmpd.awaitSnapshot("the restarted daemon's configuration", Duration.ofSeconds(20),
                    s -> s.config().failureDetectionTimeMs() == 4500).config();
            assertThat(after.failback()).as("failback set over NETCONF, after the restart").isFalse();
            assertThat(after.trackInterfacesOnlyWithGroups()).as("committed over NETCONF, after the restart").isFalse();
            assertThat(ipmpd.errors()).as("faults in the daemon's log").isEmpty();
        }
    }

    /** The change of each manager is running (engine and NETCONF running datastore) and saved in the -c file. */
    private static void assertKept(ManagedDaemon ipmpd, NetconfSession nc, long fdt, boolean failback, boolean track,
            String when) throws Exception {
        EngineConfig engine = ipmpd.snapshot().config();
        assertThat(List.of(engine.failureDetectionTimeMs(), engine.failback(), engine.trackInterfacesOnlyWithGroups()))
                .as("engine's configuration %s (FDT from SNMP, the rest from NETCONF)", when)
                .isEqualTo(List.of(fdt, failback, track));
        String xml = NetconfSession.result(nc.ok("get-config", "source", "running")).orElseThrow();
        Element ipmp = NetconfXml.child(NetconfXml.parse(xml), "ipmp").orElseThrow();
        // leaves at their YANG default may be left out of a reply; absent means the default here
        assertThat(List.of(orDefault(ipmp, "failure-detection-time", "10000"), orDefault(ipmp, "failback", "true"),
                orDefault(ipmp, "track-interfaces-only-with-groups", "true")))
                .as("NETCONF running datastore %s", when)
                .isEqualTo(List.of(Long.toString(fdt), Boolean.toString(failback), Boolean.toString(track)));
        EngineConfig saved = ConfigFile.load(ipmpd.configFile()).config();
        assertThat(List.of(saved.failureDetectionTimeMs(), saved.failback(), saved.trackInterfacesOnlyWithGroups()))
                .as("the daemon's -c file %s", when).isEqualTo(List.of(fdt, failback, track));
    }

    private static String orDefault(Element parent, String leaf, String def) {
        return NetconfXml.child(parent, leaf).isPresent() ? text(parent, leaf) : def;
    }

    private void setFdt(Lab lab, long ms) {
        ExecResult r = lab.exec(lab.hostNs(), Duration.ofSeconds(30), "env", "SNMPCONFPATH=/nonexistent",
                "SNMP_PERSISTENT_DIR=" + dir.resolve("set-persist"), "snmpset", "-m", "+IPMP-MIB", "-M",
                SnmpManager.MIB_PATH, "-v3", "-l", "authPriv", "-u", SNMP_USER, "-a", "SHA-256", "-A", AUTH, "-x", "AES",
                "-X", PRIV, "-t", "5", "-r", "0", "udp:127.0.0.1:" + SNMP_PORT, "IPMP-MIB::ipmpDefaultFailureDetectionTime.0",
                "u", Long.toString(ms));
        assertThat(r.ok()).as("snmpset FDT %d: %s", ms, r.stdout() + r.stderr()).isTrue();
    }

    private static void await(CyclicBarrier barrier) {
        try {
            barrier.await(60, java.util.concurrent.TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("the two managers did not meet", e);
        }
    }

    private Path writeSnmpSettings() throws Exception {
        String json = """
                {
                  "listen": { "address": "127.0.0.1", "port": %d },
                  "stateDirectory": "%s",
                  "system": { "name": "lab-host", "contact": "noc@example.org", "location": "lab" },
                  "users": [ { "name": "%s", "auth": "SHA-256", "authPassphrase": "%s",
                               "priv": "AES-128", "privPassphrase": "%s", "access": "rw" } ],
                  "communities": [],
                  "trapTargets": []
                }
                """.formatted(SNMP_PORT, dir.resolve("snmp-state"), SNMP_USER, AUTH, PRIV);
        Path file = dir.resolve("snmp.json");
        Files.writeString(file, json);
        return file;
    }
}
