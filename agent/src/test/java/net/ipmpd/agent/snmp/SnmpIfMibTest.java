package net.ipmpd.agent.snmp;

import net.ipmpd.testkit.FakeIpmpService;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import net.ipmpd.engine.notify.Cause;
import net.ipmpd.engine.notify.Notification;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 13 item 3: IF-MIB rows of the members as RFC 2863 has them, from the kernel's facts about each link (a fake
 * sysfs here: net0 is a 10 Gb/s Ethernet NIC in promiscuous mode whose received octets passed 2^32; net1 has no sysfs
 * directory, as a link that vanished between snapshot and request).
 */
class SnmpIfMibTest {
    static final long RX_BYTES = 5_000_000_000L;
    static FakeIpmpService ipmp;
    static AgentFixture f;
    static Path sys;

    @BeforeAll
    static void start() throws Exception {
        sys = Files.createTempDirectory("ipmpd-fake-sysfs");
        Path net0 = sys.resolve("net0");
        Files.createDirectories(net0.resolve("statistics"));
        Files.createDirectories(net0.resolve("device"));
        write(net0, "type", "1");
        write(net0, "mtu", "9000");
        write(net0, "speed", "10000");
        write(net0, "address", "02:00:5e:10:00:01");
        write(net0, "flags", "0x1103");
        write(net0, "statistics/rx_bytes", Long.toString(RX_BYTES));
        write(net0, "statistics/rx_packets", "1000");
        write(net0, "statistics/multicast", "100");
        write(net0, "statistics/rx_errors", "3");
        write(net0, "statistics/rx_dropped", "4");
        write(net0, "statistics/rx_nohandler", "5");
        write(net0, "statistics/tx_bytes", "123456");
        write(net0, "statistics/tx_packets", "800");
        write(net0, "statistics/tx_errors", "6");
        write(net0, "statistics/tx_dropped", "7");
        ipmp = new FakeIpmpService(Snapshots.ipmp0());
        f = new AgentFixture(ipmp, Files.createTempDirectory("ipmpd-snmp-state"), List.of(), List.of(), 4,
                Duration.ofSeconds(2), sys);
    }

    private static void write(Path dir, String file, String text) throws Exception {
        Files.writeString(dir.resolve(file), text + "\n");
    }

    @AfterAll
    static void stop() {
        f.close();
        Cli.deleteTree(sys);
    }

    @Test
    void ifTableHasTypeMtuSpeedAddressAndTheKernelCountersWrappedTo32Bits() throws Exception {
        var r = f.run(f.v2c("snmpwalk", AgentFixture.COMMUNITY), "IF-MIB::ifTable");
        assertThat(r.out()).as(r.err())
                .contains("IF-MIB::ifType.2 = INTEGER: ethernetCsmacd(6)")
                .contains("IF-MIB::ifMtu.2 = INTEGER: 9000")
                .contains("IF-MIB::ifSpeed.2 = Gauge32: 4294967295")
                .contains("IF-MIB::ifPhysAddress.2 = STRING: 2:0:5e:10:0:1")
                .contains("IF-MIB::ifInOctets.2 = Counter32: " + (RX_BYTES % (1L << 32)))
                .contains("IF-MIB::ifInUcastPkts.2 = Counter32: 900")
                .contains("IF-MIB::ifInDiscards.2 = Counter32: 4")
                .contains("IF-MIB::ifInErrors.2 = Counter32: 3")
                .contains("IF-MIB::ifInUnknownProtos.2 = Counter32: 5")
                .contains("IF-MIB::ifOutOctets.2 = Counter32: 123456")
                .contains("IF-MIB::ifOutUcastPkts.2 = Counter32: 800")
                .contains("IF-MIB::ifOutDiscards.2 = Counter32: 7")
                .contains("IF-MIB::ifOutErrors.2 = Counter32: 6")
                // net1 has no sysfs directory: its kernel facts are absent, not invented
                .contains("IF-MIB::ifType.3 = INTEGER: other(1)")
                .doesNotContain("IF-MIB::ifMtu.3")
                .doesNotContain("IF-MIB::ifInOctets.3");
    }

    @Test
    void ifXTableHasTheHighCapacityCountersSpeedAndFlags() throws Exception {
        var r = f.run(f.v2c("snmpwalk", AgentFixture.COMMUNITY), "IF-MIB::ifXTable");
        assertThat(r.out()).as(r.err())
                .contains("IF-MIB::ifName.2 = STRING: net0")
                .contains("IF-MIB::ifInMulticastPkts.2 = Counter32: 100")
                .contains("IF-MIB::ifHCInOctets.2 = Counter64: " + RX_BYTES)
                .contains("IF-MIB::ifHCInUcastPkts.2 = Counter64: 900")
                .contains("IF-MIB::ifHCInMulticastPkts.2 = Counter64: 100")
                .contains("IF-MIB::ifHCOutOctets.2 = Counter64: 123456")
                .contains("IF-MIB::ifHCOutUcastPkts.2 = Counter64: 800")
                .contains("IF-MIB::ifLinkUpDownTrapEnable.2 = INTEGER: enabled(1)")
                .contains("IF-MIB::ifHighSpeed.2 = Gauge32: 10000")
                .contains("IF-MIB::ifPromiscuousMode.2 = INTEGER: true(1)")
                .contains("IF-MIB::ifConnectorPresent.2 = INTEGER: true(1)")
                .contains("IF-MIB::ifAlias.2 = STRING: ipmp group ipmp0");
    }

    @Test
    void ifLastChangeIsTheOperationalStatusChangeNotTheIpmpStateChange() throws Exception {
        // The snapshot's member last changed (IPMP state) at engine time 1 s; ifLastChange follows the link only.
        var before = f.run(f.v2c("snmpget", AgentFixture.COMMUNITY), "IF-MIB::ifLastChange.3");
        assertThat(before.out()).as(before.err()).contains("IF-MIB::ifLastChange.3 = Timeticks: (0)");
        Thread.sleep(300);
        ipmp.emit(new Notification.LinkChanged(ipmp.nowNanos(), "ipmp0", "net1", false, Cause.LINK_DOWN));
        var after = f.run(f.v2c("snmpget", AgentFixture.COMMUNITY), "-Ot", "IF-MIB::ifLastChange.3",
                "SNMPv2-MIB::sysUpTime.0");
        List<Long> ticks = after.out().lines().map(l -> Long.parseLong(l.substring(l.lastIndexOf(' ') + 1).trim()))
                .toList();
        assertThat(ticks).as(after.out() + after.err()).hasSize(2);
        assertThat(ticks.get(0)).as("ifLastChange: the sysUpTime of the link change, shortly before now")
                .isPositive().isLessThanOrEqualTo(ticks.get(1)).isGreaterThan(ticks.get(1) - 500);
    }
}
