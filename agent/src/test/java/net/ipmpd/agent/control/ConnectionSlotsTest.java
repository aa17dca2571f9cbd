package net.ipmpd.agent.control;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** One user cannot take every connection, and root always finds one. */
class ConnectionSlotsTest {
    @Test
    void anUnprivilegedUserIsCappedAndOthersStillGetSlots() {
        ConnectionSlots slots = new ConnectionSlots(10, 2, 3);
        for (int i = 0; i < 3; i++) {
            assertThat(slots.claim("nobody", false)).isPresent();
        }
        assertThat(slots.claim("nobody", false)).as("over the per-user limit").isEmpty();
        assertThat(slots.claim("alice", false)).isPresent();
        assertThat(slots.inUse("nobody")).isEqualTo(3);
    }

    @Test
    void rootHasReservedSlotsWhenTheSharedPoolIsFull() {
        ConnectionSlots slots = new ConnectionSlots(4, 2, 1);
        for (String u : List.of("a", "b", "c", "d")) {
            assertThat(slots.claim(u, false)).isPresent();
        }
        assertThat(slots.claim("e", false)).as("shared pool full").isEmpty();
        List<ConnectionSlots.Slot> root = new ArrayList<>();
        root.add(slots.claim("root", true).orElseThrow());
        root.add(slots.claim("root", true).orElseThrow());
        assertThat(slots.claim("root", true)).as("reserve used up too").isEmpty();
        root.get(0).release();
        root.get(0).release();   // twice: counted once
        assertThat(slots.claim("root", true)).isPresent();
        assertThat(slots.claim("root", true)).isEmpty();
    }

    @Test
    void releasingGivesTheUserItsSlotBack() {
        ConnectionSlots slots = new ConnectionSlots(10, 0, 1);
        ConnectionSlots.Slot s = slots.claim("nobody", false).orElseThrow();
        assertThat(slots.claim("nobody", false)).isEmpty();
        s.release();
        assertThat(slots.claim("nobody", false)).isPresent();
    }
}
