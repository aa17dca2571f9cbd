package net.ipmpd.agent.linux;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/** Test helper: hex with spaces and line breaks for readability, and recorded kernel dumps. */
public final class Hex {
    private Hex() {
    }

    public static byte[] bytes(String hex) {
        return HexFormat.of().parseHex(hex.replaceAll("\\s+", ""));
    }

    public static String of(byte[] b) {
        return HexFormat.of().formatHex(b);
    }

    /** A dump recorded from a real namespace (see RtnetlinkParserTest for what it contains). */
    public static byte[] resource(String name) {
        try (InputStream in = Hex.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + name);
            }
            return bytes(new String(in.readAllBytes(), StandardCharsets.US_ASCII));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
