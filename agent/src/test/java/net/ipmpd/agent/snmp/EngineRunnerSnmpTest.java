package net.ipmpd.agent.snmp;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.function.Predicate;
import net.ipmpd.agent.runtime.EngineRunner;
import net.ipmpd.agent.snmp.SnmpSettings.TrapTarget;
import net.ipmpd.engine.config.DataAddressConfig;
import net.ipmpd.engine.config.EngineConfig;
import net.ipmpd.engine.config.GroupConfig;
import net.ipmpd.engine.config.MemberConfig;
import net.ipmpd.engine.event.EngineEvent;
import net.ipmpd.engine.state.EngineSnapshot;
import net.ipmpd.engine.state.MemberState;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The agent over the real engine (EngineRunner, no dataplane): SETs go through the engine's own
 * offline/online rules and its notifications come back as traps.
 */
class EngineRunnerSnmpTest {
    EngineRunner runner;
    TrapReceiver receiver;
    AgentFixture f;

    @BeforeEach
    void start() throws Exception {
        EngineConfig config = EngineConfig.defaults().withGroups(List.of(new GroupConfig("ipmp0",
                List.of(MemberConfig.linkOnly("net0", false), MemberConfig.linkOnly("net1", false)),
                List.of(new DataAddressConfig(Snapshots.ip("198.18.7.100"), 24, "net0")))));
        runner = new EngineRunner(config, action -> { }, new Random(1));
        runner.start();
        runner.accept(new EngineEvent.LinkReported("net0", 2, true));
        runner.accept(new EngineEvent.LinkReported("net1", 3, true));
        runner.accept(new EngineEvent.LinkDumpCompleted());
        await(s -> s.member("net0").map(m -> m.state() == MemberState.OK).orElse(false)
                && s.member("net1").map(m -> m.state() == MemberState.OK).orElse(false));
        Path state = Files.createTempDirectory("ipmpd-snmp-state");
        receiver = new TrapReceiver(EngineState.open(state).engineId().toHexString().replace(":", ""));
        f = new AgentFixture(runner, state, List.of(new TrapTarget(InetAddress.getLoopbackAddress(), receiver.port,
                AgentFixture.COMMUNITY, null, false, 0, 1000)), List.of(), 8, Duration.ofMillis(200));
    }

    @AfterEach
    void stop() {
        if (f != null) {
            f.close();
        }
        if (receiver != null) {
            receiver.close();
        }
        runner.close();
    }

    private void await(Predicate<EngineSnapshot> p) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 5000;
        while (!p.test(runner.snapshot())) {
            assertThat(System.currentTimeMillis()).as("engine state not reached").isLessThan(deadline);
            Thread.sleep(10);
        }
    }

    @Test
    void offlineOnlineAndLinkFailureThroughTheRealEngine() throws Exception {
        String net0 = "IPMP-MIB::ipmpMemberAdminStatus.\"ipmp0\".\"net0\"";
        String net1 = "IPMP-MIB::ipmpMemberAdminStatus.\"ipmp0\".\"net1\"";
        var off = f.run(f.v3("snmpset", AgentFixture.ADMIN), net1, "i", "2");
        assertThat(off.out()).as(off.err()).contains("offline(2)");
        // The engine answered the command after publishing its state: the next read sees it.
        var state = f.run(f.v3("snmpget", AgentFixture.READER), "IPMP-MIB::ipmpMemberState.\"ipmp0\".\"net1\"",
                "IPMP-MIB::ipmpGroupState.\"ipmp0\"");
        assertThat(state.out()).contains("offline(3)").contains("degraded(2)");
        assertThat(receiver.await(l -> l.contains("ipmpInterfaceOffline") && l.contains("STRING: net1"), 1, 5000))
                .singleElement().asString().contains("adminOffline(5)");

        var last = f.run(f.v3("snmpset", AgentFixture.ADMIN), net0, "i", "2");
        assertThat(last.err()).contains("inconsistentValue");
        assertThat(runner.snapshot().member("net0").orElseThrow().state()).isEqualTo(MemberState.OK);

        var on = f.run(f.v3("snmpset", AgentFixture.ADMIN), net1, "i", "1");
        assertThat(on.out()).as(on.err()).contains("online(1)");
        assertThat(receiver.await(l -> l.contains("ipmpInterfaceOnline") && l.contains("STRING: net1"), 1, 5000))
                .hasSize(1);

        runner.accept(new EngineEvent.LinkReported("net0", 2, false));
        assertThat(receiver.await(l -> l.contains("ipmpInterfaceFailed") && l.contains("STRING: net0"), 1, 5000))
                .singleElement().asString().contains("linkDown(1)");
        assertThat(receiver.await(l -> l.contains("IF-MIB::linkDown") && l.contains("ifIndex.2 = INTEGER: 2"), 1, 5000))
                .hasSize(1);
        assertThat(receiver.await(l -> l.contains("ipmpAddressMoved"), 1, 5000)).singleElement().asString()
                .contains("ipmpNotifyFromMember.0 = STRING: net0").contains("ipmpNotifyMember.0 = STRING: net1");
        var moved = f.run(f.v2c("snmpget", AgentFixture.COMMUNITY),
                "IPMP-MIB::ipmpDataAddressCurrentMember.5.105.112.109.112.48.1.4.198.18.7.100");
        assertThat(moved.out()).as(moved.err()).contains("STRING: net1");
    }
}
