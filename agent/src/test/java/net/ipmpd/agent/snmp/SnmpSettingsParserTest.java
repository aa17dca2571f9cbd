package net.ipmpd.agent.snmp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import net.ipmpd.agent.snmp.SnmpSettings.Access;
import net.ipmpd.agent.snmp.SnmpSettings.AuthProtocol;
import net.ipmpd.agent.snmp.SnmpSettings.PrivProtocol;
import net.ipmpd.agent.snmp.SnmpSettingsParser.SettingsException;
import org.junit.jupiter.api.Test;

class SnmpSettingsParserTest {
    static final String FULL = """
            {
              "listen": { "address": "127.0.0.1", "port": 16161 },
              "stateDirectory": "/var/lib/ipmpd/snmp",
              "system": { "name": "host1", "contact": "noc@example.org", "location": "rack 4" },
              "users": [
                { "name": "ipmpAdmin", "auth": "SHA-512", "authPassphrase": "auth-secret-1",
                  "priv": "AES-256", "privPassphrase": "priv-secret-1", "access": "rw" },
                { "name": "ipmpTrap", "auth": "SHA-256", "authPassphrase": "auth-secret-2",
                  "priv": "AES-128", "privPassphrase": "priv-secret-2", "access": "none" }
              ],
              "communities": [ { "community": "public", "sources": [ "198.18.0.0/15", "2001:2::/48", "127.0.0.1" ] } ],
              "trapTargets": [
                { "address": "198.18.0.10", "port": 162, "user": "ipmpTrap", "type": "inform", "retries": 3, "timeoutMs": 500 },
                { "address": "2001:2::10", "community": "public" }
              ]
            }
            """;

    @Test
    void readsEveryPart() throws Exception {
        SnmpSettings s = SnmpSettingsParser.parse(FULL, "snmp.json");
        assertThat(s.listenAddress().getHostAddress()).isEqualTo("127.0.0.1");
        assertThat(s.port()).isEqualTo(16161);
        assertThat(s.stateDirectory()).isEqualTo(Path.of("/var/lib/ipmpd/snmp"));
        assertThat(s.sysName()).isEqualTo("host1");
        assertThat(s.users()).hasSize(2);
        assertThat(s.users().get(0).auth()).isEqualTo(AuthProtocol.SHA512);
        assertThat(s.users().get(0).priv()).isEqualTo(PrivProtocol.AES256);
        assertThat(s.users().get(0).access()).isEqualTo(Access.READ_WRITE);
        assertThat(s.users().get(1).access()).isEqualTo(Access.NOTIFY_ONLY);
        assertThat(s.communities().get(0).sources()).extracting(Object::toString)
                .containsExactly("198.18.0.0/15", "2001:2:0:0:0:0:0:0/48", "127.0.0.1/32");
        assertThat(s.trapTargets().get(0).inform()).isTrue();
        assertThat(s.trapTargets().get(0).retries()).isEqualTo(3);
        assertThat(s.trapTargets().get(1).v3()).isFalse();
        assertThat(s.trapTargets().get(1).port()).isEqualTo(162);
    }

    @Test
    void theShippedExampleParses() throws Exception {
        SnmpSettings s = SnmpSettingsParser.parse(Cli.MIB_DIR.resolve("../../../snmp.json.example").normalize());
        assertThat(s.users()).hasSize(3);
        assertThat(s.trapTargets()).hasSize(2);
    }

    @Test
    void secretsNeverAppearInToString() throws Exception {
        SnmpSettings s = SnmpSettingsParser.parse(FULL, "snmp.json");
        assertThat(s.toString()).doesNotContain("secret").doesNotContain("public");
    }

    @Test
    void errorsNameFileAndLine() {
        assertError(FULL.replace("\"SHA-512\"", "\"SHA\""), "snmp.json:6: auth of user ipmpAdmin must be SHA-256");
        assertError(FULL.replace("\"AES-256\"", "\"DES\""), "snmp.json:7: priv of user ipmpAdmin must be AES");
        assertError(FULL.replace("priv-secret-1", "short"), "snmp.json:7: privPassphrase of user ipmpAdmin is shorter than 8");
        assertError(FULL.replace("\"port\": 16161", "\"port\": 70000"), "snmp.json:2: listen.port must be a whole number");
        assertError(FULL.replace("\"user\": \"ipmpTrap\"", "\"user\": \"nobody\""), "snmp.json:13: trap target user nobody");
        assertError(FULL.replace("\"198.18.0.0/15\"", "\"198.18.0.0/33\""), "snmp.json:11: source 198.18.0.0/33 has a bad prefix");
        assertError(FULL.replace("\"community\": \"public\", \"sources\"", "\"community\": \"public\", \"access\": \"rw\", \"sources\""),
                "snmp.json:11: communities are read-only");
        assertError(FULL.replace("\"location\": \"rack 4\"", "\"locaton\": \"rack 4\""), "snmp.json:4: unknown key \"locaton\"");
        assertError(FULL.replace("\"198.18.0.10\"", "\"nms.example.org\""), "snmp.json:13: 'nms.example.org' is not an IPv4 or IPv6");
        assertError(FULL.replace("\"stateDirectory\": \"/var/lib/ipmpd/snmp\",", ""), "snmp.json:1: stateDirectory is missing");
        assertError(FULL.replace("\"/var/lib/ipmpd/snmp\",", "\"/var/lib/ipmpd/snmp\""), "snmp.json:4: expected ',' or '}' after the member \"stateDirectory\"");
        assertError("{\n \"listen\": {},\n \"listen\": {}\n}", "snmp.json:3: \"listen\" is given twice");
    }

    private static void assertError(String json, String message) {
        assertThatThrownBy(() -> SnmpSettingsParser.parse(json, "snmp.json"))
                .isInstanceOf(SettingsException.class).hasMessageStartingWith(message)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("secret"));
    }
}
