package net.ipmpd.agent.netconf;

import net.ipmpd.yang.config.ConfigXml;
import org.opendaylight.netconf.api.NamespaceURN;
import org.opendaylight.netconf.api.xml.XmlUtil;
import org.opendaylight.yangtools.yang.data.api.schema.NormalizedNode;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * The XML of the last data tree a reply carried, kept for the next reply with the same tree.
 * Data trees are immutable, and a datastore or an engine snapshot hands out the same instance
 * until something changes; so a get-config or get between two changes copies DOM nodes instead
 * of running yangtools' schema-ordered XML writer again (the largest part of a get's CPU on the
 * running daemon, scripts/bench-netconf.sh with JFR). One per kind of tree (configuration,
 * configuration with state), so get and get-config do not evict each other.
 */
final class RenderedData {
    private NormalizedNode source;
    private Element rendered;

    /** Appends the XML of {@code data} to {@code parent}, as {@link ConfigXml#appendTo} does. */
    void appendTo(Element parent, NormalizedNode data) {
        Document target = parent.getOwnerDocument();
        // a DOM is not safe for concurrent reads (Xerces caches node lists): one session at a time copies
        synchronized (this) {
            if (data != source) {
                Document doc = XmlUtil.newDocument();
                Element holder = doc.createElementNS(NamespaceURN.BASE, "data");
                doc.appendChild(holder);
                ConfigXml.appendTo(holder, data);
                source = data;
                rendered = holder;
            }
            for (Node n = rendered.getFirstChild(); n != null; n = n.getNextSibling()) {
                parent.appendChild(target.importNode(n, true));
            }
        }
    }
}
