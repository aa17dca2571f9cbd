package net.ipmpd.engine.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.OptionalLong;
import net.ipmpd.engine.action.Action;
import net.ipmpd.engine.action.Action.SetMembers;
import net.ipmpd.engine.action.Action.SetOutbound;
import net.ipmpd.engine.action.Action.Subnet;
import net.ipmpd.engine.config.DampingConfig;
import net.ipmpd.engine.config.DataAddressConfig;
import net.ipmpd.engine.config.EngineConfig;
import net.ipmpd.engine.config.Family;
import net.ipmpd.engine.config.GroupConfig;
import net.ipmpd.engine.config.MemberConfig;
import net.ipmpd.engine.sim.Simulation;
import org.junit.jupiter.api.Test;

/** The routes' and members' actions carry everything the dataplane needs: it keeps no configuration. */
class OutboundActionScenarioTest {

    private static EngineConfig config(List<DataAddressConfig> data) {
        return new EngineConfig(10_000, true, true, DampingConfig.DEFAULT, List.of(new GroupConfig(Lab.GROUP, OptionalLong.empty(),
                List.of(MemberConfig.linkOnly("eth0", false), MemberConfig.linkOnly("eth1", false)), data, List.of())));
    }

    private static List<DataAddressConfig> fourAddresses() {
        return List.of(new DataAddressConfig(Lab.ip("198.18.0.100"), 24, "eth0"),
                new DataAddressConfig(Lab.ip("198.18.0.101"), 24, "eth1"),
                new DataAddressConfig(Lab.ip("198.18.9.5"), 28, "eth0"),
                new DataAddressConfig(Lab.ip("2001:2::100"), 64, "eth0"));
    }

    private static <T extends Action> List<T> only(List<Action> actions, Class<T> kind) {
        return actions.stream().filter(kind::isInstance).map(kind::cast).toList();
    }

    @Test
    void oneRoutePerDistinctDataSubnetWithItsFirstPlacedAddressAsSourceAfterTheMembers() {
        Simulation sim = Lab.started(config(fourAddresses()));
        List<Action> acts = sim.actions();
        SetOutbound o = only(acts, SetOutbound.class).getLast();
        assertThat(o.members()).containsExactly("eth0", "eth1");
        assertThat(o.groupMembers()).containsExactly("eth0", "eth1");
        assertThat(o.subnets()).containsExactly(
                new Subnet(Family.IPV4, Lab.ip("198.18.0.0"), 24, Lab.ip("198.18.0.100")),
                new Subnet(Family.IPV4, Lab.ip("198.18.9.0"), 28, Lab.ip("198.18.9.5")),
                new Subnet(Family.IPV6, Lab.ip("2001:2::"), 64, Lab.ip("2001:2::100")));
        assertThat(only(acts, SetMembers.class)).containsExactly(new SetMembers(Lab.GROUP, List.of("eth0", "eth1")));
        assertThat(acts.indexOf(only(acts, SetMembers.class).getFirst())).isLessThan(acts.indexOf(only(acts, Action.PlaceAddress.class).getFirst()));
    }

    @Test
    void aSubnetThatLosesItsLastAddressIsNoLongerRoutedAndARemovedGroupLosesEverything() {
        Simulation sim = Lab.started(config(fourAddresses()));
        int mark = sim.actionMark();
        sim.configure(config(fourAddresses().subList(0, 2)));
        assertThat(only(sim.actionsSince(mark), SetOutbound.class)).singleElement().satisfies(o -> assertThat(o.subnets())
                .containsExactly(new Subnet(Family.IPV4, Lab.ip("198.18.0.0"), 24, Lab.ip("198.18.0.100"))));
        mark = sim.actionMark();
        sim.configure(EngineConfig.defaults());
        List<Action> acts = sim.actionsSince(mark);
        assertThat(only(acts, SetOutbound.class)).containsExactly(new SetOutbound(Lab.GROUP, List.of(), List.of(), List.of()));
        assertThat(only(acts, SetMembers.class)).containsExactly(new SetMembers(Lab.GROUP, List.of()));
    }
}
