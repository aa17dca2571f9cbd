package net.ipmpd.yang.config;

import java.util.Map;
import java.util.regex.Pattern;
import org.opendaylight.yangtools.yang.data.api.YangInstanceIdentifier;
import org.opendaylight.yangtools.yang.data.api.YangInstanceIdentifier.NodeIdentifierWithPredicates;
import org.opendaylight.yangtools.yang.data.api.YangInstanceIdentifier.NodeWithValue;
import org.opendaylight.yangtools.yang.data.api.YangInstanceIdentifier.PathArgument;

/**
 * yangtools reports problems in its own words: exception texts full of "(urn:...?revision=...)name"
 * QNames and class names. Operators get plain messages and YANG instance paths instead.
 */
final class YangErrors {
    /** "(urn:ipmpd:yang:ipmp?revision=2026-12-06)group" and the like. */
    private static final Pattern QNAME = Pattern.compile("\\((?:[^()?]+)(?:\\?revision=[0-9-]+)?\\)([A-Za-z_][A-Za-z0-9_.-]*)");
    private static final Pattern CLASS_NAME = Pattern.compile("\\b(?:[a-z][a-z0-9_]*\\.)+([A-Z][A-Za-z0-9_$]*)");

    private YangErrors() {
    }

    /** The message of {@code e} and its causes, in plain words. */
    static String plain(Throwable e) {
        Throwable root = e;
        String best = e.getMessage();
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
            if (root.getMessage() != null && !root.getMessage().isBlank()) {
                best = root.getMessage();
            }
        }
        if (best == null || best.isBlank()) {
            best = "invalid data";
        }
        return simplify(best);
    }

    /** Strips QName namespaces and Java class names from a yangtools message. */
    static String simplify(String message) {
        String m = QNAME.matcher(message).replaceAll("$1");
        m = CLASS_NAME.matcher(m).replaceAll("$1");
        return m.strip();
    }
}
