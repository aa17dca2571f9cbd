package net.ipmpd.agent.netconf;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.UnaryOperator;
import net.ipmpd.agent.config.SaveFilters;
import net.ipmpd.engine.Command;
import net.ipmpd.engine.CommandResult;
import net.ipmpd.engine.IpmpService;
import net.ipmpd.engine.Outcome;
import net.ipmpd.engine.config.EngineConfig;
import net.ipmpd.yang.IpmpSchema;
import net.ipmpd.yang.config.ConfigCodec;
import net.ipmpd.yang.config.SchemaValidation;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.opendaylight.yangtools.yang.data.api.YangInstanceIdentifier;
import org.opendaylight.yangtools.yang.data.api.schema.NormalizedNode;
import org.opendaylight.yangtools.yang.data.tree.api.DataTree;
import org.opendaylight.yangtools.yang.data.tree.api.DataTreeCandidate;
import org.opendaylight.yangtools.yang.data.tree.api.DataTreeModification;
import org.opendaylight.yangtools.yang.data.tree.api.DataTreeSnapshot;

/**
 * The running, candidate and startup datastores, their locks, and NETCONF's way onto the engine's
 * one command path. Each datastore is a yangtools CONFIGURATION DataTree with mandatory-node
 * validation, so every change is checked against the YANG module before it is kept; a change of
 * running is then decoded (ConfigCodec: in.mpathd's corrections, the YANG constraints yangtools does
 * not check, the engine's ConfigValidator) and sent as one ReplaceConfig based on the running
 * configuration it was built on; only when the engine accepts it is running committed.
 *
 * <p>Concurrency: one writer at a time ({@link #writes}), and it holds that lock while it waits for
 * the engine, so two NETCONF changes never interleave. Readers never take it: they read
 * {@link #view}, immutable snapshots published after every change, so a get-config of another
 * session answers at once while an edit waits for a slow engine step (issue 10). The waiting
 * happens on the session's own thread (see {@link SessionPipeline}), never on a Netty event loop.
 */
final class Datastores {
    private static final Logger LOG = LogManager.getLogger(Datastores.class);
    static final YangInstanceIdentifier IPMP = ChangeChecks.IPMP;
    /**
     * How long a change waits for the engine (and the store's fsync of the -c file). Only the
     * session that asked waits, on its own thread; this bounds a wedged engine.
     */
    static final Duration ENGINE_TIMEOUT = Duration.ofSeconds(10);
    /** How often a change refused as stale (another manager changed the configuration) is rebuilt and sent again. */
    static final int STALE_ATTEMPTS = 3;

    /** What readers see: every datastore's content and the configuration running showed when it was published. */
    private record View(Map<DatastoreName, DataTreeSnapshot> contents, EngineConfig running) {
    }

    /** One change of the candidate, kept so it can be replayed on a running configuration that moved meanwhile. */
    @FunctionalInterface
    private interface Step {
        void applyTo(DataTreeModification mod) throws RpcError.RpcException;
    }

    /** Builds a change of running on the running tree as it is now. */
    @FunctionalInterface
    private interface RunningChange {
        DataTreeCandidate on(DataTree running) throws RpcError.RpcException;
    }

    private final IpmpSchema schema;
    private final IpmpService ipmp;
    private final StartupFile startupFile;
    /** The configuration store's saves, held back from the unconfirmed change while a confirmed commit waits. */
    private final SaveFilters saves;
    private final DatastoreEvents events;
    private final ReentrantLock writes = new ReentrantLock(true);
    /** Guards only the lock tables; never held while waiting for anything. */
    private final Object lockTable = new Object();
    private final Map<DatastoreName, Long> lockHolders = new EnumMap<>(DatastoreName.class);
    private final Map<DatastoreName, Instant> lockTimes = new EnumMap<>(DatastoreName.class);
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "netconf-datastores");
        t.setDaemon(true);
        return t;
    });

    // guarded by writes
    private final Map<DatastoreName, DataTree> trees = new EnumMap<>(DatastoreName.class);
    /** The configuration running holds, as last given to or seen from the engine. */
    private EngineConfig runningConfig;
    /** The running configuration the candidate was last equal to, and the changes made to it since. */
    private EngineConfig candidateBase;
    private final List<Step> candidateSteps = new ArrayList<>();
    /** The file content the startup tree was last loaded from. */
    private Optional<EngineConfig> startupLoaded = Optional.empty();
    private volatile PendingCommit pending;
    /** True when candidate differs from running by an edit (RFC 6241 section 8.3.5.2). */
    private volatile boolean candidateDirty;
    private volatile View view;

    Datastores(IpmpSchema schema, IpmpService ipmp, StartupFile startupFile, SaveFilters saves, DatastoreEvents events) {
        this.schema = schema;
        this.ipmp = ipmp;
        this.startupFile = startupFile;
        this.saves = saves;
        this.events = events;
        for (DatastoreName n : DatastoreName.values()) {
            trees.put(n, SchemaValidation.newConfigurationTree(schema));
        }
        EngineConfig now = ipmp.snapshot().config();
        for (DatastoreName n : DatastoreName.values()) {
            ChangeChecks.replaceContent(trees.get(n), ConfigCodec.toNormalizedNode(now));
        }
        runningConfig = now;
        candidateBase = now;
        syncStartup();
        publish();
    }

    // ------------------------------------------------------------------ reading

    /** The ipmp container of a datastore, if it has one; never waits for a change in progress. */
    Optional<NormalizedNode> read(DatastoreName name) {
        View v = view;
        if (name == DatastoreName.STARTUP || !ipmp.snapshot().config().equals(v.running())) {
            // a change in progress holds the lock: then the last published view answers
            if (writes.tryLock()) {
                try {
                    syncRunning();
                    if (name == DatastoreName.STARTUP) {
                        syncStartup();
                    }
                } finally {
                    publishAndUnlock();
                }
                v = view;
            }
        }
        return v.contents().get(name).readNode(IPMP);
    }

    private void publish() {
        Map<DatastoreName, DataTreeSnapshot> contents = new EnumMap<>(DatastoreName.class);
        trees.forEach((n, t) -> contents.put(n, t.takeSnapshot()));
        view = new View(Map.copyOf(contents), runningConfig);
    }

    private void publishAndUnlock() {
        try {
            publish();
        } finally {
            writes.unlock();
        }
    }

    /**
     * The engine's configuration can change without us (SNMP, the control socket, a reload):
     * running always shows what the engine runs, and an untouched candidate follows it.
     */
    private void syncRunning() {
        EngineConfig engine = ipmp.snapshot().config();
        if (!engine.equals(runningConfig)) {
            LOG.info("netconf: running datastore follows a configuration change made outside NETCONF");
            ChangeChecks.replaceContent(trees.get(DatastoreName.RUNNING), ConfigCodec.toNormalizedNode(engine));
            runningConfig = engine;
            if (!candidateDirty) {
                resetCandidate();
            }
        }
    }

    /** The startup datastore shows what the -c file holds (the command path saves changes there). */
    private void syncStartup() {
        try {
            EngineConfig onDisk = startupFile.read();
            if (!Optional.of(onDisk).equals(startupLoaded)) {
                ChangeChecks.replaceContent(trees.get(DatastoreName.STARTUP), ConfigCodec.toNormalizedNode(onDisk));
                startupLoaded = Optional.of(onDisk);
            }
        } catch (IOException e) {
            LOG.warn("netconf: the startup datastore shows the file as last read: {}", e.getMessage());
        }
    }

    // ------------------------------------------------------------------ locks (RFC 6241 7.5, 7.6)

    void lock(DatastoreName name, long session) throws RpcError.RpcException {
        writes.lock();
        try {
            synchronized (lockTable) {
                Long holder = lockHolders.get(name);
                if (holder != null) {
                    throw RpcError.protocol(RpcError.LOCK_DENIED, "the " + name.xml() + " datastore is locked by session " + holder)
                            .withInfo("session-id", Long.toString(holder)).exception();
                }
                if (name == DatastoreName.CANDIDATE && candidateDirty) {
                    // RFC 6241 8.3.5.2: a lock on a modified candidate is refused
                    throw RpcError.protocol(RpcError.LOCK_DENIED, "the candidate datastore has uncommitted changes; "
                            + "commit or discard-changes first").withInfo("session-id", "0").exception();
                }
                lockHolders.put(name, session);
                lockTimes.put(name, Instant.now());
            }
            LOG.info("netconf: session {} locked {}", session, name.xml());
        } finally {
            writes.unlock();
        }
    }

    void unlock(DatastoreName name, long session) throws RpcError.RpcException {
        synchronized (lockTable) {
            Long holder = lockHolders.get(name);
            if (holder == null || holder != session) {
                throw RpcError.protocol(RpcError.OPERATION_FAILED, holder == null
                        ? "the " + name.xml() + " datastore is not locked"
                        : "the " + name.xml() + " datastore is locked by session " + holder + ", not by this session")
                        .exception();
            }
            lockHolders.remove(name);
        }
        LOG.info("netconf: session {} unlocked {}", session, name.xml());
    }

    /**
     * The session ended: its locks go, a candidate it held locked is discarded (RFC 6241 8.3.5.2),
     * and its unconfirmed confirmed commit is rolled back (8.4.1). Called on whatever thread saw the
     * session end, so what may wait (a change in progress, the engine) runs on the datastores' own thread.
     */
    void sessionEnded(long session) {
        boolean heldCandidate;
        synchronized (lockTable) {
            heldCandidate = Long.valueOf(session).equals(lockHolders.get(DatastoreName.CANDIDATE));
            for (DatastoreName n : DatastoreName.values()) {
                // the candidate's lock goes only with its discarded content, below
                if (n != DatastoreName.CANDIDATE && Long.valueOf(session).equals(lockHolders.get(n))) {
                    lockHolders.remove(n);
                    LOG.info("netconf: lock on {} released: session {} ended", n.xml(), session);
                }
            }
        }
        scheduler.execute(() -> {
            writes.lock();
            try {
                PendingCommit p = pending;
                if (p != null && p.session == session && p.persist.isEmpty()) {
                    rollBack(p, "session " + session + " ended before confirming", OptionalLong.empty(),
                            DatastoreEvents.ConfirmEvent.CANCEL);
                }
                if (heldCandidate) {
                    resetCandidate();
                    synchronized (lockTable) {
                        lockHolders.remove(DatastoreName.CANDIDATE);
                    }
                    LOG.info("netconf: lock on candidate released: session {} ended", session);
                }
            } finally {
                publishAndUnlock();
            }
        });
    }

    private void checkWritable(DatastoreName name, long session) throws RpcError.RpcException {
        synchronized (lockTable) {
            Long holder = lockHolders.get(name);
            if (holder != null && holder != session) {
                throw RpcError.protocol(RpcError.IN_USE, "the " + name.xml() + " datastore is locked by session " + holder)
                        .withInfo("session-id", Long.toString(holder)).exception();
            }
        }
    }

    /** Who holds a global lock and since when (RFC 6022 /netconf-state/datastores). */
    record Lock(long session, Instant since) {
    }

    Optional<Lock> lockHolder(DatastoreName name) {
        synchronized (lockTable) {
            Long holder = lockHolders.get(name);
            return holder == null ? Optional.empty() : Optional.of(new Lock(holder, lockTimes.get(name)));
        }
    }

    // ------------------------------------------------------------------ changes

    /** What test-option asks for (RFC 6241 8.6). */
    enum Test { TEST_THEN_SET, SET, TEST_ONLY }

    /** Applies an edit to {@code target}, all or nothing. */
    void edit(DatastoreName target, long session, List<EditChange> changes, Test test) throws RpcError.RpcException {
        Step step = mod -> {
            for (EditChange c : changes) {
                ChangeChecks.apply(mod, c);
            }
        };
        writes.lock();
        try {
            syncRunning();
            checkWritable(target, session);
            if (test == Test.TEST_ONLY) {
                ChangeChecks.decode(prepared(trees.get(target), step));
            } else {
                change(target, session, step);
            }
        } finally {
            publishAndUnlock();
        }
    }

    /** Replaces the whole content of {@code target} (copy-config, delete-config). */
    void replace(DatastoreName target, long session, Optional<NormalizedNode> ipmpNode) throws RpcError.RpcException {
        writes.lock();
        try {
            syncRunning();
            checkWritable(target, session);
            change(target, session, replacing(ipmpNode));
        } finally {
            publishAndUnlock();
        }
    }

    private static Step replacing(Optional<NormalizedNode> ipmpNode) {
        return mod -> {
            if (ipmpNode.isPresent()) {
                mod.write(IPMP, ipmpNode.get());
            } else {
                mod.delete(IPMP);
            }
        };
    }

    private static DataTreeCandidate prepared(DataTree tree, Step step) throws RpcError.RpcException {
        DataTreeModification mod = tree.takeSnapshot().newModification();
        step.applyTo(mod);
        return ChangeChecks.prepare(tree, mod);
    }

    private void change(DatastoreName target, long session, Step step) throws RpcError.RpcException {
        switch (target) {
            case RUNNING -> {
                RunningChange onRunning = running -> prepared(running, step);
                // saved even while a confirmed commit waits: the store's save filter holds that commit back
                changeRunning(onRunning, onRunning, runningConfig, OptionalLong.of(session), Command.Save.TO_FILE,
                        Optional.empty());
            }
            case CANDIDATE -> {
                DataTree tree = trees.get(DatastoreName.CANDIDATE);
                tree.commit(prepared(tree, step));
                candidateSteps.add(step);
                candidateDirty = true;
            }
            case STARTUP -> {
                // copy-config/delete-config to startup: the one write of the file NETCONF does itself
                DataTree tree = trees.get(DatastoreName.STARTUP);
                DataTreeCandidate candidate = prepared(tree, step);
                EngineConfig config = ChangeChecks.decode(candidate);
                try {
                    startupFile.write(config);
                } catch (IOException e) {
                    throw RpcError.application(RpcError.OPERATION_FAILED, Optional.empty(),
                            "cannot write the startup file: " + e.getMessage()).exception();
                }
                tree.commit(candidate);
                startupLoaded = Optional.of(config);
            }
        }
    }

    /**
     * Sends a change of running to the engine, based on {@code basedOn}; when the engine refuses it
     * as stale (another manager changed the configuration meanwhile, e.g. an SNMP SET), running
     * follows the engine and {@code rebuilt} makes the change again on it, so neither change is lost.
     *
     * @param confirmed the pending commit this change is a confirmed commit of: it learns what the
     *        change does before the change is sent, so that saves ordered after it hold it back
     */
    private void changeRunning(RunningChange first, RunningChange rebuilt, EngineConfig basedOn, OptionalLong session,
                               Command.Save save, Optional<PendingCommit> confirmed) throws RpcError.RpcException {
        DataTree running = trees.get(DatastoreName.RUNNING);
        RunningChange change = first;
        EngineConfig base = basedOn;
        for (int attempt = 1; ; attempt++) {
            DataTreeCandidate candidate = change.on(running);
            EngineConfig config = ChangeChecks.decode(candidate);
            Optional<NormalizedNode> before = running.takeSnapshot().readNode(IPMP);
            confirmed.ifPresent(p -> p.sending(CommitRollback.Change.of(before, candidate)));
            Outcome outcome = execute(new Command.ReplaceConfig(config, Optional.of(base), save));
            if (outcome instanceof CommandResult.Refused r && r.reason() == CommandResult.Reason.STALE_CONFIG
                    && attempt < STALE_ATTEMPTS) {
                LOG.info("netconf: the configuration changed outside NETCONF meanwhile; the change is made again on it");
                syncRunning();
                base = runningConfig;
                change = rebuilt;
                continue;
            }
            try {
                accepted(outcome);
            } catch (RpcError.RpcException refused) {
                confirmed.ifPresent(PendingCommit::notCarriedOut);
                throw refused;
            }
            confirmed.ifPresent(PendingCommit::carriedOut);
            List<DatastoreEvents.Edit> edits = ChangeRecords.of(candidate);
            running.commit(candidate);
            runningConfig = config;
            LOG.info("netconf: new configuration applied ({} groups{})", config.groups().size(),
                    save == Command.Save.TO_FILE ? ", saved" : ", not saved until confirmed");
            if (!candidateDirty) {
                resetCandidate();
            }
            events.runningChanged(session, edits);
            return;
        }
    }

    /** The engine's answer; this thread (the session's, or the datastores' own) waits, no event loop does. */
    private Outcome execute(Command command) {
        return ipmp.execute(command, ENGINE_TIMEOUT).join();
    }

    /** Returns when the outcome is Done; any other outcome becomes the rpc-error the operator reads. */
    private static void accepted(Outcome outcome) throws RpcError.RpcException {
        switch (outcome) {
            case Outcome.Done d -> {
            }
            case CommandResult.Refused r when !r.problems().isEmpty() ->
                // the tag and error-path from the first problem's kind and location, not from its words
                throw ChangeChecks.problem(r.problems().getFirst(), r.problems().size()).exception();
            case CommandResult.Refused r -> throw RpcError.application(
                    r.reason() == CommandResult.Reason.STALE_CONFIG ? RpcError.IN_USE : RpcError.OPERATION_FAILED,
                    Optional.empty(), "the engine refused the configuration: " + r.message()).exception();
            case Outcome.Failed f -> throw RpcError.application(RpcError.OPERATION_FAILED, Optional.empty(),
                    "the configuration could not be applied: " + f.message()).exception();
            case Outcome.TimedOut t -> throw RpcError.application(RpcError.OPERATION_FAILED, Optional.empty(),
                    "the engine did not answer within " + t.after().toMillis() + " ms; the change may still be applied")
                    .exception();
        }
    }

    /** The candidate equals running again: its base is running and it has no changes of its own. */
    private void resetCandidate() {
        ChangeChecks.replaceContent(trees.get(DatastoreName.CANDIDATE),
                trees.get(DatastoreName.RUNNING).takeSnapshot().readNode(IPMP).orElse(null));
        candidateBase = runningConfig;
        candidateSteps.clear();
        candidateDirty = false;
    }

    /** commit: candidate becomes running (RFC 6241 8.3.4.1). */
    void commit(long session) throws RpcError.RpcException {
        commit(session, Optional.empty(), Optional.empty(), Optional.empty());
    }

    /**
     * commit, possibly confirmed (RFC 6241 8.4, :confirmed-commit:1.1). A confirmed commit runs
     * the candidate at once and remembers what it changed; unless a confirming commit follows
     * within the timeout, that change is undone, and changes other managers made meanwhile stay
     * ({@link CommitRollback}). The change is sent RUNNING_ONLY, and until it is confirmed the
     * configuration store's saves, whoever makes them, leave it out of the -c file; the confirming
     * commit is sent TO_FILE with the whole running configuration.
     *
     * @param confirmTimeout present for a confirmed commit (RFC default 600 s)
     * @param persist the persist token of a confirmed commit, which lets any session confirm it
     * @param persistId the token given by a confirming commit from another session
     */
    void commit(long session, Optional<Duration> confirmTimeout, Optional<String> persist, Optional<String> persistId)
            throws RpcError.RpcException {
        writes.lock();
        try {
            commitLocked(session, confirmTimeout, persist, persistId);
        } finally {
            publishAndUnlock();
        }
    }

    private void commitLocked(long session, Optional<Duration> confirmTimeout, Optional<String> persist,
                              Optional<String> persistId) throws RpcError.RpcException {
        syncRunning();
        checkWritable(DatastoreName.RUNNING, session);
        PendingCommit before = pending;
        if (before != null && !before.mayConfirm(session, persistId)) {
            throw RpcError.protocol(RpcError.INVALID_VALUE, before.persist.isPresent()
                    ? "a confirmed commit is pending; give its persist-id to confirm or extend it"
                    : "a confirmed commit of session " + before.session + " is pending; only that session can confirm it")
                    .exception();
        }
        DatastoreEvents.ConfirmEvent event = confirmTimeout.isEmpty() ? DatastoreEvents.ConfirmEvent.COMPLETE
                : before == null ? DatastoreEvents.ConfirmEvent.START : DatastoreEvents.ConfirmEvent.EXTEND;
        // the candidate as it is, on the running it was built on; when stale, its changes again on running now
        Optional<NormalizedNode> content = trees.get(DatastoreName.CANDIDATE).takeSnapshot().readNode(IPMP);
        List<Step> steps = List.copyOf(candidateSteps);
        RunningChange asIs = running -> prepared(running, replacing(content));
        RunningChange replayed = running -> prepared(running, mod -> {
            for (Step s : steps) {
                s.applyTo(mod);
            }
        });
        if (confirmTimeout.isPresent() && before == null) {
            PendingCommit p = new PendingCommit(session, persist, trees.get(DatastoreName.RUNNING).takeSnapshot().readNode(IPMP),
                    runningConfig);
            pending = p;
            // RFC 6241 8.4: the unconfirmed change must not reach startup, whoever saves meanwhile
            holdBack(p);
        } else if (confirmTimeout.isEmpty() && before != null) {
            // the confirming commit saves the whole running configuration, and so does every save after it
            saves.filterSaves(UnaryOperator.identity());
        }
        try {
            changeRunning(asIs, replayed, candidateBase, OptionalLong.of(session),
                    confirmTimeout.isPresent() ? Command.Save.RUNNING_ONLY : Command.Save.TO_FILE,
                    confirmTimeout.isPresent() ? Optional.of(pending) : Optional.empty());
        } catch (RpcError.RpcException e) {
            if (before == null && pending != null) {
                saves.filterSaves(UnaryOperator.identity());
            } else if (before != null && confirmTimeout.isEmpty()) {
                refilter(before);
            }
            pending = before;
            throw e;
        }
        resetCandidate();
        if (confirmTimeout.isPresent()) {
            PendingCommit p = pending;
            Duration timeout = confirmTimeout.get();
            p.schedule(scheduler, timeout, persist, () -> {
                writes.lock();
                try {
                    if (pending == p) {
                        rollBack(p, "no confirming commit within " + timeout.toSeconds() + " s", OptionalLong.empty(),
                                DatastoreEvents.ConfirmEvent.TIMEOUT);
                    }
                } finally {
                    publishAndUnlock();
                }
            });
            LOG.info("netconf: confirmed commit by session {}: rolls back in {} s unless confirmed", session, timeout.toSeconds());
            events.confirmedCommit(OptionalLong.of(session), event, confirmTimeout);
        } else if (before != null) {
            before.cancelTimer();
            pending = null;
            LOG.info("netconf: confirmed commit confirmed by session {}", session);
            events.confirmedCommit(OptionalLong.of(session), event, Optional.empty());
        }
    }

    private void holdBack(PendingCommit p) {
        saves.filterSaves(config -> withoutPending(p, config));
    }

    /**
     * A confirming commit was refused, so {@code p} still waits: saves hold it back again, and the
     * file is saved once more in case another manager's save came between (it had no filter).
     */
    private void refilter(PendingCommit p) {
        holdBack(p);
        Outcome resaved = execute(new Command.EditConfig("save without the unconfirmed commit", c -> c, Command.Save.TO_FILE));
        if (!(resaved instanceof Outcome.Done)) {
            LOG.warn("netconf: the configuration file may hold the unconfirmed commit until the next save: {}", resaved);
        }
    }

    /** cancel-commit (RFC 6241 8.4.5.1): the pending confirmed commit is rolled back now. */
    void cancelCommit(long session, Optional<String> persistId) throws RpcError.RpcException {
        writes.lock();
        try {
            PendingCommit p = pending;
            if (p == null) {
                throw RpcError.protocol(RpcError.OPERATION_FAILED, "no confirmed commit is pending").exception();
            }
            if (!p.mayConfirm(session, persistId)) {
                throw RpcError.protocol(RpcError.INVALID_VALUE, "the pending confirmed commit belongs to another session; give its persist-id")
                        .exception();
            }
            rollBack(p, "cancel-commit by session " + session, OptionalLong.of(session), DatastoreEvents.ConfirmEvent.CANCEL);
        } finally {
            publishAndUnlock();
        }
    }

    /**
     * Undoes what the confirmed commit changed (timeout, cancel, or its session ended) and saves the
     * result; changes other managers made meanwhile stay (see {@link CommitRollback}). Should the
     * engine refuse the merge, the whole configuration from before the commit comes back.
     */
    private void rollBack(PendingCommit p, String why, OptionalLong by, DatastoreEvents.ConfirmEvent event) {
        pending = null;
        p.cancelTimer();
        LOG.warn("netconf: confirmed commit rolled back: {}", why);
        syncRunning();
        List<CommitRollback.Change> changes = p.changes();
        RunningChange undo = running -> prepared(running, mod -> CommitRollback.undo(mod, changes));
        try {
            // sent while the save filter still holds the commit back: no save in between writes it
            changeRunning(undo, undo, runningConfig, by, Command.Save.TO_FILE, Optional.empty());
        } catch (RpcError.RpcException refused) {
            LOG.warn("netconf: the rollback that keeps other managers' changes is refused ({}); "
                    + "the whole configuration from before the confirmed commit comes back", refused.error().message());
            RunningChange restore = running -> prepared(running, replacing(p.previous));
            try {
                changeRunning(restore, restore, runningConfig, by, Command.Save.TO_FILE, Optional.empty());
            } catch (RpcError.RpcException e) {
                LOG.error("netconf: the rollback of a confirmed commit failed: {}", e.error().message());
            }
        } finally {
            saves.filterSaves(UnaryOperator.identity());
        }
        events.confirmedCommit(by, event, Optional.empty());
    }

    /**
     * What a save writes while {@code p} waits: {@code config} without the unconfirmed change, as
     * its rollback would leave it. On the configuration store's writer thread.
     */
    private EngineConfig withoutPending(PendingCommit p, EngineConfig config) {
        DataTree tree = SchemaValidation.newConfigurationTree(schema);
        ChangeChecks.replaceContent(tree, ConfigCodec.toNormalizedNode(config));
        try {
            return ChangeChecks.decode(prepared(tree, mod -> CommitRollback.undo(mod, p.changes())));
        } catch (RpcError.RpcException e) {
            // as the rollback would do then: the whole configuration from before the commit
            LOG.warn("netconf: a save while a confirmed commit waits writes the configuration from before it: {}",
                    e.error().message());
            return p.previousConfig;
        }
    }

    boolean commitPending() {
        return pending != null;
    }

    void discardChanges() {
        writes.lock();
        try {
            syncRunning();
            resetCandidate();
        } finally {
            publishAndUnlock();
        }
    }

    /** validate: the content would be accepted by the engine (RFC 6241 8.6.4.1). */
    void validate(Optional<NormalizedNode> ipmpNode) throws RpcError.RpcException {
        DataTree tree = SchemaValidation.newConfigurationTree(schema);
        DataTreeModification mod = tree.takeSnapshot().newModification();
        ipmpNode.ifPresent(n -> mod.write(IPMP, n));
        ChangeChecks.decode(ChangeChecks.prepare(tree, mod));
    }

    void close() {
        scheduler.shutdownNow();
    }
}
