package net.ipmpd.agent.control;

import net.ipmpd.testkit.FakeIpmpService;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import net.ipmpd.engine.Command;
import net.ipmpd.engine.CommandResult;
import net.ipmpd.engine.Outcome;
import net.ipmpd.engine.config.Family;
import net.ipmpd.engine.event.EngineEvent;
import net.ipmpd.engine.notify.Cause;
import net.ipmpd.engine.notify.Notification;
import net.ipmpd.engine.state.EngineSnapshot;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(60)
class ControlServerTest {
    @TempDir
    Path dir;

    private final FakeIpmpService ipmp = new FakeIpmpService(SampleSnapshot.sample());
    private ControlServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private ControlClient start() throws IOException {
        server = new ControlServer(dir.resolve("ipmpd.sock"), ipmp);
        server.start();
        return new ControlClient(server.socket(), Duration.ofSeconds(5));
    }

    private ControlClient start(Privileges privileges, Duration commandTimeout, Duration requestDeadline) throws IOException {
        server = new ControlServer(dir.resolve("ipmpd.sock"), ipmp, privileges, commandTimeout, requestDeadline);
        server.start();
        return new ControlClient(server.socket(), Duration.ofSeconds(5));
    }

    /** Sends raw bytes and returns the daemon's one-line answer. */
    private String raw(String bytes) throws IOException {
        try (SocketChannel ch = SocketChannel.open(UnixDomainSocketAddress.of(server.socket()))) {
            ch.write(ByteBuffer.wrap(bytes.getBytes(StandardCharsets.UTF_8)));
            ByteBuffer in = ByteBuffer.allocate(65536);
            while (ch.read(in) >= 0) {
                // until the server closes
            }
            return new String(in.array(), 0, in.position(), StandardCharsets.UTF_8).strip();
        }
    }

    @Test
    void pingIsAnswered() throws Exception {
        ControlClient c = start();
        assertThat(c.call(ControlClient.request(Protocol.PING)).ok()).isTrue();
    }

    @Test
    void queryReturnsTheLatestSnapshot() throws Exception {
        ControlClient c = start();
        ControlClient.Response r = c.call(ControlClient.request(Protocol.QUERY));
        EngineSnapshot s = SnapshotCodec.decode(r.body().object("snapshot"));
        assertThat(s.groups()).isEqualTo(SampleSnapshot.sample().groups());
        assertThat(s.anonymous()).isEqualTo(SampleSnapshot.sample().anonymous());
    }

    @Test
    void queryOfOneGroupReturnsOnlyThatGroupAndAnUnknownGroupIsAnError() throws Exception {
        ControlClient c = start();
        Map<String, Object> req = ControlClient.request(Protocol.QUERY);
        req.put("group", "g1");
        EngineSnapshot s = SnapshotCodec.decode(c.call(req).body().object("snapshot"));
        assertThat(s.groups()).extracting(g -> g.name()).containsExactly("g1");
        assertThat(s.anonymous()).isEmpty();
        req.put("group", "nosuch");
        ControlClient.Response r = c.call(req);
        assertThat(r.ok()).isFalse();
        assertThat(r.error()).isEqualTo(Protocol.E_UNKNOWN_GROUP);
        assertThat(r.message()).isEqualTo("no IPMP group named \"nosuch\"");
    }

    @Test
    void offlineFromRootReachesTheEngine() throws Exception {
        ControlClient c = start();
        ControlClient.Response r = c.call(ControlClient.request(Protocol.OFFLINE, "net1"));
        assertThat(r.ok()).isTrue();
        ControlClient.Response r2 = c.call(ControlClient.request(Protocol.ONLINE, "net1"));
        assertThat(r2.ok()).isTrue();
        assertThat(ipmp.commands).containsExactly(new Command.Offline("net1"),
                new Command.Online("net1"));
    }

    @Test
    void aRefusalComesBackWithTheReasonAsErrorCodeAndTheEngineMessage() throws Exception {
        ipmp.answerWith(e -> CompletableFuture.completedFuture(new CommandResult.Refused(
                CommandResult.Reason.MIN_REDUNDANCY, "net0 is the last usable interface of group g0")));
        ControlClient c = start();
        ControlClient.Response r = c.call(ControlClient.request(Protocol.OFFLINE, "net0"));
        assertThat(r.ok()).isFalse();
        assertThat(r.error()).isEqualTo("min-redundancy");
        assertThat(r.message()).isEqualTo("net0 is the last usable interface of group g0");
    }

    @Test
    void aCommandThatFailedComesBackAsFailedWithWhatWentWrong() throws Exception {
        ipmp.answerAlways(new Outcome.Failed("the engine failed on Offline[interfaceName=net0]: bug", null));
        ControlClient c = start();
        ControlClient.Response r = c.call(ControlClient.request(Protocol.OFFLINE, "net0"));
        assertThat(r.ok()).isFalse();
        assertThat(r.error()).isEqualTo(Protocol.E_FAILED);
        assertThat(r.message()).isEqualTo("operation failed: the engine failed on Offline[interfaceName=net0]: bug");
    }

    @Test
    void anEngineThatDoesNotAnswerInTimeGivesATimeoutNotAHang() throws Exception {
        ipmp.answerWith(e -> new CompletableFuture<>());
        ControlClient c = start(Privileges.rootAndSelf(), Duration.ofMillis(200), Duration.ofSeconds(5));
        long t0 = System.nanoTime();
        ControlClient.Response r = c.call(ControlClient.request(Protocol.OFFLINE, "net0"));
        assertThat(r.error()).isEqualTo(Protocol.E_TIMEOUT);
        assertThat(r.message()).contains("did not answer within 200 ms");
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(3));
    }

    @Test
    void anUnprivilegedPeerMayQueryButNotOfflineOnlineOrStreamProbes() throws Exception {
        ControlClient c = start(Privileges.none(), Duration.ofSeconds(1), Duration.ofSeconds(5));
        assertThat(c.call(ControlClient.request(Protocol.PING)).ok()).isTrue();
        assertThat(c.call(ControlClient.request(Protocol.QUERY)).ok()).isTrue();
        for (Map<String, Object> req : new Map[] {ControlClient.request(Protocol.OFFLINE, "net0"),
                ControlClient.request(Protocol.ONLINE, "net0"), ControlClient.request(Protocol.PROBE_STREAM)}) {
            ControlClient.Response r = c.call(req);
            assertThat(r.ok()).isFalse();
            assertThat(r.error()).isEqualTo(Protocol.E_PERMISSION);
            assertThat(r.message()).isEqualTo("permission denied");
        }
        assertThat(ipmp.commands).isEmpty();
        assertThat(ipmp.listenerCount()).isZero();
    }

    @Test
    void malformedRequestsAreAnsweredWithAnErrorThatSaysWhy() throws Exception {
        start();
        assertThat(raw("not json\n")).contains("\"error\":\"bad-request\"").contains("offset 0");
        assertThat(raw("{\"command\":\"ping\"}\n")).contains("member 'version' is missing");
        assertThat(raw("{\"version\":2,\"command\":\"ping\"}\n")).contains("\"error\":\"unsupported-version\"")
                .contains("protocol version 2 is not supported; this ipmpd speaks 1");
        assertThat(raw("{\"version\":1,\"command\":\"reboot\"}\n")).contains("\"error\":\"unknown-command\"");
        assertThat(raw("{\"version\":1,\"command\":\"offline\"}\n")).contains("offline needs member 'interface'");
        assertThat(raw("{\"version\":1,\"command\":\"offline\",\"interface\":\"../etc\"}\n"))
                .contains("\"error\":\"bad-request\"").contains("contains a character Linux does not allow");
        assertThat(raw("{\"version\":1,\"command\":\"offline\",\"interface\":\"abcdefghijklmnop\"}\n"))
                .contains("must have 1 to 15 characters");
        assertThat(raw("x".repeat(Protocol.MAX_REQUEST_BYTES + 600))).contains("request longer than 4096 bytes");
        assertThat(ipmp.commands).isEmpty();
    }

    @Test
    void aClientThatSaysNothingIsDisconnectedAtTheDeadline() throws Exception {
        start(Privileges.rootAndSelf(), Duration.ofSeconds(1), Duration.ofMillis(300));
        long t0 = System.nanoTime();
        assertThat(raw("")).isEmpty();
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isBetween(Duration.ofMillis(250), Duration.ofSeconds(3));
    }

    @Test
    void theProbeStreamDeliversCompletedProbesUntilTheClientCloses() throws Exception {
        ControlClient c = start();
        ControlClient.Line stream = c.openStream(ControlClient.request(Protocol.PROBE_STREAM));
        ControlClient.Response header = ControlClient.Response.of(stream.next(Duration.ofSeconds(5)).orElseThrow());
        assertThat(header.ok()).isTrue();
        assertThat(header.body().string("stream")).isEqualTo("probe");
        awaitListeners(1);
        Notification.ProbeCompleted p = new Notification.ProbeCompleted(2_500_000_000L, "g0", "net0", Family.IPV4,
                SampleSnapshot.ip("198.18.0.1"), 7, 110, 160, 150, 30, Cause.NONE);
        ipmp.emit(new Notification.InterfaceFailed(1, "g0", "net2", Cause.LINK_DOWN));
        ipmp.emit(p);
        String line = stream.next(Duration.ofSeconds(5)).orElseThrow();
        ProbeCodec.ProbeLine got = ProbeCodec.decode(JsonObject.of(JsonParser.parse(line), "l").object("probe"));
        assertThat(got.probe()).isEqualTo(p);
        assertThat(got.wallClock()).isEqualTo(FakeIpmpService.EPOCH.plusMillis(2500));
        stream.close();
        awaitListeners(0);
    }

    @Test
    void closingTheServerEndsProbeStreamsAndRemovesTheSocketFile() throws Exception {
        ControlClient c = start();
        ControlClient.Line stream = c.openStream(ControlClient.request(Protocol.PROBE_STREAM));
        stream.next(Duration.ofSeconds(5)).orElseThrow();
        awaitListeners(1);
        server.close();
        assertThat(stream.next(Duration.ofSeconds(5))).isEmpty();
        awaitListeners(0);
        assertThat(dir.resolve("ipmpd.sock")).doesNotExist();
        stream.close();
    }

    @Test
    void theSocketIsOpenToEveryoneInADirectoryCreated0755() throws Exception {
        Path sock = dir.resolve("run/ipmpd/ipmpd.sock");
        server = new ControlServer(sock, ipmp);
        server.start();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(sock))).isEqualTo("rw-rw-rw-");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(sock.getParent()))).isEqualTo("rwxr-xr-x");
    }

    @Test
    void aStaleSocketFileIsRemovedAtStart() throws Exception {
        Path sock = dir.resolve("ipmpd.sock");
        try (ServerSocketChannel old = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            old.bind(UnixDomainSocketAddress.of(sock));
        }
        assertThat(sock).exists();
        ControlClient c = start();
        assertThat(c.call(ControlClient.request(Protocol.PING)).ok()).isTrue();
    }

    @Test
    void aSecondDaemonOnTheSameSocketIsRefusedAndTheFirstKeepsServing() throws Exception {
        ControlClient c = start();
        ControlServer second = new ControlServer(server.socket(), ipmp);
        assertThatThrownBy(second::start).isInstanceOf(IOException.class)
                .hasMessage("another ipmpd is already serving the control socket " + server.socket());
        assertThat(c.call(ControlClient.request(Protocol.PING)).ok()).isTrue();
    }

    @Test
    void aFileThatIsNotASocketIsLeftAloneAndStartFails() throws Exception {
        Path sock = dir.resolve("ipmpd.sock");
        Files.writeString(sock, "precious");
        ControlServer s = new ControlServer(sock, ipmp);
        assertThatThrownBy(s::start).hasMessageContaining("exists and is not a socket");
        assertThat(Files.readString(sock)).isEqualTo("precious");
    }

    @Test
    void aClientOfAMissingDaemonIsToldWhichSocketItTried() {
        ControlClient c = new ControlClient(dir.resolve("none.sock"), Duration.ofSeconds(1));
        assertThatThrownBy(() -> c.call(ControlClient.request(Protocol.PING)))
                .isInstanceOf(ControlClient.DaemonUnreachableException.class)
                .hasMessageStartingWith(dir.resolve("none.sock") + ": ");
    }

    @Test
    void aCommandWaitingForTheEngineDoesNotHoldUpOtherClients() throws Exception {
        CompletableFuture<Outcome> pending = new CompletableFuture<>();
        ipmp.answerWith(e -> pending);
        ControlClient c = start(Privileges.rootAndSelf(), Duration.ofSeconds(5), Duration.ofSeconds(5));
        CompletableFuture<ControlClient.Response> offline = CompletableFuture.supplyAsync(() -> {
            try {
                return c.call(ControlClient.request(Protocol.OFFLINE, "net1"));
            } catch (IOException e) {
                throw new RuntimeException(e);
            }
        });
        for (int i = 0; i < 100 && ipmp.commands.isEmpty(); i++) {
            Thread.sleep(20);
        }
        long t0 = System.nanoTime();
        assertThat(c.call(ControlClient.request(Protocol.QUERY)).ok()).isTrue();
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(2));
        assertThat(offline).isNotDone();
        pending.complete(new Outcome.Done(ipmp.snapshot().config()));
        assertThat(offline.get().ok()).isTrue();
    }

    @Test
    void aProbeStreamClientThatStopsReadingNeverBlocksTheNotificationDispatcher() throws Exception {
        ControlClient c = start();
        ControlClient.Line stream = c.openStream(ControlClient.request(Protocol.PROBE_STREAM));
        stream.next(Duration.ofSeconds(5)).orElseThrow();
        awaitListeners(1);
        Notification.ProbeCompleted p = new Notification.ProbeCompleted(1, "g0", "net0", Family.IPV4,
                SampleSnapshot.ip("198.18.0.1"), 1, 100, 100, 100, 10, Cause.NONE);
        // Far more than the queue and the socket buffers hold, while the client reads nothing.
        long t0 = System.nanoTime();
        for (int i = 0; i < 200_000; i++) {
            ipmp.emit(p);
        }
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(5));
        stream.close();
        awaitListeners(0);
    }

    @Test
    void connectionsBeyondTheCapAreToldToTryAgainAndServedOnceASlotIsFree() throws Exception {
        server = new ControlServer(dir.resolve("ipmpd.sock"), ipmp);
        server.maxConnections(1);
        server.start();
        ControlClient c = new ControlClient(server.socket(), Duration.ofSeconds(5));
        ControlClient.Line stream = c.openStream(ControlClient.request(Protocol.PROBE_STREAM));
        stream.next(Duration.ofSeconds(5)).orElseThrow();
        ControlClient.Response busy = c.call(ControlClient.request(Protocol.PING));
        assertThat(busy.ok()).isFalse();
        assertThat(busy.error()).isEqualTo(Protocol.E_BUSY);
        stream.close();
        awaitListeners(0);
        boolean served = false;
        for (int i = 0; i < 100 && !served; i++) {
            served = c.call(ControlClient.request(Protocol.PING)).ok();
            Thread.sleep(served ? 0 : 20);
        }
        assertThat(served).isTrue();
    }

    private void awaitListeners(int n) throws InterruptedException {
        for (int i = 0; i < 100 && ipmp.listenerCount() != n; i++) {
            Thread.sleep(20);
        }
        assertThat(ipmp.listenerCount()).isEqualTo(n);
    }
}
