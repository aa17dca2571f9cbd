package net.ipmpd.agent.netconf;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import net.ipmpd.engine.config.EngineConfig;
import org.opendaylight.yangtools.yang.data.api.schema.NormalizedNode;

/**
 * A confirmed commit waiting for its confirmation (RFC 6241 section 8.4): who issued it, its
 * persist token, what it and its follow-up confirmed commits changed (so that a rollback undoes
 * only that, see {@link CommitRollback}), and the timer that rolls it back.
 */
final class PendingCommit {
    final long session;
    /** The running content before the first confirmed commit: restored whole if the merged rollback is refused. */
    final Optional<NormalizedNode> previous;
    /** The configuration the engine ran before the first confirmed commit (the same, decoded). */
    final EngineConfig previousConfig;
    Optional<String> persist;
    private ScheduledFuture<?> timer;
    /** The confirmed commits the engine carried out, oldest first. */
    private List<CommitRollback.Change> done = List.of();
    /** Those plus the one being sent now: read by the configuration store's writer thread too. */
    private volatile List<CommitRollback.Change> changes = List.of();

    PendingCommit(long session, Optional<String> persist, Optional<NormalizedNode> previous, EngineConfig previousConfig) {
        this.session = session;
        this.persist = persist;
        this.previous = previous;
        this.previousConfig = previousConfig;
    }

    /**
     * A confirmed commit is about to be sent: from now on saves and the rollback undo it too (a save
     * the engine orders after it holds its change, so it must be held back before it is sent).
     */
    void sending(CommitRollback.Change change) {
        List<CommitRollback.Change> all = new ArrayList<>(done);
        all.add(change);
        changes = List.copyOf(all);
    }

    /** The change last given to {@link #sending} runs; the previous attempt, if refused, is forgotten. */
    void carriedOut() {
        done = changes;
    }

    /** The commit last given to {@link #sending} was refused: only what runs is undone. */
    void notCarriedOut() {
        changes = done;
    }

    /** What a rollback undoes, oldest first. */
    List<CommitRollback.Change> changes() {
        return changes;
    }

    /** RFC 6241 8.4.1: with persist, whoever knows the token; without, only the issuing session. */
    boolean mayConfirm(long by, Optional<String> persistId) {
        return persist.isPresent() ? persistId.equals(persist) : by == session && persistId.isEmpty();
    }

    /** (Re)starts the timeout; a follow-up confirmed commit may set a new persist token (8.4.5.1). */
    void schedule(ScheduledExecutorService scheduler, Duration timeout, Optional<String> newPersist, Runnable onTimeout) {
        cancelTimer();
        if (newPersist.isPresent()) {
            persist = newPersist;
        }
        timer = scheduler.schedule(onTimeout, timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    void cancelTimer() {
        if (timer != null) {
            timer.cancel(false);
        }
    }
}
