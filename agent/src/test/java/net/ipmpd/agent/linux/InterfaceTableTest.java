package net.ipmpd.agent.linux;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.util.List;
import net.ipmpd.agent.linux.netlink.RtnetlinkMessage;
import net.ipmpd.agent.linux.netlink.RtnetlinkParser;
import net.ipmpd.agent.linux.netlink.Rtnl;
import net.ipmpd.engine.event.EngineEvent;
import org.junit.jupiter.api.Test;

class InterfaceTableTest {
    private static final int UP = Rtnl.IFF_UP;
    private static final int RUNNING = Rtnl.IFF_UP | Rtnl.IFF_RUNNING | Rtnl.IFF_LOWER_UP;
    private static final byte[] MAC = {2, 0, 0, 0, 0, 0x10};

    private static RtnetlinkMessage.Link newLink(int index, String name, int flags) {
        return new RtnetlinkMessage.Link(0, Rtnl.RTM_NEWLINK, index, flags, name, MAC, 0);
    }

    private static EngineEvent.LinkReported reported(String name, int index, boolean running) {
        return new EngineEvent.LinkReported(name, index, running, "02:00:00:00:00:10");
    }

    @Test
    void aNewHardwareAddressIsReportedAndAMessageWithoutOneKeepsTheLastKnown() {
        InterfaceTable t = new InterfaceTable();
        t.apply(newLink(2, "h0", RUNNING));
        byte[] other = {2, 0, 0, 0, (byte) 0xab, 0x0c};
        assertThat(t.apply(new RtnetlinkMessage.Link(0, Rtnl.RTM_NEWLINK, 2, RUNNING, "h0", other, 0)))
                .containsExactly(new EngineEvent.LinkReported("h0", 2, true, "02:00:00:00:ab:0c"));
        assertThat(t.apply(new RtnetlinkMessage.Link(0, Rtnl.RTM_NEWLINK, 2, RUNNING, "h0", new byte[0], 0))).isEmpty();
        assertThat(t.link("h0").orElseThrow().hardwareAddress()).isEqualTo("02:00:00:00:ab:0c");
    }

    @Test
    void carrierChangeIsReportedOnceEvenThoughIfiChangeIsZero() {
        InterfaceTable t = new InterfaceTable();
        assertThat(t.apply(newLink(2, "h0", RUNNING))).containsExactly(reported("h0", 2, true));
        assertThat(t.apply(newLink(2, "h0", RUNNING))).isEmpty();              // e.g. an MTU change
        assertThat(t.apply(newLink(2, "h0", UP))).containsExactly(reported("h0", 2, false));
        assertThat(t.apply(newLink(2, "h0", UP | Rtnl.IFF_LOWER_UP))).isEmpty(); // DORMANT: lower up, not running
        assertThat(t.apply(newLink(2, "h0", RUNNING))).containsExactly(reported("h0", 2, true));
    }

    @Test
    void deletedInterfaceIsRemovedWithItsAddresses() throws Exception {
        InterfaceTable t = new InterfaceTable();
        t.apply(newLink(2, "h0", RUNNING));
        t.apply(new RtnetlinkMessage.Address(0, Rtnl.RTM_NEWADDR, 2, 24, 0, 0, InetAddress.getByName("198.18.0.10")));
        assertThat(t.isLocal(InetAddress.getByName("198.18.0.10"))).isTrue();
        assertThat(t.apply(new RtnetlinkMessage.Link(0, Rtnl.RTM_DELLINK, 2, 0, "h0", new byte[0], 0)))
                .containsExactly(new EngineEvent.InterfaceRemoved("h0"));
        assertThat(t.index("h0")).isEmpty();
        assertThat(t.isLocal(InetAddress.getByName("198.18.0.10"))).isFalse();
    }

    @Test
    void renameIsRemovalAndArrival() {
        InterfaceTable t = new InterfaceTable();
        t.apply(newLink(2, "eth0", RUNNING));
        assertThat(t.apply(newLink(2, "h0", RUNNING)))
                .containsExactly(new EngineEvent.InterfaceRemoved("eth0"), reported("h0", 2, true));
        assertThat(t.index("h0")).hasValue(2);
        assertThat(t.index("eth0")).isEmpty();
    }

    @Test
    void resyncReportsChangesAndVanishedInterfacesOnly() {
        InterfaceTable t = new InterfaceTable();
        t.apply(newLink(2, "h0", RUNNING));
        t.apply(newLink(3, "h1", RUNNING));
        t.apply(newLink(4, "h2", RUNNING));
        List<EngineEvent> events = t.resync(List.of(newLink(2, "h0", RUNNING), newLink(3, "h1", UP)));
        assertThat(events).containsExactly(reported("h1", 3, false), new EngineEvent.InterfaceRemoved("h2"));
    }

    @Test
    void recordedDumpFillsTheTable() {
        InterfaceTable t = new InterfaceTable();
        List<RtnetlinkMessage.Link> links = KernelMonitor.links(RtnetlinkParser.parse(Hex.resource("/net/ipmpd/agent/linux/link-dump.hex")));
        t.resync(links);
        // IFLA_ADDRESS decoded as ip link prints it; loopback's all-zero address is none
        assertThat(t.report()).containsExactly(new EngineEvent.LinkReported("lo", 1, false, ""),
                new EngineEvent.LinkReported("p0", 2, false, "0a:b3:e5:f6:87:6c"), reported("h0", 3, false));
        assertThat(t.link("h0").orElseThrow().mac()).containsExactly(MAC);
        t.resyncAddresses(KernelMonitor.addresses(RtnetlinkParser.parse(Hex.resource("/net/ipmpd/agent/linux/address-dump.hex"))));
        assertThat(t.holders(net.ipmpd.agent.linux.netlink.RtnetlinkParserTest.ip("2001:2::10"))).containsExactly("h0");
        assertThat(t.isLocal(net.ipmpd.agent.linux.netlink.RtnetlinkParserTest.ip("fe80::ff:fe00:10%3"))).isTrue();
    }
}
