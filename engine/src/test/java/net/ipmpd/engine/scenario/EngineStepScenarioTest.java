package net.ipmpd.engine.scenario;

import static net.ipmpd.engine.scenario.Lab.DATA_V4;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.OptionalLong;
import net.ipmpd.engine.action.Action.PlumbTestAddress;
import net.ipmpd.engine.config.DampingConfig;
import net.ipmpd.engine.config.DataAddressConfig;
import net.ipmpd.engine.config.EngineConfig;
import net.ipmpd.engine.config.GroupConfig;
import net.ipmpd.engine.event.EngineEvent;
import net.ipmpd.engine.notify.Cause;
import net.ipmpd.engine.notify.Notification.InterfaceFailed;
import net.ipmpd.engine.sim.Simulation;
import net.ipmpd.engine.state.MemberState;
import org.junit.jupiter.api.Test;

/** EngineCore's own rules: the order of a step, link transitions, what an arriving member gets. */
class EngineStepScenarioTest {

    @Test
    void timersDueBeforeAnEventFireBeforeItWithoutAnAdvance() {
        Simulation sim = Lab.settled(Lab.threeMembers(true, 10_000));
        var engine = sim.engine();
        long dueNanos = engine.nextDeadline();
        // an event read 5 ms after the timer was due: the timer fires in the same step, before it
        engine.handle(new EngineEvent.RoutersReported(List.of()), dueNanos + 5_000_000, dueNanos + 5_000_000,
                net.ipmpd.engine.EngineOutput.DISCARD);
        assertThat(engine.nextDeadline()).isGreaterThan(dueNanos);
    }

    @Test
    void aLinkDownFailsAProbedMemberAtOnceAndTheLinkUpAloneDoesNotRepairIt() {
        Simulation sim = Lab.settled(Lab.threeMembers(true, 10_000));
        int mark = sim.notificationMark();
        sim.carrierDown("eth0");
        assertThat(Lab.only(sim.notificationsSince(mark), InterfaceFailed.class)).singleElement()
                .satisfies(f -> assertThat(f.cause()).isEqualTo(Cause.LINK_DOWN));
        sim.carrierUp("eth0");
        // in.mpathd: with test addresses, only ten answered probes repair it
        assertThat(Lab.member(sim, "eth0").state()).isEqualTo(MemberState.FAILED);
        assertThat(sim.network().interfacesWith(DATA_V4)).containsExactly("eth2");
        sim.advanceMs(30_000);
        assertThat(Lab.member(sim, "eth0").state()).isEqualTo(MemberState.OK);
    }

    @Test
    void anArrivingMemberHasEachOfItsTestAddressesPlumbed() {
        GroupConfig g = new GroupConfig(Lab.GROUP, OptionalLong.empty(), List.of(Lab.dualStack("eth0", 0, false),
                Lab.member("eth1", 1, false)), List.of(new DataAddressConfig(DATA_V4, 24, "eth0")), List.of());
        Simulation sim = Lab.started(new EngineConfig(10_000, true, true, DampingConfig.DEFAULT, List.of(g)));
        assertThat(sim.actions()).filteredOn(PlumbTestAddress.class::isInstance).map(PlumbTestAddress.class::cast)
                .extracting(p -> p.member() + " " + p.testAddress().address().getHostAddress())
                .containsExactlyInAnyOrder("eth0 198.18.0.10", "eth0 fe80:0:0:0:0:0:0:10", "eth1 198.18.0.11");
    }
}
