package net.ipmpd.agent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import net.ipmpd.agent.control.ControlServer;
import net.ipmpd.testkit.FakeIpmpService;
import net.ipmpd.agent.control.SampleSnapshot;
import net.ipmpd.engine.Command;
import net.ipmpd.engine.CommandResult;
import net.ipmpd.engine.Outcome;
import net.ipmpd.engine.CommandResult.Reason;
import net.ipmpd.engine.event.EngineEvent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** if_mpadm against a control server with a fake engine, through the real socket. */
@Timeout(60)
class IfMpadmTest {
    @TempDir
    Path dir;

    private final FakeIpmpService ipmp = new FakeIpmpService(SampleSnapshot.sample());
    private ControlServer server;
    private Path socket;

    @BeforeEach
    void start() throws Exception {
        socket = dir.resolve("ipmpd.sock");
        server = new ControlServer(socket, ipmp);
        server.start();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private CliHarness ifMpadm(String... args) {
        return CliHarness.run(IfMpadm::run, Map.of("IPMPD_SOCKET", socket.toString()), args);
    }

    private void refuse(Reason reason) {
        ipmp.answerWith(e -> CompletableFuture.completedFuture(new CommandResult.Refused(reason, "engine says no")));
    }

    @Test
    void offlineAndUndoReachTheEngineAndPrintNothing() {
        CliHarness d = ifMpadm("-d", "net1");
        assertThat(d.status()).isZero();
        assertThat(d.out() + d.err()).isEmpty();
        CliHarness r = ifMpadm("-rnet1");
        assertThat(r.status()).isZero();
        assertThat(ipmp.commands).containsExactly(new Command.Offline("net1"),
                new Command.Online("net1"));
    }

    @Test
    void theLastUsableInterfaceCannotBeTakenOfflineWithSolarissMessage() {
        refuse(Reason.MIN_REDUNDANCY);
        CliHarness d = ifMpadm("-d", "net0");
        assertThat(d.status()).isEqualTo(1);
        assertThat(d.err()).isEqualTo(
                "if_mpadm: fatal: cannot offline net0: no other functioning interfaces are in its IPMP group\n");
    }

    @Test
    void undoOnAnInterfaceThatIsNotOfflineFails() {
        refuse(Reason.NOT_OFFLINE);
        CliHarness r = ifMpadm("-r", "net0");
        assertThat(r.status()).isEqualTo(1);
        assertThat(r.err()).isEqualTo("if_mpadm: fatal: interface net0 is not offline\n");
    }

    @Test
    void everyOtherRefusalHasItsSolarisWording() {
        refuse(Reason.ALREADY_OFFLINE);
        assertThat(ifMpadm("-d", "net3").err()).isEqualTo("if_mpadm: fatal: interface net3 is already offline\n");
        refuse(Reason.UNKNOWN_INTERFACE);
        assertThat(ifMpadm("-d", "eth7").err())
                .isEqualTo("if_mpadm: fatal: cannot offline eth7: not a physical interface or not in an IPMP group\n");
        refuse(Reason.NOT_IN_GROUP);
        assertThat(ifMpadm("-r", "eth9").err())
                .isEqualTo("if_mpadm: fatal: cannot undo-offline eth9: not a physical interface or not in an IPMP group\n");
        refuse(Reason.NOT_PRESENT);
        assertThat(ifMpadm("-r", "eth5").err())
                .isEqualTo("if_mpadm: fatal: cannot get interface flags on eth5: No such device or address\n");
        refuse(Reason.INVALID_CONFIG);
        assertThat(ifMpadm("-d", "net0").err()).isEqualTo("if_mpadm: fatal: cannot offline net0: engine says no\n");
    }

    @Test
    void anInvalidInterfaceNameNeverReachesTheEngine() {
        CliHarness d = ifMpadm("-d", "a/b");
        assertThat(d.status()).isEqualTo(1);
        assertThat(d.err()).startsWith("if_mpadm: fatal: cannot offline a/b: invalid argument (");
        assertThat(ipmp.commands).isEmpty();
    }

    @Test
    void badArgumentsPrintTheUsageAndExit1() {
        for (String[] args : new String[][] {{}, {"-x", "net0"}, {"-d"}, {"net0"}, {"-d", "net0", "extra"}}) {
            CliHarness r = ifMpadm(args);
            assertThat(r.status()).as(String.join(" ", args)).isEqualTo(1);
            assertThat(r.err()).as(String.join(" ", args)).endsWith("Usage: if_mpadm [-d | -r] <interface>\n");
        }
        assertThat(ifMpadm("-x", "net0").err()).startsWith("if_mpadm: illegal option -- x\n");
        assertThat(ipmp.commands).isEmpty();
    }

    @Test
    void aMissingDaemonIsReportedWithTheSocketPath() {
        Path none = dir.resolve("none.sock");
        CliHarness r = CliHarness.run(IfMpadm::run, Map.of(), "--socket", none.toString(), "-d", "net0");
        assertThat(r.status()).isEqualTo(1);
        assertThat(r.err()).startsWith("if_mpadm: fatal: cannot offline net0: cannot contact ipmpd at " + none + ": ");
    }
}
