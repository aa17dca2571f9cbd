package net.ipmpd.agent;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import net.ipmpd.engine.config.EngineConfig;
import net.ipmpd.yang.IpmpSchema;
import net.ipmpd.yang.config.ConfigFile;
import net.ipmpd.yang.config.ConfigFileException;
import net.ipmpd.yang.config.LoadedConfig;
import net.ipmpd.yang.config.LocatedProblem;
import net.ipmpd.yang.config.MpathdDefaults;

/**
 * Reads the daemon's configuration: the JSON file (validated against the YANG module and the
 * engine's rules), then /etc/default/mpathd on top. All or nothing: an invalid file yields its
 * problems and no configuration, so a reload never half-applies.
 *
 * <p>A configuration that removes every group must say so: {@code {"ipmp:ipmp": {}}}. An empty
 * file or a bare {@code {}} is what a truncating tool or a stray {@code > file} leaves behind, so
 * it is refused, as are a missing file on reload and a missing file that -c named at start.
 */
final class ConfigSource {
    /** A configuration with the warnings to log, or the problems that make it unusable. */
    record Result(EngineConfig config, List<String> warnings, List<String> problems) {
        boolean ok() {
            return config != null;
        }
    }

    /** Why the file is read: what a missing file means differs. */
    enum Purpose {
        /** The daemon starts: a missing default file means no groups yet; a missing -c file is fatal. */
        START,
        /** SIGHUP: the running configuration stays unless the file is there, readable and valid. */
        RELOAD
    }

    /** Whitespace only, or an object with nothing in it. */
    private static final Pattern SAYS_NOTHING = Pattern.compile("\\s*(\\{\\s*\\})?\\s*");
    static final String EXPLICIT_EMPTY = "{\"ipmp:ipmp\": {}}";

    private final DaemonOptions options;

    ConfigSource(DaemonOptions options) {
        this.options = options;
    }

    /**
     * Starts parsing the YANG schema now, on a thread of its own: it is the longest piece of
     * start-up (about a second of CPU, ANTLR and yangtools' reactor), and it can run while the
     * signals are set up, the namespace lock is taken and the SNMP and NETCONF settings are read.
     * Call it once log4j has started (yangtools logs through it). The schema is parsed once per
     * JVM and shared (the NETCONF server uses the same one): {@link #read} then finds it ready or
     * waits for it. A failure here is left for the reader to meet and report.
     */
    static void parseSchemaAhead() {
        Thread.ofPlatform().daemon().name("ipmpd-schema").start(() -> {
            try {
                IpmpSchema.shared();
                StartupTimes.mark("schema");
            } catch (RuntimeException e) {
                // the reader parses again and fails with the same message, where it is reported
            }
        });
    }

    Result read(Purpose purpose) {
        List<String> warnings = new ArrayList<>();
        EngineConfig config;
        try {
            String text;
            try {
                text = Files.readString(options.config(), StandardCharsets.UTF_8);
            } catch (NoSuchFileException e) {
                text = null;
            } catch (IOException e) {
                return problem("cannot read the configuration " + options.config() + ": " + describe(e), warnings);
            }
            if (text == null) {
                if (purpose == Purpose.START && !options.configGiven()) {
                    warnings.add(options.config() + ": no such file; running with in.mpathd's defaults and no groups");
                    config = EngineConfig.defaults();
                } else {
                    return problem(options.config() + ": no such file" + (purpose == Purpose.START
                            ? " (named with -c); create it, e.g. " + EXPLICIT_EMPTY + " for no groups yet"
                            : "; a configuration that removes every group must say so: " + EXPLICIT_EMPTY), warnings);
                }
            } else if (SAYS_NOTHING.matcher(text).matches()) {
                return problem(options.config() + ": the file holds no configuration (" + (text.isBlank() ? "it is empty"
                        : "only {}") + "); a configuration without groups must say so: " + EXPLICIT_EMPTY, warnings);
            } else {
                LoadedConfig loaded = ConfigFile.parse(text, options.config().toString());
                loaded.warnings().forEach(w -> warnings.add(w.toString()));
                config = loaded.config();
            }
            if (options.mpathdDefaults().isPresent()) {
                MpathdDefaults defaults = MpathdDefaults.read(options.mpathdDefaults().get());
                warnings.addAll(defaults.warnings());
                config = defaults.applyTo(config);
            }
        } catch (ConfigFileException e) {
            return new Result(null, warnings, e.problems().stream().map(LocatedProblem::toString).toList());
        } catch (IOException e) {
            return problem("cannot read " + options.mpathdDefaults().orElseThrow() + ": " + describe(e), warnings);
        }
        return new Result(config, warnings, List.of());
    }

    private static Result problem(String problem, List<String> warnings) {
        return new Result(null, warnings, List.of(problem));
    }

    /** The reason alone: the caller names the file. */
    private static String describe(IOException e) {
        if (e instanceof java.nio.file.FileSystemException fs) {
            return fs.getReason() != null ? fs.getReason() : e.getClass().getSimpleName();
        }
        return String.valueOf(e.getMessage());
    }
}
