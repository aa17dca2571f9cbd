package net.ipmpd.agent.netconf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import javax.xml.parsers.DocumentBuilderFactory;
import net.ipmpd.yang.IpmpQNames;
import net.ipmpd.yang.IpmpSchema;
import net.ipmpd.yang.config.SchemaValidation;
import org.junit.jupiter.api.Test;
import org.opendaylight.yangtools.yang.common.Uint8;
import org.opendaylight.yangtools.yang.data.api.YangInstanceIdentifier;
import org.opendaylight.yangtools.yang.data.api.YangInstanceIdentifier.NodeIdentifier;
import org.opendaylight.yangtools.yang.data.api.YangInstanceIdentifier.NodeIdentifierWithPredicates;
import org.opendaylight.yangtools.yang.data.api.schema.ContainerNode;
import org.opendaylight.yangtools.yang.data.api.schema.MapEntryNode;
import org.opendaylight.yangtools.yang.data.spi.node.ImmutableNodes;
import org.opendaylight.yangtools.yang.data.tree.api.DataTree;
import org.opendaylight.yangtools.yang.data.tree.api.DataTreeModification;
import org.w3c.dom.Element;

/**
 * NETCONF's rpc-errors come from the type of what refused a change (yangtools' typed errors, the
 * schema walks' problem kinds), each with its path: never from the words of a message.
 */
class TypedErrorsTest {
    private static final YangInstanceIdentifier IPMP = ChangeChecks.IPMP;

    private static MapEntryNode member(String ifname) {
        return ImmutableNodes.newMapEntryBuilder()
                .withNodeIdentifier(NodeIdentifierWithPredicates.of(IpmpQNames.MEMBER, IpmpQNames.INTERFACE, ifname))
                .withChild(ImmutableNodes.leafNode(IpmpQNames.INTERFACE, ifname)).build();
    }

    private static ContainerNode ipmp(MapEntryNode group) {
        return ImmutableNodes.newContainerBuilder().withNodeIdentifier(new NodeIdentifier(IpmpQNames.IPMP))
                .withChild(ImmutableNodes.newUserMapBuilder().withNodeIdentifier(new NodeIdentifier(IpmpQNames.GROUP))
                        .withChild(group).build()).build();
    }

    private static RpcError refusal(DataTree tree, DataTreeModification mod) {
        return catchThrowableOfType(RpcError.RpcException.class, () -> ChangeChecks.prepare(tree, mod)).error();
    }

    @Test
    void aMissingMandatoryLeafIsDataMissingAtTheLeafsPath() {
        DataTree tree = SchemaValidation.newConfigurationTree(IpmpSchema.shared());
        MapEntryNode address = ImmutableNodes.newMapEntryBuilder()
                .withNodeIdentifier(NodeIdentifierWithPredicates.of(IpmpQNames.DATA_ADDRESS, IpmpQNames.ADDRESS, "198.18.0.100"))
                .withChild(ImmutableNodes.leafNode(IpmpQNames.ADDRESS, "198.18.0.100"))
                .withChild(ImmutableNodes.leafNode(IpmpQNames.PREFIX_LENGTH, Uint8.valueOf(24))).build();
        MapEntryNode group = ImmutableNodes.newMapEntryBuilder()
                .withNodeIdentifier(NodeIdentifierWithPredicates.of(IpmpQNames.GROUP, IpmpQNames.NAME, "g0"))
                .withChild(ImmutableNodes.leafNode(IpmpQNames.NAME, "g0"))
                .withChild(ImmutableNodes.newUserMapBuilder().withNodeIdentifier(new NodeIdentifier(IpmpQNames.MEMBER))
                        .withChild(member("eth0")).build())
                .withChild(ImmutableNodes.newUserMapBuilder().withNodeIdentifier(new NodeIdentifier(IpmpQNames.DATA_ADDRESS))
                        .withChild(address).build()).build();
        DataTreeModification mod = tree.takeSnapshot().newModification();
        mod.merge(IPMP, ipmp(group));

        RpcError e = refusal(tree, mod);
        assertThat(e.tag().elementBody()).isEqualTo("data-missing");
        assertThat(e.path()).contains("/ipmp/group[name='g0']/data-address[address='198.18.0.100']/home-member");
        assertThat(e.message()).isEqualTo("the mandatory leaf home-member is missing");
    }

    @Test
    void tooFewMembersIsOperationFailedWithTheAppTagYangtoolsGives() {
        DataTree tree = SchemaValidation.newConfigurationTree(IpmpSchema.shared());
        MapEntryNode group = ImmutableNodes.newMapEntryBuilder()
                .withNodeIdentifier(NodeIdentifierWithPredicates.of(IpmpQNames.GROUP, IpmpQNames.NAME, "g1"))
                .withChild(ImmutableNodes.leafNode(IpmpQNames.NAME, "g1"))
                .withChild(ImmutableNodes.newUserMapBuilder().withNodeIdentifier(new NodeIdentifier(IpmpQNames.MEMBER)).build())
                .build();
        DataTreeModification mod = tree.takeSnapshot().newModification();
        mod.write(IPMP, ipmp(group));

        RpcError e = refusal(tree, mod);
        assertThat(e.tag().elementBody()).isEqualTo("operation-failed");
        assertThat(e.appTag()).contains("too-few-elements");
        assertThat(e.path()).contains("/ipmp/group[name='g1']/member");
    }

    @Test
    void aStateNodeInAnEditIsBadElementAtItsPath() {
        DataTree tree = SchemaValidation.newConfigurationTree(IpmpSchema.shared());
        var state = ImmutableNodes.leafNode(IpmpQNames.STATE, "ok");
        YangInstanceIdentifier at = YangInstanceIdentifier.builder().node(IpmpQNames.IPMP).node(IpmpQNames.GROUP)
                .nodeWithKey(IpmpQNames.GROUP, IpmpQNames.NAME, "g0").node(IpmpQNames.STATE).build();
        DataTreeModification mod = tree.takeSnapshot().newModification();

        RpcError e = catchThrowableOfType(RpcError.RpcException.class,
                () -> ChangeChecks.apply(mod, new EditChange(at, EditOperation.MERGE, state))).error();
        assertThat(e.tag().elementBody()).isEqualTo("bad-element");
        assertThat(e.path()).contains("/ipmp/group[name='g0']/state");
    }

    private static Element xml(String text) throws Exception {
        var f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        return f.newDocumentBuilder().parse(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8))).getDocumentElement();
    }

    @Test
    void anUnknownElementIsUnknownElementWithItsPathAndName() throws Exception {
        Element request = xml("<ipmp xmlns=\"urn:ipmpd:yang:ipmp\"><group><name>g0</name><colour>red</colour></group></ipmp>");
        RpcError e = ParseErrors.classify(new IllegalStateException("whatever the parser said"), request);
        assertThat(e.tag().elementBody()).isEqualTo("unknown-element");
        assertThat(e.path()).contains("/ipmp/group[name='g0']/colour");
        assertThat(e.info()).containsEntry("bad-element", "colour");
    }

    @Test
    void aListEntryWithoutItsKeyIsMissingElement() throws Exception {
        Element request = xml("<ipmp xmlns=\"urn:ipmpd:yang:ipmp\"><group><name>g0</name>"
                + "<member><standby>true</standby></member></group></ipmp>");
        RpcError e = ParseErrors.classify(new IllegalStateException("whatever the parser said"), request);
        assertThat(e.tag().elementBody()).isEqualTo("missing-element");
        assertThat(e.path()).contains("/ipmp/group[name='g0']/member");
    }

    @Test
    void aValueItsTypeRefusesIsInvalidValueWithTheModulesOwnMessage() throws Exception {
        Element request = xml("<ipmp xmlns=\"urn:ipmpd:yang:ipmp\"><group><name>g0</name>"
                + "<member><interface>eth0/1</interface></member></group></ipmp>");
        RpcError e = ParseErrors.classify(new IllegalStateException("whatever the parser said"), request);
        assertThat(e.tag().elementBody()).isEqualTo("invalid-value");
        assertThat(e.path()).contains("/ipmp/group[name='g0']/member[interface='eth0/1']/interface");
        assertThat(e.message()).startsWith("'eth0/1' is not valid here: An interface name must not contain");
    }

    @Test
    void theErrorPathIsTheLocationRenderedWithTheModulesPrefix() throws Exception {
        var doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().newDocument();
        RpcError e = RpcError.application(RpcError.INVALID_VALUE,
                net.ipmpd.engine.config.ConfigLocation.member("it's", "eth0").child("standby"), "bad");
        Element element = e.toElement(doc);
        assertThat(element.getElementsByTagNameNS("*", "error-path").item(0).getTextContent())
                .isEqualTo("/ipmp:ipmp/ipmp:group[ipmp:name='it''s']/ipmp:member[ipmp:interface='eth0']/ipmp:standby");
        assertThat(e.path()).contains("/ipmp/group[name='it''s']/member[interface='eth0']/standby");
    }
}
