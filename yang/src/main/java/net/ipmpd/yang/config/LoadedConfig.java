package net.ipmpd.yang.config;

import java.util.List;
import net.ipmpd.engine.config.EngineConfig;

/** A valid configuration with the warnings (in.mpathd's corrections) to log once. */
public record LoadedConfig(EngineConfig config, List<LocatedProblem> warnings) {
    public LoadedConfig {
        warnings = List.copyOf(warnings);
    }
}
