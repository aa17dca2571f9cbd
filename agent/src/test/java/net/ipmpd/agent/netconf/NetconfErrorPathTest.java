package net.ipmpd.agent.netconf;

import static net.ipmpd.agent.netconf.NetconfDatastoreTest.config;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Refused values name their leaf (RFC 6241 section 4.3 error-path) with clean messages, over ncclient. */
class NetconfErrorPathTest extends NetconfServerTest {
    @Test
    void everyRefusedValueNamesItsLeafWithTheKeysAboveIt() throws Exception {
        List<String> out = nc.client().connect("a", "admin", NetconfTestServer.ADMIN_PASSWORD)
                .step("a", "edit-config", "target", "running", "config", config("<flap-damping><half-life>5</half-life></flap-damping>"))
                .step("a", "edit-config", "target", "running", "config", config("<failure-detection-time>-5</failure-detection-time>"))
                .step("a", "edit-config", "target", "running", "config",
                        config("<group><name>g0</name><member><interface>a/b</interface></member></group>"))
                .run(nc.port);
        out.forEach(System.out::println);
        assertThat(out.get(1)).contains("\"tag\": \"invalid-value\"", "\"path\": \"/ipmp:ipmp/ipmp:flap-damping/ipmp:half-life\"", "uint32 in 1000..4294967295");
        assertThat(out.get(2)).contains("\"tag\": \"invalid-value\"", "\"path\": \"/ipmp:ipmp/ipmp:failure-detection-time\"",
                "'-5' is not a valid failure-detection-time: uint32");
        assertThat(out.get(3)).contains("\"tag\": \"invalid-value\"",
                "\"path\": \"/ipmp:ipmp/ipmp:group[ipmp:name='g0']/ipmp:member[ipmp:interface='a/b']/ipmp:interface\"",
                "must not contain");
        for (String line : out.subList(1, 4)) {
            assertThat(line).doesNotContain("%n", "  ", "Signed values", "Exception");
        }
        assertThat(nc.ipmp.configsReceived()).isEmpty();
    }

    @Test
    void rpcInputIsValidatedAgainstItsYangTypeBeforeTheEngineSeesIt() throws Exception {
        List<String> out = nc.client().connect("a", "admin", NetconfTestServer.ADMIN_PASSWORD)
                .step("a", "rpc", "xml", NetconfNotificationTest.offline("a/b"))
                .run(nc.port);
        assertThat(out.get(1)).contains("\"tag\": \"invalid-value\"", "\"path\": \"/ipmp:offline/ipmp:interface\"", "must not contain");
    }
}
