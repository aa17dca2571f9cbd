package net.ipmpd.testlab.mgmt;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * libyang's yanglint, an implementation independent of the daemon's yangtools, checks what the NETCONF manager
 * received against the ipmp module: each notification in its RFC 5277 envelope, and the get reply's data.
 */
final class YangCheck {
    /** The module and its imports (the tests run in the testlab module). */
    static final Path YANG_DIR = Path.of("..", "yang", "src", "main", "resources", "yang").toAbsolutePath().normalize();
    static final Path MODULE = YANG_DIR.resolve("ipmp@2026-12-06.yang");

    private YangCheck() {
    }

    /** yanglint -t TYPE over xml; throws with yanglint's message when it does not validate. */
    static void validate(String type, String xml, Path dir) {
        try {
            Path file = Files.createTempFile(dir, "yanglint-" + type, ".xml");
            Files.writeString(file, xml, StandardCharsets.UTF_8);
            Path out = dir.resolve(file.getFileName() + ".out");
            Process p = new ProcessBuilder(List.of("yanglint", "-p", YANG_DIR.toString(), "-t", type,
                    MODULE.toString(), file.toString())).redirectErrorStream(true).redirectOutput(out.toFile()).start();
            if (!p.waitFor(20, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("yanglint did not finish within 20 s on " + file);
            }
            String said = Files.readString(out, StandardCharsets.UTF_8);
            if (p.exitValue() != 0 || !said.isBlank()) {
                throw new AssertionError("yanglint -t " + type + " rejects what the manager received:\n" + said
                        + "\n" + xml);
            }
        } catch (IOException e) {
            throw new AssertionError("cannot run yanglint", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }
}
