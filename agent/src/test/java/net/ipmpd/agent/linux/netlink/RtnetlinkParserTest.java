package net.ipmpd.agent.linux.netlink;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.util.List;
import net.ipmpd.agent.linux.Hex;
import org.junit.jupiter.api.Test;

/**
 * Parses dumps recorded (RtnetlinkSocket.rawDump) from a namespace set up as:
 * <pre>
 * ip link add h0 address 02:00:00:00:00:10 type veth peer name p0; both up, then p0 down
 * ip addr add 198.18.0.10/24 dev h0 noprefixroute; ip addr add 2001:2::10/64 dev h0 nodad noprefixroute
 * ip route add 198.18.0.0/24 dev h0 proto 235 scope link src 198.18.0.10
 * ip route add 198.19.1.0/24 via 198.18.0.1 dev h0 onlink
 * ip route add 198.19.2.0/24 nexthop via 198.18.0.2 dev h0 onlink nexthop via 198.18.0.3 dev p0 onlink
 * </pre>
 * giving lo(1, down), p0(2, down), h0(3, UP but no carrier).
 */
public class RtnetlinkParserTest {

    @Test
    void linkDumpGivesNamesIndexesFlagsAndMac() {
        List<RtnetlinkMessage> dump = RtnetlinkParser.parse(Hex.resource("/net/ipmpd/agent/linux/link-dump.hex"));
        List<RtnetlinkMessage.Link> links = dump.stream().filter(RtnetlinkMessage.Link.class::isInstance)
                .map(RtnetlinkMessage.Link.class::cast).toList();
        assertThat(links).extracting(RtnetlinkMessage.Link::name).containsExactly("lo", "p0", "h0");
        assertThat(links).extracting(RtnetlinkMessage.Link::index).containsExactly(1, 2, 3);
        RtnetlinkMessage.Link h0 = links.get(2);
        assertThat(h0.flags() & Rtnl.IFF_UP).isNotZero();
        assertThat(h0.running()).isFalse();                       // NO-CARRIER
        assertThat(Hex.of(h0.mac())).isEqualTo("020000000010");
        assertThat(h0.operState()).isEqualTo(3);                  // IF_OPER_LOWERLAYERDOWN
        assertThat(dump.getLast()).isInstanceOf(RtnetlinkMessage.Done.class);
    }

    @Test
    void addressDumpGivesAddressesWithTheir32BitFlags() throws Exception {
        List<RtnetlinkMessage.Address> addrs = RtnetlinkParser.parse(Hex.resource("/net/ipmpd/agent/linux/address-dump.hex"))
                .stream().filter(RtnetlinkMessage.Address.class::isInstance).map(RtnetlinkMessage.Address.class::cast).toList();
        assertThat(addrs).extracting(RtnetlinkMessage.Address::address).contains(
                InetAddress.getByName("198.18.0.10"), InetAddress.getByName("2001:2::10"), InetAddress.getByName("fe80::ff:fe00:10"));
        RtnetlinkMessage.Address v4 = addrs.stream().filter(a -> a.address().equals(ip("198.18.0.10"))).findFirst().orElseThrow();
        assertThat(v4.index()).isEqualTo(3);
        assertThat(v4.prefixLength()).isEqualTo(24);
        assertThat(v4.flags() & Rtnl.IFA_F_NOPREFIXROUTE).isNotZero();
        RtnetlinkMessage.Address v6 = addrs.stream().filter(a -> a.address().equals(ip("2001:2::10"))).findFirst().orElseThrow();
        assertThat(v6.flags() & (Rtnl.IFA_F_NOPREFIXROUTE | Rtnl.IFA_F_NODAD)).isEqualTo(Rtnl.IFA_F_NOPREFIXROUTE | Rtnl.IFA_F_NODAD);
        assertThat(v6.prefixLength()).isEqualTo(64);
    }

    @Test
    void routeDumpGivesNextHopsIncludingMultipath() throws Exception {
        List<RtnetlinkMessage.Route> routes = RtnetlinkParser.parse(Hex.resource("/net/ipmpd/agent/linux/route-dump.hex"))
                .stream().filter(RtnetlinkMessage.Route.class::isInstance).map(RtnetlinkMessage.Route.class::cast).toList();
        RtnetlinkMessage.Route subnet = route(routes, "198.18.0.0");
        assertThat(subnet.protocol()).isEqualTo(235);
        assertThat(subnet.scope()).isEqualTo(Rtnl.RT_SCOPE_LINK);
        assertThat(subnet.preferredSource()).isEqualTo(ip("198.18.0.10"));
        assertThat(subnet.nextHops()).containsExactly(new RtnetlinkMessage.NextHop(3, null, 1));
        assertThat(route(routes, "198.19.1.0").nextHops()).containsExactly(new RtnetlinkMessage.NextHop(3, ip("198.18.0.1"), 1));
        assertThat(route(routes, "198.19.2.0").nextHops()).containsExactly(
                new RtnetlinkMessage.NextHop(3, ip("198.18.0.2"), 1), new RtnetlinkMessage.NextHop(2, ip("198.18.0.3"), 1));
        assertThat(route(routes, "198.19.2.0").table()).isEqualTo(Rtnl.RT_TABLE_MAIN);
    }

    @Test
    void addressAndRouteEventsCarryTheRequestersPortIdFromNlmsgPid() throws Exception {
        // nlmsghdr: len, type, flags, seq, then nlmsg_pid at byte 12 (host order)
        byte[] deladdr = RtnetlinkRequests.deleteAddress(7, 3, ip("198.18.0.100"), 24);
        java.nio.ByteBuffer.wrap(deladdr).order(java.nio.ByteOrder.nativeOrder()).putInt(12, 4242);
        assertThat(RtnetlinkParser.parse(deladdr)).singleElement().isInstanceOfSatisfying(RtnetlinkMessage.Address.class, a -> {
            assertThat(a.portId()).isEqualTo(4242);
            assertThat(a.deleted()).isTrue();
            assertThat(a.address()).isEqualTo(ip("198.18.0.100"));
        });
        byte[] route = RtnetlinkRequests.replaceSubnetRoute(8, ip("198.18.0.0"), 24, null, List.of(3), 235, 0);
        java.nio.ByteBuffer.wrap(route).order(java.nio.ByteOrder.nativeOrder()).putInt(12, -559038737);   // a kernel-chosen port
        assertThat(RtnetlinkParser.parse(route)).singleElement().isInstanceOfSatisfying(RtnetlinkMessage.Route.class,
                r -> assertThat(Integer.toUnsignedString(r.portId())).isEqualTo("3735928559"));
        assertThat(RtnetlinkParser.parse(RtnetlinkRequests.newAddress(9, 3, ip("198.18.0.100"), 24)))
                .singleElement().isInstanceOfSatisfying(RtnetlinkMessage.Address.class, a -> assertThat(a.portId()).isZero());
    }

    @Test
    void errorCarriesPositiveErrnoAndAckIsZero() {
        byte[] eperm = Hex.bytes("24000000 0200 0001 05000000 00000000 ffffffff 20000000 1400 0505 05000000 00000000");
        byte[] ack = Hex.bytes("24000000 0200 0001 06000000 00000000 00000000 20000000 1400 0505 06000000 00000000");
        byte[] both = new byte[eperm.length + ack.length];
        System.arraycopy(eperm, 0, both, 0, eperm.length);
        System.arraycopy(ack, 0, both, eperm.length, ack.length);
        assertThat(RtnetlinkParser.parse(both)).containsExactly(new RtnetlinkMessage.Error(5, 1), new RtnetlinkMessage.Error(6, 0));
    }

    @Test
    void truncatedFrameEndsTheBatchInsteadOfLooping() {
        byte[] bogus = Hex.bytes("ff000000 1000 0000 01000000 00000000 0000");
        assertThat(RtnetlinkParser.parse(bogus)).isEmpty();
        byte[] zero = Hex.bytes("00000000 1000 0000 01000000 00000000");
        assertThat(RtnetlinkParser.parse(zero)).isEmpty();
    }

    @Test
    void unknownTypesAreKeptAsOther() {
        assertThat(RtnetlinkParser.parse(Hex.bytes("10000000 4400 0000 02000000 00000000")))
                .containsExactly(new RtnetlinkMessage.Other(2, 0x44));
    }

    private static RtnetlinkMessage.Route route(List<RtnetlinkMessage.Route> routes, String dst) {
        return routes.stream().filter(r -> ip(dst).equals(r.destination())).findFirst().orElseThrow();
    }

    public static InetAddress ip(String s) {
        try {
            return InetAddress.getByName(s);
        } catch (java.net.UnknownHostException e) {
            throw new AssertionError(e);
        }
    }
}
