package net.ipmpd.agent;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import net.ipmpd.agent.IpmpDaemon.StartupException;
import net.ipmpd.agent.Lifecycle.StopRequested;

/**
 * The SNMP agent and the NETCONF server start each on a thread of their own while the main
 * thread starts the dataplane: most of their start is class loading, key loading and the SSH
 * stack, and nothing of it waits for the other. {@link #finish} waits for both and only then
 * hands each service to the {@link Lifecycle}, in the order they were begun, so a stop closes
 * them before the engine and the dataplane (as when they started one after the other) whatever
 * thread finished first. A service whose start failed is handed over too: it is closed with the
 * rest, and the first failure, in the order begun, is the one reported.
 */
final class ManagementStart {
    /** Starts a service built on the agent's thread (binds its port); refused with a typed error. */
    @FunctionalInterface
    interface Starter<S extends AutoCloseable> {
        void start(S service) throws StartupException;
    }

    private static final class Agent {
        private final String what;
        /** Set on the agent's thread before its start; read after {@link StartupTask#join}. */
        private AutoCloseable service;
        private StartupTask<Void> task;

        private Agent(String what) {
            this.what = what;
        }
    }

    private final List<Agent> agents = new ArrayList<>();

    /** Builds and starts a service now, on a new thread named {@code thread}; {@code what} names it in the log. */
    <S extends AutoCloseable> void begin(String what, String thread, Supplier<S> build, Starter<S> starter) {
        Agent agent = new Agent(what);
        agent.task = StartupTask.begin(thread, () -> {
            S service = build.get();
            agent.service = service;
            starter.start(service);
            StartupTimes.mark(thread);
            return null;
        });
        agents.add(agent);
    }

    /**
     * Waits for every service's start to end, hands each one built to the lifecycle, then throws
     * the first failure, or {@link StopRequested} if a stop was asked for meanwhile.
     */
    void finish(Lifecycle lifecycle) throws StartupException, StopRequested {
        Exception first = null;
        for (Agent agent : agents) {
            try {
                agent.task.join();
            } catch (StartupException | StopRequested | RuntimeException e) {
                first = first == null ? e : first;
            }
            if (agent.service != null) {
                try {
                    lifecycle.opened(agent.what, agent.service);
                } catch (StopRequested e) {
                    // held all the same (or closed already): the stop is reported below
                }
            }
        }
        switch (first) {
            case null -> lifecycle.checkpoint();
            case StartupException e -> throw e;
            case StopRequested e -> throw e;
            case RuntimeException e -> throw e;
            default -> throw new IllegalStateException(first);
        }
    }

    /** {@link #finish} when start-up already fails for another reason: that one is reported, not theirs. */
    void finishQuietly(Lifecycle lifecycle) {
        try {
            finish(lifecycle);
        } catch (StartupException | StopRequested | RuntimeException e) {
            // the failure being reported is the main thread's
        }
    }
}
