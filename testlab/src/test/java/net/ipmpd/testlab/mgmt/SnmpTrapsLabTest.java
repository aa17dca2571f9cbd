package net.ipmpd.testlab.mgmt;

import net.ipmpd.engine.state.MemberState;
import net.ipmpd.testlab.Lab;
import net.ipmpd.testlab.e2e.E2eLabs;
import net.ipmpd.testlab.e2e.OperatorTools;
import net.ipmpd.testlab.junit.RequiresRoot;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import static net.ipmpd.testlab.mgmt.MgmtLabs.DATA0;
import static net.ipmpd.testlab.mgmt.MgmtLabs.DATA1;
import static net.ipmpd.testlab.mgmt.MgmtLabs.G0;
import static net.ipmpd.testlab.mgmt.MgmtLabs.G1;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 4: every IPMP-MIB notification (and IF-MIB linkDown/linkUp) arrives at net-snmp's snmptrapd for the real lab
 * fault that causes it, decoded with IPMP-MIB loaded by name, with the right group, member, cause and a timestamp,
 * both as a v2c trap and as an SNMPv3 authPriv inform; and an snmpwalk of the IPMP-MIB tables shows what ipmpstat
 * shows, in steady state and during a group failure.
 */
@RequiresRoot
class SnmpTrapsLabTest {
    private static final Logger LOG = LogManager.getLogger(SnmpTrapsLabTest.class);
    private static final Duration TRAP_WAIT = Duration.ofSeconds(4);

    @TempDir
    Path dir;

    private final List<String> figures = new ArrayList<>();

    @Test
    void eachRealFaultSendsItsTrapAndTheWalkMatchesIpmpstat() {
        try (Lab lab = Lab.start(E2eLabs.spec(4, false));
             SnmpManager snmp = new SnmpManager(lab, dir)) {
            snmp.startTrapReceiver();
            long startMark = snmp.mark();
            try (ManagedDaemon ipmpd = snmp.startDaemon()) {
                snmp.awaitTrap(startMark, Duration.ofSeconds(5), "SNMPv2-MIB::coldStart");
                lab.awaitAddress(lab.hostNs(), "m0", DATA0, true, Duration.ofSeconds(5));
                lab.awaitAddress(lab.hostNs(), "m2", DATA1, true, Duration.ofSeconds(5));
                MgmtLabs.awaitProbesAnswered(ipmpd, Duration.ofSeconds(15), "m0", "m1", "m2", "m3");
                OperatorTools tools = new OperatorTools(ipmpd.socket());

                walkMatchesIpmpstat(snmp, tools);
                carrierLoss(lab, snmp, ipmpd);
                switchPortFailure(lab, snmp, ipmpd);
                offlineOnline(lab, snmp, tools);
                groupFailure(lab, snmp, ipmpd);
                // after all of it, once every member is back, the tables still agree with ipmpstat
                MgmtLabs.awaitProbesAnswered(ipmpd, Duration.ofSeconds(15), "m0", "m1", "m2", "m3");
                walkMatchesIpmpstat(snmp, tools);
                assertThat(snmp.traps(startMark)).as("no notification was held back by the rate limiter")
                        .filteredOn(t -> t.contains("IPMP-MIB::ipmpNotifySuppressed.0"))
                        .allSatisfy(t -> assertThat(t).contains("IPMP-MIB::ipmpNotifySuppressed.0 = Gauge32: 0"));
                assertThat(ipmpd.errors()).as("faults in the daemon's own log").isEmpty();
                LOG.warn("SNMP traps in the lab, fault -> trap at snmptrapd: {}", String.join(", ", figures));
            }
        }
    }

    // ---- the faults ------------------------------------------------------------------------------------------

    /** Carrier loss on m0: ipmpInterfaceFailed (linkDown), IF-MIB linkDown, ipmpAddressMoved m0 -> m1; then back. */
    private void carrierLoss(Lab lab, SnmpManager snmp, ManagedDaemon ipmpd) {
        int ifIndex = lab.link(lab.hostNs(), "m0").ifindex();
        long mark = snmp.mark();
        long t0 = System.nanoTime();
        long wall0 = System.currentTimeMillis();
        lab.faults().carrierDown("m0");
        String failed = ipmpTrap(snmp, mark, "ipmpInterfaceFailed", G0, "m0", "linkDown(1)");
        figure("carrier down -> ipmpInterfaceFailed", t0);
        assertTimestamp(failed, wall0);
        String linkDown = snmp.awaitTrap(mark, TRAP_WAIT, "snmpTrapOID.0 = OID: IF-MIB::linkDown",
                "IF-MIB::ifIndex." + ifIndex + " = INTEGER: " + ifIndex,
                "IF-MIB::ifOperStatus." + ifIndex + " = INTEGER: down(2)");
        figure("carrier down -> IF-MIB::linkDown", t0);
        assertThat(linkDown).contains("IF-MIB::ifAdminStatus." + ifIndex + " = INTEGER: up(1)");
        String moved = ipmpTrap(snmp, mark, "ipmpAddressMoved", G0, "m1", "linkDown(1)",
                "ipmpNotifyFromMember.0 = STRING: m0", "ipmpNotifyAddressType.0 = INTEGER: ipv4(1)",
                "ipmpNotifyAddress.0 = Hex-STRING: C6 12 00 64");
        figure("carrier down -> ipmpAddressMoved", t0);
        assertTimestamp(moved, wall0);
        lab.awaitAddress(lab.hostNs(), "m1", DATA0, true, Duration.ofSeconds(1));

        mark = snmp.mark();
        t0 = System.nanoTime();
        wall0 = System.currentTimeMillis();
        lab.faults().carrierUp("m0");
        // the link is up at once; the repair waits for answered probes (in.mpathd repairs a probed interface only
        // when its probes succeed again)
        snmp.awaitTrap(mark, TRAP_WAIT, "snmpTrapOID.0 = OID: IF-MIB::linkUp",
                "IF-MIB::ifIndex." + ifIndex + " = INTEGER: " + ifIndex,
                "IF-MIB::ifOperStatus." + ifIndex + " = INTEGER: up(1)");
        figure("carrier up -> IF-MIB::linkUp", t0);
        assertTimestamp(ipmpTrap(snmp, mark, MgmtLabs.repairWait(ipmpd, G0), "ipmpInterfaceRepaired", G0, "m0",
                "repaired(8)"), wall0);
        figure("carrier up -> ipmpInterfaceRepaired", t0);
        ipmpTrap(snmp, mark, "ipmpAddressMoved", G0, "m0", "failback(9)", "ipmpNotifyFromMember.0 = STRING: m1");
        figure("carrier up -> ipmpAddressMoved (failback)", t0);
        lab.awaitAddress(lab.hostNs(), "m0", DATA0, true, Duration.ofSeconds(1));
    }

    /** m2's switch port stops forwarding, carrier stays up: ipmpInterfaceFailed (probesLost) and the move to m3. */
    private void switchPortFailure(Lab lab, SnmpManager snmp, ManagedDaemon ipmpd) {
        // in.mpathd raises a group's FDT when probe round trips are slow (a loaded 2-core machine, a cold JVM):
        // detection takes up to the effective FDT, not the configured one
        long fdt = MgmtLabs.effectiveFdtMs(ipmpd, G1);
        long mark = snmp.mark();
        long t0 = System.nanoTime();
        long wall0 = System.currentTimeMillis();
        lab.faults().blockPort("m2");
        String failed = snmp.awaitTrap(mark, MgmtLabs.detectionWait(ipmpd, G1), "snmpTrapOID.0 = OID: IPMP-MIB::ipmpInterfaceFailed\t",
                "IPMP-MIB::ipmpNotifyMember.0 = STRING: m2");
        assertThat(failed).contains("IPMP-MIB::ipmpNotifyGroup.0 = STRING: " + G1,
                "IPMP-MIB::ipmpNotifyCause.0 = INTEGER: probesLost(2)", "IPMP-MIB::ipmpNotifyTime.0 = STRING: ");
        figure("port m2 blocked -> ipmpInterfaceFailed (effective FDT " + fdt + " ms)", t0);
        assertTimestamp(failed, wall0);
        ipmpTrap(snmp, mark, "ipmpAddressMoved", G1, "m3", "probesLost(2)", "ipmpNotifyFromMember.0 = STRING: m2",
                "ipmpNotifyAddress.0 = Hex-STRING: C6 12 00 65");
        assertThat(snmp.traps(mark)).as("a switch-port failure leaves the carrier up: no IF-MIB linkDown")
                .noneMatch(t -> t.contains("IF-MIB::linkDown"));
        lab.awaitAddress(lab.hostNs(), "m3", DATA1, true, Duration.ofSeconds(1));

        mark = snmp.mark();
        t0 = System.nanoTime();
        lab.faults().unblockPort("m2");
        ipmpTrap(snmp, mark, MgmtLabs.repairWait(ipmpd, G1), "ipmpInterfaceRepaired", G1, "m2", "repaired(8)");
        figure("port m2 unblocked -> ipmpInterfaceRepaired", t0);
        ipmpTrap(snmp, mark, "ipmpAddressMoved", G1, "m2", "failback(9)", "ipmpNotifyFromMember.0 = STRING: m3");
        lab.awaitAddress(lab.hostNs(), "m2", DATA1, true, Duration.ofSeconds(1));
    }

    /** if_mpadm -d m0: ipmpInterfaceOffline (adminOffline) and the move; if_mpadm -r m0: ipmpInterfaceOnline. */
    private void offlineOnline(Lab lab, SnmpManager snmp, OperatorTools tools) {
        long mark = snmp.mark();
        long t0 = System.nanoTime();
        OperatorTools.Result off = tools.ifMpadm("-d", "m0");
        assertThat(off.exitCode()).as(off.toString()).isZero();
        ipmpTrap(snmp, mark, "ipmpInterfaceOffline", G0, "m0", "adminOffline(5)");
        figure("if_mpadm -d -> ipmpInterfaceOffline", t0);
        ipmpTrap(snmp, mark, "ipmpAddressMoved", G0, "m1", "adminOffline(5)", "ipmpNotifyFromMember.0 = STRING: m0");
        lab.awaitAddress(lab.hostNs(), "m1", DATA0, true, Duration.ofSeconds(1));

        mark = snmp.mark();
        t0 = System.nanoTime();
        OperatorTools.Result on = tools.ifMpadm("-r", "m0");
        assertThat(on.exitCode()).as(on.toString()).isZero();
        ipmpTrap(snmp, mark, "ipmpInterfaceOnline", G0, "m0", "adminOnline(6)");
        figure("if_mpadm -r -> ipmpInterfaceOnline", t0);
        lab.awaitAddress(lab.hostNs(), "m0", DATA0, true, Duration.ofSeconds(6));
        snmp.awaitTrap(mark, TRAP_WAIT, "snmpTrapOID.0 = OID: IPMP-MIB::ipmpAddressMoved\t",
                "ipmpNotifyFromMember.0 = STRING: m1", "ipmpNotifyMember.0 = STRING: m0");
    }

    /** Both ports of ipmp1 stop forwarding: ipmpGroupFailed; unblocked: ipmpGroupRepaired naming a usable member. */
    private void groupFailure(Lab lab, SnmpManager snmp, ManagedDaemon ipmpd) {
        MgmtLabs.awaitProbesAnswered(ipmpd, Duration.ofSeconds(10), "m2", "m3");
        long mark = snmp.mark();
        long t0 = System.nanoTime();
        long wall0 = System.currentTimeMillis();
        long fdt = MgmtLabs.effectiveFdtMs(ipmpd, G1);
        lab.faults().blockPort("m2");
        lab.faults().blockPort("m3");
        String failed = snmp.awaitTrap(mark, MgmtLabs.detectionWait(ipmpd, G1),
                "snmpTrapOID.0 = OID: IPMP-MIB::ipmpGroupFailed\t",
                "ipmpNotifyGroup.0 = STRING: " + G1, "ipmpNotifyCause.0 = INTEGER: groupFailure(4)");
        figure("both ports of ipmp1 blocked -> ipmpGroupFailed (effective FDT " + fdt + " ms)", t0);
        assertTimestamp(failed, wall0);
        // in.mpathd: when every member fails together the fault is beyond the group, and so is each member's cause
        ipmpTrap(snmp, mark, "ipmpInterfaceFailed", G1, "m2", "groupFailure(4)");
        ipmpTrap(snmp, mark, "ipmpInterfaceFailed", G1, "m3", "groupFailure(4)");
        assertThat(snmp.traps(mark)).as("only ipmp1 failed").noneMatch(
                t -> t.contains("ipmpGroupFailed") && t.contains("ipmpNotifyGroup.0 = STRING: " + G0));
        // during the outage the MIB shows it as ipmpstat does
        ipmpd.awaitSnapshot("both members of ipmp1 failed", Duration.ofSeconds(3), s -> s.group(G1).orElseThrow()
                .members().stream().allMatch(m -> m.state() == MemberState.FAILED));
        String seen = walkMatchesIpmpstat(snmp, new OperatorTools(ipmpd.socket()));
        assertThat(seen).contains("[ipmp1, failed").contains("[m2, no, ipmp1, up, failed, failed]");

        mark = snmp.mark();
        t0 = System.nanoTime();
        lab.faults().unblockPort("m2");
        lab.faults().unblockPort("m3");
        String repaired = snmp.awaitTrap(mark, MgmtLabs.repairWait(ipmpd, G1),
                "snmpTrapOID.0 = OID: IPMP-MIB::ipmpGroupRepaired\t",
                "ipmpNotifyGroup.0 = STRING: " + G1, "ipmpNotifyCause.0 = INTEGER: repaired(8)");
        figure("ipmp1 unblocked -> ipmpGroupRepaired", t0);
        // ipmpNotifyMember of ipmpGroupRepaired: the first member usable again
        assertThat(repaired).containsAnyOf("IPMP-MIB::ipmpNotifyMember.0 = STRING: m2",
                "IPMP-MIB::ipmpNotifyMember.0 = STRING: m3");
        lab.awaitAddress(lab.hostNs(), "m2", DATA1, true, MgmtLabs.repairWait(ipmpd, G1).get());
    }

    // ---- helpers ---------------------------------------------------------------------------------------------

    /** Waits for an IPMP-MIB notification with its group, member and cause varbinds (and any more fragments). */
    private static String ipmpTrap(SnmpManager snmp, long mark, String name, String group, String member,
                                   String cause, String... more) {
        return ipmpTrap(snmp, mark, () -> TRAP_WAIT, name, group, member, cause, more);
    }

    private static String ipmpTrap(SnmpManager snmp, long mark, Supplier<Duration> timeout, String name, String group,
                                   String member, String cause, String... more) {
        List<String> fragments = new ArrayList<>(List.of("snmpTrapOID.0 = OID: IPMP-MIB::" + name + "\t",
                "IPMP-MIB::ipmpNotifyGroup.0 = STRING: " + group,
                "IPMP-MIB::ipmpNotifyMember.0 = STRING: " + member,
                "IPMP-MIB::ipmpNotifyCause.0 = INTEGER: " + cause));
        fragments.addAll(List.of(more));
        String trap = snmp.awaitTrap(mark, timeout, fragments.toArray(String[]::new));
        assertThat(trap).contains("IPMP-MIB::ipmpNotifyTime.0 = STRING: ");
        return trap;
    }

    private void figure(String what, long t0) {
        figures.add(what + " " + MgmtLabs.millisSince(t0) + " ms");
    }

    /** ipmpNotifyTime (DateAndTime, UTC) is the engine's decision time: after the fault, within a few seconds. */
    private static void assertTimestamp(String trap, long faultWallMillis) {
        long t = SnmpValues.notifyTimeMillis(trap);
        // DateAndTime has deci-seconds: allow that much before the fault
        assertThat(t).as("ipmpNotifyTime of %s", trap).isBetween(faultWallMillis - 100, faultWallMillis + 8000);
    }

    private static String walkMatchesIpmpstat(SnmpManager snmp, OperatorTools tools) {
        return SnmpValues.assertWalkMatchesIpmpstat(snmp, tools);
    }
}
