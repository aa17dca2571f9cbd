package net.ipmpd.agent.control;

import net.ipmpd.testkit.FakeIpmpService;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Issue 11 item 8: an unprivileged user holding (and re-opening) many idle control connections
 * cannot starve root: the real server, the user {@code nobody} (setpriv) opening 70 connections
 * that say nothing, and root's queries while they are held.
 */
@Timeout(120)
class ControlStarvationTest {
    @Test
    void nobodyHoldingSeventyIdleConnectionsLeavesRootsQueriesServed() throws Exception {
        assumeTrue("root".equals(System.getProperty("user.name")), "needs root to run a client as nobody");
        Path dir = Files.createTempDirectory(Path.of("/tmp"), "ipmpd-starve");
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        FakeIpmpService ipmp = new FakeIpmpService(SampleSnapshot.sample());
        try (ControlServer server = new ControlServer(dir.resolve("ipmpd.sock"), ipmp)) {
            server.start();
            // nobody connects 70 times and keeps every connection that was accepted, silent
            Process hog = new ProcessBuilder("setpriv", "--reuid=nobody", "--regid=nogroup", "--clear-groups",
                    "/usr/bin/python3", "-c", """
                    import socket, sys, time
                    held = []
                    for i in range(70):
                        s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
                        s.connect(sys.argv[1]); held.append(s)
                    print('held', len(held), flush=True)
                    time.sleep(30)
                    """, server.socket().toString()).redirectErrorStream(true).start();
            try {
                var hogOut = new java.io.BufferedReader(new java.io.InputStreamReader(hog.getInputStream(), StandardCharsets.UTF_8));
                assertThat(hogOut.readLine()).isEqualTo("held 70");
                ControlClient root = new ControlClient(server.socket(), Duration.ofSeconds(5));
                int served = 0;
                for (int i = 0; i < 60; i++) {
                    ControlClient.Response r = root.call(ControlClient.request(Protocol.QUERY));
                    served += r.ok() ? 1 : 0;
                }
                assertThat(served).as("root's queries served while nobody holds 70 connections").isEqualTo(60);
                // and a second unprivileged user is not locked out by the first
                Process other = new ProcessBuilder("setpriv", "--reuid=daemon", "--regid=daemon", "--clear-groups",
                        "/usr/bin/python3", "-c", """
                        import socket, sys
                        s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM); s.connect(sys.argv[1])
                        s.sendall(b'{"version":1,"command":"ping"}\\n'); print(s.makefile().readline(), end='')
                        """, server.socket().toString()).redirectErrorStream(true).start();
                assertThat(other.waitFor(30, TimeUnit.SECONDS)).isTrue();
                assertThat(new String(other.getInputStream().readAllBytes(), StandardCharsets.UTF_8)).contains("\"ok\":true");
            } finally {
                hog.destroyForcibly();
                hog.waitFor(10, TimeUnit.SECONDS);
            }
        } finally {
            Files.deleteIfExists(dir.resolve("ipmpd.sock"));
            Files.deleteIfExists(dir);
        }
    }
}
