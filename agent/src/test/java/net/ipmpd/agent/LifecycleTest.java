package net.ipmpd.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A stop at any moment closes exactly what was opened, newest first, and start-up ends at its next step. */
class LifecycleTest {
    private final List<String> log = new ArrayList<>();
    private final Lifecycle life = new Lifecycle(log::add);

    private AutoCloseable res(String name) {
        return () -> log.add("closed " + name);
    }

    @Test
    void aStopDuringStartUpEndsItAtTheNextStepAndClosesEverythingNewestFirst() throws Exception {
        life.opened("lock", res("lock"));
        life.opened("control", res("control"));
        assertThat(life.requestStop("SIGTERM")).as("start-up carries it out, not the signal thread").isFalse();
        assertThatThrownBy(() -> life.opened("dataplane", res("dataplane"))).isInstanceOf(Lifecycle.StopRequested.class)
                .hasMessageContaining("SIGTERM");
        assertThat(life.closeAll()).isTrue();
        assertThat(log).containsExactly("closed dataplane", "closed control", "closed lock");
    }

    @Test
    void aStopBeforeTheLastStepIsSeenWhenStartUpWouldDeclareItselfRunning() {
        life.requestStop("SIGINT");
        assertThatThrownBy(life::running).isInstanceOf(Lifecycle.StopRequested.class);
    }

    @Test
    void onceRunningTheSignalThreadStopsAndASecondStopDoesNothing() throws Exception {
        life.opened("lock", res("lock"));
        life.running();
        assertThat(life.requestStop("SIGTERM")).isTrue();
        assertThat(life.requestStop("SIGTERM")).isFalse();
        assertThat(life.closeAll()).isTrue();
        assertThat(life.closeAll()).isFalse();
        assertThat(log).containsExactly("closed lock");
    }

    @Test
    void somethingOpenedAfterTheCloseIsClosedAtOnce() {
        life.closeAll();
        assertThatThrownBy(() -> life.opened("late", res("late"))).isInstanceOf(Lifecycle.StopRequested.class);
        assertThat(log).containsExactly("closed late");
    }
}
