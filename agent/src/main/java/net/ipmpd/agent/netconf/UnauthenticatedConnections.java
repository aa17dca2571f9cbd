package net.ipmpd.agent.netconf;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.opendaylight.netconf.shaded.sshd.common.session.Session;
import org.opendaylight.netconf.shaded.sshd.common.session.SessionListener;

/**
 * A cap on SSH connections that have not authenticated yet (OpenSSH's MaxStartups, without the
 * random early drop): past it a new connection is closed at once, so a crowd of half-open
 * logins cannot use up memory and the hash pool while logged-in managers keep working.
 */
final class UnauthenticatedConnections implements SessionListener {
    private static final Logger LOG = LogManager.getLogger(UnauthenticatedConnections.class);

    private final int max;
    private final Set<Session> waiting = ConcurrentHashMap.newKeySet();
    private volatile long lastWarnNanos = System.nanoTime() - 60_000_000_000L;

    UnauthenticatedConnections(int max) {
        this.max = max;
    }

    @Override
    public void sessionCreated(Session session) {
        waiting.add(session);
        if (waiting.size() > max) {
            waiting.remove(session);
            long now = System.nanoTime();
            if (now - lastWarnNanos > 10_000_000_000L) {
                // one line per 10 s at most: a connection flood must not flood the log too
                lastWarnNanos = now;
                LOG.warn("netconf: connection from {} closed: {} connections are still logging in (max-unauthenticated-connections)",
                        session.getRemoteAddress(), max);
            }
            session.close(true);
        }
    }

    @Override
    public void sessionEvent(Session session, Event event) {
        if (event == Event.Authenticated) {
            waiting.remove(session);
        }
    }

    @Override
    public void sessionClosed(Session session) {
        waiting.remove(session);
    }

    int waiting() {
        return waiting.size();
    }
}
