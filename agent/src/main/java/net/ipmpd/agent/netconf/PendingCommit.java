package net.ipmpd.agent.netconf;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.opendaylight.yangtools.yang.data.api.schema.NormalizedNode;

/**
 * A confirmed commit waiting for its confirmation (RFC 6241 section 8.4): who issued it, its
 * persist token, the running content to restore, and the timer that restores it.
 */
final class PendingCommit {
    final long session;
    final Optional<NormalizedNode> previous;
    Optional<String> persist;
    private ScheduledFuture<?> timer;

    PendingCommit(long session, Optional<String> persist, Optional<NormalizedNode> previous) {
        this.session = session;
        this.persist = persist;
        this.previous = previous;
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
