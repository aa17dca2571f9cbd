package net.ipmpd.yang;

import static org.assertj.core.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs libyang's yanglint (Debian libyang-tools) from PATH, the independent check of the module. */
final class Yanglint {
    static final Path YANG_DIR = Path.of("src/main/resources/yang");
    static final Path MODULE = YANG_DIR.resolve("ipmp@2026-12-06.yang");

    record Result(int exit, String stdout, String stderr) {
    }

    private Yanglint() {
    }

    static Path executable() {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path p = Path.of(dir, "yanglint");
            if (Files.isExecutable(p)) {
                return p;
            }
        }
        return fail("yanglint is not on PATH; install it with 'apt-get install libyang-tools' (the module check needs it)");
    }

    static Result run(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(executable().toString());
        cmd.addAll(List.of(args));
        Path out = Files.createTempFile("yanglint", ".out");
        Path err = Files.createTempFile("yanglint", ".err");
        try {
            Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                fail("yanglint did not finish within 60 s: " + cmd);
            }
            return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }
}
