package net.ipmpd.agent.netconf;

import static net.ipmpd.agent.netconf.NetconfCandidateTest.commit;
import static net.ipmpd.agent.netconf.NetconfDatastoreTest.NC;
import static net.ipmpd.agent.netconf.NetconfDatastoreTest.config;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import net.ipmpd.agent.config.ConfigStore;
import net.ipmpd.engine.Command;
import net.ipmpd.engine.Outcome;
import net.ipmpd.engine.config.EngineConfig;
import net.ipmpd.engine.config.MemberConfig;
import net.ipmpd.yang.config.ConfigFile;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A confirmed commit and another manager inside its window (RFC 6241 section 8.4), with the
 * daemon's real configuration store in front of the real engine: the rollback undoes only what the
 * commit changed (a node both changed gets its value from before the commit back), and until the
 * commit is confirmed no save, whoever makes it, writes the unconfirmed change to the -c file.
 */
class NetconfConfirmedRollbackTest {
    /** The confirmed commit: a member and a global failure detection time. */
    static final String COMMIT = config("<failure-detection-time>20000</failure-detection-time>"
            + "<group><name>g0</name><member><interface>eth2</interface></member></group>");

    @TempDir
    Path dir;
    RunnerIpmpService engine;
    ConfigStore store;
    NetconfTestServer nc;

    @BeforeEach
    void start() throws Exception {
        engine = new RunnerIpmpService(RunnerIpmpService.twoMembers());
        store = new ConfigStore(engine, Optional.of(dir.resolve("ipmpd.json")), engine.snapshot().config());
        nc = new NetconfTestServer(dir, 1000, "", store);
    }

    @AfterEach
    void stop() {
        nc.close();
        store.close();
        engine.close();
    }

    /** A confirmed commit with a persist token, so that it outlives the session that made it. */
    private void confirmedCommit(int timeoutSeconds) throws Exception {
        List<String> out = nc.client().connect("a", "admin", NetconfTestServer.ADMIN_PASSWORD)
                .step("a", "edit-config", "target", "candidate", "config", COMMIT)
                .step("a", "rpc", "xml", commit("<confirmed/><confirm-timeout>" + timeoutSeconds
                        + "</confirm-timeout><persist>tok1</persist>"))
                .run(nc.port);
        assertThat(out.get(2)).contains("\"ok\": true");
        assertThat(running().failureDetectionTimeMs()).isEqualTo(20_000);
    }

    /** An SNMP SET of two tunables as SNMP sends it: an edit of what runs, saved. */
    private EngineConfig snmpSet() {
        Outcome o = store.execute(new Command.EditConfig("FAILURE_DETECTION_TIME=5000 FAILBACK=no",
                c -> c.withFailureDetectionTimeMs(5_000).withFailback(false), Command.Save.TO_FILE), Duration.ofSeconds(30)).join();
        assertThat(o).isInstanceOf(Outcome.Done.class);
        return ((Outcome.Done) o).config();
    }

    private List<String> fromAnotherSession(String rpc) throws Exception {
        return nc.client().connect("b", "admin", NetconfTestServer.ADMIN_PASSWORD).step("b", "rpc", "xml", rpc).run(nc.port);
    }

    private EngineConfig running() {
        return engine.snapshot().config();
    }

    private EngineConfig inFile() throws Exception {
        return ConfigFile.load(dir.resolve("ipmpd.json")).config();
    }

    private static List<String> members(EngineConfig c) {
        return c.groups().getFirst().members().stream().map(MemberConfig::interfaceName).toList();
    }

    @Test
    void cancelCommitUndoesTheCommitButKeepsAnSnmpSetMadeInItsWindow() throws Exception {
        confirmedCommit(600);
        EngineConfig afterSet = snmpSet();
        assertThat(members(afterSet)).as("the SET landed inside the window").contains("eth2");

        assertThat(fromAnotherSession("<cancel-commit xmlns=\"" + NC + "\"><persist-id>tok1</persist-id></cancel-commit>")
                .get(1)).contains("\"ok\": true");
        // the commit's member is gone, the SET's failback stays; both changed the failure
        // detection time, and the rollback restores the commit's nodes: 10000 as before it
        assertThat(members(running())).containsExactly("eth0", "eth1");
        assertThat(running().failback()).isFalse();
        assertThat(running().failureDetectionTimeMs()).isEqualTo(10_000);
        assertThat(inFile()).isEqualTo(running());
    }

    @Test
    void aTimedOutCommitUndoesOnlyItsOwnChange() throws Exception {
        confirmedCommit(6);
        EngineConfig afterSet = snmpSet();
        assertThat(members(afterSet)).as("the SET landed inside the window").contains("eth2");
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (members(running()).contains("eth2") && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(members(running())).containsExactly("eth0", "eth1");
        assertThat(running().failback()).isFalse();
        assertThat(running().failureDetectionTimeMs()).isEqualTo(10_000);
        // the rollback's save and the store's newest-wins order: only the other manager's change
        deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!inFile().equals(running()) && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(members(inFile())).containsExactly("eth0", "eth1");
        assertThat(inFile().failback()).isFalse();
    }

    @Test
    void aSaveWhileTheCommitWaitsLeavesTheUnconfirmedChangeOutOfTheFile() throws Exception {
        confirmedCommit(600);
        assertThat(members(inFile())).as("the confirmed commit itself is not saved").containsExactly("eth0", "eth1");
        snmpSet();
        EngineConfig saved = inFile();
        assertThat(saved.failback()).as("the other manager's change is saved").isFalse();
        assertThat(members(saved)).as("the unconfirmed member is not").containsExactly("eth0", "eth1");
        assertThat(saved.failureDetectionTimeMs()).as("nor the unconfirmed time").isEqualTo(10_000);
        assertThat(store.lastSaved()).isEqualTo(saved);

        assertThat(fromAnotherSession(commit("<persist-id>tok1</persist-id>")).get(1)).contains("\"ok\": true");
        // confirmed: the whole running configuration is saved, both changes
        assertThat(members(inFile())).containsExactly("eth0", "eth1", "eth2");
        assertThat(inFile().failback()).isFalse();
        assertThat(inFile()).isEqualTo(running());
    }
}
