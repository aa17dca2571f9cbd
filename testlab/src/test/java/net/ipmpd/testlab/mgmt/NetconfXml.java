package net.ipmpd.testlab.mgmt;

import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.InputSource;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Reads the ipmp YANG data ncclient returned (get data, notifications) by element names, as an NMS would. */
final class NetconfXml {
    private NetconfXml() {
    }

    static Element parse(String xml) {
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setNamespaceAware(true);
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            return f.newDocumentBuilder().parse(new InputSource(new StringReader(xml))).getDocumentElement();
        } catch (Exception e) {
            throw new AssertionError("not XML: " + xml, e);
        }
    }

    /** The element as XML text, with its namespace declarations. */
    static String toText(Element e) {
        try {
            var t = javax.xml.transform.TransformerFactory.newInstance().newTransformer();
            t.setOutputProperty(javax.xml.transform.OutputKeys.OMIT_XML_DECLARATION, "yes");
            var w = new java.io.StringWriter();
            t.transform(new javax.xml.transform.dom.DOMSource(e), new javax.xml.transform.stream.StreamResult(w));
            return w.toString();
        } catch (javax.xml.transform.TransformerException x) {
            throw new AssertionError(x);
        }
    }

    /** The direct children of e named name (local name, any namespace). */
    static List<Element> children(Element e, String name) {
        List<Element> out = new ArrayList<>();
        for (Node n = e.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element c && name.equals(c.getLocalName())) {
                out.add(c);
            }
        }
        return out;
    }

    static Optional<Element> child(Element e, String name) {
        return children(e, name).stream().findFirst();
    }

    /** The text of the direct child named name, or "" when there is none. */
    static String text(Element e, String name) {
        return child(e, name).map(c -> c.getTextContent().strip()).orElse("");
    }

    /** All descendants named name (document order). */
    static List<Element> descendants(Element e, String name) {
        List<Element> out = new ArrayList<>();
        var nodes = e.getElementsByTagNameNS("*", name);
        for (int i = 0; i < nodes.getLength(); i++) {
            out.add((Element) nodes.item(i));
        }
        return out;
    }

    /** The list entry among entries whose key leaf has the value. */
    static Element entry(List<Element> entries, String key, String value) {
        return entries.stream().filter(x -> value.equals(text(x, key))).findFirst()
                .orElseThrow(() -> new AssertionError("no entry with " + key + " " + value));
    }
}
