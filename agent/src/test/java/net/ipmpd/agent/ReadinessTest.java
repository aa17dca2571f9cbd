package net.ipmpd.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import net.ipmpd.agent.control.SampleSnapshot;
import net.ipmpd.engine.state.DataAddressSnapshot;
import net.ipmpd.engine.state.EngineSnapshot;
import net.ipmpd.engine.state.GroupSnapshot;
import net.ipmpd.engine.state.MemberSnapshot;
import net.ipmpd.engine.state.Presence;
import org.junit.jupiter.api.Test;

/** READY=1 waits for the kernel's word on every member and for the data addresses of groups that can hold them. */
class ReadinessTest {
    private static EngineSnapshot mapGroups(EngineSnapshot s, java.util.function.UnaryOperator<GroupSnapshot> f) {
        return new EngineSnapshot(s.version(), s.atNanos(), s.config(), s.groups().stream().map(f).toList(), s.anonymous());
    }

    private static GroupSnapshot withMembers(GroupSnapshot g, java.util.function.UnaryOperator<MemberSnapshot> f) {
        return new GroupSnapshot(g.name(), g.state(), g.configuredFdtMs(), g.effectiveFdtMs(), g.probeIntervalMs(),
                g.members().stream().map(f).toList(), g.dataAddresses(), g.outboundMembers(), g.counters(), g.lastChangeNanos());
    }

    private static GroupSnapshot unplaced(GroupSnapshot g) {
        List<DataAddressSnapshot> d = g.dataAddresses().stream()
                .map(a -> new DataAddressSnapshot(a.address(), a.prefixLength(), a.homeMember(), Optional.empty(), false)).toList();
        return new GroupSnapshot(g.name(), g.state(), g.configuredFdtMs(), g.effectiveFdtMs(), g.probeIntervalMs(),
                g.members(), d, g.outboundMembers(), g.counters(), g.lastChangeNanos());
    }

    private static MemberSnapshot presence(MemberSnapshot m, Presence p, boolean active) {
        return new MemberSnapshot(m.name(), m.group(), m.ifIndex(), m.state(), active, m.flags(), m.link(), m.probe(), p,
                m.lastCause(), m.lastChangeNanos(), m.counters(), m.flapPenalty(), m.probing());
    }

    @Test
    void placedWhenEveryMemberIsKnownAndEveryAddressOfAWorkingGroupHasAMember() {
        EngineSnapshot s = SampleSnapshot.sample();
        assertThat(s.groups()).isNotEmpty();
        assertThat(Readiness.placed(s)).isTrue();
        assertThat(Readiness.placed(mapGroups(s, ReadinessTest::unplaced))).as("addresses not placed yet").isFalse();
        assertThat(Readiness.placed(mapGroups(s, g -> withMembers(g, m -> presence(m, Presence.UNKNOWN, m.active())))))
                .as("the kernel has not reported the members yet").isFalse();
        // a group without an active member cannot place its addresses: waiting would never end
        assertThat(Readiness.placed(mapGroups(s, g -> unplaced(withMembers(g, m -> presence(m, Presence.NOT_PRESENT, false))))))
                .isTrue();
    }

    @Test
    void readyIsReportedOnceTheSnapshotsShowThePlacement() throws Exception {
        EngineSnapshot placed = SampleSnapshot.sample();
        AtomicReference<EngineSnapshot> now = new AtomicReference<>(mapGroups(placed, ReadinessTest::unplaced));
        CompletableFuture<String> ready = new CompletableFuture<>();
        Readiness.whenPlaced(now::get, System.nanoTime(), ready::complete);
        Thread.sleep(100);
        assertThat(ready).isNotDone();
        now.set(placed);
        assertThat(ready.get(10, TimeUnit.SECONDS)).contains("data address(es) placed").doesNotContain("waited");
    }
}
