package net.ipmpd.agent.netconf;

import java.util.Optional;
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
    private static final Pattern NAMED = Pattern.compile("\\)([A-Za-z_][A-Za-z0-9_.-]*)");

    private ParseErrors() {
    }

    static RpcError classify(Throwable e) {
        String raw = rawMessage(e);
        Matcher unknown = NO_SCHEMA.matcher(raw);
        if (unknown.find()) {
            String name = unknown.group(1);
            return RpcError.application(RpcError.UNKNOWN_ELEMENT, Optional.empty(),
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

    static Optional<String> elementName(String raw) {
        Matcher m = NAMED.matcher(raw);
        return m.find() ? Optional.of(m.group(1)) : Optional.empty();
    }
}
