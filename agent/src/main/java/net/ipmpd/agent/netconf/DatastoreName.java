package net.ipmpd.agent.netconf;

import java.util.Optional;

/** The three datastores of RFC 6241 (running, :candidate, :startup) as named in requests. */
enum DatastoreName {
    RUNNING, CANDIDATE, STARTUP;

    static Optional<DatastoreName> ofXml(String name) {
        return switch (name) {
            case "running" -> Optional.of(RUNNING);
            case "candidate" -> Optional.of(CANDIDATE);
            case "startup" -> Optional.of(STARTUP);
            default -> Optional.empty();
        };
    }

    String xml() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
