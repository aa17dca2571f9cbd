package net.ipmpd.agent.netconf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class NetconfSettingsFileTest {
    static final String HASH = PasswordHash.create("secret".toCharArray(), 1000);

    static String file(String users) {
        return """
                {
                  "listen-address": "127.0.0.1",
                  "port": 8830,
                  "host-key": "/var/lib/ipmpd/ssh_host_key",
                  "groups": { "admin": "read-write", "monitor": "read-only", "noc": "operator" },
                  "users": [
                %s
                  ]
                }
                """.formatted(users);
    }

    @Test
    void aValidFileGivesUsersGroupsAndAccess() throws Exception {
        NetconfSettings s = NetconfSettingsFile.parse(file(
                "{ \"name\": \"alice\", \"password-hash\": \"" + HASH + "\", \"groups\": [\"admin\"] },\n"
                        + "{ \"name\": \"bob\", \"password-hash\": \"" + HASH + "\", \"groups\": [\"monitor\"] },\n"
                        + "{ \"name\": \"carol\", \"password-hash\": \"" + HASH + "\" },\n"
                        + "{ \"name\": \"dave\", \"password-hash\": \"" + HASH + "\", \"groups\": [\"monitor\", \"noc\"] }"), "netconf.json");
        assertThat(s.port()).isEqualTo(8830);
        assertThat(s.hostKey()).isEqualTo(Path.of("/var/lib/ipmpd/ssh_host_key"));
        assertThat(s.accessOf("alice")).isEqualTo(NetconfSettings.Access.READ_WRITE);
        assertThat(s.accessOf("bob")).isEqualTo(NetconfSettings.Access.READ_ONLY);
        // RFC 8341 defaults for a user in no group: read, no write
        assertThat(s.accessOf("carol")).isEqualTo(NetconfSettings.Access.READ_ONLY);
        // the widest of the user's groups
        assertThat(s.accessOf("dave")).isEqualTo(NetconfSettings.Access.OPERATOR);
    }

    @Test
    void theExampleFileLoads() throws Exception {
        NetconfSettings s = NetconfSettingsFile.load(Path.of("src/test/resources/netconf/netconf-example.json"));
        assertThat(s.port()).isEqualTo(830);
        assertThat(s.users()).extracting(NetconfSettings.User::name).containsExactly("admin", "nms");
        assertThat(s.accessOf("nms")).isEqualTo(NetconfSettings.Access.READ_ONLY);
        assertThat(s.user("nms").orElseThrow().authorizedKeys()).singleElement().asString().startsWith("ssh-ed25519 ");
    }

    @Test
    void aPlainTextPasswordIsRefusedWithItsLine() {
        assertThatThrownBy(() -> NetconfSettingsFile.parse(file("{ \"name\": \"alice\",\n \"password\": \"secret\" }"), "netconf.json"))
                .isInstanceOf(NetconfSettingsException.class)
                .hasMessageStartingWith("netconf.json:8: ")
                .hasMessageContaining("plain-text passwords are not accepted");
    }

    @Test
    void mistakesAreReportedWithFileAndLine() {
        assertThatThrownBy(() -> NetconfSettingsFile.parse(file("{ \"name\": \"alice\", \"pasword-hash\": \"x\" }"), "n.json"))
                .hasMessageStartingWith("n.json:7: ").hasMessageContaining("unknown key 'pasword-hash'");
        assertThatThrownBy(() -> NetconfSettingsFile.parse(file("{ \"name\": \"alice\", \"password-hash\": \"md5:abc\" }"), "n.json"))
                .hasMessageStartingWith("n.json:7: ").hasMessageContaining("$pbkdf2-sha512$");
        assertThatThrownBy(() -> NetconfSettingsFile.parse(file("{ \"name\": \"alice\" }"), "n.json"))
                .hasMessageStartingWith("n.json:7: ").hasMessageContaining("could never log in");
        assertThatThrownBy(() -> NetconfSettingsFile.parse(file("{ \"name\": \"a\", \"authorized-keys\": [\"ssh-ed25519 notbase64\"] }"), "n.json"))
                .hasMessageStartingWith("n.json:7: ").hasMessageContaining("not an OpenSSH public key");
        assertThatThrownBy(() -> NetconfSettingsFile.parse(file("{ \"name\": \"a\", \"password-hash\": \"" + HASH + "\", \"groups\": [\"ops\"] }"), "n.json"))
                .hasMessageContaining("group 'ops', which is not defined");
        assertThatThrownBy(() -> NetconfSettingsFile.parse(file("{ \"name\": \"a\", \"password-hash\": \"" + HASH + "\" },\n"
                + "{ \"name\": \"a\", \"password-hash\": \"" + HASH + "\" }"), "n.json"))
                .hasMessageStartingWith("n.json:8: ").hasMessageContaining("already defined at line 7");
        assertThatThrownBy(() -> NetconfSettingsFile.parse("{ \"host-key\": \"keys/host\" }", "n.json"))
                .hasMessageStartingWith("n.json:1: ").hasMessageContaining("absolute");
        assertThatThrownBy(() -> NetconfSettingsFile.parse("{ \"port\": 70000, \"host-key\": \"/k\" }", "n.json"))
                .hasMessageContaining("out of range");
        assertThatThrownBy(() -> NetconfSettingsFile.parse("{ \"listen-address\": \"example.com\", \"host-key\": \"/k\" }", "n.json"))
                .hasMessageContaining("not an IP address literal");
        assertThatThrownBy(() -> NetconfSettingsFile.parse("{\n \"port\": 830,\n ", "n.json"))
                .hasMessageStartingWith("n.json:3: ").hasMessageContaining("not valid JSON");
        assertThatThrownBy(() -> NetconfSettingsFile.parse("{ \"port\": 830 }", "n.json"))
                .hasMessageContaining("host-key is missing");
    }

    @Test
    void passwordHashesVerifyOnlyTheirPassword() {
        PasswordHash h = PasswordHash.parse(HASH);
        assertThat(h.matches("secret".toCharArray())).isTrue();
        assertThat(h.matches("Secret".toCharArray())).isFalse();
        assertThat(h.matches(new char[0])).isFalse();
        // the same password hashes differently every time (random salt)
        assertThat(PasswordHash.create("secret".toCharArray(), 1000)).isNotEqualTo(HASH);
        assertThatThrownBy(() -> PasswordHash.parse("$pbkdf2-sha512$10$AAAAAAAAAAA$AAAA")).hasMessageContaining("below the minimum");
    }

    @Test
    void theLoginAndMessageLimitsAreReadAndCheckedAndDefaultWhenAbsent() throws Exception {
        String user = "{ \"name\": \"alice\", \"password-hash\": \"" + HASH + "\" }";
        NetconfSettings defaults = NetconfSettingsFile.parse(file(user), "netconf.json");
        assertThat(defaults.limits().maxUnauthenticatedConnections()).isEqualTo(100);
        assertThat(defaults.limits().maxMessageBytes()).isEqualTo(1 << 20);
        assertThat(defaults.limits().messageIdleSeconds()).isEqualTo(60);
        NetconfSettings set = NetconfSettingsFile.parse(file(user).replaceFirst("\\{",
                "{ \"max-unauthenticated-connections\": 7, \"max-message-size\": 65536, \"message-idle-timeout\": 5,"),
                "netconf.json");
        assertThat(set.limits().maxUnauthenticatedConnections()).isEqualTo(7);
        assertThat(set.limits().maxMessageBytes()).isEqualTo(65536);
        assertThat(set.limits().messageIdleSeconds()).isEqualTo(5);
        assertThatThrownBy(() -> NetconfSettingsFile.parse(file(user).replaceFirst("\\{", "{ \"message-idle-timeout\": 0,"),
                "netconf.json")).hasMessageContaining("netconf.json:1: message-idle-timeout 0 is out of range 1-");
        assertThatThrownBy(() -> NetconfSettingsFile.parse(file(user).replaceFirst("\\{", "{ \"max-message-size\": 100,"),
                "netconf.json")).hasMessageContaining("netconf.json:1: max-message-size 100 is out of range 4096-");
    }
}
