package net.ipmpd.agent.netconf;

import java.util.List;
import java.util.Optional;
import org.opendaylight.netconf.api.NamespaceURN;
import org.opendaylight.netconf.api.xml.XmlElement;

/**
 * Which top-level data a get's subtree filter can select (RFC 6241 section 6), so the reply is
 * not built for parts the filter throws away: a get of the ipmp subtree built /netconf-state,
 * /yang-library, /modules-state and /netconf/streams only for ODL's filter to drop them. Errs on
 * the side of building: no filter, a filter that is not a subtree filter, or a top-level filter
 * element without a namespace of its own (which matches any namespace) selects everything it may
 * match. ODL still applies the filter to what is built, so the reply's content is unchanged.
 */
final class FilterScope {
    private static final FilterScope EVERYTHING = new FilterScope(Optional.empty());

    /** The filter's top-level elements; empty: no filter, everything. */
    private final Optional<List<XmlElement>> tops;

    private FilterScope(Optional<List<XmlElement>> tops) {
        this.tops = tops;
    }

    static FilterScope of(XmlElement operation) {
        Optional<XmlElement> filter = Requests.child(operation, "filter");
        if (filter.isEmpty()) {
            return EVERYTHING;
        }
        String type = filter.get().getAttribute("type");
        if (type != null && !type.isEmpty() && !"subtree".equals(type)) {
            return EVERYTHING;
        }
        return new FilterScope(Optional.of(filter.get().getChildElements()));
    }

    /** Whether the filter may select the top-level element {@code name} of namespace {@code namespace}. */
    boolean wants(String namespace, String name) {
        if (tops.isEmpty()) {
            return true;
        }
        for (XmlElement top : tops.get()) {
            String ns = top.namespace();
            // unqualified (or in the rpc's base namespace, inherited from <rpc xmlns=...>): any namespace
            boolean anyNamespace = ns == null || ns.isEmpty() || NamespaceURN.BASE.equals(ns);
            if (top.getName().equals(name) && (anyNamespace || ns.equals(namespace))) {
                return true;
            }
        }
        return false;
    }
}
