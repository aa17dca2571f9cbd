package net.ipmpd.agent.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The tools' side of the control socket against a scripted server: lines, end of stream and the answer's time limit. */
@Timeout(30)
class ControlClientTest {
    @TempDir
    Path dir;
    private ServerSocketChannel server;
    private Thread serving;
    private final CountDownLatch release = new CountDownLatch(1);

    interface Script {
        void play(SocketChannel peer) throws Exception;
    }

    private Path serve(Script script) throws IOException {
        Path socket = dir.resolve("s.sock");
        server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        server.bind(UnixDomainSocketAddress.of(socket));
        serving = Thread.ofPlatform().daemon().start(() -> {
            try (SocketChannel peer = server.accept()) {
                readRequest(peer);   // as ipmpd does: closing with a request unread would reset the connection
                script.play(peer);
            } catch (Exception e) {
                // the client went away: the script ends with it
            }
        });
        return socket;
    }

    private static void readRequest(SocketChannel peer) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(4096);
        while (peer.read(b) >= 0 && (b.position() == 0 || b.get(b.position() - 1) != '\n')) {
            // until the request's newline
        }
    }

    private static void send(SocketChannel peer, String text) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
        while (b.hasRemaining()) {
            peer.write(b);
        }
    }

    @AfterEach
    void stop() throws Exception {
        release.countDown();
        if (server != null) {
            server.close();
            serving.join(5000);
        }
    }

    @Test
    void anAnswerThatDoesNotComeInTimeIsATimeout() throws Exception {
        Path socket = serve(peer -> release.await());   // answers nothing and keeps the connection
        ControlClient c = new ControlClient(socket, Duration.ofMillis(300));
        assertThatThrownBy(() -> c.call(ControlClient.request(Protocol.PING)))
                .isInstanceOf(IOException.class).hasMessage("operation timed out");
    }

    @Test
    void linesComeWholeWhateverPiecesTheyArriveInAndTheEndOfTheStreamIsEmpty() throws Exception {
        Path socket = serve(peer -> {
            send(peer, "{\"version\":1,\"ok\":tr");
            Thread.sleep(50);
            send(peer, "ue,\"stream\":\"probe\"}\n{\"n\":1}\n{\"n\"");
            Thread.sleep(50);
            send(peer, ":2}\n");
        });
        try (ControlClient.Line line = new ControlClient(socket, Duration.ofSeconds(5))
                .openStream(ControlClient.request(Protocol.PROBE_STREAM))) {
            assertThat(ControlClient.Response.of(line.next(Duration.ofSeconds(10)).orElseThrow()).ok()).isTrue();
            assertThat(line.next(null)).contains("{\"n\":1}");
            assertThat(line.next(Duration.ofSeconds(10))).contains("{\"n\":2}");
            assertThat(line.next(null)).isEmpty();
        }
    }

    @Test
    void aLimitEndsWithItsLineSoLaterWaitsAreNotCutShort() throws Exception {
        Path socket = serve(peer -> {
            send(peer, "{\"version\":1,\"ok\":true,\"stream\":\"probe\"}\n");
            Thread.sleep(1500);   // well past the first line's limit
            send(peer, "{\"n\":1}\n");
        });
        try (ControlClient.Line line = new ControlClient(socket, Duration.ofSeconds(5))
                .openStream(ControlClient.request(Protocol.PROBE_STREAM))) {
            assertThat(line.next(Duration.ofMillis(1000))).isPresent();
            assertThat(line.next(null)).contains("{\"n\":1}");
        }
    }

    @Test
    void aDaemonThatClosesWithoutAnsweringIsReported() throws Exception {
        Path socket = serve(peer -> { });
        ControlClient c = new ControlClient(socket, Duration.ofSeconds(5));
        assertThatThrownBy(() -> c.call(ControlClient.request(Protocol.QUERY)))
                .isInstanceOf(IOException.class).hasMessage("ipmpd closed the connection without answering");
    }

    @Test
    void noDaemonIsUnreachable() {
        ControlClient c = new ControlClient(dir.resolve("none.sock"), Duration.ofSeconds(1));
        assertThatThrownBy(() -> c.call(ControlClient.request(Protocol.PING)))
                .isInstanceOf(ControlClient.DaemonUnreachableException.class).hasMessageContaining("none.sock");
    }
}
