package net.ipmpd.engine.core;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.ipmpd.engine.state.KeptRoute;

/**
 * The routes the dataplane reports it keeps per group: stored for the snapshot, nothing decided
 * on them. A report equal to the stored one changes nothing, so it publishes no new snapshot.
 */
final class KeptRoutes {
    private final Map<String, List<KeptRoute>> byGroup = new HashMap<>();

    /** Stores the group's routes; true when they differ from what was stored. */
    boolean keep(String group, List<KeptRoute> routes) {
        List<KeptRoute> before = routes.isEmpty() ? byGroup.remove(group) : byGroup.put(group, routes);
        return !routes.equals(before == null ? List.of() : before);
    }

    List<KeptRoute> of(String group) {
        return byGroup.getOrDefault(group, List.of());
    }
}
