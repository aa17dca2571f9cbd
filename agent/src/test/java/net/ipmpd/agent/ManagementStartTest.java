package net.ipmpd.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import net.ipmpd.agent.IpmpDaemon.StartupException;
import org.junit.jupiter.api.Test;

/**
 * SNMP and NETCONF start on threads of their own; whatever finishes first, the lifecycle holds
 * them in the order begun, a failed one is closed with the rest, and the first failure begun is
 * the one reported.
 */
class ManagementStartTest {
    private final List<String> log = Collections.synchronizedList(new ArrayList<>());
    private final Lifecycle life = new Lifecycle(log::add);

    private AutoCloseable service(String name) {
        return () -> log.add("closed " + name);
    }

    @Test
    void servicesAreHeldInTheOrderBegunWhicheverStartsFirstAndClosedBeforeWhatWasOpenedEarlier() throws Exception {
        life.opened("engine", service("engine"));
        CountDownLatch netconfStarted = new CountDownLatch(1);
        ManagementStart agents = new ManagementStart();
        // SNMP waits until NETCONF has started: NETCONF finishes first
        agents.begin("snmp", "test-snmp", () -> service("snmp"), s -> await(netconfStarted));
        agents.begin("netconf", "test-netconf", () -> service("netconf"), s -> netconfStarted.countDown());
        agents.finish(life);
        life.closeAll();
        assertThat(log).containsExactly("closed netconf", "closed snmp", "closed engine");
    }

    @Test
    void aFailedStartIsClosedWithTheRestAndTheFirstFailureBegunIsReported() {
        CountDownLatch netconfFailed = new CountDownLatch(1);
        ManagementStart agents = new ManagementStart();
        agents.begin("snmp", "test-snmp", () -> service("snmp"), s -> {
            await(netconfFailed);
            throw new StartupException("SNMP port in use");
        });
        agents.begin("netconf", "test-netconf", () -> service("netconf"), s -> {
            netconfFailed.countDown();
            throw new StartupException("NETCONF port in use");
        });
        assertThatThrownBy(() -> agents.finish(life)).isInstanceOf(StartupException.class).hasMessage("SNMP port in use");
        life.closeAll();
        assertThat(log).containsExactly("closed netconf", "closed snmp");
    }

    @Test
    void aStopRequestedWhileTheyStartEndsStartUpOnceBothAreHeldAndClosesBoth() {
        CountDownLatch stopRequested = new CountDownLatch(1);
        ManagementStart agents = new ManagementStart();
        agents.begin("snmp", "test-snmp", () -> service("snmp"), s -> await(stopRequested));
        agents.begin("netconf", "test-netconf", () -> service("netconf"), s -> await(stopRequested));
        assertThat(life.requestStop("SIGTERM")).isFalse();
        stopRequested.countDown();
        assertThatThrownBy(() -> agents.finish(life)).isInstanceOf(Lifecycle.StopRequested.class).hasMessageContaining("SIGTERM");
        life.closeAll();
        assertThat(log).containsExactly("closed netconf", "closed snmp");
    }

    @Test
    void aFailureOfTheMainThreadWaitsForTheAgentsAndStillClosesThem() {
        CountDownLatch mainFailed = new CountDownLatch(1);
        ManagementStart agents = new ManagementStart();
        agents.begin("snmp", "test-snmp", () -> service("snmp"), s -> await(mainFailed));
        mainFailed.countDown();
        agents.finishQuietly(life);
        life.closeAll();
        assertThat(log).containsExactly("closed snmp");
    }

    private static void await(CountDownLatch latch) {
        try {
            assertThat(latch.await(30, TimeUnit.SECONDS)).isTrue();
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }
}
