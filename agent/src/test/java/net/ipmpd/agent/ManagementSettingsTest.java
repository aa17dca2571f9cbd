package net.ipmpd.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Settings checked completely before the host is touched, and bind errors that name the port and the capability. */
class ManagementSettingsTest {
    @TempDir
    Path dir;

    private DaemonOptions withNetconf(Path file) {
        return DaemonOptions.parse(new String[] {"-m", "/dev/null", "--netconf-config", file.toString()});
    }

    @Test
    void aNetconfKeyThatIsNotAKeyIsRefusedBeforeTheServerStarts() throws IOException {
        Path f = Files.writeString(dir.resolve("netconf.json"), """
                {"port": 10830, "host-key": "/tmp/k", "groups": {"monitor": "read-only"},
                 "users": [{"name": "nms", "authorized-keys": ["ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIJ1pmXyExAmpleKey nms"],
                            "groups": ["monitor"]}]}
                """);
        assertThatThrownBy(() -> ManagementSettings.netconf(withNetconf(f))).isInstanceOf(IpmpDaemon.StartupException.class)
                .hasMessageContaining("netconf.json:").hasMessageContaining("not an OpenSSH public key line");
    }

    @Test
    void theShippedNetconfExampleIsValid() throws Exception {
        Path shipped = Path.of("etc/netconf.json");
        assertThat(ManagementSettings.netconf(withNetconf(shipped))).isPresent();
    }

    @Test
    void permissionDeniedOnBindNamesThePortAndTheCapability() {
        String m = ManagementSettings.explainBindFailure(new IOException("Permission denied"), "SNMP", 161);
        assertThat(m).contains("port 161").contains("CAP_NET_BIND_SERVICE");
        assertThat(ManagementSettings.explainBindFailure(new IOException("Address in use"), "SNMP", 161))
                .isEqualTo("Address in use");
    }
}
