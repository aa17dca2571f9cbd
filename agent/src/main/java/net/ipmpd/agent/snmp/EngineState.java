package net.ipmpd.agent.snmp;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Properties;
import org.snmp4j.cfg.EngineBootsProvider;
import org.snmp4j.smi.OctetString;

/**
 * The only state the agent keeps on disk: its snmpEngineID and snmpEngineBoots (RFC 3414 2.2).
 * Boots must grow across restarts or managers and trap receivers reject our messages as outside
 * the time window; the engine ID must be unique, or a receiver that knows another agent with the
 * same ID silently drops our v3 traps. The file is written atomically with mode 0600, in a
 * directory of mode 0700.
 */
final class EngineState implements EngineBootsProvider {
    /** RFC 3411 SnmpEngineID: 0x80000000 | enterprise number, then format 4 (text). */
    private static final byte[] PREFIX = {(byte) 0x80, 0x00, 0x7e, (byte) 0xd9, 0x04};
    static final String FILE_NAME = "snmp-engine.properties";
    private static final java.util.Set<java.nio.file.attribute.PosixFilePermission> PRIVATE_DIRECTORY =
            PosixFilePermissions.fromString("rwx------");

    private final Path file;
    private final OctetString engineId;
    private int boots;

    private EngineState(Path file, OctetString engineId, int boots) {
        this.file = file;
        this.engineId = engineId;
        this.boots = boots;
    }

    /** Reads the state, or creates a new engine ID (random, so unique per host and instance). */
    static EngineState open(Path directory) throws IOException {
        // 0700: the engine ID is not secret, but nobody else has any business in this directory
        Files.createDirectories(directory, PosixFilePermissions.asFileAttribute(PRIVATE_DIRECTORY));
        Files.setPosixFilePermissions(directory, PRIVATE_DIRECTORY);
        Path file = directory.resolve(FILE_NAME);
        if (Files.exists(file)) {
            Properties p = new Properties();
            try (var in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                p.load(in);
            }
            try {
                OctetString id = new OctetString(HexFormat.of().parseHex(p.getProperty("engineId", "")));
                int boots = Integer.parseInt(p.getProperty("engineBoots", "0"));
                if (id.length() < 5 || id.length() > 32 || boots < 0) {
                    throw new IllegalArgumentException("out of range");
                }
                return new EngineState(file, id, boots);
            } catch (IllegalArgumentException e) {
                throw new IOException(file + ": engineId or engineBoots is damaged (" + e.getMessage()
                        + "); delete the file to start with a new engine ID");
            }
        }
        byte[] random = new byte[8];
        new SecureRandom().nextBytes(random);
        byte[] text = ("ipmpd-" + HexFormat.of().formatHex(random)).getBytes(StandardCharsets.US_ASCII);
        byte[] id = new byte[PREFIX.length + text.length];
        System.arraycopy(PREFIX, 0, id, 0, PREFIX.length);
        System.arraycopy(text, 0, id, PREFIX.length, text.length);
        EngineState s = new EngineState(file, new OctetString(id), 0);
        s.save();
        return s;
    }

    OctetString engineId() {
        return new OctetString(engineId);
    }

    @Override
    public synchronized int updateEngineBoots() {
        // RFC 3414 2.2.2: boots stops at 2147483647 (the agent then needs a new engine ID).
        if (boots < Integer.MAX_VALUE) {
            boots++;
        }
        try {
            save();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot save SNMP engine boots to " + file, e);
        }
        return boots;
    }

    @Override
    public synchronized int getEngineBoots() {
        return boots;
    }

    private void save() throws IOException {
        String text = "# ipmpd SNMP engine state (RFC 3414 snmpEngineID and snmpEngineBoots)\n"
                + "engineId=" + HexFormat.of().formatHex(engineId.getValue()) + "\n"
                + "engineBoots=" + boots + "\n";
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.deleteIfExists(tmp);
        Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(tmp, text, StandardCharsets.UTF_8);
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }
}
