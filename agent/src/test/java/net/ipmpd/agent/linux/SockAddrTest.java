package net.ipmpd.agent.linux;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.Inet6Address;
import java.net.InetAddress;
import org.junit.jupiter.api.Test;

/** Struct layouts (LP64, little-endian host); sll_protocol is the one big-endian field. */
class SockAddrTest {
    @Test
    void packetAddressHasBigEndianProtocol() {
        assertThat(Hex.of(SockAddr.packet(7, SockAddr.ETH_P_ARP, Hex.bytes("ffffffffffff"))))
                .isEqualTo("1100" + "0806" + "07000000" + "0100" + "00" + "06" + "ffffffffffff" + "0000");
    }

    @Test
    void netlinkAddressCarriesGroups() {
        assertThat(Hex.of(SockAddr.netlink(0x551))).isEqualTo("1000" + "0000" + "00000000" + "51050000");
    }

    @Test
    void inetAddressesAndScope() throws Exception {
        assertThat(Hex.of(SockAddr.inet4(InetAddress.getByName("198.18.0.10")))).isEqualTo("0200" + "0000" + "c612000a" + "00".repeat(8));
        byte[] v6 = SockAddr.inet6(InetAddress.getByName("fe80::1"), 4);
        assertThat(Hex.of(v6)).isEqualTo("0a00" + "0000" + "00000000" + "fe800000000000000000000000000001" + "04000000");
        InetAddress back = SockAddr.decode(v6);
        assertThat(back).isEqualTo(InetAddress.getByName("fe80::1"));
        assertThat(((Inet6Address) back).getScopeId()).isEqualTo(4);
        assertThat(SockAddr.decode(SockAddr.inet4(InetAddress.getByName("198.18.0.10")))).isEqualTo(InetAddress.getByName("198.18.0.10"));
    }

    @Test
    void timevalAndInterfaceName() {
        assertThat(Hex.of(SockAddr.timeval(1250))).isEqualTo("0100000000000000" + "90d0030000000000");
        assertThat(Hex.of(SockAddr.interfaceName("h0"))).isEqualTo("683000");
    }

    @Test
    void icmpFiltersPassOnlyEchoReplies() {
        assertThat(Hex.of(Icmp6Filter.ipv4EchoReplyOnly())).isEqualTo("feffffff");
        byte[] v6 = Icmp6Filter.passOnly(129);   // word 4, bit 1
        assertThat(Hex.of(v6)).isEqualTo("ffffffff".repeat(4) + "fdffffff" + "ffffffff".repeat(3));
    }
}
