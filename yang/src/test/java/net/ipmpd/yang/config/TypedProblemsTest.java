package net.ipmpd.yang.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import javax.xml.parsers.DocumentBuilderFactory;
import net.ipmpd.engine.config.ConfigProblem;
import net.ipmpd.engine.config.ConfigProblem.Kind;
import net.ipmpd.yang.IpmpSchema;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;

/** The schema walks type every problem (its kind) and locate it, so that no adapter reads a message. */
class TypedProblemsTest {
    private static Element xml(String body) throws Exception {
        var f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        String text = "<ipmp xmlns=\"urn:ipmpd:yang:ipmp\">" + body + "</ipmp>";
        return f.newDocumentBuilder().parse(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8))).getDocumentElement();
    }

    @Test
    void xmlShapeTypesEachRefusalAndNamesItsPlace() throws Exception {
        assertThat(ConfigXml.checkShape(xml("<group><name>g0</name><colour/></group>")))
                .hasValueSatisfying(p -> {
                    assertThat(p.kind()).isEqualTo(Kind.UNKNOWN_NODE);
                    assertThat(p.path()).isEqualTo("/ipmp/group[name='g0']/colour");
                });
        assertThat(ConfigXml.checkShape(xml("<group><member><standby>true</standby></member></group>")))
                .map(ConfigProblem::kind).contains(Kind.MISSING_KEY);
        assertThat(ConfigXml.checkShape(xml("<failure-detection-time>5</failure-detection-time>"
                + "<failure-detection-time>6</failure-detection-time>"))).map(ConfigProblem::kind).contains(Kind.DUPLICATE);
        assertThat(ConfigXml.checkShape(xml("<failure-detection-time>x</failure-detection-time>")))
                .hasValueSatisfying(p -> {
                    assertThat(p.kind()).isEqualTo(Kind.INVALID_VALUE);
                    assertThat(p.path()).isEqualTo("/ipmp/failure-detection-time");
                    assertThat(p.message()).isEqualTo("'x' is not an integer");
                });
        assertThat(ConfigXml.checkShape(xml("<group><name>g0</name><member><interface>eth0</interface></member></group>"))).isEmpty();
    }

    @Test
    void aMissingMandatoryLeafAndTooFewMembersAreFoundWithTheirKinds() throws Exception {
        var ipmp = ConfigXml.parseIpmp(xml("<group><name>g0</name><member><interface>eth0</interface>"
                + "<ipv4-test-address><address>198.18.0.1</address></ipv4-test-address></member></group>"
                + "<group><name>g1</name></group>"));
        assertThat(SchemaValidation.requiredNodes(IpmpSchema.shared(), ipmp)).extracting(Object::toString, ConfigProblem::kind)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("/ipmp/group[name='g0']/member[interface='eth0']/ipv4-test-address/prefix-length: "
                                + "the mandatory leaf prefix-length is missing", Kind.MISSING),
                        org.assertj.core.groups.Tuple.tuple("/ipmp/group[name='g1']/member: member has 0 entries; at least 1 needed",
                                Kind.TOO_FEW_ELEMENTS));
    }
}
