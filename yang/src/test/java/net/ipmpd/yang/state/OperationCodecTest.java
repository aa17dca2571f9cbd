package net.ipmpd.yang.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringReader;
import javax.xml.parsers.DocumentBuilderFactory;
import net.ipmpd.engine.CommandResult;
import net.ipmpd.engine.Command;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;
import org.xml.sax.InputSource;

class OperationCodecTest {
    static Element xml(String text) throws Exception {
        var f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        return f.newDocumentBuilder().parse(new InputSource(new StringReader(text))).getDocumentElement();
    }

    @Test
    void offlineAndOnlineBecomeEngineCommands() throws Exception {
        assertThat(OperationCodec.parse(xml("<offline xmlns=\"urn:ipmpd:yang:ipmp\"><interface>eth0</interface></offline>")))
                .isEqualTo(new Command.Offline("eth0"));
        assertThat(OperationCodec.parse(xml("<online xmlns=\"urn:ipmpd:yang:ipmp\"><interface>eth1</interface></online>")))
                .isEqualTo(new Command.Online("eth1"));
    }

    @Test
    void badInputIsRefusedInPlainWords() throws Exception {
        assertThatThrownBy(() -> OperationCodec.parse(xml("<offline xmlns=\"urn:ipmpd:yang:ipmp\"/>")))
                .hasMessage("offline: the mandatory input leaf interface is missing");
        assertThatThrownBy(() -> OperationCodec.parse(xml(
                "<offline xmlns=\"urn:ipmpd:yang:ipmp\"><interface>eth0:1</interface></offline>")))
                .hasMessageStartingWith("offline: invalid input: 'eth0:1' is not valid here");
        assertThatThrownBy(() -> OperationCodec.parse(xml("<offline xmlns=\"urn:other\"/>")))
                .isInstanceOf(OperationCodec.BadOperationException.class);
        assertThat(OperationCodec.handles(xml("<get xmlns=\"urn:ietf:params:xml:ns:netconf:base:1.0\"/>"))).isFalse();
    }

    @Test
    void refusalsMapToTheErrorAppTagsTheModuleDocuments() throws Exception {
        String module = net.ipmpd.yang.IpmpSchema.shared().ipmpModule().text();
        for (CommandResult.Reason r : new CommandResult.Reason[] {CommandResult.Reason.MIN_REDUNDANCY,
                CommandResult.Reason.UNKNOWN_INTERFACE, CommandResult.Reason.NOT_IN_GROUP,
                CommandResult.Reason.ALREADY_OFFLINE, CommandResult.Reason.NOT_OFFLINE}) {
            assertThat(module).contains("'" + OperationCodec.errorAppTag(r) + "'");
        }
        assertThat(OperationCodec.errorAppTag(CommandResult.Reason.MIN_REDUNDANCY)).isEqualTo("min-redundancy");
    }
}
