package net.ipmpd.testlab.e2e;

import net.ipmpd.testlab.LabException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Debian's chromium, headless: the DOM of a page after its scripts ran (scripts/install-test-deps.sh installs it). */
final class Chromium {
    private Chromium() {
    }

    static String dumpDom(Path page, String query) throws IOException, InterruptedException {
        if (!Files.isExecutable(Path.of("/usr/bin/chromium"))) {
            throw new LabException("chromium is not installed: run scripts/install-test-deps.sh (apt-get install chromium)");
        }
        Path profile = Files.createTempDirectory("ipmpd-chromium");
        try {
            Process p = new ProcessBuilder(List.of("/usr/bin/chromium", "--headless", "--no-sandbox", "--disable-gpu",
                    "--user-data-dir=" + profile, "--window-size=1400,900", "--virtual-time-budget=2000", "--dump-dom",
                    page.toUri() + query)).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            p.getOutputStream().close();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new LabException("chromium did not finish within 60 s on " + page);
            }
            if (p.exitValue() != 0) {
                throw new LabException("chromium exited with " + p.exitValue() + " on " + page);
            }
            return new String(out, StandardCharsets.UTF_8);
        } finally {
            try (var files = Files.walk(profile)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
    }

    static int count(String text, String fragment) {
        int n = 0;
        for (int i = text.indexOf(fragment); i >= 0; i = text.indexOf(fragment, i + fragment.length())) {
            n++;
        }
        return n;
    }
}
