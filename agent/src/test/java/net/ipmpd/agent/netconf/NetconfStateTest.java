package net.ipmpd.agent.netconf;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** get: the engine's live state next to the configuration, and /netconf-state. */
class NetconfStateTest extends NetconfServerTest {
    static final String NS = NetconfDatastoreTest.NS;

    @Test
    void getShowsLiveStateThatFollowsTheEngine() throws Exception {
        String memberFilter = "<ipmp xmlns=\"" + NS + "\"><group><name>g0</name><member><interface>eth0</interface></member>"
                + "<data-address/></group></ipmp>";
        List<String> before = nc.client().connect("a", "admin", NetconfTestServer.ADMIN_PASSWORD)
                .step("a", "get", "filter", memberFilter).run(nc.port);
        nc.ipmp.carrierDown("eth0");
        List<String> after = nc.client().connect("a", "admin", NetconfTestServer.ADMIN_PASSWORD)
                .step("a", "get", "filter", memberFilter)
                .step("a", "lock", "target", "candidate")
                .step("a", "get", "filter", "<netconf-state xmlns=\"urn:ietf:params:xml:ns:yang:ietf-netconf-monitoring\"/>")
                .step("a", "get", "filter", "<yang-library xmlns=\"urn:ietf:params:xml:ns:yang:ietf-yang-library\"/>")
                .step("a", "get-schema", "identifier", "ietf-netconf-notifications")
                .step("a", "get-schema", "identifier", "ietf-datastores")
                .step("a", "get", "filter", "<modules-state xmlns=\"urn:ietf:params:xml:ns:yang:ietf-yang-library\"/>")
                .step("a", "hello")
                .run(nc.port);
        assertThat(before.get(1)).contains("<state>ok</state>", "<link-state>up</link-state>", "<current-member>eth0</current-member>");
        assertThat(after.get(1)).contains("<state>failed</state>", "<link-state>down</link-state>", "<current-member>eth1</current-member>",
                "<last-cause>link-down</last-cause>", "<failures>1</failures>")
                .doesNotContain("<interface>eth1</interface>");
        assertThat(after.get(3)).contains("<identifier>ipmp</identifier>", "<version>2026-12-06</version>",
                "<identifier>ietf-netconf-monitoring</identifier>", "<location>NETCONF</location>",
                "<name>candidate</name>", "<locked-by-session>2</locked-by-session>",
                "<session-id>2</session-id>", "<username>admin</username>", "<source-host>127.0.0.1</source-host>",
                "ncm:netconf-ssh");
        assertThat(after.get(4)).contains("<module-set>", "<name>ipmp</name>", "<revision>2026-12-06</revision>",
                "<import-only-module>", "ietf-netconf-acm", "ds:running", "ds:operational", "<content-id>");
        assertThat(after.get(5)).contains("module ietf-netconf-notifications");
        assertThat(after.get(6)).contains("module ietf-datastores");
        // RFC 7895 clients: /modules-state and the yang-library:1.0 capability with the same module-set-id
        assertThat(after.get(7)).contains("<modules-state", "<module-set-id>", "<name>ipmp</name>", "<revision>2026-12-06</revision>",
                "<conformance-type>implement</conformance-type>", "<conformance-type>import</conformance-type>")
                .doesNotContain("<yang-library", "<netconf-state");
        String setId = after.get(7).replaceAll(".*<module-set-id>([^<]+)</module-set-id>.*", "$1");
        assertThat(after.get(8)).contains("urn:ietf:params:netconf:capability:yang-library:1.0?revision=2019-01-04&module-set-id=" + setId);
    }
}
