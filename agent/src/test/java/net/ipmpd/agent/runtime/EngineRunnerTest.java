package net.ipmpd.agent.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import net.ipmpd.engine.Command;
import net.ipmpd.engine.CommandResult;
import net.ipmpd.engine.Outcome;
import net.ipmpd.engine.action.Action;
import net.ipmpd.engine.config.DampingConfig;
import net.ipmpd.engine.config.DataAddressConfig;
import net.ipmpd.engine.config.EngineConfig;
import net.ipmpd.engine.config.GroupConfig;
import net.ipmpd.engine.config.MemberConfig;
import net.ipmpd.engine.event.EngineEvent;
import net.ipmpd.engine.notify.Notification;
import org.junit.jupiter.api.Test;

/** The runner in real time: actions on the writer thread before the snapshot; every command answered. */
class EngineRunnerTest {
    /** Longer than any step on a loaded host: a command is answered well within it unless the test holds the engine. */
    private static final Duration PATIENT = Duration.ofSeconds(30);

    private static EngineConfig config() throws Exception {
        GroupConfig g = new GroupConfig("g", List.of(MemberConfig.linkOnly("a", false), MemberConfig.linkOnly("b", false)),
                List.of(new DataAddressConfig(InetAddress.getByName("198.18.0.100"), 24, "a")));
        return new EngineConfig(10_000, true, true, DampingConfig.DEFAULT, List.of(g));
    }

    private static Outcome answer(CompletableFuture<Outcome> f) throws Exception {
        return f.get(PATIENT.toSeconds() + 30, TimeUnit.SECONDS);
    }

    @Test
    void eventsAreActedOnThenPublishedThenNotified() throws Exception {
        List<Action> done = new CopyOnWriteArrayList<>();
        List<Notification> heard = new CopyOnWriteArrayList<>();
        try (EngineRunner runner = new EngineRunner(config(), done::add, new SplittableRandom(1))) {
            runner.subscribe(heard::add);
            runner.start();
            runner.accept(new EngineEvent.LinkReported("a", 2, true));
            runner.accept(new EngineEvent.LinkReported("b", 3, true));
            runner.accept(new EngineEvent.LinkDumpCompleted());
            // a command is answered after every earlier event was handled: the snapshot shows them
            assertThat(answer(runner.execute(new Command.Offline("a"), PATIENT))).isInstanceOf(Outcome.Done.class);
            var snap = runner.snapshot();
            assertThat(snap.group("g").orElseThrow().dataAddresses().get(0).currentMember()).isEqualTo(Optional.of("b"));
            assertThat(done).anyMatch(a -> a instanceof Action.MoveAddress m && m.to().equals("b"));
            Outcome last = answer(runner.execute(new Command.Offline("b"), PATIENT));
            assertThat(last).isInstanceOfSatisfying(CommandResult.Refused.class,
                    r -> assertThat(r.reason()).isEqualTo(CommandResult.Reason.MIN_REDUNDANCY));
            long deadline = System.nanoTime() + 2_000_000_000L;
            while (heard.stream().noneMatch(n -> n instanceof Notification.InterfaceOffline) && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertThat(heard).anyMatch(n -> n instanceof Notification.InterfaceOffline o && o.member().equals("a"));
            assertThat(runner.wallClock(snap.atNanos())).isBetween(java.time.Instant.now().minusSeconds(5), java.time.Instant.now());
        }
    }

    @Test
    void anInvalidConfigurationIsRefusedAndNothingChanges() throws Exception {
        try (EngineRunner runner = new EngineRunner(config(), a -> { }, new SplittableRandom(1))) {
            runner.start();
            EngineConfig bad = config().withGroups(List.of(new GroupConfig("g", List.of(), List.of())));
            Outcome r = answer(runner.execute(new Command.ReplaceConfig(bad, Optional.empty(), Command.Save.TO_FILE), PATIENT));
            assertThat(r).isInstanceOfSatisfying(CommandResult.Refused.class,
                    ref -> assertThat(ref.problems()).isNotEmpty());
            assertThat(runner.snapshot().config()).isEqualTo(config());
        }
    }

    @Test
    void aDoneConfigurationChangeCarriesTheConfigurationNowRunning() throws Exception {
        try (EngineRunner runner = new EngineRunner(config(), a -> { }, new SplittableRandom(1))) {
            runner.start();
            Outcome r = answer(runner.execute(new Command.EditConfig("FDT", c -> c.withFailureDetectionTimeMs(2_000),
                    Command.Save.TO_FILE), PATIENT));
            assertThat(r).isEqualTo(new Outcome.Done(config().withFailureDetectionTimeMs(2_000)));
            assertThat(runner.snapshot().config()).isEqualTo(config().withFailureDetectionTimeMs(2_000));
        }
    }

    @Test
    void aStepThatThrowsEndsItsCommandFailedWithTheErrorNotTimedOut() throws Exception {
        try (EngineRunner runner = new EngineRunner(config(), a -> { }, new SplittableRandom(1))) {
            runner.onConfigApplied(c -> {
                throw new IllegalStateException("listener broke");
            });
            runner.start();
            Outcome o = answer(runner.execute(new Command.EditConfig("FDT", c -> c.withFailureDetectionTimeMs(2_000),
                    Command.Save.TO_FILE), PATIENT));
            assertThat(o).isInstanceOfSatisfying(Outcome.Failed.class, f -> {
                assertThat(f.error()).isInstanceOf(IllegalStateException.class).hasMessage("listener broke");
                assertThat(f.message()).contains("listener broke");
            });
            // and the engine goes on
            assertThat(answer(runner.execute(new Command.Offline("nope"), PATIENT))).isInstanceOf(CommandResult.Refused.class);
        }
    }

    /** Holds the writer thread between two steps until released; returns once it is held. */
    private static CountDownLatch holdTheEngine(EngineRunner runner) throws InterruptedException {
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
        assertThat(held.await(60, TimeUnit.SECONDS)).as("the writer thread ran the task").isTrue();
        return release;
    }

    @Test
    void aCommandNotAnsweredWithinItsTimeoutEndsTimedOut() throws Exception {
        try (EngineRunner runner = new EngineRunner(config(), a -> { }, new SplittableRandom(1))) {
            runner.start();
            CountDownLatch release = holdTheEngine(runner);
            Duration timeout = Duration.ofMillis(50);
            CompletableFuture<Outcome> f = runner.execute(new Command.Offline("a"), timeout);
            try {
                assertThat(answer(f)).isEqualTo(new Outcome.TimedOut(timeout));
            } finally {
                release.countDown();
            }
            // the engine carries it out later; the caller's answer stays what it was told
            assertThat(answer(runner.execute(new Command.Offline("nope"), PATIENT))).isInstanceOf(CommandResult.Refused.class);
            assertThat(f.join()).isEqualTo(new Outcome.TimedOut(timeout));
        }
    }

    @Test
    void shutdownEndsTheQueuedCommandsFailed() throws Exception {
        EngineRunner runner = new EngineRunner(config(), a -> { }, new SplittableRandom(1));
        runner.start();
        holdTheEngine(runner);   // close() interrupts it
        CompletableFuture<Outcome> queued = runner.execute(new Command.Offline("a"), PATIENT);
        runner.close();
        assertThat(answer(queued)).isInstanceOfSatisfying(Outcome.Failed.class,
                f -> assertThat(f.message()).contains("shutting down"));
        assertThat(answer(runner.execute(new Command.Online("a"), PATIENT))).isInstanceOf(Outcome.Failed.class);
    }
}
