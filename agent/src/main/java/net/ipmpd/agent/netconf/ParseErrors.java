package net.ipmpd.agent.netconf;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.Optional;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What yangtools' XML parser refuses, as RFC 6241 Appendix A error-tags: an element the schema
 * does not have is unknown-element, a list entry without its key is missing-element, a value of
 * the wrong type, range, pattern or enumeration is invalid-value, a state node in configuration
 * is bad-element.
 */
final class ParseErrors {
    private static final Pattern NO_SCHEMA = Pattern.compile("Schema for node with name ([A-Za-z0-9_.-]+)");
    private static final Pattern MISSING_KEY = Pattern.compile("(?i)missing key|key leaf|is missing key");

    private ParseErrors() {
    }

    static RpcError classify(Throwable e) {
        return classify(e, null);
    }

    /** As {@link #classify(Throwable)}, locating an unknown element in {@code request} for error-path. */
    static RpcError classify(Throwable e, Element request) {
        String raw = rawMessage(e);
        Matcher unknown = NO_SCHEMA.matcher(raw);
        if (unknown.find()) {
            String name = unknown.group(1);
            return RpcError.application(RpcError.UNKNOWN_ELEMENT, Optional.ofNullable(request).flatMap(r -> pathOf(r, name)),
                    "the element '" + name + "' is not in the ipmp schema at this place")
                    .withInfo("bad-element", name);
        }
        if (raw.contains("missing mandatory")) {
            // RFC 7950 section 7.6.5: a mandatory leaf must exist in a valid configuration
            return RpcError.application(RpcError.DATA_MISSING, Optional.empty(), Messages.simplify(raw));
        }
        if (MISSING_KEY.matcher(raw).find()) {
            return RpcError.application(RpcError.MISSING_ELEMENT, Optional.empty(), Messages.simplify(raw));
        }
        if (raw.contains("config false") || raw.contains("not config")) {
            return RpcError.application(RpcError.BAD_ELEMENT, Optional.empty(), Messages.simplify(raw));
        }
        return RpcError.application(RpcError.INVALID_VALUE, Optional.empty(), Messages.simplify(raw));
    }

    private static String rawMessage(Throwable e) {
        StringBuilder all = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t.getMessage() != null) {
                if (!all.isEmpty()) {
                    all.append(": ");
                }
                all.append(t.getMessage());
            }
        }
        return all.isEmpty() ? "invalid data" : all.toString();
    }

    /** The ipmp module's list keys, to name list entries in an error-path. */
    private static final Map<String, String> LIST_KEYS = Map.of("group", "name", "member", "interface",
            "data-address", "address", "probe", "family", "target", "address");

    /**
     * The instance path of the first element called {@code name} in the request, with the keys
     * of the list entries above it ({@code /ipmp/group[name='g0']/colour}).
     */
    static Optional<String> pathOf(Element root, String name) {
        NodeList found = root.getElementsByTagNameNS("*", name);
        Element hit = found.getLength() > 0 ? (Element) found.item(0) : root.getLocalName().equals(name) ? root : null;
        if (hit == null) {
            return Optional.empty();
        }
        Deque<String> steps = new ArrayDeque<>();
        for (Node n = hit; n instanceof Element el; n = n.getParentNode()) {
            StringBuilder step = new StringBuilder("/").append(el.getLocalName());
            String key = LIST_KEYS.get(el.getLocalName());
            if (key != null && n != hit) {
                NodeList keys = el.getElementsByTagNameNS("*", key);
                if (keys.getLength() > 0 && keys.item(0).getParentNode() == el) {
                    step.append('[').append(key).append("='").append(keys.item(0).getTextContent().strip()).append("']");
                }
            }
            steps.push(step.toString());
            if (n == root) {
                break;
            }
        }
        return Optional.of(String.join("", steps));
    }
}
