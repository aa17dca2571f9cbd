package net.ipmpd.yang.state;

import static net.ipmpd.yang.XmlText.count;
import static net.ipmpd.yang.XmlText.value;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import net.ipmpd.engine.state.EngineSnapshot;
import net.ipmpd.yang.XmlText;
import net.ipmpd.yang.config.ConfigCodec;
import net.ipmpd.yang.config.ConfigXml;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

class StateCodecTest {
    @TempDir
    Path dir;

    private static Element encode(EngineSnapshot s) throws Exception {
        Document doc = XmlText.newDocument();
        Element data = doc.createElementNS("urn:ietf:params:xml:ns:netconf:base:1.0", "data");
        doc.appendChild(data);
        ConfigXml.appendTo(data, StateCodec.encode(s, Snapshots.CLOCK));
        return data;
    }

    @Test
    void groupStateSitsNextToItsConfiguration() throws Exception {
        Element data = encode(Snapshots.afterEth0Failed());
        assertThat(value(data, "/data/ipmp/failure-detection-time")).isEqualTo("10000");
        assertThat(value(data, "/data/ipmp/group[name='ipmp0']/state")).isEqualTo("degraded");
        assertThat(value(data, "/data/ipmp/group/requested-failure-detection-time")).isEqualTo("10000");
        assertThat(value(data, "/data/ipmp/group/effective-failure-detection-time")).isEqualTo("12000");
        assertThat(value(data, "/data/ipmp/group/probe-interval")).isEqualTo("2000");
        assertThat(value(data, "/data/ipmp/group/last-change")).isEqualTo("2026-11-25T08:01:30Z");
        assertThat(value(data, "/data/ipmp/group/counters/failovers")).isEqualTo("1");
        assertThat(value(data, "/data/ipmp/group/static-target")).isEqualTo("198.18.0.1");
        assertThat(value(data, "/data/ipmp/group/outbound-member[1]")).isEqualTo("eth1");
        assertThat(value(data, "/data/ipmp/group/outbound-member[2]")).isEqualTo("eth2");
    }

    @Test
    void everyMemberFieldIsEncoded() throws Exception {
        Element data = encode(Snapshots.afterEth0Failed());
        String eth0 = "/data/ipmp/group/member[interface='eth0']";
        assertThat(value(data, eth0 + "/ipv4-test-address/address")).as("config stays in place").isEqualTo("198.18.0.10");
        assertThat(value(data, eth0 + "/if-index")).isEqualTo("2");
        assertThat(value(data, eth0 + "/state")).isEqualTo("failed");
        assertThat(value(data, eth0 + "/active")).isEqualTo("false");
        assertThat(value(data, eth0 + "/flags")).isEqualTo("failed");
        assertThat(value(data, eth0 + "/link-state")).isEqualTo("up");
        assertThat(value(data, eth0 + "/probe-state")).isEqualTo("failed");
        assertThat(value(data, eth0 + "/presence")).isEqualTo("present");
        assertThat(value(data, eth0 + "/last-cause")).isEqualTo("probes-lost");
        assertThat(value(data, eth0 + "/last-change")).isEqualTo("2026-11-25T08:01:30Z");
        assertThat(value(data, eth0 + "/flap-penalty")).isEqualTo("1000");
        assertThat(value(data, eth0 + "/counters/failures")).isEqualTo("1");
        assertThat(value(data, eth0 + "/counters/failovers")).isEqualTo("1");
        assertThat(value(data, eth0 + "/counters/flaps")).isEqualTo("0");
        String probe = eth0 + "/probe[family='ipv4']";
        assertThat(value(data, probe + "/test-address")).isEqualTo("198.18.0.10");
        assertThat(value(data, probe + "/test-prefix-length")).isEqualTo("24");
        assertThat(value(data, probe + "/target-mode")).isEqualTo("static");
        assertThat(value(data, probe + "/state")).isEqualTo("failed");
        assertThat(value(data, probe + "/statistics/sent")).isEqualTo("40");
        assertThat(value(data, probe + "/statistics/answered")).isEqualTo("35");
        assertThat(value(data, probe + "/statistics/lost")).isEqualTo("5");
        assertThat(value(data, probe + "/target/address")).isEqualTo("198.18.0.1");
        assertThat(value(data, probe + "/target/mode")).isEqualTo("static");
        assertThat(value(data, probe + "/target/state")).isEqualTo("dead");
        assertThat(value(data, probe + "/target/rtt-average")).isEqualTo("1200");
        assertThat(value(data, probe + "/target/rtt-deviation")).isEqualTo("300");

        String eth1 = "/data/ipmp/group/member[interface='eth1']";
        assertThat(value(data, eth1 + "/flags").split(" "))
                .containsExactlyInAnyOrder("ipv4-multicast-nominee", "ipv4-broadcast-nominee", "ipv6-multicast-nominee");
        assertThat(value(data, eth1 + "/last-change")).as("never changed: left out").isEmpty();
        assertThat(value(data, eth1 + "/probe[family='ipv6']/target[2]/address")).as("firing order kept").isEqualTo("fe80::2");
        assertThat(value(data, eth1 + "/probe[family='ipv6']/target[2]/state")).isEqualTo("unused");
        assertThat(value(data, "/data/ipmp/group/member[interface='eth2']/last-change")).isEqualTo("2026-11-25T08:01:35.500Z");
        assertThat(value(data, "/data/ipmp/group/member[interface='eth2']/standby")).isEqualTo("true");
        assertThat(value(data, "/data/ipmp/group/member[3]/interface")).as("configuration order").isEqualTo("eth2");
    }

    @Test
    void dataAddressesShowWhereTheyAreNow() throws Exception {
        Element data = encode(Snapshots.afterEth0Failed());
        String a = "/data/ipmp/group/data-address[address='198.18.0.100']";
        assertThat(value(data, a + "/home-member")).isEqualTo("eth0");
        assertThat(value(data, a + "/current-member")).isEqualTo("eth1");
        assertThat(value(data, a + "/state")).isEqualTo("up");
        assertThat(value(data, "/data/ipmp/group/data-address[2]/address")).isEqualTo("2001:2::100");
    }

    @Test
    void theAnonymousGroupListsInterfacesTrackedOutsideGroups() throws Exception {
        Element data = encode(Snapshots.afterEth0Failed());
        assertThat(value(data, "/data/ipmp/anonymous-group/state")).isEqualTo("ok");
        assertThat(value(data, "/data/ipmp/anonymous-group/member/interface")).isEqualTo("eth9");
        assertThat(value(data, "/data/ipmp/anonymous-group/member/presence")).isEqualTo("not-present");
        assertThat(value(data, "/data/ipmp/anonymous-group/member/last-cause")).isEqualTo("not-present");
        assertThat(value(data, "/data/ipmp/anonymous-group/member/link-state")).isEqualTo("down");
        assertThat(count(data, "last-change")).as("zero times are left out").isEqualTo(3);
        EngineSnapshot without = new EngineSnapshot(1, 0, Snapshots.config(), Snapshots.afterEth0Failed().groups(), Optional.empty());
        assertThat(count(encode(without), "anonymous-group")).isZero();
    }

    @Test
    void theRoutesKeptThroughTheGroupAreListedWithTheirGatewaysMembersAndOrigin() throws Exception {
        Element data = encode(Snapshots.afterEth0Failed());
        assertThat(count(data, "route")).isEqualTo(3);
        assertThat(route(data, "198.18.0.0/24", 0, "family")).isEqualTo("ipv4");
        assertThat(route(data, "198.18.0.0/24", 0, "origin")).isEqualTo("created");
        assertThat(route(data, "198.18.0.0/24", 0, "outbound-member[1]")).isEqualTo("eth1");
        assertThat(route(data, "198.18.0.0/24", 0, "outbound-member[2]")).isEqualTo("eth2");
        assertThat(count(data, "gateway")).as("gateways of the two default routes only").isEqualTo(2);
        assertThat(route(data, "0.0.0.0/0", 0, "gateway")).isEqualTo("198.18.0.1");
        assertThat(route(data, "0.0.0.0/0", 0, "origin")).isEqualTo("followed");
        assertThat(route(data, "0.0.0.0/0", 0, "outbound-member[2]")).isEqualTo("eth2");
        assertThat(route(data, "::/0", 1024, "family")).isEqualTo("ipv6");
        assertThat(route(data, "::/0", 1024, "gateway")).isEqualTo("fe80::1");
        assertThat(route(data, "::/0", 1024, "outbound-member")).isEqualTo("eth1");
        assertThat(count(data, "outbound-member")).as("2 of the group, 2 + 2 + 1 of its routes").isEqualTo(7);
    }

    /** A leaf of group ipmp0's route entry with this destination and metric. */
    private static String route(Element data, String destination, long metric, String leaf) throws Exception {
        String step = leaf.contains("[") ? leaf.substring(0, leaf.indexOf('[')) : leaf;
        String position = leaf.contains("[") ? leaf.substring(leaf.indexOf('[')) : "";
        return javax.xml.xpath.XPathFactory.newInstance().newXPath().evaluate(
                "/*[local-name()='data']/*[local-name()='ipmp']/*[local-name()='group'][*[local-name()='name']='ipmp0']"
                        + "/*[local-name()='route'][*[local-name()='destination']='" + destination + "']"
                        + "[*[local-name()='metric']='" + metric + "']/*[local-name()='" + step + "']" + position, data);
    }

    @Test
    void yanglintAcceptsTheEncodedStateAsACompleteDatastore() throws Exception {
        Element data = encode(Snapshots.afterEth0Failed());
        Path file = dir.resolve("state.xml");
        Files.writeString(file, XmlText.toText(data.getFirstChild()));
        var r = net.ipmpd.yang.YanglintAccess.run("-t", "data", file);
        assertThat(r.stderr()).isEmpty();
        assertThat(r.exit()).isZero();
    }

    @Test
    void anOperationalDatastoreAcceptsTheEncodedTree() throws Exception {
        // NETCONF keeps get's data in an operational DataTree: node kinds (ordered or not) must match the schema.
        org.opendaylight.yangtools.yang.data.tree.api.DataTree tree =
                net.ipmpd.yang.config.SchemaValidation.newOperationalTree(net.ipmpd.yang.IpmpSchema.shared());
        var mod = tree.takeSnapshot().newModification();
        var path = org.opendaylight.yangtools.yang.data.api.YangInstanceIdentifier.of(net.ipmpd.yang.IpmpQNames.IPMP);
        var encoded = StateCodec.encode(Snapshots.afterEth0Failed(), Snapshots.CLOCK);
        mod.write(path, encoded);
        mod.ready();
        tree.validate(mod);
        tree.commit(tree.prepare(mod));
        assertThat(tree.takeSnapshot().readNode(path)).contains(encoded);
    }

    @Test
    void aSnapshotWithoutGroupsStillCarriesTheConfiguration() throws Exception {
        EngineSnapshot empty = new EngineSnapshot(0, 0, net.ipmpd.engine.config.EngineConfig.defaults(), List.of(), Optional.empty());
        Element data = encode(empty);
        assertThat(value(data, "/data/ipmp/failback")).isEqualTo("true");
        assertThat(count(data, "group")).isZero();
        var decoded = ConfigCodec.fromNormalizedNode(ConfigCodec.toNormalizedNode(empty.config()));
        assertThat(decoded.config()).contains(empty.config());
    }
}
