package net.ipmpd.agent.linux;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Optional;
import net.ipmpd.agent.linux.netlink.RtnetlinkParser;
import net.ipmpd.engine.event.EngineEvent;
import org.junit.jupiter.api.Test;

class RouterDiscoveryTest {
    @Test
    void everyGatewayOfTheRecordedDumpIsARouterOnItsInterface() {
        Map<Integer, String> names = Map.of(2, "p0", 3, "h0");
        var routers = RouterDiscovery.routers(RtnetlinkParser.parse(Hex.resource("/net/ipmpd/agent/linux/route-dump.hex")),
                i -> Optional.ofNullable(names.get(i)));
        assertThat(routers).containsExactly(
                new EngineEvent.Router(net.ipmpd.agent.linux.netlink.RtnetlinkParserTest.ip("198.18.0.1"), "h0"),
                new EngineEvent.Router(net.ipmpd.agent.linux.netlink.RtnetlinkParserTest.ip("198.18.0.2"), "h0"),
                new EngineEvent.Router(net.ipmpd.agent.linux.netlink.RtnetlinkParserTest.ip("198.18.0.3"), "p0"));
    }

    @Test
    void gatewaysOnUnknownInterfacesAreLeftOut() {
        var routers = RouterDiscovery.routers(RtnetlinkParser.parse(Hex.resource("/net/ipmpd/agent/linux/route-dump.hex")),
                i -> i == 2 ? Optional.of("p0") : Optional.empty());
        assertThat(routers).extracting(EngineEvent.Router::interfaceName).containsOnly("p0");
    }
}
