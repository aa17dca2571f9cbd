package net.ipmpd.testlab;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class IpOutputTest {
    // Captured from iproute2 6.1 on kernel 6.18.
    private static final String ADDR = """
            [{"ifindex":2,"link_index":2,"ifname":"m0","flags":["BROADCAST","MULTICAST","UP","LOWER_UP"],"mtu":1500,\
            "operstate":"UP","address":"02:00:00:00:01:00","addr_info":[{"family":"inet","local":"198.18.0.10",\
            "prefixlen":24,"scope":"global","label":"m0","valid_life_time":4294967295},{"family":"inet","local":\
            "198.18.0.100","prefixlen":24,"scope":"global","secondary":true,"noprefixroute":true,"label":"m0"},\
            {"family":"inet6","local":"2001:2::10","prefixlen":64,"scope":"global","tentative":true},\
            {"family":"inet6","local":"fe80::ff:fe00:100","prefixlen":64,"scope":"link"}]}]""";

    private static final String LINK = """
            [{"ifindex":3,"link":"y0","ifname":"x0","flags":["BROADCAST","MULTICAST","UP","LOWER_UP"],"mtu":1500,\
            "qdisc":"noqueue","master":"br0","operstate":"UP","address":"46:61:d9:de:9c:97",\
            "stats64":{"rx":{"bytes":176},"tx":{"bytes":176,"packets":2,"carrier_changes":4}}},\
            {"ifindex":4,"ifname":"x1","flags":["NO-CARRIER","BROADCAST","MULTICAST","UP"],"mtu":1500,\
            "operstate":"LOWERLAYERDOWN","address":"02:00:00:00:01:01"}]""";

    @Test
    void addressesKeepFamilyPrefixScopeAndTrueFlags() {
        var as = IpOutput.addresses(ADDR);
        assertThat(as).extracting(IfAddress::cidr)
                .containsExactly("198.18.0.10/24", "198.18.0.100/24", "2001:2::10/64", "fe80::ff:fe00:100/64");
        assertThat(as.get(1).flags()).containsExactlyInAnyOrder("secondary", "noprefixroute");
        assertThat(as.get(2).tentative()).isTrue();
        assertThat(as.get(2).isIpv6()).isTrue();
        assertThat(as.get(3).scope()).isEqualTo("link");
        assertThat(as).allMatch(a -> a.ifname().equals("m0"));
    }

    @Test
    void linksReportCarrierAdminStateAndCarrierChanges() {
        var ls = IpOutput.links(LINK);
        assertThat(ls.get(0).hasCarrier()).isTrue();
        assertThat(ls.get(0).master()).isEqualTo("br0");
        assertThat(ls.get(0).carrierChanges()).isEqualTo(4);
        assertThat(ls.get(1).adminUp()).isTrue();
        assertThat(ls.get(1).hasCarrier()).isFalse();
        assertThat(ls.get(1).operState()).isEqualTo("LOWERLAYERDOWN");
        assertThat(ls.get(1).carrierChanges()).isEqualTo(-1);
    }

    @Test
    void neighboursWithAndWithoutLinkLayerAddress() {
        var ns = IpOutput.neighbours("""
                [{"dst":"198.18.0.1","lladdr":"02:00:00:00:02:00","state":["REACHABLE"]},\
                {"dst":"2001:2::1","lladdr":"02:00:00:00:02:00","router":null,"state":["STALE"]},\
                {"dst":"198.18.0.9","state":["FAILED"]}]""");
        assertThat(ns).extracting(Neighbour::address).containsExactly("198.18.0.1", "2001:2::1", "198.18.0.9");
        assertThat(ns.get(1).router()).isTrue();
        assertThat(ns.get(0).router()).isFalse();
        assertThat(ns.get(2).lladdr()).isNull();
        assertThat(ns.get(2).states()).containsExactly("FAILED");
    }

    @Test
    void emptyOutputMeansNothing() {
        assertThat(IpOutput.addresses("")).isEmpty();
        assertThat(IpOutput.neighbours("[]")).isEmpty();
    }

    @Test
    void malformedJsonIsAClearError() {
        assertThatThrownBy(() -> IpOutput.links("[{\"ifname\":"))
                .isInstanceOf(LabException.class).hasMessageContaining("malformed JSON");
    }

    @Test
    void pingStatisticsAreParsed() {
        var ok = IpOutput.ping("h", "198.18.0.1", 0, """
                PING 198.18.0.1 (198.18.0.1) 56(84) bytes of data.

                --- 198.18.0.1 ping statistics ---
                3 packets transmitted, 2 received, 33.3333% packet loss, time 101ms
                rtt min/avg/max/mdev = 0.040/0.051/0.063/0.011 ms
                """);
        assertThat(ok.transmitted()).isEqualTo(3);
        assertThat(ok.received()).isEqualTo(2);
        assertThat(ok.anyReply()).isTrue();
        assertThat(ok.lossPercent()).isCloseTo(33.33, org.assertj.core.data.Offset.offset(0.01));

        var lost = IpOutput.ping("h", "198.18.0.9", 1,
                "20 packets transmitted, 0 received, +3 errors, 100% packet loss");
        assertThat(lost.allLost()).isTrue();
        assertThat(lost.transmitted()).isEqualTo(20);

        var error = IpOutput.ping("h", "198.18.0.9", 2, "ping: connect: Network is unreachable");
        assertThat(error.transmitted()).isZero();
        assertThat(error.lossPercent()).isEqualTo(100.0);
        assertThat(error.toString()).contains("Network is unreachable");
    }
}
