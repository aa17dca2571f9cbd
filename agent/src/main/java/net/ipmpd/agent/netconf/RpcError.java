package net.ipmpd.agent.netconf;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.ipmpd.engine.config.ConfigLocation;
import net.ipmpd.yang.IpmpQNames;
import org.opendaylight.netconf.api.NamespaceURN;
import org.opendaylight.yangtools.yang.common.ErrorTag;
import org.opendaylight.yangtools.yang.common.ErrorType;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * An {@code <rpc-error>} (RFC 6241 section 4.3) that an operation answers with. ODL's own
 * {@code DocumentedException} cannot carry {@code error-path} or {@code error-app-tag}, so our
 * operations build the element themselves and return it as the reply's content.
 *
 * @param path the ConfigValidator-style instance path ({@code /ipmp/group[name='g0']}), if any;
 *        it is written as an XPath with the module's prefix
 * @param operation the protocol operation the error is about, when the error-path names it
 *        (RFC 8341 section 3.4.4: {@code /nc:rpc/nc:edit-config})
 */
record RpcError(ErrorType type, ErrorTag tag, Optional<String> appTag, Optional<String> path, String message,
                Map<String, String> info, Optional<ConfigLocation> location, Optional<Operation> operation) {

    /** A protocol operation by its XML namespace and name. */
    record Operation(String namespace, String name) {
    }

    static final ErrorTag LOCK_DENIED = new ErrorTag("lock-denied");
    static final ErrorTag ACCESS_DENIED = new ErrorTag("access-denied");
    static final ErrorTag IN_USE = new ErrorTag("in-use");
    static final ErrorTag INVALID_VALUE = new ErrorTag("invalid-value");
    static final ErrorTag DATA_EXISTS = new ErrorTag("data-exists");
    static final ErrorTag DATA_MISSING = new ErrorTag("data-missing");
    static final ErrorTag OPERATION_FAILED = new ErrorTag("operation-failed");
    static final ErrorTag OPERATION_NOT_SUPPORTED = new ErrorTag("operation-not-supported");
    static final ErrorTag MISSING_ELEMENT = new ErrorTag("missing-element");
    static final ErrorTag BAD_ELEMENT = new ErrorTag("bad-element");
    static final ErrorTag UNKNOWN_ELEMENT = new ErrorTag("unknown-element");
    static final ErrorTag MALFORMED_MESSAGE = new ErrorTag("malformed-message");
    static final ErrorTag RESOURCE_DENIED = new ErrorTag("resource-denied");
    static final ErrorTag BAD_ATTRIBUTE = new ErrorTag("bad-attribute");

    private static final Pattern STEP = Pattern.compile("/([A-Za-z_][A-Za-z0-9_.-]*)");
    private static final Pattern KEY = Pattern.compile("\\[([A-Za-z_][A-Za-z0-9_.-]*)=");

    RpcError {
        info = Map.copyOf(info);
    }

    RpcError(ErrorType type, ErrorTag tag, Optional<String> appTag, Optional<String> path, String message,
             Map<String, String> info) {
        this(type, tag, appTag, path, message, info, Optional.empty(), Optional.empty());
    }

    RpcError(ErrorType type, ErrorTag tag, Optional<String> appTag, Optional<String> path, String message,
             Map<String, String> info, Optional<ConfigLocation> location) {
        this(type, tag, appTag, path, message, info, location, Optional.empty());
    }

    /**
     * NACM refused a protocol operation (RFC 8341 section 3.4.4): error-type protocol, and the
     * error-path names the operation ({@code /nc:rpc/nc:commit}, {@code /nc:rpc/ipmp:offline}).
     */
    static RpcError operationDenied(Operation operation, String message) {
        return new RpcError(ErrorType.PROTOCOL, ACCESS_DENIED, Optional.empty(), Optional.empty(), message, Map.of(),
                Optional.empty(), Optional.of(operation));
    }

    /**
     * NACM refused a write of a data node (RFC 8341 section 3.4.5): error-type application, and
     * the error-path names the node.
     */
    static RpcError dataDenied(ConfigLocation node, String message) {
        return application(ACCESS_DENIED, node, message);
    }

    /** An error in the protocol layer (the request itself): error-type protocol. */
    static RpcError protocol(ErrorTag tag, String message) {
        return new RpcError(ErrorType.PROTOCOL, tag, Optional.empty(), Optional.empty(), message, Map.of());
    }

    /**
     * An error about the data at {@code location}: error-type application; the error-path is
     * rendered by the location itself, with the module's prefix.
     */
    static RpcError application(ErrorTag tag, ConfigLocation location, String message) {
        return new RpcError(ErrorType.APPLICATION, tag, Optional.empty(), Optional.of(location.path()), message, Map.of(),
                Optional.of(location));
    }

    /** An error about the data or what the engine made of it: error-type application. */
    static RpcError application(ErrorTag tag, Optional<String> path, String message) {
        return new RpcError(ErrorType.APPLICATION, tag, Optional.empty(), path, message, Map.of());
    }

    RpcError withAppTag(String appTag) {
        return new RpcError(type, tag, Optional.of(appTag), path, message, info, location, operation);
    }

    RpcError withInfo(String element, String value) {
        Map<String, String> m = new LinkedHashMap<>(info);
        m.put(element, value);
        return new RpcError(type, tag, appTag, path, message, m, location, operation);
    }

    RpcException exception() {
        return new RpcException(this);
    }

    /** The {@code <rpc-error>} element, owned by {@code doc}. */
    Element toElement(Document doc) {
        Element e = doc.createElementNS(NamespaceURN.BASE, "rpc-error");
        text(doc, e, "error-type", type.elementBody());
        text(doc, e, "error-tag", tag.elementBody());
        text(doc, e, "error-severity", "error");
        appTag.ifPresent(a -> text(doc, e, "error-app-tag", a));
        location.map(l -> l.path(IpmpQNames.PREFIX)).or(() -> path.map(RpcError::xpath)).ifPresent(p -> {
            Element ep = text(doc, e, "error-path", p);
            ep.setAttributeNS("http://www.w3.org/2000/xmlns/", "xmlns:" + IpmpQNames.PREFIX, IpmpQNames.NAMESPACE);
        });
        operation.ifPresent(o -> {
            String prefix = o.namespace().equals(NamespaceURN.BASE) ? "nc" : IpmpQNames.PREFIX;
            Element ep = text(doc, e, "error-path", "/nc:rpc/" + prefix + ":" + o.name());
            ep.setAttributeNS("http://www.w3.org/2000/xmlns/", "xmlns:nc", NamespaceURN.BASE);
            if (!prefix.equals("nc")) {
                ep.setAttributeNS("http://www.w3.org/2000/xmlns/", "xmlns:" + prefix, o.namespace());
            }
        });
        Element msg = text(doc, e, "error-message", message);
        msg.setAttributeNS("http://www.w3.org/XML/1998/namespace", "xml:lang", "en");
        if (!info.isEmpty()) {
            Element ei = doc.createElementNS(NamespaceURN.BASE, "error-info");
            info.forEach((k, v) -> text(doc, ei, k, v));
            e.appendChild(ei);
        }
        return e;
    }

    /**
     * {@code /ipmp/group[name='g0']} as {@code /ipmp:ipmp/ipmp:group[ipmp:name='g0']}, for errors
     * made with a path as text; one made with a {@link ConfigLocation} is rendered by it.
     */
    static String xpath(String path) {
        // the quoted key values may contain '/', so only rewrite outside quotes
        StringBuilder out = new StringBuilder();
        boolean quoted = false;
        int start = 0;
        for (int i = 0; i <= path.length(); i++) {
            if (i == path.length() || path.charAt(i) == '\'') {
                String part = path.substring(start, i);
                out.append(quoted ? part : prefix(part));
                if (i < path.length()) {
                    out.append('\'');
                }
                quoted = !quoted;
                start = i + 1;
            }
        }
        return out.toString();
    }

    private static String prefix(String unquoted) {
        String p = IpmpQNames.PREFIX + ":";
        String s = STEP.matcher(unquoted).replaceAll(m -> Matcher.quoteReplacement("/" + p + m.group(1)));
        return KEY.matcher(s).replaceAll(m -> Matcher.quoteReplacement("[" + p + m.group(1) + "="));
    }

    private static Element text(Document doc, Element parent, String name, String value) {
        Element e = doc.createElementNS(NamespaceURN.BASE, name);
        e.setTextContent(value);
        parent.appendChild(e);
        return e;
    }

    /** Thrown inside an operation; turned into the reply by {@link IpmpOperation}. */
    static final class RpcException extends Exception {
        private static final long serialVersionUID = 1L;
        private final transient RpcError error;

        RpcException(RpcError error) {
            super(error.message(), null, false, false);
            this.error = error;
        }

        RpcError error() {
            return error;
        }
    }
}
