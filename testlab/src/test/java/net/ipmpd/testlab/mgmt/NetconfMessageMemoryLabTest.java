package net.ipmpd.testlab.mgmt;

import static net.ipmpd.testlab.e2e.E2eLabs.DATA;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.OptionalInt;
import net.ipmpd.testlab.Lab;
import net.ipmpd.testlab.LabProcess;
import net.ipmpd.testlab.e2e.E2eLabs;
import net.ipmpd.testlab.junit.RequiresRoot;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The daemon's heap bounds what NETCONF messages may cost while parsed, whatever max-message-size allows: with the
 * limit raised to 8 MiB, three sessions sending element-dense 5 MB messages at the same moment (a DOM node every
 * few bytes: 8-30 bytes of heap per byte, up to 450 MB together) each get resource-denied, unparsed, on any heap up
 * to the lab daemons' 192 MiB (a message reserves 32 bytes per byte from five eighths of the heap); the start-up
 * log says which size the heap can take; a 500 KB message is answered afterwards, and the daemon serves on with
 * no OutOfMemoryError anywhere.
 */
@RequiresRoot
class NetconfMessageMemoryLabTest {
    private static final Logger LOG = LogManager.getLogger(NetconfMessageMemoryLabTest.class);
    private static final int PORT = 8831;
    private static final String USER = "nms-admin";
    private static final String PASSWORD = "lab netconf pass phrase";

    @TempDir
    Path dir;

    @Test
    void messagesTheHeapCannotHoldAreRefusedWithResourceDeniedAndTheDaemonServesOn() throws IOException {
        Path settings = MgmtLabs.writeNetconfSettings(dir, PORT, USER, PASSWORD);
        Files.writeString(settings, Files.readString(settings).replaceFirst("\\{", "{ \"max-message-size\": 8388608,"));
        try (Lab lab = Lab.start(E2eLabs.spec(2, false));
             ManagedDaemon ipmpd = ManagedDaemon.start(lab, dir, E2eLabs.oneGroup(2, MgmtLabs.FDT_MS, true).render(),
                     "--netconf-config", settings.toString())) {
            lab.awaitAddress(lab.hostNs(), "m0", DATA, true, Duration.ofSeconds(5));
            assertThat(ipmpd.logMatching("max-message-size 8388608 is more than this heap can parse"))
                    .as("the operator is told at start").hasSize(1);

            List<String> large = send(lab, 3, 5_000_000);
            LOG.warn("3 simultaneous element-dense messages of 5,000,000 bytes: {}", large);
            assertThat(large).containsExactly("resource-denied", "resource-denied", "resource-denied");

            List<String> small = send(lab, 1, 500_000);
            assertThat(small).as("the memory was given back").containsExactly("reply");

            assertThat(ipmpd.logMatching("OutOfMemoryError", "heap space")).as("the heap held").isEmpty();
            try (NetconfSession nc = NetconfSession.open(lab, PORT, USER, PASSWORD)) {
                assertThat(NetconfSession.result(nc.ok("get-config", "source", "running"))).as("still serving")
                        .hasValueSatisfying(xml -> assertThat(xml).contains(DATA));
            }
        }
    }

    private static List<String> send(Lab lab, int sessions, int bytes) {
        LabProcess clients = lab.spawn(lab.hostNs(), "/usr/bin/python3", "-c", SCRIPT, "127.0.0.1",
                Integer.toString(PORT), USER, PASSWORD, Integer.toString(sessions), Integer.toString(bytes));
        OptionalInt exit = clients.waitFor(Duration.ofSeconds(240));
        assertThat(exit).as("the clients ran to their end: %s", clients.stderr().all()).hasValue(0);
        return clients.stdout().all();
    }

    /**
     * SESSIONS paramiko sessions log in and exchange hellos, then each sends, at the same moment, a get-config whose
     * subtree filter is SIZE bytes of group entries (schema nodes, so the server walks them all).
     */
    private static final String SCRIPT = """
            import socket, sys, threading, paramiko
            host, port, user, password = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4]
            sessions, size = int(sys.argv[5]), int(sys.argv[6])
            EOM = b"]]>]]>"
            HELLO = (b'<?xml version="1.0" encoding="UTF-8"?><hello xmlns="urn:ietf:params:xml:ns:netconf:base:1.0">'
                     b'<capabilities><capability>urn:ietf:params:netconf:base:1.0</capability></capabilities></hello>' + EOM)
            head = (b'<rpc message-id="1" xmlns="urn:ietf:params:xml:ns:netconf:base:1.0"><get-config><source><running/>'
                    b'</source><filter type="subtree"><ipmp xmlns="urn:ipmpd:yang:ipmp">')
            tail = b'</ipmp></filter></get-config></rpc>' + EOM
            unit = b'<group><name>g</name></group>'
            body = head + unit * ((size - len(head) - len(tail)) // len(unit)) + tail
            barrier = threading.Barrier(sessions)
            outcomes = [None] * sessions
            def run(i):
                try:
                    t = paramiko.Transport(socket.create_connection((host, port), timeout=60))
                    t.connect(username=user, password=password)
                    ch = t.open_session(timeout=60)
                    ch.settimeout(120)
                    ch.invoke_subsystem("netconf")
                    buf = b""
                    while EOM not in buf:
                        buf += ch.recv(65536)
                    ch.sendall(HELLO)
                    barrier.wait(timeout=120)
                    ch.sendall(body)
                    reply = b""
                    while EOM not in reply:
                        data = ch.recv(65536)
                        if not data:
                            break
                        reply += data
                    text = reply.decode("utf-8", "replace")
                    outcomes[i] = ("resource-denied" if "resource-denied" in text
                                   else "reply" if "rpc-reply" in text else "closed: " + text[:200])
                    t.close()
                except Exception as e:
                    outcomes[i] = "error: %s %s" % (type(e).__name__, e)
            threads = [threading.Thread(target=run, args=(i,)) for i in range(sessions)]
            for th in threads:
                th.start()
            for th in threads:
                th.join()
            for o in outcomes:
                print(o)
            """;
}
