package net.ipmpd.agent.netconf;

import static net.ipmpd.agent.netconf.NetconfCandidateTest.commit;
import static net.ipmpd.agent.netconf.NetconfDatastoreTest.NC;
import static net.ipmpd.agent.netconf.NetconfDatastoreTest.config;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** RFC 6470's notifications as a subscribed ncclient session receives them. */
class NetconfRfc6470Test extends NetconfServerTest {
    private static final String ADMIN = NetconfTestServer.ADMIN_PASSWORD;

    @Test
    void sessionsThatStartCloseAndAreKilledAreAnnounced() throws Exception {
        List<String> out = nc.client().connect("a", "admin", ADMIN)
                .step("a", "subscribe")
                .connect("b", "monitor", NetconfTestServer.MONITOR_PASSWORD)
                .step("b", "close")
                .connect("c", "admin", ADMIN)
                // an answered RPC: c's session is up on the server (its hello processed) before the kill
                .step("c", "get-config", "source", "running")
                .step("a", "kill-session", "id", 3)
                .step("a", "notification", "timeout", 10)
                .step("a", "notification", "timeout", 10)
                .step("a", "notification", "timeout", 10)
                .step("a", "notification", "timeout", 10)
                .run(nc.port);
        assertThat(out.get(6)).contains("\"ok\": true");
        assertThat(out.get(7)).contains("netconf-session-start", "<username>monitor</username>", "<session-id>2</session-id>",
                "<source-host>127.0.0.1</source-host>");
        assertThat(out.get(8)).contains("netconf-session-end", "<username>monitor</username>", "<session-id>2</session-id>",
                "<termination-reason>closed</termination-reason>").doesNotContain("killed-by");
        assertThat(out.get(9)).contains("netconf-session-start", "<session-id>3</session-id>");
        assertThat(out.get(10)).contains("netconf-session-end", "<session-id>3</session-id>", "<killed-by>1</killed-by>",
                "<termination-reason>killed</termination-reason>");
    }

    @Test
    void aConfirmedCommitThatTimesOutIsRolledBackByTheServerWithEditRecords() throws Exception {
        List<String> out = nc.client().connect("a", "admin", ADMIN).connect("b", "admin", ADMIN)
                // b's session is surely up on the server before a subscribes: a gets no session-start for it
                .step("b", "get-config", "source", "running")
                .step("a", "subscribe")
                .step("b", "edit-config", "target", "candidate", "config", config("<failback>false</failback>"))
                .step("b", "rpc", "xml", commit("<confirmed/><confirm-timeout>1</confirm-timeout>"))
                .step("a", "notification", "timeout", 10)
                .step("a", "notification", "timeout", 10)
                .step("a", "notification", "timeout", 10)
                .step("a", "notification", "timeout", 10)
                .run(nc.port);
        assertThat(out.get(5)).contains("\"ok\": true");
        // the user's commit: changed-by the session, the changed leaf as the edit's target
        assertThat(out.get(6)).contains("netconf-config-change", "<username>admin</username>", "<session-id>2</session-id>",
                "<target xmlns:ipmp=\\\"urn:ipmpd:yang:ipmp\\\">/ipmp:ipmp/ipmp:failback</target>", "<operation>replace</operation>")
                .doesNotContain("<server/>");
        assertThat(out.get(7)).contains("netconf-confirmed-commit", "<session-id>2</session-id>",
                "<confirm-event>start</confirm-event>", "<timeout>1</timeout>");
        // the timeout's rollback: the server's own change
        assertThat(out.get(8)).contains("netconf-config-change", "<server/>", "/ipmp:ipmp/ipmp:failback", "<operation>replace</operation>")
                .doesNotContain("<username>");
        assertThat(out.get(9)).contains("netconf-confirmed-commit", "<confirm-event>timeout</confirm-event>")
                .doesNotContain("<username>", "<session-id>");
        assertThat(nc.ipmp.snapshot().config().failback()).isTrue();
    }

    @Test
    void aConfirmedCommitIsExtendedConfirmedOrCancelledAndEachStepIsAnnounced() throws Exception {
        List<String> out = nc.client().connect("a", "admin", ADMIN).connect("b", "admin", ADMIN)
                // b's session is surely up on the server before a subscribes: a gets no session-start for it
                .step("b", "get-config", "source", "running")
                .step("a", "subscribe")
                .step("b", "edit-config", "target", "candidate", "config", config("<failback>false</failback>"))
                .step("b", "rpc", "xml", commit("<confirmed/><confirm-timeout>60</confirm-timeout>"))
                .step("b", "rpc", "xml", commit("<confirmed/><confirm-timeout>120</confirm-timeout>"))
                .step("b", "commit")
                .step("b", "edit-config", "target", "candidate", "config", config("<failback>true</failback>"))
                .step("b", "rpc", "xml", commit("<confirmed/><confirm-timeout>60</confirm-timeout>"))
                .step("b", "rpc", "xml", "<cancel-commit xmlns=\"" + NC + "\"/>")
                .step("a", "notification", "timeout", 10)
                .step("a", "notification", "timeout", 10)
                .step("a", "notification", "timeout", 10)
                .step("a", "notification", "timeout", 10)
                .step("a", "notification", "timeout", 10)
                .step("a", "notification", "timeout", 10)
                .step("a", "notification", "timeout", 10)
                .step("a", "notification", "timeout", 10)
                .run(nc.port);
        List<String> events = out.subList(11, out.size()).stream()
                .filter(l -> l.contains("netconf-confirmed-commit"))
                .map(l -> l.replaceAll(".*<confirm-event>([a-z]+)</confirm-event>.*", "$1"))
                .toList();
        assertThat(events).containsExactly("start", "extend", "complete", "start", "cancel");
        // extend and complete change nothing: no config-change between them
        assertThat(out.subList(11, out.size()).stream().filter(l -> l.contains("netconf-config-change")).count()).isEqualTo(3);
        assertThat(out.stream().filter(l -> l.contains("<confirm-event>extend</confirm-event>")).findFirst().orElseThrow())
                .contains("<timeout>120</timeout>");
        // cancel-commit by a session is that session's change, not the server's
        assertThat(out.get(out.size() - 2)).contains("netconf-config-change", "<session-id>2</session-id>").doesNotContain("<server/>");
        assertThat(nc.ipmp.snapshot().config().failback()).isFalse();
    }
}
