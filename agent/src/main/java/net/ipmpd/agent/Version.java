package net.ipmpd.agent;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** ipmpd's version, as Maven built it (a filtered resource, so it holds for the class directory as for the jar). */
public final class Version {
    private Version() {
    }

    public static String get() {
        try (InputStream in = Version.class.getResourceAsStream("/ipmpd-version.properties")) {
            if (in == null) {
                return "unknown";
            }
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("version", "unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }
}
