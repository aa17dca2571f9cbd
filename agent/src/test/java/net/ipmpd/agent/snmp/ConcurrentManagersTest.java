package net.ipmpd.agent.snmp;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import net.ipmpd.agent.config.ConfigStore;
import net.ipmpd.agent.runtime.EngineRunner;
import net.ipmpd.engine.Command;
import net.ipmpd.engine.IpmpService;
import net.ipmpd.engine.Outcome;
import net.ipmpd.engine.config.DataAddressConfig;
import net.ipmpd.engine.config.EngineConfig;
import net.ipmpd.engine.config.GroupConfig;
import net.ipmpd.engine.config.MemberConfig;
import net.ipmpd.engine.state.EngineSnapshot;
import net.ipmpd.yang.config.ConfigFile;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.snmp4j.PDU;
import org.snmp4j.smi.UnsignedInteger32;

/**
 * Two managers change different things at the same moment (an SNMP SET of the failure detection
 * time, another manager's edit of failback) through the real engine runner and the configuration
 * store: both changes run and both are in the -c file, whatever order they reach the engine in.
 */
class ConcurrentManagersTest {
    private static final Duration PATIENT = Duration.ofSeconds(60);

    @TempDir
    Path dir;
    Path file;
    EngineConfig start;
    EngineRunner runner;
    ConfigStore store;

    @BeforeEach
    void startEngine() throws Exception {
        file = dir.resolve("ipmpd.json");
        start = EngineConfig.defaults().withGroups(List.of(new GroupConfig("ipmp0",
                List.of(MemberConfig.linkOnly("net0", false), MemberConfig.linkOnly("net1", false)),
                List.of(new DataAddressConfig(Snapshots.ip("198.18.7.100"), 24, "net0")))));
        ConfigFile.write(file, start);
        runner = new EngineRunner(start, a -> { }, new SplittableRandom(1));
        store = new ConfigStore(runner, Optional.of(file), start);
        runner.start();
    }

    @AfterEach
    void stop() {
        runner.close();
        store.close();
    }

    /** Holds the engine's writer thread between steps until released, so commands queue up behind it. */
    private CountDownLatch holdTheEngine() throws InterruptedException {
        CountDownLatch held = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        runner.betweenSteps(() -> {
            held.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        assertThat(held.await(60, TimeUnit.SECONDS)).isTrue();
        return release;
    }

    @Test
    void anSnmpSetQueuedFirstAndAnotherManagersEditBothRunAndAreBothSaved() throws Exception {
        bothChangesSurvive(true);
    }

    @Test
    void anotherManagersEditQueuedFirstAndAnSnmpSetBothRunAndAreBothSaved() throws Exception {
        bothChangesSurvive(false);
    }

    private void bothChangesSurvive(boolean snmpFirst) throws Exception {
        CountDownLatch snmpSent = new CountDownLatch(1);
        TunablesWriter snmp = new TunablesWriter(new SentSignal(store, snmpSent), PATIENT);
        CountDownLatch release = holdTheEngine();
        // both managers build their change while the engine still runs the old configuration
        CompletableFuture<Outcome> failback = snmpFirst ? null : editFailback();
        CompletableFuture<Integer> set = CompletableFuture.supplyAsync(() -> {
            Object request = new Object();
            var fdt = snmp.failureDetectionTime();
            EngineSnapshot row = store.snapshot();
            assertThat(fdt.prepare(row, new UnsignedInteger32(5_000), request)).isEqualTo(PDU.noError);
            int r = fdt.commit(row, new UnsignedInteger32(5_000), request);
            fdt.cleanup(request);
            return r;
        });
        assertThat(snmpSent.await(60, TimeUnit.SECONDS)).as("the SET reached the store").isTrue();
        if (snmpFirst) {
            failback = editFailback();
        }
        release.countDown();

        assertThat(set.get(90, TimeUnit.SECONDS)).isEqualTo(PDU.noError);
        assertThat(failback.get(90, TimeUnit.SECONDS)).isInstanceOf(Outcome.Done.class);
        EngineConfig both = start.withFailureDetectionTimeMs(5_000).withFailback(false);
        assertThat(runner.snapshot().config()).isEqualTo(both);
        assertThat(ConfigFile.load(file).config()).isEqualTo(both);
        assertThat(store.lastSaved()).isEqualTo(both);
    }

    private CompletableFuture<Outcome> editFailback() {
        return store.execute(new Command.EditConfig("FAILBACK=no", c -> c.withFailback(false), Command.Save.TO_FILE),
                PATIENT);
    }

    /** Passes everything to the store; counts down when a command is sent. */
    private static final class SentSignal extends net.ipmpd.engine.ForwardingIpmpService {
        private final CountDownLatch sent;

        SentSignal(IpmpService next, CountDownLatch sent) {
            super(next);
            this.sent = sent;
        }

        @Override
        public CompletableFuture<Outcome> execute(Command command, Duration timeout) {
            CompletableFuture<Outcome> f = next.execute(command, timeout);
            sent.countDown();
            return f;
        }
    }
}
