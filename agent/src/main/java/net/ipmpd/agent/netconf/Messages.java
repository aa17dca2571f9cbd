package net.ipmpd.agent.netconf;

import java.util.regex.Pattern;

/**
 * yangtools and ODL explain failures with QNames like "(urn:ipmpd:yang:ipmp?revision=...)group"
 * and Java class names; operators get the plain words (the error-tag and error-path carry the rest).
 */
final class Messages {
    private static final Pattern QNAME = Pattern.compile("\\((?:[^()?]+)(?:\\?revision=[0-9-]+)?\\)([A-Za-z_][A-Za-z0-9_.-]*)");
    private static final Pattern CLASS_NAME = Pattern.compile("\\b(?:[a-z][a-z0-9_]*\\.){2,}([A-Z][A-Za-z0-9_$]*)");
    private static final Pattern IMPL = Pattern.compile("\\b[A-Z][A-Za-z]*(?:Effect|Builder|Impl|Node|Schema)[A-Za-z]*\\{[^}]*\\}");

    /** yangtools prints list keys as [{name=g0}]; operators read XPath-like [name='g0']. */
    private static final Pattern KEYS = Pattern.compile("\\[\\{([A-Za-z_][A-Za-z0-9_.-]*)=([^}]*)\\}\\]");

    private Messages() {
    }

    static String plain(Throwable e) {
        String best = e.getMessage();
        for (Throwable t = e.getCause(); t != null && t != t.getCause(); t = t.getCause()) {
            if (t.getMessage() != null && !t.getMessage().isBlank()) {
                best = t.getMessage();
            }
        }
        return best == null || best.isBlank() ? "invalid data" : simplify(best);
    }

    static String simplify(String message) {
        String m = QNAME.matcher(message).replaceAll("$1");
        m = IMPL.matcher(m).replaceAll("the schema");
        m = CLASS_NAME.matcher(m).replaceAll("$1");
        m = KEYS.matcher(m).replaceAll("[$1='$2']");
        return m.strip();
    }
}
