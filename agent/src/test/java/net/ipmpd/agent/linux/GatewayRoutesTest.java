package net.ipmpd.agent.linux;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.util.List;
import java.util.Set;
import net.ipmpd.agent.linux.netlink.RtnetlinkMessage;
import net.ipmpd.agent.linux.netlink.RtnetlinkParser;
import net.ipmpd.agent.linux.netlink.RtnetlinkRequests;
import net.ipmpd.agent.linux.netlink.Rtnl;
import net.ipmpd.engine.action.Action;
import net.ipmpd.engine.config.Family;
import org.junit.jupiter.api.Test;

/** Which routes follow a group, and the route that replaces them. */
class GatewayRoutesTest {
    private static final int M0 = 2;
    private static final int M1 = 3;
    private static final int OTHER = 9;

    private static InetAddress ip(String s) {
        try {
            return InetAddress.getByName(s);
        } catch (java.net.UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    private static GatewayRoutes.GroupView group() throws Exception {
        return new GatewayRoutes.GroupView("ipmp0", Set.of(M0, M1), List.of(M0, M1),
                List.of(new Action.Subnet(Family.IPV4, ip("198.18.0.0"), 24, null),
                        new Action.Subnet(Family.IPV6, ip("2001:2::"), 64, null)),
                ip("198.18.0.100"), ip("2001:2::100"));
    }

    private static RtnetlinkMessage.Route route(int family, String dst, int len, int table, int type, RtnetlinkMessage.NextHop... hops)
            throws Exception {
        return new RtnetlinkMessage.Route(0, Rtnl.RTM_NEWROUTE, family, len, table, 3, 0, type,
                dst == null ? null : ip(dst), null, 0, List.of(hops));
    }

    @Test
    void routesThroughAGatewayOnTheGroupsLinkFollowItOthersDoNot() throws Exception {
        var viaM0 = route(LibC.AF_INET, null, 0, Rtnl.RT_TABLE_MAIN, Rtnl.RTN_UNICAST, new RtnetlinkMessage.NextHop(M0, ip("198.18.0.1"), 1));
        assertThat(GatewayRoutes.followable(viaM0, group())).hasValueSatisfying(f -> {
            assertThat(f.gateways()).containsExactly(ip("198.18.0.1"));
            assertThat(f.key().prefixLength()).isZero();
            assertThat(f.protocol()).isEqualTo(3);
        });
        // the kernel moved it to another interface, but its gateway is on the group's data subnet
        var onSubnet = route(LibC.AF_INET, "198.19.1.0", 24, Rtnl.RT_TABLE_MAIN, Rtnl.RTN_UNICAST,
                new RtnetlinkMessage.NextHop(OTHER, ip("198.18.0.1"), 1));
        assertThat(GatewayRoutes.followable(onSubnet, group())).isPresent();
        // an IPv6 router's link-local address counts only through a member
        var linkLocalViaMember = route(LibC.AF_INET6, null, 0, Rtnl.RT_TABLE_MAIN, Rtnl.RTN_UNICAST,
                new RtnetlinkMessage.NextHop(M1, ip("fe80::1"), 1));
        assertThat(GatewayRoutes.followable(linkLocalViaMember, group())).isPresent();
        var linkLocalElsewhere = route(LibC.AF_INET6, null, 0, Rtnl.RT_TABLE_MAIN, Rtnl.RTN_UNICAST,
                new RtnetlinkMessage.NextHop(OTHER, ip("fe80::1"), 1));
        assertThat(GatewayRoutes.followable(linkLocalElsewhere, group())).isEmpty();
        // not followed: another gateway elsewhere, a device route, the local table
        assertThat(GatewayRoutes.followable(route(LibC.AF_INET, null, 0, Rtnl.RT_TABLE_MAIN, Rtnl.RTN_UNICAST,
                new RtnetlinkMessage.NextHop(OTHER, ip("10.0.0.1"), 1)), group())).isEmpty();
        assertThat(GatewayRoutes.followable(route(LibC.AF_INET, "198.18.0.0", 24, Rtnl.RT_TABLE_MAIN, Rtnl.RTN_UNICAST,
                new RtnetlinkMessage.NextHop(M0, null, 1)), group())).isEmpty();
        assertThat(GatewayRoutes.followable(route(LibC.AF_INET, "198.18.0.1", 32, Rtnl.RT_TABLE_LOCAL, Rtnl.RTN_UNICAST,
                new RtnetlinkMessage.NextHop(M0, ip("198.18.0.1"), 1)), group())).isEmpty();
    }

    @Test
    void theReplacementGoesThroughEveryOutboundMemberOnLinkWithTheSameGatewayMetricAndProtocol() throws Exception {
        byte[] msg = RtnetlinkRequests.replaceGatewayRoute(1, LibC.AF_INET, null, 0, 100, 3, ip("198.18.0.100"),
                List.of(M0, M1), List.of(ip("198.18.0.1")));
        RtnetlinkMessage.Route r = (RtnetlinkMessage.Route) RtnetlinkParser.parse(msg).get(0);
        assertThat(r.destinationLength()).isZero();
        assertThat(r.priority()).isEqualTo(100);
        assertThat(r.protocol()).isEqualTo(3);
        assertThat(r.preferredSource()).isEqualTo(ip("198.18.0.100"));
        assertThat(r.nextHops()).containsExactly(new RtnetlinkMessage.NextHop(M0, ip("198.18.0.1"), 1),
                new RtnetlinkMessage.NextHop(M1, ip("198.18.0.1"), 1));
        // every next hop is on-link: the gateway is on the group's subnet whatever the subnet route says now
        java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(msg).order(java.nio.ByteOrder.nativeOrder());
        int onLinkHops = 0;
        for (int pos = 16 + 12; pos + 4 <= msg.length; ) {   // nlmsghdr, rtmsg, then the attributes
            int len = b.getShort(pos) & 0xffff;
            if ((b.getShort(pos + 2) & 0x3fff) == Rtnl.RTA_MULTIPATH) {
                for (int h = pos + 4; h < pos + len; ) {
                    int hopLength = b.getShort(h) & 0xffff;
                    onLinkHops += (b.get(h + 2) & Rtnl.RTNH_F_ONLINK) != 0 ? 1 : 0;
                    h += (hopLength + 3) & ~3;
                }
            }
            pos += (len + 3) & ~3;
        }
        assertThat(onLinkHops).isEqualTo(2);
    }
}
