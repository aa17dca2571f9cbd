package net.ipmpd.agent.netconf;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.LongConsumer;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.opendaylight.netconf.api.NetconfSession;

/**
 * The live NETCONF sessions: who is logged in on which session (for NACM) and the session
 * object (for kill-session). Listeners learn when a session ends, so its locks are released and
 * its subscription dropped (RFC 6241 section 7.5: a lock ends with its session).
 */
final class Sessions {
    private static final Logger LOG = LogManager.getLogger(Sessions.class);

    /** One NETCONF session. {@code session} is known from its first operation on. */
    static final class Entry {
        final long id;
        final String user;
        final NetconfSettings.Access access;
        final String sourceHost;
        final java.time.Instant loginTime = java.time.Instant.now();
        volatile NetconfSession session;

        Entry(long id, String user, NetconfSettings.Access access, String sourceHost) {
            this.id = id;
            this.user = user;
            this.access = access;
            this.sourceHost = sourceHost;
        }
    }

    /** How a session ended (RFC 6470 netconf-session-end termination-reason). */
    enum Termination {
        /** close-session: ODL closes the session's operations before the session goes down. */
        CLOSED,
        /** kill-session by another session. */
        KILLED,
        /** the transport went away without close-session. */
        DROPPED;

        String xml() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** Learns of sessions that started and ended, with how and (kill-session) by whom. */
    interface Lifecycle {
        void started(Entry session);

        void ended(Entry session, Termination how, java.util.OptionalLong killedBy);
    }

    private final Map<Long, Entry> sessions = new ConcurrentHashMap<>();
    private final CopyOnWriteArrayList<LongConsumer> endListeners = new CopyOnWriteArrayList<>();
    private final CopyOnWriteArrayList<Lifecycle> lifecycles = new CopyOnWriteArrayList<>();
    /** Sessions killed while their hello was still under way: closed as soon as they come up. */
    private final java.util.Set<Long> killedBeforeUp = ConcurrentHashMap.newKeySet();

    Entry open(long id, String user, NetconfSettings.Access access, String sourceHost) {
        Entry e = new Entry(id, user, access, sourceHost);
        sessions.put(id, e);
        LOG.info("netconf: session {} opened for user {} ({})", id, user, access.name().toLowerCase(java.util.Locale.ROOT));
        return e;
    }

    Optional<Entry> get(long id) {
        return Optional.ofNullable(sessions.get(id));
    }

    /** The live sessions by id, for /netconf-state/sessions. */
    java.util.List<Entry> all() {
        return sessions.values().stream().sorted(java.util.Comparator.comparingLong(e -> e.id)).toList();
    }

    void onEnd(LongConsumer listener) {
        endListeners.add(listener);
    }

    void onLifecycle(Lifecycle listener) {
        lifecycles.add(listener);
    }

    /** The session's hello exchange completed: it is up (RFC 6470 netconf-session-start). */
    void up(long id, NetconfSession session) {
        if (killedBeforeUp.remove(id)) {
            session.close();
            return;
        }
        Entry e = sessions.get(id);
        if (e != null && e.session == null) {
            e.session = session;
            lifecycles.forEach(l -> l.started(e));
        }
    }

    /** The session ended (closed, killed or dropped): release everything it held. */
    void closed(long id, Termination how) {
        closed(id, how, java.util.OptionalLong.empty());
    }

    private void closed(long id, Termination how, java.util.OptionalLong killedBy) {
        Entry e = sessions.remove(id);
        if (e != null) {
            LOG.info("netconf: session {} ended ({})", id, how.xml());
            endListeners.forEach(l -> l.accept(id));
            if (e.session != null) {
                lifecycles.forEach(l -> l.ended(e, how, killedBy));
            }
        }
    }

    /** Ends another session (kill-session); false when there is no such session. */
    boolean kill(long id, long by) {
        Entry e = sessions.get(id);
        if (e == null) {
            return false;
        }
        // a client can have the server's hello before the server took the client's (the session is
        // not up yet): then up() closes it; marked first, so the two cannot miss each other
        killedBeforeUp.add(id);
        NetconfSession s = e.session;
        closed(id, Termination.KILLED, java.util.OptionalLong.of(by));
        if (s != null) {
            killedBeforeUp.remove(id);
            s.close();
        }
        return true;
    }
}
