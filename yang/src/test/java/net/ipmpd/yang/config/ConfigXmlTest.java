package net.ipmpd.yang.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringReader;
import javax.xml.parsers.DocumentBuilderFactory;
import net.ipmpd.engine.config.EngineConfig;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.xml.sax.InputSource;

class ConfigXmlTest {

    static Document newDocument() throws Exception {
        var f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        return f.newDocumentBuilder().newDocument();
    }

    static Element parseXml(String xml) throws Exception {
        var f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        return f.newDocumentBuilder().parse(new InputSource(new StringReader(xml))).getDocumentElement();
    }

    @Test
    void configurationRoundTripsThroughXml() throws Exception {
        EngineConfig c = EngineConfigFixtures.sample();
        Document doc = newDocument();
        Element data = doc.createElementNS("urn:ietf:params:xml:ns:netconf:base:1.0", "data");
        doc.appendChild(data);
        ConfigXml.appendTo(data, ConfigCodec.toNormalizedNode(c));
        Element ipmp = (Element) data.getFirstChild();
        assertThat(ipmp.getNamespaceURI()).isEqualTo("urn:ipmpd:yang:ipmp");
        assertThat(ipmp.getElementsByTagNameNS("urn:ipmpd:yang:ipmp", "member").getLength()).isEqualTo(5);

        var back = ConfigCodec.fromNormalizedNode(ConfigXml.parseIpmp(ipmp));
        assertThat(back.problems()).isEmpty();
        assertThat(back.config()).contains(c);
    }

    @Test
    void aConfigurationDatastoreAcceptsWhatConfigCodecBuilds() {
        var node = ConfigCodec.toNormalizedNode(EngineConfigFixtures.sample());
        assertThat(SchemaValidation.validate(net.ipmpd.yang.IpmpSchema.shared(), node)).isEmpty();
    }

    @Test
    void badXmlIsRefusedWithAPlainMessage() throws Exception {
        Element bad = parseXml("""
            <ipmp xmlns="urn:ipmpd:yang:ipmp"><group><name>g0</name>
              <member><interface>eth0</interface><colour>red</colour></member></group></ipmp>""");
        assertThatThrownBy(() -> ConfigXml.parseIpmp(bad)).isInstanceOf(ConfigXml.InvalidDataException.class)
                .hasMessageContaining("colour").hasMessageNotContaining("urn:ipmpd").hasMessageNotContaining("Exception");
        Element wrongNs = parseXml("<ipmp xmlns=\"urn:other\"/>");
        assertThatThrownBy(() -> ConfigXml.parseIpmp(wrongNs)).hasMessageContaining("expected the element ipmp");
    }

    @Test
    void theConfigurationDatastoreCheckCatchesMissingMandatoryNodes() throws Exception {
        Element missingHome = parseXml("""
            <ipmp xmlns="urn:ipmpd:yang:ipmp"><group><name>g0</name>
              <member><interface>eth0</interface></member>
              <data-address><address>198.18.0.100</address><prefix-length>24</prefix-length></data-address>
            </group></ipmp>""");
        var node = ConfigXml.parseIpmp(missingHome);
        assertThat(SchemaValidation.validate(net.ipmpd.yang.IpmpSchema.shared(), node)).isPresent()
                .get().extracting(p -> p.message()).asString().contains("home-member").doesNotContain("urn:");
        assertThat(ConfigCodec.fromNormalizedNode(node).problems()).extracting(Object::toString).containsExactly(
                "/ipmp/group[name='g0']/data-address[address='198.18.0.100']/home-member: the mandatory leaf home-member is missing");
    }
}
