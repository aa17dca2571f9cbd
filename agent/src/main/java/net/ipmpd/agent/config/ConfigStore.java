package net.ipmpd.agent.config;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import net.ipmpd.engine.Command;
import net.ipmpd.engine.ForwardingIpmpService;
import net.ipmpd.engine.IpmpService;
import net.ipmpd.engine.Outcome;
import net.ipmpd.engine.config.EngineConfig;
import net.ipmpd.yang.config.ConfigFile;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * The one configuration store, between every manager (if_mpadm, SNMP, NETCONF, SIGHUP) and the
 * engine: a configuration change the engine carried out with {@link Command.Save#TO_FILE} is
 * written to the daemon's -c file (atomically: temp file, fsync, rename) before its future
 * completes, so "done" means "survives a restart". A file that cannot be written makes the
 * outcome {@link Outcome.Failed} with an {@link UnsavedChange}: the change runs but is not saved.
 *
 * <p>Writes happen on one writer thread of their own (never the engine thread) in the order the
 * engine carried the commands out, and a save older than one already written is skipped: the
 * file always ends with the newest saved configuration. Each save writes the whole configuration
 * running right after its command ({@link Outcome.Done#config()}); since an edit applies to the
 * configuration running when it reaches the engine, that holds every earlier change too.
 *
 * <p>A manager may hold part of the running configuration back from the file ({@link #filterSaves}):
 * while a NETCONF confirmed commit waits for its confirmation, every save writes the configuration
 * its rollback would leave (RFC 6241 section 8.4: nothing unconfirmed in startup).
 */
public final class ConfigStore extends ForwardingIpmpService implements SaveFilters, AutoCloseable {
    private static final Logger LOG = LogManager.getLogger(ConfigStore.class);
    /**
     * How long the store waits for the engine, longer than any caller: a change the engine carries
     * out after its caller gave up (TimedOut) runs, so it is saved too.
     */
    static final Duration ENGINE_PATIENCE = Duration.ofMinutes(10);

    /** Writes a configuration file; {@link ConfigFile#write} in the daemon, a failing one in tests. */
    @FunctionalInterface
    public interface FileWriter {
        void write(Path file, EngineConfig config) throws IOException;
    }

    private final Optional<Path> file;
    private final FileWriter writer;
    private final ExecutorService writerThread = Executors.newSingleThreadExecutor(
            r -> Thread.ofPlatform().name("ipmpd-config-writer").daemon().unstarted(r));
    /** Orders commands as the engine receives them; see {@link #execute}. */
    private final Object sending = new Object();
    private long sent;
    /** Only touched on the writer thread. */
    private long newestWritten = -1;
    private volatile EngineConfig lastSaved;
    /** What a save writes of the configuration running after its command; see {@link #filterSaves}. */
    private volatile UnaryOperator<EngineConfig> saveFilter = UnaryOperator.identity();

    /**
     * @param file the -c file; empty: nothing is ever written (changes run only, and a TO_FILE
     *        change is done as soon as the engine carried it out)
     * @param loaded the configuration the file held when the daemon read it
     */
    public ConfigStore(IpmpService engine, Optional<Path> file, EngineConfig loaded) {
        this(engine, file, loaded, ConfigFile::write);
    }

    public ConfigStore(IpmpService engine, Optional<Path> file, EngineConfig loaded, FileWriter writer) {
        super(engine);
        this.file = file;
        this.lastSaved = loaded;
        this.writer = writer;
    }

    /**
     * The configuration the file holds as far as ipmpd knows: the one read at start, or the last
     * one this store wrote (NETCONF's startup datastore). A reload (SIGHUP) reads the file without
     * saving it, so after one this is still the previous save until the next change is saved.
     */
    public EngineConfig lastSaved() {
        return lastSaved;
    }

    @Override
    public CompletableFuture<Outcome> execute(Command command, Duration timeout) {
        if (!(command instanceof Command.ConfigCommand c) || c.save() != Command.Save.TO_FILE || file.isEmpty()) {
            return next.execute(command, timeout);
        }
        CompletableFuture<Outcome> engineOutcome;
        long order;
        UnaryOperator<EngineConfig> filter;
        // one at a time into the engine's queue: the engine carries commands out in the order they
        // were queued, so this number orders the saves even when their callbacks run out of order
        synchronized (sending) {
            engineOutcome = next.execute(command, ENGINE_PATIENCE);
            order = sent++;
            filter = saveFilter;
        }
        CompletableFuture<Outcome> saved = new CompletableFuture<>();
        engineOutcome.whenComplete((o, e) -> {
            if (o instanceof Outcome.Done done) {
                writeLater(order, done, filter, saved);
            } else {
                saved.complete(o != null ? o : new Outcome.Failed(String.valueOf(e), e));
            }
        });
        return saved.completeOnTimeout(new Outcome.TimedOut(timeout), timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    @Override
    public void filterSaves(UnaryOperator<EngineConfig> filter) {
        synchronized (sending) {   // ordered with the commands queued around it
            saveFilter = filter;
        }
    }

    private void writeLater(long order, Outcome.Done done, UnaryOperator<EngineConfig> filter, CompletableFuture<Outcome> saved) {
        try {
            writerThread.execute(() -> saved.complete(write(order, done, filter)));
        } catch (java.util.concurrent.RejectedExecutionException closed) {
            saved.complete(new Outcome.Failed("ipmpd is shutting down", new UnsavedChange(file.orElseThrow(),
                    new IOException("the configuration writer has stopped"))));
        }
    }

    /** On the writer thread. */
    private Outcome write(long order, Outcome.Done done, UnaryOperator<EngineConfig> filter) {
        if (order < newestWritten) {
            return done;   // a newer configuration, which holds this change, is already in the file
        }
        try {
            EngineConfig saving = filter.apply(done.config());
            writer.write(file.orElseThrow(), saving);
            newestWritten = order;
            lastSaved = saving;
            return done;
        } catch (IOException | RuntimeException e) {
            IOException cause = e instanceof IOException io ? io : new IOException(e.toString(), e);
            UnsavedChange unsaved = new UnsavedChange(file.orElseThrow(), cause);
            LOG.error("{}", unsaved.getMessage());
            return new Outcome.Failed(unsaved.getMessage(), unsaved);
        }
    }

    /** Finishes the saves already queued (bounded), then stops the writer. */
    @Override
    public void close() {
        writerThread.shutdown();
        try {
            if (!writerThread.awaitTermination(5, TimeUnit.SECONDS)) {
                LOG.error("the configuration file {} is still being written at shutdown", file.orElse(null));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
