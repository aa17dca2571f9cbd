package net.ipmpd.agent.netconf;

import net.ipmpd.yang.config.Locations;
import org.opendaylight.yangtools.yang.data.api.YangInstanceIdentifier;

/** Instance paths as every adapter spells them ({@code /ipmp/group[name='g0']}): rendered by the engine's ConfigLocation. */
final class Paths {
    private Paths() {
    }

    static String of(YangInstanceIdentifier id) {
        return Locations.of(id).path();
    }
}
