package net.ipmpd.agent.snmp;

import net.ipmpd.testkit.FakeIpmpService;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import net.ipmpd.engine.CommandResult;
import java.util.concurrent.CompletableFuture;
import net.ipmpd.agent.config.UnsavedChange;
import net.ipmpd.engine.Command;
import net.ipmpd.engine.Outcome;
import net.ipmpd.engine.config.EngineConfig;
import net.ipmpd.engine.notify.Cause;
import net.ipmpd.engine.state.EngineSnapshot;
import net.ipmpd.engine.state.MemberState;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Writes: only SNMPv3 users with access rw; admin state and tunables go to the engine as commands. */
class SnmpWriteTest {
    FakeIpmpService ipmp;
    AgentFixture f;

    @BeforeEach
    void start() throws Exception {
        ipmp = new FakeIpmpService(Snapshots.ipmp0());
        // The fake engine applies offline/online like in.mpathd: refused for the last usable member.
        ipmp.answerWith(this::engine);
        f = new AgentFixture(ipmp);
    }

    private CompletableFuture<Outcome> engine(Command c) {
        EngineSnapshot s = ipmp.snapshot();
        switch (c) {
            case Command.Offline o -> {
                var g = s.groups().get(0);
                if (!MemberAdminWriter.othersUsable(g, s.member(o.interfaceName()).orElseThrow())) {
                    return done(new CommandResult.Refused(CommandResult.Reason.MIN_REDUNDANCY, "no other functioning interface"));
                }
                ipmp.setSnapshot(Snapshots.withMember(s, o.interfaceName(), m -> Snapshots.withState(m, MemberState.OFFLINE,
                        Cause.ADMIN_OFFLINE)));
            }
            case Command.Online o -> ipmp.setSnapshot(Snapshots.withMember(s, o.interfaceName(),
                    m -> Snapshots.withState(m, MemberState.OK, Cause.ADMIN_ONLINE)));
            case Command.EditConfig e -> ipmp.setSnapshot(Snapshots.withConfig(s, e.edit().apply(s.config())));
            case Command.ReplaceConfig r -> {
                return done(new CommandResult.Refused(CommandResult.Reason.INVALID_CONFIG, "unexpected"));
            }
        }
        return done(new Outcome.Done(ipmp.snapshot().config()));
    }

    private static CompletableFuture<Outcome> done(Outcome o) {
        return CompletableFuture.completedFuture(o);
    }

    @AfterEach
    void stop() {
        f.close();
    }

    private static final String NET0 = "IPMP-MIB::ipmpMemberAdminStatus.\"ipmp0\".\"net0\"";
    private static final String NET1 = "IPMP-MIB::ipmpMemberAdminStatus.\"ipmp0\".\"net1\"";

    @Test
    void v2cCommunityCannotWriteAnything() throws Exception {
        var r = f.run(f.v2c("snmpset", AgentFixture.COMMUNITY), NET1, "i", "2");
        assertThat(r.err()).contains("noAccess");
        var sys = f.run(f.v2c("snmpset", AgentFixture.COMMUNITY), "SNMPv2-MIB::sysName.0", "s", "evil");
        assertThat(sys.err()).containsAnyOf("noAccess", "notWritable");
        assertThat(ipmp.commands).isEmpty();
    }

    @Test
    void readOnlyV3UserCannotWrite() throws Exception {
        var r = f.run(f.v3("snmpset", AgentFixture.READER), NET1, "i", "2");
        assertThat(r.err()).contains("noAccess");
        assertThat(ipmp.commands).isEmpty();
    }

    @Test
    void offlineThenOnlineGoToTheEngineAsDrDetachAndAttach() throws Exception {
        var off = f.run(f.v3("snmpset", AgentFixture.ADMIN), NET1, "i", "2");
        assertThat(off.out()).as(off.err()).contains(NET1 + " = INTEGER: offline(2)");
        assertThat(ipmp.commands).containsExactly(new Command.Offline("net1"));
        var read = f.run(f.v3("snmpget", AgentFixture.READER), "IPMP-MIB::ipmpMemberState.\"ipmp0\".\"net1\"");
        assertThat(read.out()).contains("offline(3)");
        var on = f.run(f.v3("snmpset", AgentFixture.ADMIN), NET1, "i", "1");
        assertThat(on.out()).as(on.err()).contains("online(1)");
        assertThat(ipmp.commands).containsExactly(new Command.Offline("net1"),
                new Command.Online("net1"));
    }

    @Test
    void writingTheCurrentValueSendsNothing() throws Exception {
        var r = f.run(f.v3("snmpset", AgentFixture.ADMIN), NET0, "i", "1");
        assertThat(r.out()).as(r.err()).contains("online(1)");
        assertThat(ipmp.commands).isEmpty();
    }

    @Test
    void offlineOfTheLastUsableMemberIsRefusedWithInconsistentValue() throws Exception {
        assertThat(f.run(f.v3("snmpset", AgentFixture.ADMIN), NET1, "i", "2").out()).contains("offline(2)");
        var r = f.run(f.v3("snmpset", AgentFixture.ADMIN), NET0, "i", "2");
        assertThat(r.err()).contains("inconsistentValue");
        assertThat(ipmp.commands).containsExactly(new Command.Offline("net1"));
        assertThat(ipmp.snapshot().member("net0").orElseThrow().state()).isEqualTo(MemberState.OK);
    }

    @Test
    void aRefusalByTheEngineAtCommitIsCommitFailed() throws Exception {
        ipmp.answerAlways(new CommandResult.Refused(CommandResult.Reason.MIN_REDUNDANCY, "raced"));
        var r = f.run(f.v3("snmpset", AgentFixture.ADMIN), NET1, "i", "2");
        assertThat(r.err()).contains("commitFailed");
        assertThat(ipmp.commands).containsExactly(new Command.Offline("net1"));
    }

    @Test
    void badValuesAndReadOnlyObjectsAreRefusedBeforeTheEngineSeesThem() throws Exception {
        assertThat(f.run(f.v3("snmpset", AgentFixture.ADMIN), NET1, "i", "3").err()).contains("wrongValue");
        // Without IPMP-MIB loaded: Net-SNMP would refuse the wrong type itself.
        var noMib = f.v3("snmpset", AgentFixture.ADMIN);
        noMib.set(2, "SNMPv2-MIB");
        assertThat(f.run(noMib, ".1.3.6.1.4.1.32473.1.1.3.1.15.5.105.112.109.112.48.4.110.101.116.49", "s", "offline")
                .err()).contains("wrongType");
        assertThat(f.run(f.v3("snmpset", AgentFixture.ADMIN), "IPMP-MIB::ipmpGroupState.\"ipmp0\"", "i", "1").err())
                .contains("notWritable");
        assertThat(f.run(f.v3("snmpset", AgentFixture.ADMIN), "IPMP-MIB::ipmpDefaultFailureDetectionTime.0", "u", "50")
                .err()).contains("wrongValue");
        assertThat(f.run(f.v3("snmpset", AgentFixture.ADMIN), "IPMP-MIB::ipmpMemberAdminStatus.\"ipmp0\".\"net9\"",
                "i", "2").err()).containsAnyOf("noCreation", "notWritable", "noAccess");
        assertThat(ipmp.commands).isEmpty();
    }

    @Test
    void tunablesWrittenTogetherBecomeOneConfigurationChange() throws Exception {
        var r = f.run(f.v3("snmpset", AgentFixture.ADMIN), "IPMP-MIB::ipmpDefaultFailureDetectionTime.0", "u", "5000",
                "IPMP-MIB::ipmpFailback.0", "i", "2");
        assertThat(r.out()).as(r.err()).contains("5000").contains("false(2)");
        assertThat(ipmp.commands).hasSize(1);
        var edit = (Command.EditConfig) ipmp.commands.get(0);
        assertThat(edit.save()).as("an SNMP SET survives a restart").isEqualTo(Command.Save.TO_FILE);
        var c = ipmp.snapshot().config();
        assertThat(c.failureDetectionTimeMs()).isEqualTo(5000);
        assertThat(c.failback()).isFalse();
        assertThat(c.groups()).isEqualTo(Snapshots.ipmp0().config().groups());
        // an edit of what it sets, not a whole configuration: what another manager changed meanwhile stays
        EngineConfig meanwhile = Snapshots.ipmp0().config().withTrackInterfacesOnlyWithGroups(false).withGroups(List.of());
        assertThat(edit.edit().apply(meanwhile)).isEqualTo(meanwhile.withFailureDetectionTimeMs(5000).withFailback(false));
        var read = f.run(f.v3("snmpget", AgentFixture.READER), "IPMP-MIB::ipmpDefaultFailureDetectionTime.0");
        assertThat(read.out()).contains("Gauge32: 5000");
    }

    @Test
    void noAnswerInTimeOrAChangeThatRunsUnsavedIsUndoFailedAndAFailureIsCommitFailed() throws Exception {
        String fdt = "IPMP-MIB::ipmpDefaultFailureDetectionTime.0";
        ipmp.answerAlways(new Outcome.TimedOut(java.time.Duration.ofSeconds(2)));
        assertThat(f.run(f.v3("snmpset", AgentFixture.ADMIN), fdt, "u", "5000").err()).contains("undoFailed");
        ipmp.answerAlways(new Outcome.Failed("the change runs but is not saved",
                new UnsavedChange(java.nio.file.Path.of("/etc/ipmpd/ipmpd.json"), new java.io.IOException("read-only"))));
        assertThat(f.run(f.v3("snmpset", AgentFixture.ADMIN), fdt, "u", "6000").err()).contains("undoFailed");
        ipmp.answerAlways(new Outcome.Failed("the engine failed", new IllegalStateException("bug")));
        assertThat(f.run(f.v3("snmpset", AgentFixture.ADMIN), NET1, "i", "2").err()).contains("commitFailed");
    }

    @Test
    void engineBootsPersistAcrossRestartsInAPrivateFile() throws Exception {
        var first = f.run(f.v3("snmpget", AgentFixture.READER), "SNMP-FRAMEWORK-MIB::snmpEngineBoots.0");
        assertThat(first.out()).as(first.err()).contains("INTEGER: 1");
        f.agent.close();   // keeps the state directory, as a daemon restart would
        f = new AgentFixture(ipmp, f.stateDir, List.of(), List.of(), 4, java.time.Duration.ofSeconds(2));
        var second = f.run(f.v3("snmpget", AgentFixture.READER), "SNMP-FRAMEWORK-MIB::snmpEngineBoots.0");
        assertThat(second.out()).as(second.err()).contains("INTEGER: 2");
        var file = f.stateDir.resolve(EngineState.FILE_NAME);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(Files.readString(file)).doesNotContain(AgentFixture.AUTH_PASS).doesNotContain(AgentFixture.PRIV_PASS);
        try (var files = Files.list(f.stateDir)) {
            assertThat(files.map(p -> p.getFileName().toString()).toList()).containsExactly(EngineState.FILE_NAME);
        }
    }
}
