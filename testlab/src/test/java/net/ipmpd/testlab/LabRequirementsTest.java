package net.ipmpd.testlab;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static net.ipmpd.testlab.LabRequirements.Outcome.FAIL;
import static net.ipmpd.testlab.LabRequirements.Outcome.RUN;
import static net.ipmpd.testlab.LabRequirements.Outcome.SKIP;
import static org.assertj.core.api.Assertions.assertThat;

class LabRequirementsTest {
    private static final Set<String> ALL_TOOLS = Tools.REQUIRED.keySet();

    @Test
    void rootWithAllToolsRuns() {
        assertThat(LabRequirements.evaluate(0, Map.of(), ALL_TOOLS::contains).outcome()).isEqualTo(RUN);
        assertThat(LabRequirements.evaluate(0, Map.of("CI", "true"), ALL_TOOLS::contains).outcome()).isEqualTo(RUN);
    }

    @Test
    void nonRootSkipsWithTheAgreedMessage() {
        var v = LabRequirements.evaluate(1000, Map.of(), ALL_TOOLS::contains);
        assertThat(v.outcome()).isEqualTo(SKIP);
        assertThat(v.message()).startsWith("lab tests need root to create network namespaces; run as root or via sudo");
    }

    @Test
    void nonRootOnCiFailsInsteadOfSkipping() {
        var v = LabRequirements.evaluate(1000, Map.of("CI", "true"), ALL_TOOLS::contains);
        assertThat(v.outcome()).isEqualTo(FAIL);
        assertThat(v.message()).contains("need root").contains("CI is set");
        assertThat(LabRequirements.evaluate(1000, Map.of("CI", "1"), t -> true).outcome()).isEqualTo(FAIL);
        // Explicitly switched off, CI behaves like a developer machine.
        assertThat(LabRequirements.evaluate(1000, Map.of("CI", "false"), t -> true).outcome()).isEqualTo(SKIP);
        assertThat(LabRequirements.evaluate(1000, Map.of("CI", ""), t -> true).outcome()).isEqualTo(SKIP);
    }

    @Test
    void missingToolsFailWithAnInstallHint() {
        var v = LabRequirements.evaluate(0, Map.of(), t -> !t.equals("nft") && !t.equals("ping"));
        assertThat(v.outcome()).isEqualTo(FAIL);
        assertThat(v.message()).contains("missing: nft, ping")
                .contains("apt-get install -y iputils-ping nftables");
    }

    /**
     * The real detection, not the pure function: the same class run as uid nobody must report SKIP, and FAIL with
     * CI set. Needs root to drop to nobody, so it runs only where the lab runs.
     */
    @Test
    @net.ipmpd.testlab.junit.RequiresRoot
    void anUnprivilegedJvmSeesSkipOrWithCiFail() throws Exception {
        Path built = Path.of(LabRequirements.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        assertThat(Files.isReadable(Path.of(JavaCommand.javaBinary()))).isTrue();
        // a copy nobody can read: the checkout may sit in a 0700 directory (a clone in mktemp -d)
        Path copy = Files.createTempDirectory(Path.of("/tmp"), "ipmpd-lab-cp-");
        try {
            java.nio.file.Files.setPosixFilePermissions(copy, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
            Path classes = copy.resolve("classes");
            try (var tree = Files.walk(built)) {
                for (Path p : (Iterable<Path>) tree::iterator) {
                    Files.copy(p, classes.resolve(built.relativize(p).toString()));
                }
            }
            assertThat(runAsNobody(classes.toString(), null)).startsWith("1 SKIP: lab tests need root");
            assertThat(runAsNobody(classes.toString(), "true")).startsWith("2 FAIL: lab tests need root");
        } finally {
            try (var tree = Files.walk(copy)) {
                for (Path p : tree.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    private static String runAsNobody(String classes, String ci) throws Exception {
        List<String> argv = new ArrayList<>(List.of(Tools.require("setpriv"), "--reuid=65534", "--regid=65534",
                "--clear-groups", JavaCommand.javaBinary(), "-Xshare:auto", "-XX:TieredStopAtLevel=1",
                "-XX:-UsePerfData", "-cp", classes, LabRequirements.class.getName()));
        ProcessBuilder pb = new ProcessBuilder(argv).redirectErrorStream(true);
        pb.environment().remove("CI");
        if (ci != null) {
            pb.environment().put("CI", ci);
        }
        pb.directory(Path.of("/").toFile());
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return p.exitValue() + " " + out.strip();
    }
}
