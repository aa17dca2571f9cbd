package net.ipmpd.testlab.mgmt;

import net.ipmpd.testlab.ExecResult;
import net.ipmpd.testlab.Lab;
import net.ipmpd.testlab.LinkInfo;
import net.ipmpd.testlab.e2e.E2eLabs;
import net.ipmpd.testlab.junit.RequiresRoot;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 13 item 3 against the real daemon: a member's IF-MIB row shows what the kernel knows about the lab's veth
 * (Ethernet type, MTU, MAC), its 64-bit octet counters grow with ipmpd's own probe traffic, and ifLastChange moves
 * when the carrier goes away.
 */
@RequiresRoot
class SnmpIfMibLabTest {
    private static final List<String> V2C = List.of("-v2c", "-c", SnmpManager.COMMUNITY, "-t", "2", "-r", "1", "-Ot");

    @TempDir
    Path dir;

    @Test
    void aMembersRowShowsTheKernelsLinkAndItsTrafficGrows() throws Exception {
        try (Lab lab = Lab.start(E2eLabs.spec(4, false));
             SnmpManager snmp = new SnmpManager(lab, dir)) {
            try (ManagedDaemon ipmpd = snmp.startDaemon()) {
                MgmtLabs.awaitProbesAnswered(ipmpd, Duration.ofSeconds(15), "m0", "m1");
                LinkInfo m0 = lab.link(lab.hostNs(), "m0");
                int i = m0.ifindex();
                String row = get(snmp, "IF-MIB::ifType." + i, "IF-MIB::ifMtu." + i, "IF-MIB::ifPhysAddress." + i,
                        "IF-MIB::ifOperStatus." + i, "IF-MIB::ifName." + i, "IF-MIB::ifHighSpeed." + i);
                assertThat(row).contains("IF-MIB::ifType." + i + " = INTEGER: ethernetCsmacd(6)",
                        "IF-MIB::ifMtu." + i + " = INTEGER: " + m0.mtu(),
                        "IF-MIB::ifPhysAddress." + i + " = STRING: " + netSnmpMac(m0.mac()),
                        "IF-MIB::ifOperStatus." + i + " = INTEGER: up(1)",
                        "IF-MIB::ifName." + i + " = STRING: m0");

                long out0 = counter(get(snmp, "IF-MIB::ifHCOutOctets." + i));
                long in0 = counter(get(snmp, "IF-MIB::ifHCInOctets." + i));
                // probes every FDT/7 (about 140 ms) and their replies; the agent re-reads a link at most once a second
                Thread.sleep(2500);
                assertThat(counter(get(snmp, "IF-MIB::ifHCOutOctets." + i))).as("octets sent by m0's probes")
                        .isGreaterThan(out0);
                assertThat(counter(get(snmp, "IF-MIB::ifHCInOctets." + i))).as("octets of the probe replies")
                        .isGreaterThan(in0);

                String before = get(snmp, "IF-MIB::ifLastChange." + i);
                lab.faults().carrierDown("m0");
                ipmpd.awaitSnapshot("m0's link down", Duration.ofSeconds(5),
                        s -> s.member("m0").orElseThrow().link() == net.ipmpd.engine.state.LinkState.DOWN);
                String after = get(snmp, "IF-MIB::ifLastChange." + i, "IF-MIB::ifOperStatus." + i,
                        "SNMPv2-MIB::sysUpTime.0");
                assertThat(after).contains("IF-MIB::ifOperStatus." + i + " = INTEGER: down(2)");
                long changed = ticks(after, "ifLastChange");
                assertThat(changed).as("ifLastChange was %s before the carrier loss", before)
                        .isGreaterThan(ticks(before, "ifLastChange")).isLessThanOrEqualTo(ticks(after, "sysUpTime"));
                lab.faults().carrierUp("m0");
            }
        }
    }

    private static String get(SnmpManager snmp, String... oids) {
        ExecResult r = snmp.tool("snmpget", V2C, oids);
        assertThat(r.ok()).as(r.describeFailure()).isTrue();
        assertThat(r.stdout()).doesNotContain("No Such");
        return r.stdout();
    }

    private static long counter(String line) {
        return Long.parseLong(line.substring(line.indexOf("Counter64: ") + 11).trim());
    }

    private static long ticks(String out, String name) {
        String line = out.lines().filter(l -> l.contains(name)).findFirst().orElseThrow();
        return Long.parseLong(line.substring(line.lastIndexOf(' ') + 1).trim());
    }

    /** Net-SNMP prints a 6-octet ifPhysAddress as hex bytes without leading zeros: 2:0:0:0:1:0. */
    private static String netSnmpMac(String mac) {
        return Arrays.stream(mac.split(":")).map(b -> Integer.toHexString(Integer.parseInt(b, 16)))
                .collect(Collectors.joining(":"));
    }
}
