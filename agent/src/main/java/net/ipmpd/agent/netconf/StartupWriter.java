package net.ipmpd.agent.netconf;

import java.io.IOException;
import net.ipmpd.engine.config.EngineConfig;

/**
 * Persists a configuration as the daemon's startup file. The daemon passes
 * {@code config -> ConfigFile.write(path, config)} (atomic: temp file, fsync, rename).
 */
@FunctionalInterface
public interface StartupWriter {
    void write(EngineConfig config) throws IOException;
}
