package net.ipmpd.agent.snmp;

import net.ipmpd.testkit.FakeIpmpService;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import net.ipmpd.agent.snmp.SnmpSettings.TrapTarget;
import net.ipmpd.engine.notify.Cause;
import net.ipmpd.engine.notify.Notification;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Every notification type reaches snmptrapd as a v2c trap, a v3 trap and a v3 inform, with its varbinds. */
class SnmpTrapTest {
    TrapReceiver receiver;
    AgentFixture f;

    @AfterEach
    void stop() {
        if (f != null) {
            f.close();
        }
        if (receiver != null) {
            receiver.close();
        }
    }

    private void start(int burst, Duration refill, boolean allKinds) throws Exception {
        Path state = Files.createTempDirectory("ipmpd-snmp-state");
        String engineId = EngineState.open(state).engineId().toHexString().replace(":", "");
        receiver = new TrapReceiver(engineId);
        InetAddress lo = InetAddress.getLoopbackAddress();
        List<TrapTarget> targets = allKinds ? List.of(
                new TrapTarget(lo, receiver.port, AgentFixture.COMMUNITY, null, false, 0, 1000),
                new TrapTarget(lo, receiver.port, null, AgentFixture.TRAP_USER, false, 0, 1000),
                new TrapTarget(lo, receiver.port, null, AgentFixture.TRAP_USER, true, 2, 1000))
                : List.of(new TrapTarget(lo, receiver.port, AgentFixture.COMMUNITY, null, false, 0, 1000));
        f = new AgentFixture(new FakeIpmpService(Snapshots.ipmp0()), state, targets, List.of(), burst, refill);
    }

    @Test
    void eachNotificationTypeArrivesAsV2cTrapV3TrapAndInform() throws Exception {
        start(20, Duration.ofMillis(100), true);
        assertThat(receiver.await(l -> l.contains("coldStart"), 3, 5000)).hasSize(3);
        FakeIpmpService ipmp = f.ipmp;
        long t = ipmp.nowNanos();
        ipmp.emit(new Notification.InterfaceFailed(t, "ipmp0", "net0", Cause.LINK_DOWN));
        ipmp.emit(new Notification.InterfaceRepaired(t, "ipmp0", "net0", Cause.REPAIRED));
        ipmp.emit(new Notification.InterfaceOffline(t, "ipmp0", "net1", Cause.ADMIN_OFFLINE));
        ipmp.emit(new Notification.InterfaceOnline(t, "ipmp0", "net1", Cause.ADMIN_ONLINE));
        ipmp.emit(new Notification.GroupFailed(t, "ipmp0", Cause.GROUP_FAILURE));
        ipmp.emit(new Notification.GroupRepaired(t, "ipmp0", "net0", Cause.REPAIRED));
        ipmp.emit(new Notification.AddressMoved(t, "ipmp0", Snapshots.ip("198.18.7.100"), "net0", "net1", Cause.LINK_DOWN));
        ipmp.emit(new Notification.Flapping(t, "ipmp0", "net0", true, 2600, Cause.FLAPPING));
        ipmp.emit(new Notification.LinkChanged(t, "ipmp0", "net0", false, Cause.LINK_DOWN));
        ipmp.emit(new Notification.LinkChanged(t, "ipmp0", "net0", true, Cause.REPAIRED));
        // Not traps: probe results and target changes go to NETCONF and the logs only.
        ipmp.emit(new Notification.ProbeCompleted(t, "ipmp0", "net0", net.ipmpd.engine.config.Family.IPV4,
                Snapshots.ip("198.18.7.1"), 1, 300, 320, 350, 80, Cause.NONE));

        expect("IPMP-MIB::ipmpInterfaceFailed", "ipmpNotifyMember.0 = STRING: net0", "ipmpNotifyCause.0 = INTEGER: linkDown(1)");
        expect("IPMP-MIB::ipmpInterfaceRepaired", "ipmpNotifyMember.0 = STRING: net0", "repaired(8)");
        expect("IPMP-MIB::ipmpInterfaceOffline", "ipmpNotifyMember.0 = STRING: net1", "adminOffline(5)");
        expect("IPMP-MIB::ipmpInterfaceOnline", "ipmpNotifyMember.0 = STRING: net1", "adminOnline(6)");
        expect("IPMP-MIB::ipmpGroupFailed", "ipmpNotifyGroup.0 = STRING: ipmp0", "groupFailure(4)");
        expect("IPMP-MIB::ipmpGroupRepaired", "ipmpNotifyMember.0 = STRING: net0", "repaired(8)");
        expect("IPMP-MIB::ipmpAddressMoved", "ipmpNotifyFromMember.0 = STRING: net0", "ipmpNotifyMember.0 = STRING: net1",
                "ipmpNotifyAddressType.0 = INTEGER: ipv4(1)", "ipmpNotifyAddress.0 = Hex-STRING: C6 12 07 64");
        expect("IPMP-MIB::ipmpInterfaceFlapping", "ipmpNotifyFlapSuppressed.0 = INTEGER: true(1)",
                "ipmpNotifyFlapPenalty.0 = Gauge32: 2600");
        expect("IF-MIB::linkDown", "IF-MIB::ifIndex.2 = INTEGER: 2", "IF-MIB::ifOperStatus.2 = INTEGER: down(2)");
        expect("IF-MIB::linkUp", "IF-MIB::ifIndex.2 = INTEGER: 2", "IF-MIB::ifOperStatus.2 = INTEGER: up(1)");
        assertThat(receiver.lines()).hasSize(3 * 11);   // coldStart + 10 notifications, 3 targets each
    }

    @Test
    void aDataAddressPutBackAfterAnotherToolDeletedItIsAnAddressMovedTrapWithCauseKernelChangeAndNoFromMember() throws Exception {
        start(20, Duration.ofMillis(100), false);
        assertThat(receiver.await(l -> l.contains("coldStart"), 1, 5000)).hasSize(1);
        f.ipmp.emit(new Notification.AddressMoved(f.ipmp.nowNanos(), "ipmp0", Snapshots.ip("198.18.7.100"), null, "net0",
                Cause.KERNEL_CHANGE));

        List<String> got = receiver.await(l -> l.contains("ipmpAddressMoved"), 1, 5000);
        assertThat(got).singleElement().asString().contains("ipmpNotifyCause.0 = INTEGER: kernelChange(14)",
                "ipmpNotifyMember.0 = STRING: net0", "ipmpNotifyFromMember.0 = STRING: \t");
    }

    private void expect(String trap, String... varbinds) throws Exception {
        List<String> got = receiver.await(l -> l.contains("snmpTrapOID.0 = OID: " + trap + "\t")
                || l.endsWith("snmpTrapOID.0 = OID: " + trap), 3, 5000);
        assertThat(got).as(trap).hasSize(3);
        assertThat(got).anyMatch(l -> l.startsWith("TRAP2, SNMP v2c, community public"))
                .anyMatch(l -> l.startsWith("TRAP2, SNMP v3, user " + AgentFixture.TRAP_USER))
                .anyMatch(l -> l.startsWith("INFORM, SNMP v3, user " + AgentFixture.TRAP_USER));
        for (String l : got) {
            for (String vb : varbinds) {
                assertThat(l).contains(vb);
            }
            if (trap.startsWith("IPMP-MIB")) {
                assertThat(l).contains("ipmpNotifyGroup.0 = STRING: ipmp0").contains("ipmpNotifyTime.0 = STRING: ")
                        .contains("ipmpNotifySuppressed.0 = Gauge32: 0");
            }
        }
    }

    @Test
    void underFlappingTheRateLimitKeepsTheLatestStateAndCountsWhatItLeftOut() throws Exception {
        start(1, Duration.ofMillis(500), false);
        assertThat(receiver.await(l -> l.contains("coldStart"), 1, 5000)).hasSize(1);
        FakeIpmpService ipmp = f.ipmp;
        for (int i = 0; i < 3; i++) {
            ipmp.emit(new Notification.InterfaceFailed(ipmp.nowNanos(), "ipmp0", "net0", Cause.LINK_DOWN));
            ipmp.emit(new Notification.InterfaceRepaired(ipmp.nowNanos(), "ipmp0", "net0", Cause.REPAIRED));
        }
        // Another member is not held back by net0's flapping.
        ipmp.emit(new Notification.InterfaceOffline(ipmp.nowNanos(), "ipmp0", "net1", Cause.ADMIN_OFFLINE));
        List<String> net0 = receiver.await(l -> l.contains("ipmpNotifyMember.0 = STRING: net0"), 2, 3000);
        Thread.sleep(700);   // a third one would have arrived by now
        net0 = receiver.lines().stream().filter(l -> l.contains("ipmpNotifyMember.0 = STRING: net0")).toList();
        assertThat(net0).hasSize(2);
        assertThat(net0.get(0)).contains("ipmpInterfaceFailed").contains("ipmpNotifySuppressed.0 = Gauge32: 0");
        assertThat(net0.get(1)).contains("ipmpInterfaceRepaired").contains("ipmpNotifySuppressed.0 = Gauge32: 4");
        assertThat(receiver.lines()).anyMatch(l -> l.contains("ipmpInterfaceOffline") && l.contains("net1"));
    }
}
