package net.ipmpd.agent.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import net.ipmpd.engine.Command;
import net.ipmpd.engine.CommandResult;
import net.ipmpd.engine.Outcome;
import net.ipmpd.engine.config.EngineConfig;
import net.ipmpd.engine.state.EngineSnapshot;
import net.ipmpd.testkit.FakeIpmpService;
import net.ipmpd.yang.config.ConfigFile;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The one configuration store: a saved change is in the file before its command completes; the file ends with the newest. */
class ConfigStoreTest {
    private static final Duration PATIENT = Duration.ofSeconds(60);
    private static final EngineConfig LOADED = EngineConfig.defaults();

    @TempDir
    Path dir;
    Path file;
    FakeIpmpService engine;
    ConfigStore store;

    @BeforeEach
    void start() throws IOException {
        file = dir.resolve("ipmpd.json");
        ConfigFile.write(file, LOADED);
        engine = new FakeIpmpService(new EngineSnapshot(1, 0, LOADED, List.of(), Optional.empty()));
    }

    @AfterEach
    void stop() {
        if (store != null) {
            store.close();
        }
    }

    private static Command.EditConfig fdt(long ms, Command.Save save) {
        return new Command.EditConfig("FAILURE_DETECTION_TIME=" + ms, c -> c.withFailureDetectionTimeMs(ms), save);
    }

    private EngineConfig inFile() throws Exception {
        return ConfigFile.load(file).config();
    }

    private static Outcome answer(CompletableFuture<Outcome> f) throws Exception {
        return f.get(PATIENT.toSeconds() + 30, TimeUnit.SECONDS);
    }

    @Test
    void aSavedChangeIsInTheFileBeforeItsCommandCompletes() throws Exception {
        store = new ConfigStore(engine, Optional.of(file), LOADED);
        // read the file the moment the command completes, on the thread that completes it
        CompletableFuture<EngineConfig> fileWhenDone = store.execute(fdt(5_000, Command.Save.TO_FILE), PATIENT)
                .thenApply(o -> {
                    try {
                        return inFile();
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                });
        assertThat(fileWhenDone.get(90, TimeUnit.SECONDS).failureDetectionTimeMs()).isEqualTo(5_000);
        assertThat(store.lastSaved().failureDetectionTimeMs()).isEqualTo(5_000);
    }

    @Test
    void aChangeThatRunsOnlyAndAnAdminCommandWriteNothing() throws Exception {
        List<EngineConfig> written = new CopyOnWriteArrayList<>();
        store = new ConfigStore(engine, Optional.of(file), LOADED, (f, c) -> written.add(c));
        assertThat(answer(store.execute(fdt(5_000, Command.Save.RUNNING_ONLY), PATIENT))).isInstanceOf(Outcome.Done.class);
        assertThat(answer(store.execute(new Command.Offline("a"), PATIENT))).isInstanceOf(Outcome.Done.class);
        assertThat(written).isEmpty();
        assertThat(store.lastSaved()).isEqualTo(LOADED);
    }

    @Test
    void withoutAFileNothingIsWrittenAndTheChangeIsDone() throws Exception {
        List<EngineConfig> written = new CopyOnWriteArrayList<>();
        store = new ConfigStore(engine, Optional.empty(), LOADED, (f, c) -> written.add(c));
        assertThat(answer(store.execute(fdt(5_000, Command.Save.TO_FILE), PATIENT))).isInstanceOf(Outcome.Done.class);
        assertThat(written).isEmpty();
    }

    @Test
    void aRefusedChangeIsNotSaved() throws Exception {
        List<EngineConfig> written = new CopyOnWriteArrayList<>();
        store = new ConfigStore(engine, Optional.of(file), LOADED, (f, c) -> written.add(c));
        CommandResult.Refused no = new CommandResult.Refused(CommandResult.Reason.INVALID_CONFIG, "no");
        engine.answerAlways(no);
        assertThat(answer(store.execute(fdt(5_000, Command.Save.TO_FILE), PATIENT))).isEqualTo(no);
        assertThat(written).isEmpty();
    }

    @Test
    void aFileThatCannotBeWrittenEndsTheCommandFailedSayingTheChangeRunsButIsNotSaved() throws Exception {
        store = new ConfigStore(engine, Optional.of(file), LOADED, (f, c) -> {
            throw new IOException("No space left on device");
        });
        Outcome o = answer(store.execute(fdt(5_000, Command.Save.TO_FILE), PATIENT));
        assertThat(o).isInstanceOfSatisfying(Outcome.Failed.class, f -> {
            assertThat(f.error()).isInstanceOf(UnsavedChange.class);
            assertThat(f.message()).contains("runs but is not saved").contains(file.toString())
                    .contains("No space left on device");
        });
        assertThat(store.lastSaved()).isEqualTo(LOADED);
        assertThat(inFile()).isEqualTo(LOADED);
    }

    @Test
    void theFileEndsWithTheNewestConfigurationWhenAnswersArriveOutOfOrder() throws Exception {
        store = new ConfigStore(engine, Optional.of(file), LOADED);
        List<CompletableFuture<Outcome>> answers = new CopyOnWriteArrayList<>();
        engine.answerWith(c -> {
            CompletableFuture<Outcome> f = new CompletableFuture<>();
            answers.add(f);
            return f;
        });
        EngineConfig first = LOADED.withFailureDetectionTimeMs(5_000);
        EngineConfig second = first.withFailback(false);   // the engine ran it after the first: it holds both
        CompletableFuture<Outcome> a = store.execute(fdt(5_000, Command.Save.TO_FILE), PATIENT);
        CompletableFuture<Outcome> b = store.execute(new Command.EditConfig("FAILBACK=no", c -> c.withFailback(false),
                Command.Save.TO_FILE), PATIENT);
        answers.get(1).complete(new Outcome.Done(second));
        assertThat(answer(b)).isEqualTo(new Outcome.Done(second));
        answers.get(0).complete(new Outcome.Done(first));   // its caller's thread was slower to hear it
        assertThat(answer(a)).isEqualTo(new Outcome.Done(first));
        assertThat(inFile()).isEqualTo(second);
        assertThat(store.lastSaved()).isEqualTo(second);
    }

    @Test
    void aChangeTheEngineCarriesOutAfterItsCallerGaveUpIsSavedAllTheSame() throws Exception {
        store = new ConfigStore(engine, Optional.of(file), LOADED);
        CompletableFuture<Outcome> late = new CompletableFuture<>();
        engine.answerWith(c -> late);
        Duration shortWait = Duration.ofMillis(20);
        assertThat(answer(store.execute(fdt(5_000, Command.Save.TO_FILE), shortWait)))
                .isEqualTo(new Outcome.TimedOut(shortWait));
        late.complete(new Outcome.Done(LOADED.withFailureDetectionTimeMs(5_000)));
        store.close();   // finishes the queued save
        assertThat(inFile().failureDetectionTimeMs()).isEqualTo(5_000);
    }

    @Test
    void theFileIsReplacedWholeNeverLeftHalfWritten() throws Exception {
        store = new ConfigStore(engine, Optional.of(file), LOADED);
        var inode = Files.readAttributes(file, java.nio.file.attribute.BasicFileAttributes.class).fileKey();
        assertThat(answer(store.execute(fdt(5_000, Command.Save.TO_FILE), PATIENT))).isInstanceOf(Outcome.Done.class);
        // a new file renamed over the old one (a reader holding the old one reads it whole), no temporary left
        assertThat(Files.readAttributes(file, java.nio.file.attribute.BasicFileAttributes.class).fileKey())
                .isNotEqualTo(inode);
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString()).toList()).containsExactly("ipmpd.json");
        }
        assertThat(inFile().failureDetectionTimeMs()).isEqualTo(5_000);
    }
}
