package net.ipmpd.yang;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import net.ipmpd.engine.config.EngineConfig;
import net.ipmpd.yang.config.ConfigFile;
import net.ipmpd.yang.config.ConfigFileException;
import net.ipmpd.yang.config.LoadedConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The configuration shipped in examples/: it loads, and broken copies of it are refused with a path and line. */
class SampleConfigTest {
    static final Path SAMPLE = Path.of("examples/ipmpd.json");

    @TempDir
    Path dir;

    @Test
    void theSampleLoadsAsTheIpmp0GroupWithoutWarnings() throws Exception {
        LoadedConfig loaded = ConfigFile.load(SAMPLE);
        assertThat(loaded.warnings()).isEmpty();
        EngineConfig c = loaded.config();
        assertThat(c.groups()).hasSize(1);
        var g = c.groups().getFirst();
        assertThat(g.name()).isEqualTo("ipmp0");
        assertThat(g.members()).extracting(m -> m.interfaceName() + (m.standby() ? "(standby)" : ""))
                .containsExactly("eth0", "eth1", "eth2(standby)");
        assertThat(g.members().getFirst().ipv6Test().orElseThrow().isIpv6LinkLocal()).isTrue();
        assertThat(g.dataAddresses()).extracting(d -> d.homeMember()).containsExactly("eth0", "eth1");
        assertThat(g.staticTargets()).hasSize(1);
    }

    @Test
    void yanglintAcceptsTheSampleAsAConfigurationDatastore() throws Exception {
        Yanglint.Result r = Yanglint.run("-p", Yanglint.YANG_DIR.toString(), "-t", "config", Yanglint.MODULE.toString(), SAMPLE.toString());
        assertThat(r.stderr()).isEmpty();
        assertThat(r.exit()).isZero();
    }

    @Test
    void yanglintAcceptsWhatConfigFileWrites() throws Exception {
        Path file = dir.resolve("written.json");
        ConfigFile.write(file, ConfigFile.load(SAMPLE).config());
        Yanglint.Result r = Yanglint.run("-p", Yanglint.YANG_DIR.toString(), "-t", "config", Yanglint.MODULE.toString(), file.toString());
        assertThat(r.stderr()).isEmpty();
        assertThat(r.exit()).isZero();
        assertThat(ConfigFile.load(file).config()).isEqualTo(ConfigFile.load(SAMPLE).config());
    }

    private String broken(String from, String to) throws Exception {
        String text = Files.readString(SAMPLE);
        assertThat(text).contains(from);
        Path file = dir.resolve("broken.json");
        Files.writeString(file, text.replace(from, to));
        try {
            ConfigFile.load(file);
        } catch (ConfigFileException e) {
            assertThat(e.problems()).allSatisfy(p -> assertThat(p.file()).isEqualTo(file.toString()));
            return e.getMessage().replace(file.toString(), "broken.json");
        }
        throw new AssertionError("the broken copy was accepted");
    }

    @Test
    void aHomeMemberThatIsNotAMemberIsRefused() throws Exception {
        assertThat(broken("\"home-member\": \"eth1\"", "\"home-member\": \"eth7\"")).isEqualTo(
                "broken.json:27: /ipmp/group[name='ipmp0']/data-address[address='2001:2::100']/home-member: "
                        + "home member eth7 is not a member of group ipmp0");
    }

    @Test
    void aBadAddressIsRefusedByUsAndByYanglint() throws Exception {
        assertThat(broken("198.18.0.100", "198.18.0.300")).isEqualTo(
                "broken.json:26: /ipmp/group[name='ipmp0']/data-address[address='198.18.0.300']/address: "
                        + "'198.18.0.300' is not an IPv4 or IPv6 address");
        Yanglint.Result r = Yanglint.run("-p", Yanglint.YANG_DIR.toString(), "-t", "config", Yanglint.MODULE.toString(),
                dir.resolve("broken.json").toString());
        assertThat(r.exit()).isNotZero();
        assertThat(r.stderr()).contains("198.18.0.300");
    }

    @Test
    void anUnknownLeafIsRefused() throws Exception {
        assertThat(broken("\"standby\": true", "\"stand-by\": true")).isEqualTo(
                "broken.json:21: /ipmp/group[name='ipmp0']/member[interface='eth2']/stand-by: unknown node 'stand-by' in member");
    }

    @Test
    void aStringWhereANumberIsExpectedIsRefused() throws Exception {
        assertThat(broken("\"failure-detection-time\": 10000", "\"failure-detection-time\": \"10s\"")).isEqualTo(
                "broken.json:3: /ipmp/failure-detection-time: '10s' is not an integer");
    }

    @Test
    void aGlobalAddressAsIpv6TestAddressIsRefused() throws Exception {
        assertThat(broken("fe80::10", "2001:2::10")).isEqualTo(
                "broken.json:13: /ipmp/group[name='ipmp0']/member[interface='eth0']/ipv6-test-address: "
                        + "2001:2:0:0:0:0:0:10 is not link-local; IPv6 test addresses must be link-local (fe80::/10)");
    }

    @Test
    void nothingIsAppliedFromABrokenFileBecauseNoConfigurationIsReturned() {
        assertThatThrownBy(() -> ConfigFile.parse("{\"ipmp:ipmp\": {\"failback\": \"sometimes\"}}", "x.json"))
                .isInstanceOf(ConfigFileException.class)
                .hasMessage("x.json:1: /ipmp/failback: 'sometimes' is not a boolean; write true or false");
    }
}
