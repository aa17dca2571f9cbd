package net.ipmpd.agent.netconf;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import net.ipmpd.engine.Command;
import net.ipmpd.engine.CommandResult;
import net.ipmpd.engine.Outcome;
import net.ipmpd.engine.config.EngineConfig;
import net.ipmpd.engine.state.EngineSnapshot;
import net.ipmpd.testkit.FakeIpmpService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 10, no lost update: NETCONF sends each change of running as a ReplaceConfig based on the
 * running configuration it was built on. When another manager (an SNMP SET) changed the
 * configuration meanwhile, the engine refuses it as stale; NETCONF makes its change again on the
 * configuration now running, so both changes are kept. The fake engine checks basedOn as the real
 * one does.
 */
class NetconfStaleConfigTest {
    private static final EngineConfig BASE = RunnerIpmpService.twoMembers();
    /** What the other manager changed: the failure detection time. */
    private static final EngineConfig BY_SNMP = BASE.withFailureDetectionTimeMs(20_000);

    @TempDir
    Path dir;
    FakeIpmpService engine;
    NetconfTestServer nc;
    /** When set, the next change arrives just after the other manager's: it is refused as stale. */
    final AtomicBoolean snmpChangesFirst = new AtomicBoolean();

    @BeforeEach
    void start() throws Exception {
        engine = new FakeIpmpService(snapshot(BASE));
        engine.answerWith(this::answer);
        nc = new NetconfTestServer(dir, 1000, "", engine);
    }

    @AfterEach
    void stop() {
        nc.close();
    }

    private static EngineSnapshot snapshot(EngineConfig config) {
        return new EngineSnapshot(1, 0, config, List.of(), Optional.empty());
    }

    /** The engine's rule: a replacement not built on the configuration it runs is refused; else it runs. */
    private CompletableFuture<Outcome> answer(Command c) {
        if (snmpChangesFirst.getAndSet(false)) {
            engine.setSnapshot(snapshot(BY_SNMP));
        }
        Command.ReplaceConfig r = (Command.ReplaceConfig) c;
        if (r.basedOn().isPresent() && !r.basedOn().get().equals(engine.snapshot().config())) {
            return CompletableFuture.completedFuture(new CommandResult.Refused(CommandResult.Reason.STALE_CONFIG,
                    "the configuration changed meanwhile"));
        }
        engine.setSnapshot(snapshot(r.config()));
        return CompletableFuture.completedFuture(new Outcome.Done(r.config()));
    }

    private List<Command.ReplaceConfig> replacements() {
        return engine.commands.stream().map(Command.ReplaceConfig.class::cast).toList();
    }

    @Test
    void anEditOfRunningRefusedAsStaleIsMadeAgainOnTheConfigurationNowRunning() throws Exception {
        snmpChangesFirst.set(true);
        List<String> out = nc.client().connect("a", "admin", NetconfTestServer.ADMIN_PASSWORD)
                .step("a", "edit-config", "target", "running", "config", NetconfDatastoreTest.config("<failback>false</failback>"))
                .step("a", "get-config", "source", "running")
                .run(nc.port);
        assertThat(out.get(1)).contains("\"ok\": true").doesNotContain("error");
        assertThat(replacements()).hasSize(2);
        assertThat(replacements().get(0).basedOn()).contains(BASE);
        assertThat(replacements().get(1).basedOn()).contains(BY_SNMP);
        assertThat(replacements().get(1).config()).isEqualTo(BY_SNMP.withFailback(false));
        assertThat(replacements()).allSatisfy(r -> assertThat(r.save()).isEqualTo(Command.Save.TO_FILE));
        assertThat(engine.snapshot().config()).isEqualTo(BY_SNMP.withFailback(false));
        assertThat(out.get(2)).contains("<failure-detection-time>20000</failure-detection-time>", "<failback>false</failback>");
    }

    @Test
    void aCommitOfACandidateBuiltBeforeAnotherManagersChangeReplaysItsEditsOnTheNewRunning() throws Exception {
        List<String> out = nc.client().connect("a", "admin", NetconfTestServer.ADMIN_PASSWORD)
                .step("a", "edit-config", "target", "candidate", "config", NetconfDatastoreTest.config("<failback>false</failback>"))
                .run(nc.port);
        assertThat(out.get(1)).contains("\"ok\": true");
        // the other manager changes the configuration while the candidate waits for its commit
        engine.setSnapshot(snapshot(BY_SNMP));
        out = nc.client().connect("a", "admin", NetconfTestServer.ADMIN_PASSWORD)
                .step("a", "commit")
                .step("a", "get-config", "source", "running")
                .run(nc.port);
        assertThat(out.get(1)).contains("\"ok\": true").doesNotContain("error");
        // first the candidate as it is, on the running it was built on: stale; then its edit on running now
        assertThat(replacements()).hasSize(2);
        assertThat(replacements().get(0).basedOn()).contains(BASE);
        assertThat(replacements().get(1).basedOn()).contains(BY_SNMP);
        assertThat(engine.snapshot().config()).isEqualTo(BY_SNMP.withFailback(false));
        assertThat(out.get(2)).contains("<failure-detection-time>20000</failure-detection-time>", "<failback>false</failback>");
    }

    @Test
    void aChangeStaleEveryTimeIsRefusedAfterBoundedAttemptsAndNothingIsLost() throws Exception {
        engine.answerWith(c -> {
            engine.setSnapshot(snapshot(engine.snapshot().config().withFailureDetectionTimeMs(
                    engine.snapshot().config().failureDetectionTimeMs() + 1000)));
            return CompletableFuture.completedFuture(new CommandResult.Refused(CommandResult.Reason.STALE_CONFIG, "changed"));
        });
        List<String> out = nc.client().connect("a", "admin", NetconfTestServer.ADMIN_PASSWORD)
                .step("a", "edit-config", "target", "running", "config", NetconfDatastoreTest.config("<failback>false</failback>"))
                .run(nc.port);
        assertThat(out.get(1)).contains("\"error\"", "changed");
        assertThat(engine.commands).hasSize(Datastores.STALE_ATTEMPTS);
        assertThat(engine.snapshot().config().failback()).isTrue();
    }
}
