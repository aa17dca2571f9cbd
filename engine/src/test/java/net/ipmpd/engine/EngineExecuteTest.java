package net.ipmpd.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import net.ipmpd.engine.action.Action;
import net.ipmpd.engine.config.DampingConfig;
import net.ipmpd.engine.config.DataAddressConfig;
import net.ipmpd.engine.config.EngineConfig;
import net.ipmpd.engine.config.GroupConfig;
import net.ipmpd.engine.config.MemberConfig;
import net.ipmpd.engine.event.EngineEvent;
import net.ipmpd.engine.notify.Notification;
import net.ipmpd.engine.state.MemberState;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The one command path into the engine: edits on the running configuration, stale replacements refused. */
class EngineExecuteTest {
    private static final long MS = 1_000_000L;
    private final List<Action> actions = new ArrayList<>();
    private final EngineOutput out = new EngineOutput() {
        @Override
        public void act(Action action) {
            actions.add(action);
        }

        @Override
        public void notify(Notification notification) {
        }
    };
    private Engine engine;
    private long now = 1_000 * MS;

    private static EngineConfig config() throws Exception {
        GroupConfig g = new GroupConfig("g", List.of(MemberConfig.linkOnly("a", false), MemberConfig.linkOnly("b", false)),
                List.of(new DataAddressConfig(InetAddress.getByName("198.18.0.100"), 24, "a")));
        return new EngineConfig(10_000, true, true, DampingConfig.DEFAULT, List.of(g));
    }

    @BeforeEach
    void start() throws Exception {
        engine = new Engine(config(), new SplittableRandom(1), now);
        handle(new EngineEvent.LinkReported("a", 2, true));
        handle(new EngineEvent.LinkReported("b", 3, true));
        handle(new EngineEvent.LinkDumpCompleted());
    }

    private void handle(EngineEvent e) {
        now += MS;
        engine.handle(e, now, now, out);
    }

    private CommandResult execute(Command c) {
        now += MS;
        return engine.execute(c, now, now, out);
    }

    @Test
    void anEditAppliesToTheConfigurationRunningWhenItArrivesNotToTheOneItWasBuiltBeside() throws Exception {
        Command.EditConfig fdt = new Command.EditConfig("FAILURE_DETECTION_TIME=5000",
                c -> c.withFailureDetectionTimeMs(5_000), Command.Save.TO_FILE);
        // another manager changes failback after the FDT edit was built, before it arrives
        assertThat(execute(new Command.EditConfig("FAILBACK=no", c -> c.withFailback(false), Command.Save.TO_FILE)).ok())
                .isTrue();
        assertThat(execute(fdt).ok()).isTrue();
        assertThat(engine.config().failureDetectionTimeMs()).isEqualTo(5_000);
        assertThat(engine.config().failback()).as("the other manager's change survives").isFalse();
        assertThat(engine.config().groups()).isEqualTo(config().groups());
    }

    @Test
    void anEditThatThrowsIllegalArgumentIsRefusedAsInvalidWithItsWordsAndChangesNothing() throws Exception {
        long version = engine.version();
        CommandResult r = execute(new Command.EditConfig("member net9 offline", c -> {
            throw new IllegalArgumentException("no member net9 in any group");
        }, Command.Save.TO_FILE));
        assertThat(r).isInstanceOfSatisfying(CommandResult.Refused.class, refused -> {
            assertThat(refused.reason()).isEqualTo(CommandResult.Reason.INVALID_CONFIG);
            assertThat(refused.message()).contains("member net9 offline").contains("no member net9 in any group");
        });
        assertThat(engine.config()).isEqualTo(config());
        assertThat(engine.version()).isEqualTo(version);
    }

    @Test
    void anEditThatMakesTheConfigurationInvalidIsRefusedWithItsProblems() throws Exception {
        CommandResult r = execute(new Command.EditConfig("no members", c -> c.withGroups(List.of(
                new GroupConfig("g", List.of(), List.of()))), Command.Save.TO_FILE));
        assertThat(r).isInstanceOfSatisfying(CommandResult.Refused.class, refused -> {
            assertThat(refused.reason()).isEqualTo(CommandResult.Reason.INVALID_CONFIG);
            assertThat(refused.problems()).isNotEmpty();
        });
        assertThat(engine.config()).isEqualTo(config());
    }

    @Test
    void aReplacementBuiltOnAnotherConfigurationIsRefusedAsStaleAndChangesNothing() throws Exception {
        EngineConfig seen = engine.config();
        assertThat(execute(new Command.EditConfig("FAILBACK=no", c -> c.withFailback(false), Command.Save.TO_FILE)).ok())
                .isTrue();
        EngineConfig running = engine.config();
        long version = engine.version();
        actions.clear();
        CommandResult r = execute(new Command.ReplaceConfig(seen.withFailureDetectionTimeMs(3_000), Optional.of(seen),
                Command.Save.TO_FILE));
        assertThat(r).isInstanceOfSatisfying(CommandResult.Refused.class,
                refused -> assertThat(refused.reason()).isEqualTo(CommandResult.Reason.STALE_CONFIG));
        assertThat(engine.config()).isEqualTo(running);
        assertThat(engine.version()).isEqualTo(version);
        assertThat(actions).isEmpty();
    }

    @Test
    void aReplacementBuiltOnTheRunningConfigurationOrOnNoneIsCarriedOut() throws Exception {
        EngineConfig running = engine.config();
        assertThat(execute(new Command.ReplaceConfig(running.withFailureDetectionTimeMs(3_000), Optional.of(running),
                Command.Save.TO_FILE)).ok()).isTrue();
        assertThat(engine.config().failureDetectionTimeMs()).isEqualTo(3_000);
        // a reload: the file is the source, whatever runs
        assertThat(execute(new Command.ReplaceConfig(config(), Optional.empty(), Command.Save.RUNNING_ONLY)).ok()).isTrue();
        assertThat(engine.config()).isEqualTo(config());
    }

    @Test
    void offlineAndOnlineAreTheAdminCommandsTheyWere() {
        assertThat(execute(new Command.Offline("a")).ok()).isTrue();
        assertThat(engine.snapshot().member("a").orElseThrow().state()).isEqualTo(MemberState.OFFLINE);
        assertThat(actions).anyMatch(a -> a instanceof Action.MoveAddress m && m.to().equals("b"));
        assertThat(execute(new Command.Offline("b"))).isInstanceOfSatisfying(CommandResult.Refused.class,
                refused -> assertThat(refused.reason()).isEqualTo(CommandResult.Reason.MIN_REDUNDANCY));
        assertThat(execute(new Command.Offline("nope"))).isInstanceOfSatisfying(CommandResult.Refused.class,
                refused -> assertThat(refused.reason()).isEqualTo(CommandResult.Reason.UNKNOWN_INTERFACE));
        assertThat(execute(new Command.Online("a")).ok()).isTrue();
        assertThat(engine.snapshot().member("a").orElseThrow().state()).isNotEqualTo(MemberState.OFFLINE);
        assertThat(execute(new Command.Online("a"))).isInstanceOfSatisfying(CommandResult.Refused.class,
                refused -> assertThat(refused.reason()).isEqualTo(CommandResult.Reason.NOT_OFFLINE));
    }
}
