package net.ipmpd.engine.config;

/**
 * Something wrong with a configuration, located by a {@link ConfigLocation} (module ipmp, e.g.
 * {@code /ipmp/group[name='g0']/member[interface='eth0']}) so that the file loader, NETCONF and
 * the CLI all point the operator at the same place, and typed by its {@link Kind} so that each
 * adapter maps it (to an rpc-error's tag, say) without reading the message.
 */
public record ConfigProblem(ConfigLocation location, Kind kind, String message) {
    /** What sort of problem, in RFC 6241 Appendix A's terms where NETCONF has one. */
    public enum Kind {
        /** A value the node's type or a rule refuses (invalid-value). */
        INVALID_VALUE,
        /** A mandatory node is absent (data-missing). */
        MISSING,
        /** A list has fewer entries than its min-elements (operation-failed, too-few-elements). */
        TOO_FEW_ELEMENTS,
        /** A node the schema does not have at this place (unknown-element). */
        UNKNOWN_NODE,
        /** A node the schema has, but not in configuration: state, config false (bad-element). */
        NOT_CONFIGURATION,
        /** A list entry without its key (missing-element). */
        MISSING_KEY,
        /** A list entry, value or member given twice (invalid-value: the data is not a valid instance). */
        DUPLICATE,
        /** Text that is not well-formed (malformed-message). */
        MALFORMED
    }

    /** A broken rule (the common case: invalid-value). */
    public ConfigProblem(ConfigLocation location, String message) {
        this(location, Kind.INVALID_VALUE, message);
    }

    /** The rendered instance path, as every adapter shows it. */
    public String path() {
        return location.path();
    }

    @Override
    public String toString() {
        return path() + ": " + message;
    }
}
