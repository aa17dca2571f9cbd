package net.ipmpd.agent;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import net.ipmpd.agent.IpmpDaemon.StartupException;
import net.ipmpd.agent.Lifecycle.StopRequested;

/**
 * A piece of start-up that runs on a thread of its own while the main thread goes on (the
 * management settings while the configuration is read, SNMP and NETCONF while the dataplane
 * starts): on two cores that is start-up time saved. {@link #join} gives its result or throws
 * what it threw, typed as the main thread's own steps throw it; it always waits for the piece
 * to end, so nothing of start-up still runs once the daemon closes what it opened.
 *
 * @param <T> what the piece yields
 */
final class StartupTask<T> {
    /** The piece's work: a start-up step, refused with the daemon's typed errors. */
    @FunctionalInterface
    interface Step<T> {
        T run() throws StartupException, StopRequested;
    }

    private final FutureTask<T> task;

    private StartupTask(Step<T> step) {
        this.task = new FutureTask<>(step::run);
    }

    /** Starts {@code step} now on a new daemon thread named {@code thread}. */
    static <T> StartupTask<T> begin(String thread, Step<T> step) {
        StartupTask<T> t = new StartupTask<>(step);
        Thread.ofPlatform().daemon().name(thread).start(t.task);
        return t;
    }

    /** Waits for the piece to end (an interrupt does not cut the wait short) and gives what it yielded. */
    T join() throws StartupException, StopRequested {
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return task.get();
                } catch (InterruptedException e) {
                    interrupted = true;
                } catch (ExecutionException e) {
                    throw rethrown(e.getCause());
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Waits for the piece to end and ignores its outcome: start-up already fails for another reason. */
    void await() {
        try {
            join();
        } catch (StartupException | StopRequested | RuntimeException e) {
            // the failure being reported is the other one
        }
    }

    private static StartupException rethrown(Throwable cause) throws StopRequested {
        return switch (cause) {
            case StartupException e -> e;
            case StopRequested e -> throw e;
            case RuntimeException e -> throw e;
            case Error e -> throw e;
            default -> new StartupException(String.valueOf(cause));
        };
    }
}
