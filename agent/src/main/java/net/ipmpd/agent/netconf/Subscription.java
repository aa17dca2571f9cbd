package net.ipmpd.agent.netconf;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiConsumer;
import org.w3c.dom.Document;

/**
 * One session's RFC 5277 subscription. While its replay runs, live notifications are held back;
 * when the replay is done those the replay did not already send follow {@code replayComplete},
 * so the seam loses and duplicates nothing. With a stopTime, nothing later is sent and the
 * subscription ends with {@code notificationComplete}.
 */
final class Subscription {
    /** What identifies an engine notification in both the history and live delivery. */
    record Key(Instant at, String kind, String group, String member) {
        Key {
            // the log keeps microseconds
            at = at.truncatedTo(ChronoUnit.MICROS);
        }
    }

    private record Held(Document content, Instant at, Optional<Key> key) {
    }

    private final BiConsumer<Document, Instant> out;
    private final Optional<Instant> stop;
    private List<Held> held;
    private boolean ended;

    /** @param replaying true when a replay will run first: live notifications wait for it */
    Subscription(BiConsumer<Document, Instant> out, Optional<Instant> stop, boolean replaying) {
        this.out = out;
        this.stop = stop;
        this.held = replaying ? new ArrayList<>() : null;
    }

    synchronized void deliver(Document content, Instant at, Optional<Key> key) {
        if (ended || stop.map(at::isAfter).orElse(false)) {
            return;
        }
        if (held != null) {
            held.add(new Held(content, at, key));
        } else {
            out.accept(content, at);
        }
    }

    /** A replayed notification, in history order; sent before anything live. */
    synchronized void replayed(Document content, Instant at) {
        if (!ended) {
            out.accept(content, at);
        }
    }

    /** The replay is over: replayComplete, then the live notifications it did not already send. */
    synchronized void replayDone(Document replayComplete, Set<Key> sent) {
        if (ended || held == null) {
            return;
        }
        out.accept(replayComplete, Instant.now());
        for (Held h : held) {
            if (h.key().isEmpty() || !sent.contains(h.key().get())) {
                out.accept(h.content(), h.at());
            }
        }
        held = null;
    }

    /** stopTime has passed (and any replay is done): notificationComplete, and nothing after it. */
    synchronized void complete(Document notificationComplete) {
        if (!ended) {
            ended = true;
            out.accept(notificationComplete, Instant.now());
        }
    }

    Optional<Instant> stop() {
        return stop;
    }
}
