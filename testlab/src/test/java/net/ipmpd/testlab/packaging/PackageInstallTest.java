package net.ipmpd.testlab.packaging;

import net.ipmpd.testlab.junit.RequiresRoot;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 11, items 5 and 6: the .deb built from this checkout installs into a clean root (an overlay of / in a private
 * mount namespace, so the host is untouched), puts the commands on PATH, checks its shipped files, starts its daemon
 * (READY=1 to a NOTIFY_SOCKET), answers the installed ipmpstat, stops on SIGTERM without JDK warnings, and removes cleanly. The script prints one
 * "ok:" line per check; see packaging/test-install.sh.
 */
@RequiresRoot
class PackageInstallTest {
    @Test
    void theDebInstallsIntoACleanRootAndItsDaemonStartsAndStops() throws Exception {
        Path repo = Path.of("..").toAbsolutePath().normalize();
        Process p = new ProcessBuilder(repo.resolve("packaging/test-install.sh").toString()).directory(repo.toFile())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(5, TimeUnit.MINUTES)).isTrue();
        System.out.println(out);
        assertThat(p.exitValue()).as(out).isZero();
        assertThat(out).contains("ok: dpkg -i", "ok: ipmpd --version: ipmpd ",
                "ok: ipmpd, ipmpstat, if_mpadm, ipmpd-passwd on PATH", "ok: man pages",
                "ok: --check-config accepts the shipped configuration and examples",
                "ok: --check-config refuses an empty file (exit 1)", "ok: ipmpd-passwd",
                "told systemd: READY=1", "ok: ipmpstat -j -g answered: []", "ok: SIGTERM: exit 0, no JDK warnings", "ok: dpkg -r",
                "no ipmpd package on the host");
        if (Runtime.version().feature() >= 25) {
            // the installed launchers find the same JDK 25 this test runs on: the postinst trains the AOT caches
            assertThat(out).contains("ok: AOT caches made at install");
        }
    }
}
