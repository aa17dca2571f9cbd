package net.ipmpd.agent.netconf;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import net.ipmpd.engine.Command;
import net.ipmpd.engine.Outcome;
import net.ipmpd.engine.config.EngineConfig;
import net.ipmpd.engine.state.EngineSnapshot;
import net.ipmpd.testkit.FakeIpmpService;
import net.ipmpd.yang.config.ConfigFile;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What NETCONF sends on the engine's one command path and what it makes of the outcome: a
 * confirmed commit runs without being saved until it is confirmed, the confirming commit saves;
 * the startup datastore shows what the -c file holds (the store writes it, not NETCONF); an
 * offline whose command failed says why.
 */
class NetconfCommandPathTest {
    private static final EngineConfig BASE = RunnerIpmpService.twoMembers();

    @TempDir
    Path dir;
    FakeIpmpService engine;
    NetconfTestServer nc;

    @BeforeEach
    void start() throws Exception {
        engine = new FakeIpmpService(snapshot(BASE));
        engine.answerWith(c -> {
            if (c instanceof Command.ReplaceConfig r) {
                engine.setSnapshot(snapshot(r.config()));
                return CompletableFuture.completedFuture(new Outcome.Done(r.config()));
            }
            return CompletableFuture.completedFuture(new Outcome.Failed("the dataplane could not detach eth0", null));
        });
        nc = new NetconfTestServer(dir, 1000, "", engine);
    }

    @AfterEach
    void stop() {
        nc.close();
    }

    private static EngineSnapshot snapshot(EngineConfig config) {
        return new EngineSnapshot(1, 0, config, List.of(), Optional.empty());
    }

    @Test
    void aConfirmedCommitRunsUnsavedAndTheConfirmingCommitSavesIt() throws Exception {
        List<String> out = nc.client().connect("a", "admin", NetconfTestServer.ADMIN_PASSWORD)
                .step("a", "edit-config", "target", "candidate", "config", NetconfDatastoreTest.config("<failback>false</failback>"))
                .step("a", "rpc", "xml", "<commit xmlns=\"" + NetconfDatastoreTest.NC + "\"><confirmed/><confirm-timeout>60</confirm-timeout></commit>")
                .step("a", "commit")
                .run(nc.port);
        assertThat(out).hasSize(4).allSatisfy(l -> assertThat(l).doesNotContain("error", "exception"));
        assertThat(engine.commands).hasSize(2);
        var confirmed = (Command.ReplaceConfig) engine.commands.get(0);
        var confirming = (Command.ReplaceConfig) engine.commands.get(1);
        assertThat(confirmed.save()).isEqualTo(Command.Save.RUNNING_ONLY);
        assertThat(confirmed.config().failback()).isFalse();
        assertThat(confirming.save()).isEqualTo(Command.Save.TO_FILE);
        assertThat(confirming.config()).isEqualTo(confirmed.config());
    }

    @Test
    void theStartupDatastoreShowsWhatTheFileHolds() throws Exception {
        // the configuration store saved another manager's change
        ConfigFile.write(nc.startupFile, BASE.withFailureDetectionTimeMs(30_000));
        List<String> out = nc.client().connect("a", "admin", NetconfTestServer.ADMIN_PASSWORD)
                .step("a", "get-config", "source", "startup")
                .step("a", "get-config", "source", "running")
                .run(nc.port);
        assertThat(out.get(1)).contains("<failure-detection-time>30000</failure-detection-time>");
        assertThat(out.get(2)).contains("<failure-detection-time>10000</failure-detection-time>");
    }

    @Test
    void anOfflineWhoseCommandFailedSaysWhy() throws Exception {
        List<String> out = nc.client().connect("a", "noc", NetconfTestServer.NOC_PASSWORD)
                .step("a", "rpc", "xml", "<offline xmlns=\"" + NetconfDatastoreTest.NS + "\"><interface>eth0</interface></offline>")
                .run(nc.port);
        assertThat(out.get(1)).contains("\"tag\": \"operation-failed\"", "the dataplane could not detach eth0");
        assertThat(engine.commands).containsExactly(new Command.Offline("eth0"));
    }

    @Test
    void anEngineRefusalTakesItsTagAndErrorPathFromTheProblemsKindAndLocation() throws Exception {
        var where = net.ipmpd.engine.config.ConfigLocation.member("g0", "eth1").child("standby");
        engine.answerAlways(new net.ipmpd.engine.CommandResult.Refused(net.ipmpd.engine.CommandResult.Reason.INVALID_CONFIG,
                "refused", List.of(new net.ipmpd.engine.config.ConfigProblem(where,
                        net.ipmpd.engine.config.ConfigProblem.Kind.MISSING, "a group needs an active member"))));
        List<String> out = nc.client().connect("a", "admin", NetconfTestServer.ADMIN_PASSWORD)
                .step("a", "edit-config", "target", "running", "config", NetconfDatastoreTest.config("<failback>false</failback>"))
                .run(nc.port);
        assertThat(out.get(1)).contains("\"tag\": \"data-missing\"", "a group needs an active member",
                "/ipmp:ipmp/ipmp:group[ipmp:name='g0']/ipmp:member[ipmp:interface='eth1']/ipmp:standby");
    }

    @Test
    void aChangeStillStaleAfterItsAttemptsIsInUse() throws Exception {
        engine.answerAlways(new net.ipmpd.engine.CommandResult.Refused(net.ipmpd.engine.CommandResult.Reason.STALE_CONFIG,
                "changed meanwhile"));
        List<String> out = nc.client().connect("a", "admin", NetconfTestServer.ADMIN_PASSWORD)
                .step("a", "edit-config", "target", "running", "config", NetconfDatastoreTest.config("<failback>false</failback>"))
                .run(nc.port);
        assertThat(out.get(1)).contains("\"tag\": \"in-use\"", "changed meanwhile");
    }
}
