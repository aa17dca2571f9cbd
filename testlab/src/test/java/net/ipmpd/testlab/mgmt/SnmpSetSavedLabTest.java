package net.ipmpd.testlab.mgmt;

import net.ipmpd.testlab.ExecResult;
import net.ipmpd.testlab.Lab;
import net.ipmpd.testlab.e2e.E2eLabs;
import net.ipmpd.testlab.junit.RequiresRoot;
import net.ipmpd.yang.config.ConfigFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 10's one configuration store against the real daemon: an SNMP SET of the failure detection time is in the
 * -c file when the SET is answered, and a restarted daemon runs with it.
 */
@RequiresRoot
class SnmpSetSavedLabTest {
    private static final String FDT = "IPMP-MIB::ipmpDefaultFailureDetectionTime.0";

    @TempDir
    Path dir;

    @Test
    void anSnmpSetOfTheFailureDetectionTimeIsSavedAndSurvivesARestart() throws Exception {
        try (Lab lab = Lab.start(E2eLabs.spec(4, false));
             SnmpManager snmp = new SnmpManager(lab, dir)) {
            try (ManagedDaemon ipmpd = snmp.startDaemon()) {
                ipmpd.awaitSnapshot("ipmpd answers", Duration.ofSeconds(15), s -> true);
                long fdt = MgmtLabs.FDT_MS + 1500;
                ExecResult set = snmp.tool("snmpset", admin(), FDT, "u", Long.toString(fdt));
                assertThat(set.ok()).as(set.describeFailure()).isTrue();
                assertThat(set.stdout()).contains("Gauge32: " + fdt);
                // saved before the SET was answered
                assertThat(ConfigFile.load(ipmpd.configFile()).config().failureDetectionTimeMs()).isEqualTo(fdt);

                ipmpd.stop();
                ipmpd.start();
                ipmpd.awaitSnapshot("restarted ipmpd runs the saved FDT", Duration.ofSeconds(15),
                        s -> s.config().failureDetectionTimeMs() == fdt);
                ExecResult get = snmp.tool("snmpget", admin(), FDT);
                assertThat(get.stdout()).as(get.describeFailure()).contains("Gauge32: " + fdt);
                assertThat(ipmpd.errors()).isEmpty();
            }
        }
    }

    private static List<String> admin() {
        List<String> o = new ArrayList<>(SnmpManager.v3(SnmpManager.ADMIN_USER, true));
        o.addAll(List.of("-t", "5", "-r", "1"));
        return o;
    }
}
