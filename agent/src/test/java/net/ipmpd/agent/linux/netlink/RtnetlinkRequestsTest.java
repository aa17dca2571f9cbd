package net.ipmpd.agent.linux.netlink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.nio.ByteOrder;
import java.util.List;
import net.ipmpd.agent.linux.Hex;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Every byte of the requests; the expectations are little-endian (x86-64 and arm64 hosts). */
class RtnetlinkRequestsTest {

    @BeforeAll
    static void littleEndianHost() {
        assertThat(ByteOrder.nativeOrder()).isEqualTo(ByteOrder.LITTLE_ENDIAN);
    }

    @Test
    void ipv4AddressIsAddedWithoutPrefixRouteAndWithBroadcast() throws Exception {
        byte[] m = RtnetlinkRequests.newAddress(7, 3, InetAddress.getByName("198.18.0.100"), 24);
        assertThat(Hex.of(m)).isEqualTo(Hex.of(Hex.bytes("""
                38000000 1400 0505 07000000 00000000
                02 18 00 00 03000000
                0800 0200 c6120064
                0800 0100 c6120064
                0800 0400 c61200ff
                0800 0800 00020000""")));
    }

    @Test
    void ipv6AddressIsAddedWithNodadAndNoprefixroute() throws Exception {
        byte[] m = RtnetlinkRequests.newAddress(8, 4, InetAddress.getByName("2001:2::100"), 64);
        assertThat(Hex.of(m)).isEqualTo(Hex.of(Hex.bytes("""
                48000000 1400 0505 08000000 00000000
                0a 40 02 00 04000000
                1400 0200 20010002000000000000000000000100
                1400 0100 20010002000000000000000000000100
                0800 0800 02020000""")));
    }

    @Test
    void slash31And32GetNoBroadcast() throws Exception {
        byte[] m = RtnetlinkRequests.newAddress(1, 3, InetAddress.getByName("198.18.0.100"), 32);
        assertThat(m.length).isEqualTo(48);
        assertThat(Hex.of(m)).doesNotContain("08000400");
    }

    @Test
    void deleteNamesAddressAndInterface() throws Exception {
        byte[] m = RtnetlinkRequests.deleteAddress(9, 5, InetAddress.getByName("198.18.0.100"), 24);
        assertThat(Hex.of(m)).isEqualTo(Hex.of(Hex.bytes("""
                28000000 1500 0500 09000000 00000000
                02 18 00 00 05000000
                0800 0200 c6120064
                0800 0100 c6120064""")));
    }

    @Test
    void dumpsAskForEveryFamily() {
        assertThat(Hex.of(RtnetlinkRequests.linkDump(1))).isEqualTo("20000000" + "1200" + "0103" + "01000000" + "00000000"
                + "00".repeat(16));
        assertThat(Hex.of(RtnetlinkRequests.addressDump(2))).isEqualTo("18000000" + "1600" + "0103" + "02000000" + "00000000"
                + "00".repeat(8));
        assertThat(Hex.of(RtnetlinkRequests.routeDump(3))).isEqualTo("1c000000" + "1a00" + "0103" + "03000000" + "00000000"
                + "00".repeat(12));
    }

    @Test
    void subnetRouteSpreadsOverMembersWithDataAddressAsSource() throws Exception {
        byte[] m = RtnetlinkRequests.replaceSubnetRoute(9, InetAddress.getByName("198.18.0.0"), 24,
                InetAddress.getByName("198.18.0.100"), List.of(3, 4), Rtnl.RTPROT_IPMPD, 0);
        assertThat(Hex.of(m)).isEqualTo(Hex.of(Hex.bytes("""
                40000000 1800 0505 09000000 00000000
                02 18 00 00 fe eb fd 01 00000000
                0800 0100 c6120000
                0800 0700 c6120064
                1400 0900 0800 00 00 03000000 0800 00 00 04000000""")));
    }

    @Test
    void singleMemberRouteUsesOif() throws Exception {
        byte[] m = RtnetlinkRequests.replaceSubnetRoute(1, InetAddress.getByName("2001:2::"), 64, null, List.of(6),
                Rtnl.RTPROT_IPMPD, 1024);
        assertThat(Hex.of(m)).endsWith("14000100" + "20010002000000000000000000000000" + "08000600" + "00040000" + "08000400" + "06000000");
        assertThat(m[16]).isEqualTo((byte) 10);
    }

    @Test
    void routeWithoutMembersIsRefused() throws Exception {
        InetAddress net = InetAddress.getByName("198.18.0.0");
        assertThatThrownBy(() -> RtnetlinkRequests.replaceSubnetRoute(1, net, 24, null, List.of(), 4, 0))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void encodedRequestsDecodeBack() throws Exception {
        byte[] m = RtnetlinkRequests.replaceSubnetRoute(9, InetAddress.getByName("198.18.0.0"), 24,
                InetAddress.getByName("198.18.0.100"), List.of(3, 4), Rtnl.RTPROT_IPMPD, 0);
        RtnetlinkMessage.Route r = (RtnetlinkMessage.Route) RtnetlinkParser.parse(m).get(0);
        assertThat(r.destination()).isEqualTo(InetAddress.getByName("198.18.0.0"));
        assertThat(r.preferredSource()).isEqualTo(InetAddress.getByName("198.18.0.100"));
        assertThat(r.nextHops()).extracting(RtnetlinkMessage.NextHop::ifIndex).containsExactly(3, 4);
        assertThat(r.protocol()).isEqualTo(235);
    }

    @Test
    void networkClearsHostBits() throws Exception {
        assertThat(RtnetlinkRequests.network(InetAddress.getByName("198.18.7.100"), 22))
                .isEqualTo(InetAddress.getByName("198.18.4.0"));
        assertThat(RtnetlinkRequests.network(InetAddress.getByName("2001:2::1:100"), 112))
                .isEqualTo(InetAddress.getByName("2001:2::1:0"));
    }
}
