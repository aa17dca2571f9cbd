package net.ipmpd.agent;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.function.Consumer;

/**
 * What the daemon has opened, in order, so that a stop at any moment closes exactly that, newest
 * first. A stop requested while the daemon starts (SIGTERM while SNMP binds, say) is honoured
 * at the next step: the step that just finished is closed with the rest and start-up ends with
 * {@link StopRequested}, so the host is left as a normal stop leaves it.
 */
final class Lifecycle {
    /** A stop was requested during start-up; what was opened is closed. */
    static final class StopRequested extends Exception {
        private static final long serialVersionUID = 1L;

        StopRequested(String signal) {
            super("stop requested (" + signal + ") during start-up");
        }
    }

    private record Opened(String what, AutoCloseable resource) {
    }

    private final Deque<Opened> opened = new ArrayDeque<>();
    private final Consumer<String> onCloseFailure;
    private String stopRequestedBy;
    private boolean running;
    private boolean closed;

    Lifecycle(Consumer<String> onCloseFailure) {
        this.onCloseFailure = onCloseFailure;
    }

    /** Registers a resource just opened; if a stop was requested meanwhile, it is closed and start-up ends. */
    synchronized <T extends AutoCloseable> T opened(String what, T resource) throws StopRequested {
        if (closed) {
            closeQuietly(new Opened(what, resource));
            throw new StopRequested(stopRequestedBy == null ? "closed" : stopRequestedBy);
        }
        opened.push(new Opened(what, resource));
        checkpoint();
        return resource;
    }

    /** Ends start-up here if a stop has been requested. */
    synchronized void checkpoint() throws StopRequested {
        if (stopRequestedBy != null) {
            throw new StopRequested(stopRequestedBy);
        }
    }

    /** Start-up is over: from now on a stop request is carried out by whoever makes it. */
    synchronized void running() throws StopRequested {
        checkpoint();
        running = true;
    }

    /**
     * A stop request from a signal. Returns true when the caller must carry out the stop (the
     * daemon is running); false when start-up will see it at its next step, or it is stopping already.
     */
    synchronized boolean requestStop(String signal) {
        if (stopRequestedBy != null || closed) {
            return false;
        }
        stopRequestedBy = signal;
        return running;
    }

    synchronized boolean isClosed() {
        return closed;
    }

    /** Closes everything opened, newest first; later calls do nothing. Returns false if already closed. */
    synchronized boolean closeAll() {
        if (closed) {
            return false;
        }
        closed = true;
        while (!opened.isEmpty()) {
            closeQuietly(opened.pop());
        }
        return true;
    }

    private void closeQuietly(Opened o) {
        try {
            o.resource().close();
        } catch (Exception e) {
            onCloseFailure.accept("while stopping " + o.what() + ": " + e);
        }
    }
}
