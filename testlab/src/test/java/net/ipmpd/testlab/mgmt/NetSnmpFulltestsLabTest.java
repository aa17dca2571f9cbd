package net.ipmpd.testlab.mgmt;

import net.ipmpd.agent.IpmpDaemon;
import net.ipmpd.testlab.DaemonJvm;
import net.ipmpd.testlab.junit.RequiresRoot;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 13: Net-SNMP 5.9.3's own agent tests ({@code testing/fulltests/default}, fetched from Debian's source
 * release at test time) run against Debian's snmpd and against ipmpd's SNMP agent (the real daemon), both provisioned
 * alike from each test's configuration ({@code testlab/netsnmp-fulltests}, README there). Every file snmpd passes with
 * that provisioning, ipmpd passes too.
 */
@RequiresRoot
@Tag("netsnmp-fulltests")   // a surefire execution of its own (testlab/pom.xml), with its own time limit
class NetSnmpFulltestsLabTest {
    private static final Logger LOG = LogManager.getLogger(NetSnmpFulltestsLabTest.class);
    private static final Path RUNNER = Path.of("netsnmp-fulltests", "run.sh");
    private static final Path OUT = Path.of("target", "netsnmp-fulltests");
    /** Each run is bounded by the runner (240 s); 24 files, the two agents side by side, take 2-4 min here. */
    private static final long LIMIT_MINUTES = 30;
    /**
     * The plain GET/GETNEXT/GETBULK/failure/no-such/USM files: snmpd passes them with any sane provisioning, so if it
     * does not, the harness is broken and the comparison below would prove nothing.
     */
    private static final List<String> HARNESS_CHECK = List.of("T014snmpv2cget_simple", "T015snmpv2cgetnext_simple",
            "T0160snmpv2cbulkget_simple", "T016snmpv2cgetfail_simple", "T019snmpv2cnosuch_simple",
            "T026snmpv3getSHAAES_simple", "T028snmpv3getfail_simple");

    /** How many files run.sh runs by default (those snmpd passes with the provisioning both agents share). */
    private static final int COMPARABLE_FILES = 24;

    record Result(String file, String snmpd, String ipmpd, String provisioning) {
    }

    @Test
    void ipmpdPassesEveryFulltestSnmpdPassesWithTheSameProvisioning() throws IOException, InterruptedException {
        List<String> daemon = DaemonJvm.argv(List.of(), IpmpDaemon.class, List.of());
        assertThat(daemon).as("the runner splits IPMPD_CMD at spaces").noneMatch(a -> a.contains(" "));
        ProcessBuilder pb = new ProcessBuilder("/bin/sh", RUNNER.toString(), OUT.toString())
                .redirectErrorStream(true).redirectOutput(OUT.resolveSibling("netsnmp-fulltests.log").toFile());
        pb.environment().put("IPMPD_CMD", String.join(" ", daemon));
        Files.createDirectories(OUT);
        Process runner = pb.start();
        boolean ended = runner.waitFor(LIMIT_MINUTES, TimeUnit.MINUTES);
        if (!ended) {
            runner.destroy();   // the runner's trap ends its agents by pid and deletes its namespace
            runner.waitFor(60, TimeUnit.SECONDS);
        }
        assertThat(ended).as("the fulltests ended within %d min", LIMIT_MINUTES).isTrue();

        List<Result> results = read(OUT.resolve("results.tsv"));
        LOG.warn("Net-SNMP 5.9.3 fulltests, same provisioning for both agents (logs in {}):\n{}", OUT.toAbsolutePath(),
                table(results));
        assertThat(results).as("files run").hasSizeGreaterThanOrEqualTo(COMPARABLE_FILES);
        assertThat(results.stream().filter(r -> r.snmpd().equals("pass")).map(Result::file))
                .as("files snmpd passes (else the harness is broken)").containsAll(HARNESS_CHECK);
        // the runner's default set is the files snmpd passes with the shared provisioning: one it no
        // longer passes means the harness or the environment changed, and the comparison proves less
        assertThat(results.stream().filter(r -> !r.snmpd().equals("pass")).map(Result::file))
                .as("comparable files snmpd did not pass").isEmpty();
        assertThat(results.stream().filter(r -> r.snmpd().equals("pass") && !r.ipmpd().equals("pass"))
                .map(r -> r.file() + " (" + OUT.resolve(r.file() + ".ipmpd.log") + ")"))
                .as("files snmpd passes and ipmpd does not").isEmpty();
        assertThat(runner.exitValue()).as("the runner's count of such files").isZero();
    }

    private static List<Result> read(Path tsv) throws IOException {
        List<Result> out = new ArrayList<>();
        for (String line : Files.readAllLines(tsv, StandardCharsets.UTF_8).stream().skip(1).toList()) {
            String[] f = line.split("\t", -1);
            out.add(new Result(f[0], f[1], f[2], f.length > 3 ? f[3] : ""));
        }
        return out;
    }

    private static String table(List<Result> results) {
        StringBuilder sb = new StringBuilder(String.format("%-36s %-6s %-6s %s%n", "file", "snmpd", "ipmpd",
                "provisioning adapted or left out"));
        for (Result r : results) {
            sb.append(String.format("%-36s %-6s %-6s %s%n", r.file(), r.snmpd(), r.ipmpd(), r.provisioning()));
        }
        long both = results.stream().filter(r -> r.snmpd().equals("pass") && r.ipmpd().equals("pass")).count();
        long snmpd = results.stream().filter(r -> r.snmpd().equals("pass")).count();
        sb.append(String.format("snmpd passes %d of %d files; ipmpd passes %d of those%n", snmpd, results.size(), both));
        return sb.toString();
    }
}
