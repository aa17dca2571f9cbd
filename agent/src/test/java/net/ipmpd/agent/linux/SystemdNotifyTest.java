package net.ipmpd.agent.linux;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** sd_notify's datagram reaches a UNIX datagram socket as systemd binds it. */
class SystemdNotifyTest {
    @TempDir
    Path dir;

    @Test
    void theStateArrivesAsOneDatagram() throws Exception {
        Path sock = dir.resolve("notify");
        Path ready = dir.resolve("bound");
        // systemd's side: a datagram socket (the JDK binds only stream UNIX sockets)
        Process receiver = new ProcessBuilder("/usr/bin/python3", "-c", """
                import socket, sys
                s = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
                s.bind(sys.argv[1]); open(sys.argv[2], 'w').close()
                s.settimeout(20)
                sys.stdout.write(s.recv(4096).decode()); sys.stdout.flush()
                """, sock.toString(), ready.toString()).start();
        for (int i = 0; i < 500 && !Files.exists(ready); i++) {
            Thread.sleep(10);
        }
        SystemdNotify.send(sock.toString(), "READY=1\nSTATUS=1 group(s) placed");
        assertThat(receiver.waitFor(20, TimeUnit.SECONDS)).isTrue();
        assertThat(new String(receiver.getInputStream().readAllBytes(), StandardCharsets.UTF_8))
                .isEqualTo("READY=1\nSTATUS=1 group(s) placed");
    }

    @Test
    void addressesForPathsAndAbstractNames() {
        assertThat(SystemdNotify.address("/run/n")).containsExactly(1, 0, '/', 'r', 'u', 'n', '/', 'n', 0);
        assertThat(SystemdNotify.address("@n")).containsExactly(1, 0, 0, 'n');
        assertThat(SystemdNotify.address("relative")).isNull();
    }
}
