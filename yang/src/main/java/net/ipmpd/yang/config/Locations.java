package net.ipmpd.yang.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import net.ipmpd.engine.config.ConfigLocation;
import org.opendaylight.yangtools.yang.common.QName;
import org.opendaylight.yangtools.yang.data.api.YangInstanceIdentifier;
import org.opendaylight.yangtools.yang.data.api.YangInstanceIdentifier.NodeIdentifierWithPredicates;
import org.opendaylight.yangtools.yang.data.api.YangInstanceIdentifier.NodeWithValue;
import org.opendaylight.yangtools.yang.data.api.YangInstanceIdentifier.PathArgument;

/**
 * yangtools' instance identifiers as the engine's {@link ConfigLocation}, which renders every
 * path of the project: a datastore's error path and the file loader's path are then spelled
 * alike. Address keys take their canonical text, as the engine writes them.
 */
public final class Locations {
    private Locations() {
    }

    public static ConfigLocation of(YangInstanceIdentifier id) {
        List<ConfigLocation.Step> steps = new ArrayList<>();
        List<PathArgument> args = id.getPathArguments();
        for (int i = 0; i < args.size(); i++) {
            PathArgument arg = args.get(i);
            // yangtools names a list twice (the list, then its entry); an instance path names the entry
            boolean listThenEntry = i + 1 < args.size() && !isEntry(arg) && isEntry(args.get(i + 1))
                    && args.get(i + 1).getNodeType().equals(arg.getNodeType());
            if (!listThenEntry) {
                steps.add(step(arg));
            }
        }
        return new ConfigLocation(steps);
    }

    private static boolean isEntry(PathArgument arg) {
        return arg instanceof NodeIdentifierWithPredicates || arg instanceof NodeWithValue<?>;
    }

    /** {@code parent} extended by one step, e.g. a list entry with its key. */
    public static ConfigLocation of(ConfigLocation parent, PathArgument arg) {
        return parent.with(step(arg));
    }

    private static ConfigLocation.Step step(PathArgument arg) {
        String name = arg.getNodeType().getLocalName();
        if (arg instanceof NodeIdentifierWithPredicates p && p.size() == 1) {
            Map.Entry<QName, Object> key = p.entrySet().iterator().next();
            return new ConfigLocation.Entry(name, key.getKey().getLocalName(), keyText(key.getValue()));
        }
        if (arg instanceof NodeWithValue<?> v) {
            return new ConfigLocation.Value(name, keyText(v.getValue()));
        }
        return new ConfigLocation.Node(name);
    }

    /** A key as text; an address in its canonical form, so that 2001:2:0::1 and 2001:2::1 name one entry. */
    public static String keyText(Object value) {
        String text = String.valueOf(value);
        return YangValues.isAddress(text) ? YangValues.format(YangValues.parseAddress(text)) : text;
    }
}
