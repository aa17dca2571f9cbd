package net.ipmpd.yang;

import java.io.StringWriter;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/** Small DOM helpers for tests. */
public final class XmlText {
    private XmlText() {
    }

    public static Document newDocument() throws Exception {
        var f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        return f.newDocumentBuilder().newDocument();
    }

    public static String toText(Node node) throws Exception {
        var t = TransformerFactory.newInstance().newTransformer();
        t.setOutputProperty(OutputKeys.OMIT_XML_DECLARATION, "yes");
        t.setOutputProperty(OutputKeys.INDENT, "yes");
        StringWriter out = new StringWriter();
        t.transform(new DOMSource(node), new StreamResult(out));
        return out.toString();
    }

    /** Evaluates an XPath in which every step names the local name only, e.g. /ipmp/group/state. */
    public static String value(Node root, String localPath) throws Exception {
        StringBuilder xp = new StringBuilder();
        for (String step : localPath.split("/")) {
            if (step.isEmpty()) {
                continue;
            }
            int bracket = step.indexOf('[');
            String name = bracket < 0 ? step : step.substring(0, bracket);
            String pred = bracket < 0 ? "" : step.substring(bracket);
            xp.append("/*[local-name()='").append(name).append("']").append(pred.replaceAll("\\[(\\w[\\w-]*)=", "[*[local-name()='$1']="));
        }
        return XPathFactory.newInstance().newXPath().evaluate(xp.toString(), root);
    }

    public static int count(Node root, String localName) throws Exception {
        NodeList l = (NodeList) XPathFactory.newInstance().newXPath()
                .evaluate("//*[local-name()='" + localName + "']", root, XPathConstants.NODESET);
        return l.getLength();
    }
}
