package net.ipmpd.agent.config;

import java.util.function.UnaryOperator;
import net.ipmpd.engine.config.EngineConfig;

/**
 * What a manager may ask of the store's saves: to keep part of the running configuration out of
 * the -c file for a while. A NETCONF confirmed commit does (RFC 6241 section 8.4: an unconfirmed
 * change must not reach startup, and the -c file is ipmpd's startup), so a save by another
 * manager meanwhile writes the configuration the commit's rollback would give.
 */
@FunctionalInterface
public interface SaveFilters {
    /** Where nothing is saved (no store): there is nothing to hold back. */
    SaveFilters NONE = filter -> { };

    /**
     * Every save queued from now on writes {@code filter.apply(running)} instead of the running
     * configuration; {@link UnaryOperator#identity()} ends it. A save queued before this call
     * keeps the filter it was queued with, so the file follows the order the engine saw.
     */
    void filterSaves(UnaryOperator<EngineConfig> filter);
}
