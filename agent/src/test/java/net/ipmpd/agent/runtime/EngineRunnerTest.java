package net.ipmpd.agent.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import net.ipmpd.engine.CommandResult;
import net.ipmpd.engine.action.Action;
import net.ipmpd.engine.config.DampingConfig;
import net.ipmpd.engine.config.DataAddressConfig;
import net.ipmpd.engine.config.EngineConfig;
import net.ipmpd.engine.config.GroupConfig;
import net.ipmpd.engine.config.MemberConfig;
import net.ipmpd.engine.event.EngineEvent;
import net.ipmpd.engine.notify.Notification;
import org.junit.jupiter.api.Test;

/** The runner in real time: actions on the writer thread before the snapshot; commands answered. */
class EngineRunnerTest {

    private static EngineConfig config() throws Exception {
        GroupConfig g = new GroupConfig("g", List.of(MemberConfig.linkOnly("a", false), MemberConfig.linkOnly("b", false)),
                List.of(new DataAddressConfig(InetAddress.getByName("198.18.0.100"), 24, "a")));
        return new EngineConfig(10_000, true, true, DampingConfig.DEFAULT, List.of(g));
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
            assertThat(runner.submit(new EngineEvent.OfflineRequested("a")).get(2, TimeUnit.SECONDS).ok()).isTrue();
            var snap = runner.snapshot();
            assertThat(snap.group("g").orElseThrow().dataAddresses().get(0).currentMember()).isEqualTo(Optional.of("b"));
            assertThat(done).anyMatch(a -> a instanceof Action.MoveAddress m && m.to().equals("b"));
            CommandResult last = runner.submit(new EngineEvent.OfflineRequested("b")).get(2, TimeUnit.SECONDS);
            assertThat(last).isInstanceOf(CommandResult.Refused.class);
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
            CommandResult r = runner.submit(new EngineEvent.ConfigChanged(bad)).get(2, TimeUnit.SECONDS);
            assertThat(r).isInstanceOfSatisfying(CommandResult.Refused.class,
                    ref -> assertThat(ref.problems()).isNotEmpty());
            assertThat(runner.snapshot().config()).isEqualTo(config());
        }
    }

    @Test
    void aStepThatThrowsCompletesItsCommandWithTheErrorInsteadOfLeavingTheCallerWaiting() throws Exception {
        try (EngineRunner runner = new EngineRunner(config(), a -> { }, new SplittableRandom(1))) {
            runner.onConfigApplied(c -> {
                throw new IllegalStateException("listener broke");
            });
            runner.start();
            var f = runner.submit(new EngineEvent.ConfigChanged(config().withFailureDetectionTimeMs(2_000)));
            assertThat(f).failsWithin(2, TimeUnit.SECONDS).withThrowableOfType(java.util.concurrent.ExecutionException.class)
                    .withCauseInstanceOf(IllegalStateException.class);
            // and the engine goes on
            assertThat(runner.submit(new EngineEvent.OfflineRequested("nope")).get(2, TimeUnit.SECONDS))
                    .isInstanceOf(CommandResult.Refused.class);
        }
    }
}
