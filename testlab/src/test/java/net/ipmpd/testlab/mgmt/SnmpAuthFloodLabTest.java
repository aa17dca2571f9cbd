package net.ipmpd.testlab.mgmt;

import net.ipmpd.testlab.ExecResult;
import net.ipmpd.testlab.Lab;
import net.ipmpd.testlab.LabProcess;
import net.ipmpd.testlab.e2e.E2eLabs;
import net.ipmpd.testlab.junit.RequiresRoot;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 13 item 1, against the real daemon: nobody stops the agent without credentials. While a bounded flood of
 * wrong-community and malformed datagrams hits the agent, and wrong SNMPv3 keys come in between, every good GET is
 * answered at its first try within Net-SNMP's default timeout (one second), with an SNMPv3 inform target configured
 * (the case that froze the agent for 4 s per wrong community: the inform was sent, and its acknowledgement waited
 * for, on the request thread). The authenticationFailure notifications the flood causes are rate-limited.
 */
@RequiresRoot
class SnmpAuthFloodLabTest {
    private static final Logger LOG = LogManager.getLogger(SnmpAuthFloodLabTest.class);
    static final int WRONG_COMMUNITY_DATAGRAMS = 2000;
    static final int MALFORMED_DATAGRAMS = 500;
    static final int GOOD_GETS = 25;

    @TempDir
    Path dir;

    @Test
    void goodGetsAreAnsweredAtTheFirstTryWhileWrongCredentialsFloodTheAgent() {
        try (Lab lab = Lab.start(E2eLabs.spec(4, false));
             SnmpManager snmp = new SnmpManager(lab, dir)) {
            snmp.startTrapReceiver();
            long startMark = snmp.mark();
            try (ManagedDaemon ipmpd = snmp.startDaemon()) {
                snmp.awaitTrap(startMark, Duration.ofSeconds(10), "SNMPv2-MIB::coldStart");
                List<String> good = List.of("-v2c", "-c", SnmpManager.COMMUNITY, "-t", "1", "-r", "0");
                assertThat(snmp.tool("snmpget", good, "SNMPv2-MIB::sysName.0").stdout()).contains("lab-host");

                long mark = snmp.mark();
                long floodStart = System.nanoTime();
                LabProcess flood = lab.spawn(lab.hostNs(), "/usr/bin/python3", "-c", floodScript());
                List<Long> latencies = new ArrayList<>();
                for (int i = 0; i < GOOD_GETS; i++) {
                    List<String> wrongKey = new ArrayList<>(SnmpManager.v3(SnmpManager.TRAP_USER, false));
                    wrongKey.addAll(List.of("-t", "0.1", "-r", "0"));
                    ExecResult refused = snmp.tool("snmpget", wrongKey, "SNMPv2-MIB::sysName.0");
                    assertThat(refused.stdout()).doesNotContain("lab-host");
                    long t0 = System.nanoTime();
                    ExecResult r = snmp.tool("snmpget", good, "SNMPv2-MIB::sysName.0");
                    latencies.add((System.nanoTime() - t0) / 1_000_000);
                    assertThat(r.stdout()).as("good GET %d during the flood: %s", i, r.stderr())
                            .contains("SNMPv2-MIB::sysName.0 = STRING: lab-host");
                }
                OptionalInt floodExit = flood.waitFor(Duration.ofSeconds(60));
                assertThat(floodExit).as("the flood ran to its end: %s", flood.stderr().all()).hasValue(0);
                long floodSeconds = (System.nanoTime() - floodStart) / 1_000_000_000 + 1;
                List<String> inFlood = flood.stdout().all();
                LOG.warn("SNMP good GETs inside the flood, round trip: {}", inFlood);
                assertThat(inFlood).as("good GETs inside the flood").hasSize(WRONG_COMMUNITY_DATAGRAMS / 40)
                        .allMatch(l -> l.startsWith("answered "));
                LOG.warn("SNMP good GETs (snmpget wall time incl. process start, ms) during {} wrong-community and {} "
                                + "malformed datagrams and {} wrong v3 keys in {} s: {}", WRONG_COMMUNITY_DATAGRAMS,
                        MALFORMED_DATAGRAMS, GOOD_GETS, floodSeconds, latencies);
                assertThat(snmp.tool("snmpget", good, "SNMPv2-MIB::sysName.0").stdout()).contains("lab-host");
                // authenticationFailure: at most one a second (each arrives twice here: v2c trap and v3 inform)
                snmp.awaitTrap(mark, Duration.ofSeconds(5), "SNMPv2-MIB::authenticationFailure");
                long authTraps = snmp.traps(mark).stream()
                        .filter(t -> t.startsWith(SnmpManager.V2C_TRAP) && t.contains("authenticationFailure")).count();
                assertThat(authTraps).as("authenticationFailure traps over %d s of flood", floodSeconds)
                        .isBetween(1L, floodSeconds + 2);
                assertThat(ipmpd.errors()).as("faults in the daemon's own log").isEmpty();
            }
        }
    }

    /**
     * Python, run in the host namespace: wrong-community GETs (a valid SNMPv2c GET of sysName.0 with community
     * "wrong") and malformed datagrams, about one every 2 ms, to the agent; bounded in count. Every 40th time a GET
     * with the good community, waited for up to 1 s: prints "answered MS" (its round trip) or "timeout".
     */
    private static String floodScript() {
        return """
                import socket, struct, time
                s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
                good = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
                good.settimeout(1.0)
                def get(reqid, community):
                    vb = bytes.fromhex('300c06082b060102010105000500')
                    vbl = b'\\x30' + bytes([len(vb)]) + vb
                    pdu = b'\\x02\\x04' + struct.pack('>I', reqid) + bytes.fromhex('020100020100') + vbl
                    pdu = b'\\xa0' + bytes([len(pdu)]) + pdu
                    msg = bytes.fromhex('020101') + b'\\x04' + bytes([len(community)]) + community + pdu
                    return b'\\x30' + bytes([len(msg)]) + msg
                for i in range(%d):
                    s.sendto(get(i + 1, b'wrong'), ('127.0.0.1', %d))
                    if i %% 4 == 0:
                        s.sendto(b'\\x30\\x82\\xff\\xff' + bytes(i %% 64), ('127.0.0.1', %d))
                    if i %% 40 == 20:
                        t0 = time.monotonic()
                        good.sendto(get(100000 + i, b'%s'), ('127.0.0.1', %d))
                        try:
                            good.recv(2000)
                            print('answered %%.2f' %% ((time.monotonic() - t0) * 1000), flush=True)
                        except socket.timeout:
                            print('timeout', flush=True)
                    time.sleep(0.002)
                """.formatted(WRONG_COMMUNITY_DATAGRAMS, SnmpManager.AGENT_PORT, SnmpManager.AGENT_PORT, SnmpManager.COMMUNITY,
                SnmpManager.AGENT_PORT);
    }
}
