package net.ipmpd.agent.netconf;

import java.io.IOException;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import net.ipmpd.engine.CommandResult;
import net.ipmpd.engine.IpmpService;
import net.ipmpd.engine.config.ConfigProblem;
import net.ipmpd.engine.config.EngineConfig;
import net.ipmpd.engine.event.EngineEvent;
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

/**
 * The running, candidate and startup datastores, their locks, and the one path by which a new
 * configuration reaches the engine. Each datastore is a yangtools CONFIGURATION DataTree with
 * mandatory-node validation, so every change is checked against the YANG module before it is
 * kept; a change of running is then decoded (ConfigCodec: in.mpathd's corrections, the YANG
 * constraints yangtools does not check, the engine's ConfigValidator) and submitted as one
 * ConfigChanged; only when the engine accepts it is running committed and the startup file
 * written. One monitor guards it all: operations run on the netty event loops (2 threads).
 */
final class Datastores {
    private static final Logger LOG = LogManager.getLogger(Datastores.class);
    static final YangInstanceIdentifier IPMP = ChangeChecks.IPMP;
    /** The engine answers in microseconds; this only bounds a wedged engine (never block an event loop long). */
    static final Duration ENGINE_TIMEOUT = Duration.ofSeconds(2);

    private final IpmpSchema schema;
    private final IpmpService ipmp;
    private final StartupWriter startupWriter;
    private final Map<DatastoreName, DataTree> trees = new EnumMap<>(DatastoreName.class);
    private final Map<DatastoreName, Long> lockHolders = new EnumMap<>(DatastoreName.class);
    private final Map<DatastoreName, java.time.Instant> lockTimes = new EnumMap<>(DatastoreName.class);
    private final DatastoreEvents events;
    /** The configuration running holds, as last given to or seen from the engine. */
    private EngineConfig runningConfig;
    private final java.util.concurrent.ScheduledExecutorService scheduler =
            java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "netconf-confirmed-commit");
                t.setDaemon(true);
                return t;
            });
    private PendingCommit pending;
    /** True when candidate differs from running by an edit (RFC 6241 section 8.3.5.2). */
    private boolean candidateDirty;

    Datastores(IpmpSchema schema, IpmpService ipmp, StartupWriter startupWriter, DatastoreEvents events) {
        this.schema = schema;
        this.ipmp = ipmp;
        this.startupWriter = startupWriter;
        this.events = events;
        for (DatastoreName n : DatastoreName.values()) {
            trees.put(n, SchemaValidation.newConfigurationTree(schema));
        }
        EngineConfig now = ipmp.snapshot().config();
        for (DatastoreName n : DatastoreName.values()) {
            ChangeChecks.replaceContent(trees.get(n), ConfigCodec.toNormalizedNode(now));
        }
        runningConfig = now;
    }

    /** The ipmp container of a datastore, if it has one. */
    synchronized Optional<NormalizedNode> read(DatastoreName name) {
        syncRunning();
        return trees.get(name).takeSnapshot().readNode(IPMP);
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
                ChangeChecks.replaceContent(trees.get(DatastoreName.CANDIDATE), ConfigCodec.toNormalizedNode(engine));
            }
        }
    }

    // ------------------------------------------------------------------ locks (RFC 6241 7.5, 7.6)

    synchronized void lock(DatastoreName name, long session) throws RpcError.RpcException {
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
        lockTimes.put(name, java.time.Instant.now());
        LOG.info("netconf: session {} locked {}", session, name.xml());
    }

    synchronized void unlock(DatastoreName name, long session) throws RpcError.RpcException {
        Long holder = lockHolders.get(name);
        if (holder == null || holder != session) {
            throw RpcError.protocol(RpcError.OPERATION_FAILED, holder == null
                    ? "the " + name.xml() + " datastore is not locked"
                    : "the " + name.xml() + " datastore is locked by session " + holder + ", not by this session")
                    .exception();
        }
        lockHolders.remove(name);
        LOG.info("netconf: session {} unlocked {}", session, name.xml());
    }

    /** The session ended: its locks go, and a candidate it held locked is discarded (RFC 6241 8.3.5.2). */
    synchronized void sessionEnded(long session) {
        if (pending != null && pending.session == session && pending.persist.isEmpty()) {
            // RFC 6241 8.4.1: the session that issued a confirmed commit without persist ended
            rollBack("session " + session + " ended before confirming", OptionalLong.empty(), DatastoreEvents.ConfirmEvent.CANCEL);
        }
        for (DatastoreName n : DatastoreName.values()) {
            if (Long.valueOf(session).equals(lockHolders.get(n))) {
                lockHolders.remove(n);
                LOG.info("netconf: lock on {} released: session {} ended", n.xml(), session);
                if (n == DatastoreName.CANDIDATE) {
                    discardCandidate();
                }
            }
        }
    }

    private void checkWritable(DatastoreName name, long session) throws RpcError.RpcException {
        Long holder = lockHolders.get(name);
        if (holder != null && holder != session) {
            throw RpcError.protocol(RpcError.IN_USE, "the " + name.xml() + " datastore is locked by session " + holder)
                    .withInfo("session-id", Long.toString(holder)).exception();
        }
    }

    // ------------------------------------------------------------------ changes

    /** What test-option asks for (RFC 6241 8.6). */
    enum Test { TEST_THEN_SET, SET, TEST_ONLY }

    /** Applies an edit to {@code target}, all or nothing. */
    synchronized void edit(DatastoreName target, long session, List<EditChange> changes, Test test) throws RpcError.RpcException {
        syncRunning();
        checkWritable(target, session);
        DataTree tree = trees.get(target);
        DataTreeModification mod = tree.takeSnapshot().newModification();
        for (EditChange c : changes) {
            ChangeChecks.apply(mod, c);
        }
        DataTreeCandidate candidate = ChangeChecks.prepare(tree, mod);
        if (test == Test.TEST_ONLY) {
            ChangeChecks.decode(candidate);
            return;
        }
        commitTo(target, tree, candidate, OptionalLong.of(session));
    }

    /** Replaces the whole content of {@code target} (copy-config, delete-config, commit). */
    synchronized void replace(DatastoreName target, long session, Optional<NormalizedNode> ipmpNode) throws RpcError.RpcException {
        syncRunning();
        checkWritable(target, session);
        DataTree tree = trees.get(target);
        DataTreeModification mod = tree.takeSnapshot().newModification();
        if (ipmpNode.isPresent()) {
            mod.write(IPMP, ipmpNode.get());
        } else {
            mod.delete(IPMP);
        }
        commitTo(target, tree, ChangeChecks.prepare(tree, mod), OptionalLong.of(session));
    }

    /** commit: candidate becomes running (RFC 6241 8.3.4.1). */
    synchronized void commit(long session) throws RpcError.RpcException {
        commit(session, Optional.empty(), Optional.empty(), Optional.empty());
    }

    /**
     * commit, possibly confirmed (RFC 6241 8.4, :confirmed-commit:1.1). A confirmed commit runs
     * the candidate at once but keeps the previous running configuration; unless a confirming
     * commit follows within the timeout, that configuration comes back. Nothing reaches the
     * startup file until the change is confirmed.
     *
     * @param confirmTimeout present for a confirmed commit (RFC default 600 s)
     * @param persist the persist token of a confirmed commit, which lets any session confirm it
     * @param persistId the token given by a confirming commit from another session
     */
    synchronized void commit(long session, Optional<Duration> confirmTimeout, Optional<String> persist, Optional<String> persistId)
            throws RpcError.RpcException {
        syncRunning();
        checkWritable(DatastoreName.RUNNING, session);
        if (pending != null && !pending.mayConfirm(session, persistId)) {
            throw RpcError.protocol(RpcError.INVALID_VALUE, pending.persist.isPresent()
                    ? "a confirmed commit is pending; give its persist-id to confirm or extend it"
                    : "a confirmed commit of session " + pending.session + " is pending; only that session can confirm it")
                    .exception();
        }
        Optional<NormalizedNode> c = trees.get(DatastoreName.CANDIDATE).takeSnapshot().readNode(IPMP);
        PendingCommit before = pending;
        DatastoreEvents.ConfirmEvent event = confirmTimeout.isEmpty() ? DatastoreEvents.ConfirmEvent.COMPLETE
                : pending == null ? DatastoreEvents.ConfirmEvent.START : DatastoreEvents.ConfirmEvent.EXTEND;
        if (confirmTimeout.isPresent() && pending == null) {
            pending = new PendingCommit(session, persist, trees.get(DatastoreName.RUNNING).takeSnapshot().readNode(IPMP));
        }
        try {
            replace(DatastoreName.RUNNING, session, c);
        } catch (RpcError.RpcException e) {
            pending = before;
            throw e;
        }
        candidateDirty = false;
        if (confirmTimeout.isPresent()) {
            PendingCommit p = pending;
            Duration timeout = confirmTimeout.get();
            p.schedule(scheduler, timeout, persist, () -> {
                synchronized (this) {
                    if (pending == p) {
                        rollBack("no confirming commit within " + timeout.toSeconds() + " s", OptionalLong.empty(),
                                DatastoreEvents.ConfirmEvent.TIMEOUT);
                    }
                }
            });
            LOG.info("netconf: confirmed commit by session {}: rolls back in {} s unless confirmed", session,
                    confirmTimeout.get().toSeconds());
            events.confirmedCommit(OptionalLong.of(session), event, confirmTimeout);
        } else if (pending != null) {
            pending.cancelTimer();
            pending = null;
            LOG.info("netconf: confirmed commit confirmed by session {}", session);
            events.confirmedCommit(OptionalLong.of(session), event, Optional.empty());
            persist(runningConfig);
        }
    }

    /** cancel-commit (RFC 6241 8.4.5.1): the pending confirmed commit is rolled back now. */
    synchronized void cancelCommit(long session, Optional<String> persistId) throws RpcError.RpcException {
        if (pending == null) {
            throw RpcError.protocol(RpcError.OPERATION_FAILED, "no confirmed commit is pending").exception();
        }
        if (!pending.mayConfirm(session, persistId)) {
            throw RpcError.protocol(RpcError.INVALID_VALUE, "the pending confirmed commit belongs to another session; give its persist-id")
                    .exception();
        }
        rollBack("cancel-commit by session " + session, OptionalLong.of(session), DatastoreEvents.ConfirmEvent.CANCEL);
    }

    /** Restores the configuration from before the confirmed commit (timeout, cancel, or its session ended). */
    private void rollBack(String why, OptionalLong by, DatastoreEvents.ConfirmEvent event) {
        PendingCommit p = pending;
        pending = null;
        p.cancelTimer();
        LOG.warn("netconf: confirmed commit rolled back: {}", why);
        try {
            DataTree tree = trees.get(DatastoreName.RUNNING);
            DataTreeModification mod = tree.takeSnapshot().newModification();
            if (p.previous.isPresent()) {
                mod.write(IPMP, p.previous.get());
            } else {
                mod.delete(IPMP);
            }
            commitTo(DatastoreName.RUNNING, tree, ChangeChecks.prepare(tree, mod), by);
        } catch (RpcError.RpcException e) {
            LOG.error("netconf: the rollback of a confirmed commit failed: {}", e.error().message());
        }
        events.confirmedCommit(by, event, Optional.empty());
    }

    synchronized boolean commitPending() {
        return pending != null;
    }

    synchronized void discardChanges() {
        syncRunning();
        discardCandidate();
    }

    private void discardCandidate() {
        ChangeChecks.replaceContent(trees.get(DatastoreName.CANDIDATE), trees.get(DatastoreName.RUNNING).takeSnapshot().readNode(IPMP).orElse(null));
        candidateDirty = false;
    }

    /** validate: the content would be accepted by the engine (RFC 6241 8.6.4.1). */
    synchronized void validate(Optional<NormalizedNode> ipmpNode) throws RpcError.RpcException {
        DataTree tree = SchemaValidation.newConfigurationTree(schema);
        DataTreeModification mod = tree.takeSnapshot().newModification();
        ipmpNode.ifPresent(n -> mod.write(IPMP, n));
        ChangeChecks.decode(ChangeChecks.prepare(tree, mod));
    }

    private void commitTo(DatastoreName target, DataTree tree, DataTreeCandidate candidate, OptionalLong session)
            throws RpcError.RpcException {
        switch (target) {
            case RUNNING -> {
                EngineConfig config = ChangeChecks.decode(candidate);
                submit(config);
                List<DatastoreEvents.Edit> edits = ChangeRecords.of(candidate);
                tree.commit(candidate);
                runningConfig = config;
                if (pending == null) {
                    persist(config);
                }
                if (!candidateDirty) {
                    ChangeChecks.replaceContent(trees.get(DatastoreName.CANDIDATE), tree.takeSnapshot().readNode(IPMP).orElse(null));
                }
                events.runningChanged(session, edits);
            }
            case CANDIDATE -> {
                tree.commit(candidate);
                candidateDirty = true;
            }
            case STARTUP -> {
                EngineConfig config = ChangeChecks.decode(candidate);
                try {
                    startupWriter.write(config);
                } catch (IOException e) {
                    throw RpcError.application(RpcError.OPERATION_FAILED, Optional.empty(),
                            "cannot write the startup file: " + e.getMessage()).exception();
                }
                tree.commit(candidate);
            }
        }
    }

    private void persist(EngineConfig config) throws RpcError.RpcException {
        try {
            startupWriter.write(config);
            ChangeChecks.replaceContent(trees.get(DatastoreName.STARTUP), ConfigCodec.toNormalizedNode(config));
        } catch (IOException e) {
            // the engine runs the new configuration already; say so rather than pretend a rollback
            LOG.error("netconf: running configuration applied but the startup file was not written: {}", e.getMessage());
            throw RpcError.application(RpcError.OPERATION_FAILED, Optional.empty(),
                    "the configuration is running, but the startup file could not be written: " + e.getMessage()).exception();
        }
    }

    private void submit(EngineConfig config) throws RpcError.RpcException {
        CommandResult result;
        try {
            result = ipmp.submit(new EngineEvent.ConfigChanged(config)).get(ENGINE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw RpcError.application(RpcError.OPERATION_FAILED, Optional.empty(), "the engine did not answer within "
                    + ENGINE_TIMEOUT.toMillis() + " ms; running was not changed").exception();
        } catch (ExecutionException e) {
            throw RpcError.application(RpcError.OPERATION_FAILED, Optional.empty(),
                    "the engine failed to apply the configuration: " + Messages.plain(e)).exception();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw RpcError.application(RpcError.OPERATION_FAILED, Optional.empty(), "interrupted").exception();
        }
        if (result instanceof CommandResult.Refused r) {
            Optional<String> path = r.problems().stream().findFirst().map(ConfigProblem::path);
            throw RpcError.application(RpcError.INVALID_VALUE, path, "the engine refused the configuration: " + r.message()
                    + (r.problems().isEmpty() ? "" : " (" + r.problems().get(0) + ")")).exception();
        }
        LOG.info("netconf: new configuration applied ({} groups)", config.groups().size());
    }

    void close() {
        scheduler.shutdownNow();
    }

    /** Who holds a global lock and since when (RFC 6022 /netconf-state/datastores). */
    record Lock(long session, java.time.Instant since) {
    }

    synchronized Optional<Lock> lockHolder(DatastoreName name) {
        Long holder = lockHolders.get(name);
        return holder == null ? Optional.empty() : Optional.of(new Lock(holder, lockTimes.get(name)));
    }
}
