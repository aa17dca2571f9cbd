package net.ipmpd.agent.linux.packet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import net.ipmpd.agent.linux.Hex;
import org.junit.jupiter.api.Test;

class PacketCodecTest {
    private static final byte[] MAC = Hex.bytes("020000000011");

    @Test
    void gratuitousArpIsARequestWithSenderAndTargetIpBothTheDataAddress() throws Exception {
        byte[] arp = ArpAnnouncement.encode(MAC, (Inet4Address) InetAddress.getByName("198.18.0.100"));
        assertThat(Hex.of(arp)).isEqualTo(Hex.of(Hex.bytes("""
                0001 0800 06 04 0001
                020000000011 c6120064
                000000000000 c6120064""")));
    }

    @Test
    void announcementsRefuseNonEthernetAddresses() throws Exception {
        assertThatThrownBy(() -> ArpAnnouncement.encode(new byte[0], (Inet4Address) InetAddress.getByName("198.18.0.1")))
                .hasMessageContaining("6-byte");
        assertThatThrownBy(() -> NeighborAdvertisement.encode((Inet6Address) InetAddress.getByName("2001:2::1"), new byte[8]))
                .hasMessageContaining("6-byte");
    }

    @Test
    void unsolicitedNaHasOverrideNotSolicitedAndTargetLinkLayerOption() throws Exception {
        byte[] na = NeighborAdvertisement.encode((Inet6Address) InetAddress.getByName("2001:2::100"), MAC);
        assertThat(Hex.of(na)).isEqualTo(Hex.of(Hex.bytes("""
                88 00 0000 20000000
                20010002000000000000000000000100
                02 01 020000000011""")));
    }

    @Test
    void rfc1071ExampleChecksum() {
        assertThat(IcmpEcho.checksum(Hex.bytes("0001f203f4f5f6f7"), 0, 8)).isEqualTo(0x220d);
        assertThat(IcmpEcho.checksum(Hex.bytes("0001f203f4f5f6f7ab"), 0, 9)).isEqualTo(~(0xddf2 + 0xab00 + 1) & 0xffff);
    }

    @Test
    void ipv4EchoRequestCarriesIdSequenceTimeAndAValidChecksum() {
        byte[] req = IcmpEcho.request(false, 0x1234, 5, 0x0102030405060708L);
        assertThat(Hex.of(req)).startsWith("0800").contains("12340005" + "0102030405060708" + "69706d7064000000");
        assertThat(IcmpEcho.checksum(req, 0, req.length)).isZero();
    }

    @Test
    void ipv6EchoRequestLeavesTheChecksumToTheKernel() {
        byte[] req = IcmpEcho.request(true, 0xbeef, 65535, 7);
        assertThat(Hex.of(req)).isEqualTo("80000000" + "beefffff" + "0000000000000007" + "69706d7064000000");
    }

    @Test
    void ipv4ReplyIsFoundBehindTheIpHeader() {
        byte[] reply = IcmpEcho.request(false, 0x1234, 5, 99);
        reply[0] = 0;   // echo reply
        byte[] ipHeader = Hex.bytes("45000030 0000 4000 40 01 0000 c6120001 c612000a");
        byte[] packet = new byte[ipHeader.length + reply.length];
        System.arraycopy(ipHeader, 0, packet, 0, ipHeader.length);
        System.arraycopy(reply, 0, packet, ipHeader.length, reply.length);
        assertThat(IcmpEcho.parseReply(false, packet, packet.length)).isEqualTo(new IcmpEcho.Reply(0x1234, 5, 99));
    }

    @Test
    void ipv6ReplyHasNoIpHeader() {
        byte[] reply = IcmpEcho.request(true, 0xbeef, 3, 42);
        reply[0] = (byte) 129;
        assertThat(IcmpEcho.parseReply(true, reply, reply.length)).isEqualTo(new IcmpEcho.Reply(0xbeef, 3, 42));
    }

    @Test
    void requestsForeignPingsAndShortPacketsAreNotReplies() {
        byte[] request = IcmpEcho.request(true, 1, 1, 1);
        assertThat(IcmpEcho.parseReply(true, request, request.length)).isNull();
        byte[] foreign = IcmpEcho.request(true, 1, 1, 1);
        foreign[0] = (byte) 129;
        foreign[23] = 1;   // not our marker: someone else's ping with a colliding id
        assertThat(IcmpEcho.parseReply(true, foreign, foreign.length)).isNull();
        assertThat(IcmpEcho.parseReply(true, foreign, 10)).isNull();
        assertThat(IcmpEcho.parseReply(false, new byte[12], 12)).isNull();
    }

    @Test
    void igmpReportsCarryTheGroupAndAValidChecksum() throws Exception {
        Inet4Address g = (Inet4Address) InetAddress.getByName("239.1.2.3");
        assertThat(Hex.of(MembershipReport.igmpV2(g))).isEqualTo(Hex.of(Hex.bytes("16 00 f8fa ef010203")));
        // IGMPv3: one CHANGE_TO_EXCLUDE({}) record per group, as a host sends on joining
        assertThat(Hex.of(MembershipReport.igmpV3(java.util.List.of(g)))).isEqualTo(Hex.of(Hex.bytes("""
                22 00 e8f9 0000 0001
                04 00 0000 ef010203""")));
    }

    @Test
    void mldV2ReportHasOneChangeToExcludeRecordPerGroupAndLeavesTheChecksumToTheKernel() throws Exception {
        Inet6Address g = (Inet6Address) InetAddress.getByName("ff0e::1234");
        assertThat(Hex.of(MembershipReport.mldV2(java.util.List.of(g)))).isEqualTo(Hex.of(Hex.bytes("""
                8f 00 0000 0000 0001
                04 00 0000 ff0e0000000000000000000000001234""")));
        // hop-by-hop: next header, length 0, router alert (type 5, length 2, value 0 = MLD), PadN
        assertThat(Hex.of(MembershipReport.mldHopByHop())).isEqualTo("0000050200000100");
    }
}
