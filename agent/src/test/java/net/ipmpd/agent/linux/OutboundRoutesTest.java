package net.ipmpd.agent.linux;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.util.List;
import java.util.Set;
import net.ipmpd.engine.config.DataAddressConfig;
import net.ipmpd.engine.config.Family;
import net.ipmpd.engine.config.GroupConfig;
import net.ipmpd.engine.config.MemberConfig;
import org.junit.jupiter.api.Test;

class OutboundRoutesTest {
    private static InetAddress ip(String s) throws Exception {
        return InetAddress.getByName(s);
    }

    private static GroupConfig group() throws Exception {
        return new GroupConfig("g0", List.of(MemberConfig.linkOnly("h0", false), MemberConfig.linkOnly("h1", false)),
                List.of(new DataAddressConfig(ip("198.18.0.100"), 24, "h0"),
                        new DataAddressConfig(ip("198.18.0.101"), 24, "h1"),
                        new DataAddressConfig(ip("198.18.9.5"), 28, "h0"),
                        new DataAddressConfig(ip("2001:2::100"), 64, "h0")));
    }

    @Test
    void oneRoutePerDistinctDataSubnet() throws Exception {
        assertThat(OutboundRoutes.subnets(group())).containsExactly(
                new OutboundRoutes.Subnet(Family.IPV4, ip("198.18.0.0"), 24),
                new OutboundRoutes.Subnet(Family.IPV4, ip("198.18.9.0"), 28),
                new OutboundRoutes.Subnet(Family.IPV6, ip("2001:2::"), 64));
    }

    @Test
    void preferredSourceIsTheFirstDataAddressOfTheSubnetThatIsLocalNow() throws Exception {
        var subnet = new OutboundRoutes.Subnet(Family.IPV4, ip("198.18.0.0"), 24);
        assertThat(OutboundRoutes.preferredSource(group(), subnet, Set.of(ip("198.18.0.101"), ip("198.18.0.100"))::contains))
                .isEqualTo(ip("198.18.0.100"));
        assertThat(OutboundRoutes.preferredSource(group(), subnet, Set.of(ip("198.18.0.101"))::contains))
                .isEqualTo(ip("198.18.0.101"));
        assertThat(OutboundRoutes.preferredSource(group(), subnet, Set.of(ip("198.18.9.5"))::contains)).isNull();
    }

    @Test
    void probeIdentifiersDifferPerMemberAndFitSixteenBits() {
        assertThat(ProbeSocket.identifier(0x12345, 2)).isNotEqualTo(ProbeSocket.identifier(0x12345, 3)).isBetween(0, 0xffff);
        assertThat(ProbeSocket.identifier(0x12345, 2)).isNotEqualTo(ProbeSocket.identifier(0x12346, 2));
    }
}
