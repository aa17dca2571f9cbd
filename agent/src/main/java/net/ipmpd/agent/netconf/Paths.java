package net.ipmpd.agent.netconf;

import java.util.Map;
import org.opendaylight.yangtools.yang.common.QName;
import org.opendaylight.yangtools.yang.data.api.YangInstanceIdentifier;
import org.opendaylight.yangtools.yang.data.api.YangInstanceIdentifier.NodeIdentifierWithPredicates;
import org.opendaylight.yangtools.yang.data.api.YangInstanceIdentifier.NodeWithValue;
import org.opendaylight.yangtools.yang.data.api.YangInstanceIdentifier.PathArgument;

/** Instance paths in the spelling the engine's ConfigProblem uses: {@code /ipmp/group[name='g0']}. */
final class Paths {
    private Paths() {
    }

    static String of(YangInstanceIdentifier id) {
        StringBuilder out = new StringBuilder();
        for (PathArgument arg : id.getPathArguments()) {
            out.append('/').append(arg.getNodeType().getLocalName());
            if (arg instanceof NodeIdentifierWithPredicates p) {
                for (Map.Entry<QName, Object> k : p.entrySet()) {
                    out.append('[').append(k.getKey().getLocalName()).append("='").append(k.getValue()).append("']");
                }
            } else if (arg instanceof NodeWithValue<?> v) {
                out.append("[.='").append(v.getValue()).append("']");
            }
        }
        return out.isEmpty() ? "/" : out.toString();
    }
}
