package net.ipmpd.agent.netconf;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.util.List;
import net.ipmpd.engine.config.EngineConfig;
import net.ipmpd.engine.config.GroupConfig;
import net.ipmpd.yang.config.ConfigFile;
import org.junit.jupiter.api.Test;

/** get-config and edit-config on running with ncclient: every edit reaches the engine as one configuration command. */
class NetconfDatastoreTest extends NetconfServerTest {
    static final String NS = "urn:ipmpd:yang:ipmp";
    static final String NC = "urn:ietf:params:xml:ns:netconf:base:1.0";

    static String config(String ipmpBody) {
        return "<config xmlns=\"" + NC + "\"><ipmp xmlns=\"" + NS + "\" xmlns:nc=\"" + NC + "\">" + ipmpBody + "</ipmp></config>";
    }

    NcClient admin() {
        return nc.client().connect("a", "admin", NetconfTestServer.ADMIN_PASSWORD);
    }

    GroupConfig group(String name) {
        return nc.ipmp.snapshot().config().groups().stream().filter(g -> g.name().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void getConfigShowsTheEngineConfigurationAndHonoursASubtreeFilter() throws Exception {
        List<String> out = admin()
                .step("a", "get-config", "source", "running")
                .step("a", "get-config", "source", "running",
                        "filter", "<ipmp xmlns=\"" + NS + "\"><group><name>g0</name><data-address/></group></ipmp>")
                .run(nc.port);
        assertThat(out.get(1)).contains("<name>g0</name>", "<interface>eth0</interface>", "<interface>eth1</interface>",
                "198.18.0.100", "<failure-detection-time>10000</failure-detection-time>");
        assertThat(out.get(2)).contains("198.18.0.100", "<home-member>eth0</home-member>").doesNotContain("<interface>eth1</interface>");
    }

    @Test
    void aMergeAddsAMemberAndTheEngineGetsTheWholeConfigurationOnce() throws Exception {
        List<String> out = admin()
                // read first: the reply after the edit must not be the rendering kept from this one
                .step("a", "get-config", "source", "running")
                .step("a", "edit-config", "target", "running", "config",
                        config("<group><name>g0</name><member><interface>eth2</interface><standby>true</standby></member></group>"))
                .step("a", "get-config", "source", "running")
                .run(nc.port);
        assertThat(out.get(1)).contains("<interface>eth1</interface>").doesNotContain("<interface>eth2</interface>");
        assertThat(out.get(2)).contains("\"ok\": true").doesNotContain("error");
        assertThat(out.get(3)).contains("<interface>eth2</interface>");
        assertThat(nc.ipmp.configsReceived()).hasSize(1);
        assertThat(group("g0").members()).extracting(m -> m.interfaceName()).containsExactly("eth0", "eth1", "eth2");
        assertThat(group("g0").members().get(2).standby()).isTrue();
        // persisted atomically to the startup file: a restart comes back with it
        EngineConfig onDisk = ConfigFile.load(nc.startupFile).config();
        assertThat(onDisk).isEqualTo(nc.ipmp.snapshot().config());
    }

    @Test
    void createDeleteRemoveAndReplaceFollowRfc6241() throws Exception {
        String g0 = "<group><name>g0</name>";
        List<String> out = admin()
                // create of an existing entry: data-exists
                .step("a", "edit-config", "target", "running", "config",
                        config(g0 + "<member nc:operation=\"create\"><interface>eth0</interface></member></group>"))
                // delete of a missing entry: data-missing
                .step("a", "edit-config", "target", "running", "config",
                        config(g0 + "<member nc:operation=\"delete\"><interface>eth9</interface></member></group>"))
                // remove of a missing entry: fine
                .step("a", "edit-config", "target", "running", "config",
                        config(g0 + "<member nc:operation=\"remove\"><interface>eth9</interface></member></group>"))
                // create a new one
                .step("a", "edit-config", "target", "running", "config",
                        config(g0 + "<member nc:operation=\"create\"><interface>eth3</interface></member></group>"))
                // delete it again
                .step("a", "edit-config", "target", "running", "config",
                        config(g0 + "<member nc:operation=\"delete\"><interface>eth3</interface></member></group>"))
                // replace the data address: prefix 24 becomes 25
                .step("a", "edit-config", "target", "running", "config",
                        config(g0 + "<data-address nc:operation=\"replace\"><address>198.18.0.100</address><prefix-length>25</prefix-length>"
                                + "<home-member>eth1</home-member></data-address></group>"))
                .run(nc.port);
        assertThat(out.get(1)).contains("\"tag\": \"data-exists\"", "member[ipmp:interface='eth0']");
        assertThat(out.get(2)).contains("\"tag\": \"data-missing\"", "eth9");
        assertThat(out.get(3)).contains("\"ok\": true");
        assertThat(out.get(4)).contains("\"ok\": true");
        assertThat(out.get(5)).contains("\"ok\": true");
        assertThat(out.get(6)).contains("\"ok\": true");
        assertThat(group("g0").members()).extracting(m -> m.interfaceName()).containsExactly("eth0", "eth1");
        assertThat(group("g0").dataAddresses()).singleElement().satisfies(d -> {
            assertThat(d.prefixLength()).isEqualTo(25);
            assertThat(d.homeMember()).isEqualTo("eth1");
        });
    }

    @Test
    void defaultOperationReplaceSwapsTheWholeConfiguration() throws Exception {
        List<String> out = admin()
                .step("a", "edit-config", "target", "running", "default_operation", "replace", "config",
                        config("<group><name>g1</name><member><interface>eth5</interface></member></group>"))
                .run(nc.port);
        assertThat(out.get(1)).contains("\"ok\": true");
        assertThat(nc.ipmp.snapshot().config().groups()).extracting(GroupConfig::name).containsExactly("g1");
    }

    @Test
    void testOnlyChecksWithoutApplying() throws Exception {
        List<String> out = admin()
                .step("a", "edit-config", "target", "running", "test_option", "test-only", "config",
                        config("<group><name>g0</name><member><interface>eth7</interface></member></group>"))
                .step("a", "edit-config", "target", "running", "test_option", "test-only", "config",
                        config("<group><name>g0</name><member><interface>eth0/x</interface></member></group>"))
                .run(nc.port);
        assertThat(out.get(1)).contains("\"ok\": true");
        assertThat(out.get(2)).contains("\"error\"");
        assertThat(nc.ipmp.configsReceived()).isEmpty();
        assertThat(group("g0").members()).hasSize(2);
    }

    @Test
    void invalidEditsAreRefusedWithTheRightTagAndChangeNothing() throws Exception {
        EngineConfig before = nc.ipmp.snapshot().config();
        String g0 = "<group><name>g0</name>";
        List<String> out = admin()
                // out of range (failure-detection-time is uint32)
                .step("a", "edit-config", "target", "running", "config", config("<failure-detection-time>-5</failure-detection-time>"))
                // unknown element
                .step("a", "edit-config", "target", "running", "config", config(g0 + "<colour>red</colour></group>"))
                // a state node in configuration
                .step("a", "edit-config", "target", "running", "config", config(g0 + "<state>ok</state></group>"))
                // the engine's rule: an interface in two groups
                .step("a", "edit-config", "target", "running", "config",
                        config("<group><name>g9</name><member><interface>eth0</interface></member></group>"))
                // the data address' home member is not a member
                .step("a", "edit-config", "target", "running", "config",
                        config(g0 + "<data-address><address>198.18.0.101</address><prefix-length>24</prefix-length>"
                                + "<home-member>eth8</home-member></data-address></group>"))
                // a mandatory leaf missing (prefix-length of a data address)
                .step("a", "edit-config", "target", "running", "config",
                        config(g0 + "<data-address><address>198.18.0.102</address><home-member>eth0</home-member></data-address></group>"))
                // an unknown namespace
                .step("a", "edit-config", "target", "running", "config",
                        "<config xmlns=\"" + NC + "\"><foo xmlns=\"urn:example:foo\"/></config>")
                // a bad operation attribute
                .step("a", "edit-config", "target", "running", "config",
                        config(g0 + "<member nc:operation=\"explode\"><interface>eth1</interface></member></group>"))
                // the last member deleted: the engine's rule "a group needs members"
                .step("a", "edit-config", "target", "running", "config",
                        config("<group nc:operation=\"replace\"><name>g0</name></group>"))
                .step("a", "get-config", "source", "running")
                .run(nc.port);
        assertThat(out.get(1)).contains("\"tag\": \"invalid-value\"");
        assertThat(out.get(2)).contains("\"tag\": \"unknown-element\"", "colour", "/ipmp:ipmp/ipmp:group[ipmp:name='g0']/ipmp:colour")
                .doesNotContain("Exception", "Effect");
        assertThat(out.get(3)).contains("\"error\"");
        assertThat(out.get(4)).contains("\"tag\": \"invalid-value\"", "already a member of group g0", "ipmp:group[ipmp:name='g9']");
        assertThat(out.get(5)).contains("\"tag\": \"invalid-value\"", "home member eth8", "home-member");
        assertThat(out.get(6)).contains("\"tag\": \"data-missing\"", "data-address");
        assertThat(out.get(7)).contains("\"tag\": \"unknown-namespace\"");
        assertThat(out.get(8)).contains("\"tag\": \"bad-attribute\"", "explode");
        assertThat(out.get(9)).contains("\"error\"", "g0");
        assertThat(out.get(10)).contains("<interface>eth0</interface>", "<interface>eth1</interface>");
        assertThat(nc.ipmp.configsReceived()).isEmpty();
        assertThat(nc.ipmp.snapshot().config()).isEqualTo(before);
        assertThat(nc.startupWrites).isEmpty();
        assertThat(Files.readString(nc.startupFile)).contains("eth1");
    }
}
