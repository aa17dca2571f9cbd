package net.ipmpd.agent.netconf;

import java.io.IOException;
import java.nio.file.Path;
import net.ipmpd.engine.config.EngineConfig;
import net.ipmpd.yang.config.ConfigFile;
import net.ipmpd.yang.config.ConfigFileException;

/**
 * The daemon's -c file as the startup datastore shows it. Changes of running reach it through the
 * command path (the configuration store saves every change sent with Save.TO_FILE); NETCONF itself
 * writes it only for copy-config and delete-config with startup as the target.
 */
public interface StartupFile {
    /** What the file holds now. */
    EngineConfig read() throws IOException;

    /** Replaces the file's content atomically. */
    void write(EngineConfig config) throws IOException;

    static StartupFile at(Path file) {
        return new StartupFile() {
            @Override
            public EngineConfig read() throws IOException {
                try {
                    return ConfigFile.load(file).config();
                } catch (ConfigFileException e) {
                    throw new IOException(file + " is not a valid configuration: " + e.getMessage(), e);
                }
            }

            @Override
            public void write(EngineConfig config) throws IOException {
                ConfigFile.write(file, config);
            }
        };
    }
}
