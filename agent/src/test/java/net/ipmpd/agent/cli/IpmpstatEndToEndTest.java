package net.ipmpd.agent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import net.ipmpd.agent.control.ControlServer;
import net.ipmpd.testkit.FakeIpmpService;
import net.ipmpd.agent.control.SampleSnapshot;
import net.ipmpd.engine.config.EngineConfig;
import net.ipmpd.engine.config.Family;
import net.ipmpd.engine.notify.Cause;
import net.ipmpd.engine.notify.Notification;
import net.ipmpd.engine.state.EngineSnapshot;
import net.ipmpd.engine.state.GroupCounters;
import net.ipmpd.engine.state.GroupSnapshot;
import net.ipmpd.engine.state.GroupState;
import net.ipmpd.engine.state.LinkState;
import net.ipmpd.engine.state.MemberState;
import net.ipmpd.engine.state.Presence;
import net.ipmpd.engine.state.ProbeState;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** ipmpstat against a daemon-side control server (with a fake engine) through the real socket. */
@Timeout(60)
class IpmpstatEndToEndTest {
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

    private CliHarness ipmpstat(String... args) {
        return CliHarness.run(Ipmpstat::run, Map.of("IPMPD_SOCKET", socket.toString()), args);
    }

    @Test
    void groupModePrintsWhatTheRendererMakesOfTheDaemonsSnapshot() throws Exception {
        CliHarness r = ipmpstat("-g");
        assertThat(r.status()).isZero();
        assertThat(r.err()).isEmpty();
        assertThat(r.out()).isEqualTo(IpmpstatRenderer.render(SampleSnapshot.sample(), OutputMode.GROUP, null,
                Table.Format.HUMAN).text());
        assertThat(r.out()).contains("g0          g0          degraded  10.00s    net0 (net1) [net2 net3]");
    }

    @Test
    void everyModeWorksThroughTheSocketWithSocketOptionOrEnvironment() {
        assertThat(CliHarness.run(Ipmpstat::run, Map.of(), "--socket", socket.toString(), "-i").out())
                .contains("net1        no      g0          is-----   up        ok        ok");
        assertThat(ipmpstat("-a").out()).contains("2001:2::100               up     g0          net0        net0");
        assertThat(ipmpstat("-t").out()).contains("net0        multicast fe80::11            fe80::1");
        assertThat(ipmpstat("-iP", "-o", "interface,flags").out()).startsWith("net0:--mbM--\nnet1:is-----\n");
        assertThat(ipmpstat("-nj", "-o", "interface", "-i").out()).startsWith("[{\"interface\":\"net0\"},");
    }

    @Test
    void aMissingDaemonIsReportedWithTheSocketPathAndExitStatus1() {
        Path none = dir.resolve("nothing-here.sock");
        CliHarness r = CliHarness.run(Ipmpstat::run, Map.of("IPMPD_SOCKET", none.toString()), "-g");
        assertThat(r.status()).isEqualTo(1);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).startsWith("ipmpstat: cannot contact ipmpd at " + none + ": ")
                .endsWith(" -- is IPMP in use?\n");
    }

    @Test
    void usageErrorsPrintTheUsageAndExit1AsSolaris() {
        CliHarness none = ipmpstat();
        assertThat(none.status()).isEqualTo(1);
        assertThat(none.err()).startsWith("usage: ipmpstat [-n] [-o <field> [-P]]");
        CliHarness two = ipmpstat("-g", "-a");
        assertThat(two.status()).isEqualTo(1);
        assertThat(two.err()).isEqualTo("ipmpstat: only one output format may be specified\n");
        CliHarness bad = ipmpstat("-q");
        assertThat(bad.err()).startsWith("ipmpstat: illegal option -- q\nusage: ipmpstat");
        CliHarness parsable = ipmpstat("-gP");
        assertThat(parsable.status()).isEqualTo(1);
        assertThat(parsable.err()).isEqualTo("ipmpstat: output fields must be specified in parsable mode\n");
    }

    @Test
    void unknownFieldsAreWarnedAboutAndTheRestPrinted() {
        CliHarness r = ipmpstat("-g", "-o", "group,colour");
        assertThat(r.status()).isZero();
        assertThat(r.err()).isEqualTo("ipmpstat: warning: ignoring unknown output field: `colour'\n");
        assertThat(r.out()).startsWith("GROUP\ng0\ng1\n--\n");
    }

    @Test
    void probeModeStreamsProbesAsTheyCompleteUntilTheDaemonGoesAway() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        CompletableFuture<Integer> status = CompletableFuture.supplyAsync(() -> Ipmpstat.run(
                new String[] {"-pP", "-o", "interface,probe,netrtt,rtt,target"},
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                Map.of("IPMPD_SOCKET", socket.toString())));
        for (int i = 0; i < 250 && ipmp.listenerCount() == 0; i++) {
            Thread.sleep(20);
        }
        assertThat(ipmp.listenerCount()).isEqualTo(1);
        ipmp.emit(new Notification.ProbeCompleted(10, "g0", "net0", Family.IPV4, SampleSnapshot.ip("198.18.0.1"), 17,
                420, 530, 500, 50, Cause.NONE));
        ipmp.emit(new Notification.ProbeCompleted(20, "g0", "net1", Family.IPV4, SampleSnapshot.ip("198.18.0.1"), 18,
                -1, -1, 500, 50, Cause.PROBES_LOST));
        String expected = "net0:17:0.42ms:0.53ms:198.18.0.1\nnet1:18:::198.18.0.1\n";
        for (int i = 0; i < 250 && !out.toString(StandardCharsets.UTF_8).equals(expected); i++) {
            Thread.sleep(20);
        }
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo(expected);
        server.close();
        assertThat(status.get()).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).isEqualTo("ipmpstat: lost contact with ipmpd\n");
    }

    @Test
    void probeModeRefusesWhenNoMemberProbesAsSolarisDoes() {
        GroupSnapshot linkOnly = new GroupSnapshot("g1", GroupState.OK, 10_000, 10_000, 2_000,
                List.of(SampleSnapshot.member("net4", "g1", MemberState.OK, true, Set.of(), LinkState.UP,
                        ProbeState.DISABLED, Presence.PRESENT)), List.of(), List.of("net4"), GroupCounters.ZERO, 0);
        ipmp.setSnapshot(new EngineSnapshot(2, 0, EngineConfig.defaults(), List.of(linkOnly), Optional.empty()));
        CliHarness r = ipmpstat("-p");
        assertThat(r.status()).isEqualTo(1);
        assertThat(r.err()).isEqualTo("ipmpstat: probe-based failure detection is disabled\n");
    }
}
