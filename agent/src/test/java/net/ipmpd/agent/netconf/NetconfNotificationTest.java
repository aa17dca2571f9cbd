package net.ipmpd.agent.netconf;

import static net.ipmpd.agent.netconf.NetconfDatastoreTest.config;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import net.ipmpd.engine.state.MemberState;
import org.junit.jupiter.api.Test;

/** RFC 5277 subscriptions with interleave, the engine's notifications, RFC 6470 config-change, offline/online RPCs. */
class NetconfNotificationTest extends NetconfServerTest {
    static final String NS = NetconfDatastoreTest.NS;

    static String offline(String nic) {
        return "<offline xmlns=\"" + NS + "\"><interface>" + nic + "</interface></offline>";
    }

    static String online(String nic) {
        return "<online xmlns=\"" + NS + "\"><interface>" + nic + "</interface></online>";
    }

    @Test
    void aLinkFailureInTheEngineReachesTheSubscriberWithItsCause() throws Exception {
        List<String> out = nc.client().connect("a", "admin", NetconfTestServer.ADMIN_PASSWORD)
                .step("a", "subscribe")
                .step("a", "get-config", "source", "running")
                .step("a", "notification", "timeout", 10)
                .step("a", "notification", "timeout", 10)
                .run(nc.port, line -> {
                    if (line.contains("\"op\": \"subscribe\"") && line.contains("\"ok\": true")) {
                        nc.ipmp.carrierDown("eth0");
                    }
                });
        assertThat(out.get(1)).contains("\"ok\": true");
        // interleave: the subscribed session still answers RPCs
        assertThat(out.get(2)).contains("<name>g0</name>");
        String both = out.get(3) + out.get(4);
        assertThat(both).contains("interface-failed", "<member>eth0</member>", "<cause>link-down</cause>", "<group>g0</group>",
                "address-moved", "<address>198.18.0.100</address>", "<to-member>eth1</to-member>", "eventTime");
    }

    @Test
    void offlineAndOnlineGoToTheEngineAndTheLastUsableMemberIsRefused() throws Exception {
        List<String> out = nc.client().connect("a", "admin", NetconfTestServer.ADMIN_PASSWORD)
                .connect("b", "admin", NetconfTestServer.ADMIN_PASSWORD)
                // b's session is up once it answered an RPC: its session-start cannot reach a's subscription
                .step("b", "get-config", "source", "running")
                .step("a", "subscribe")
                .step("b", "rpc", "xml", offline("eth0"))
                .step("a", "notification", "timeout", 10)
                .step("b", "rpc", "xml", offline("eth1"))
                .step("b", "rpc", "xml", offline("eth7"))
                .step("b", "rpc", "xml", online("eth1"))
                .step("b", "rpc", "xml", online("eth0"))
                .step("a", "notification", "timeout", 10)
                .run(nc.port);
        assertThat(out.get(4)).contains("\"ok\": true");
        assertThat(out.get(5)).contains("interface-offline", "<member>eth0</member>", "<cause>admin-offline</cause>");
        assertThat(out.get(6)).contains("\"tag\": \"operation-failed\"", "\"app_tag\": \"min-redundancy\"",
                "no other functioning interfaces");
        assertThat(out.get(7)).contains("\"tag\": \"operation-failed\"", "\"app_tag\": \"unknown-interface\"");
        assertThat(out.get(8)).contains("\"tag\": \"operation-failed\"", "\"app_tag\": \"not-offline\"");
        assertThat(out.get(9)).contains("\"ok\": true");
        assertThat(nc.ipmp.snapshot().member("eth0").orElseThrow().state()).isNotEqualTo(MemberState.OFFLINE);
    }

    @Test
    void aCommitToRunningIsAnnouncedAsNetconfConfigChange() throws Exception {
        List<String> out = nc.client().connect("a", "admin", NetconfTestServer.ADMIN_PASSWORD)
                .connect("b", "admin", NetconfTestServer.ADMIN_PASSWORD)
                // b's session is surely up on the server before a subscribes: a gets no session-start for it
                .step("b", "get-config", "source", "running")
                .step("a", "subscribe")
                .step("a", "subscribe")
                .step("b", "edit-config", "target", "running", "config",
                        config("<failback>false</failback>"))
                .step("a", "notification", "timeout", 10)
                .run(nc.port);
        assertThat(out.get(4)).contains("\"tag\": \"operation-failed\"", "subscription already");
        assertThat(out.get(6)).contains("netconf-config-change", "urn:ietf:params:xml:ns:yang:ietf-netconf-notifications",
                "<username>admin</username>", "<session-id>2</session-id>", "<datastore>running</datastore>");
        assertThat(nc.ipmp.snapshot().config().failback()).isFalse();
    }
}
