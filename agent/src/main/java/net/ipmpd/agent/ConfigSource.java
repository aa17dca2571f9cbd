package net.ipmpd.agent;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import net.ipmpd.engine.config.EngineConfig;
import net.ipmpd.yang.config.ConfigFile;
import net.ipmpd.yang.config.ConfigFileException;
import net.ipmpd.yang.config.LoadedConfig;
import net.ipmpd.yang.config.LocatedProblem;
import net.ipmpd.yang.config.MpathdDefaults;

/**
 * Reads the daemon's configuration: the JSON file (validated against the YANG module and the
 * engine's rules), then /etc/default/mpathd on top. All or nothing: an invalid file yields its
 * problems and no configuration, so a reload never half-applies.
 */
final class ConfigSource {
    /** A configuration with the warnings to log, or the problems that make it unusable. */
    record Result(EngineConfig config, List<String> warnings, List<String> problems) {
        boolean ok() {
            return config != null;
        }
    }

    private final DaemonOptions options;

    ConfigSource(DaemonOptions options) {
        this.options = options;
    }

    Result read() {
        List<String> warnings = new ArrayList<>();
        EngineConfig config;
        try {
            if (Files.exists(options.config())) {
                LoadedConfig loaded = ConfigFile.load(options.config());
                loaded.warnings().forEach(w -> warnings.add(w.toString()));
                config = loaded.config();
            } else {
                warnings.add(options.config() + ": no such file; running with in.mpathd's defaults and no groups");
                config = EngineConfig.defaults();
            }
            if (options.mpathdDefaults().isPresent()) {
                MpathdDefaults defaults = MpathdDefaults.read(options.mpathdDefaults().get());
                warnings.addAll(defaults.warnings());
                config = defaults.applyTo(config);
            }
        } catch (ConfigFileException e) {
            return new Result(null, warnings, e.problems().stream().map(LocatedProblem::toString).toList());
        } catch (IOException e) {
            return new Result(null, warnings, List.of("cannot read the configuration: " + e.getMessage()));
        }
        return new Result(config, warnings, List.of());
    }
}
