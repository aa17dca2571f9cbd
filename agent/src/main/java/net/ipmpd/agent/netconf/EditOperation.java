package net.ipmpd.agent.netconf;

import java.util.Optional;

/** RFC 6241 section 7.2 edit-config operations ({@code nc:operation} and default-operation). */
enum EditOperation {
    MERGE, REPLACE, CREATE, DELETE, REMOVE, NONE;

    static Optional<EditOperation> ofXml(String value) {
        return switch (value) {
            case "merge" -> Optional.of(MERGE);
            case "replace" -> Optional.of(REPLACE);
            case "create" -> Optional.of(CREATE);
            case "delete" -> Optional.of(DELETE);
            case "remove" -> Optional.of(REMOVE);
            case "none" -> Optional.of(NONE);
            default -> Optional.empty();
        };
    }

    boolean removes() {
        return this == DELETE || this == REMOVE;
    }
}
