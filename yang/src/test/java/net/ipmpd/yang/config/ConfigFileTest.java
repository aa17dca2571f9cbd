package net.ipmpd.yang.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.OptionalInt;
import net.ipmpd.engine.config.EngineConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigFileTest {
    static final String GOOD = """
        {
          "ipmp:ipmp": {
            "failure-detection-time": 50,
            "group": [
              {
                "name": "g0",
                "member": [
                  {"interface": "eth0", "ipv4-test-address": {"address": "198.18.0.1", "prefix-length": 24}},
                  {"interface": "eth1", "standby": true, "ipv6-test-address": {"address": "fe80::1"}}
                ],
                "data-address": [ {"address": "198.18.0.100", "prefix-length": 24, "home-member": "eth0"},
                                  {"address": "2001:2::100", "prefix-length": 64, "home-member": "eth1"} ],
                "static-target": ["198.18.0.254"]
              }
            ]
          }
        }
        """;

    @TempDir
    Path dir;

    private static List<String> problems(String text) {
        try {
            ConfigFile.parse(text, "t.json");
        } catch (ConfigFileException e) {
            assertThat(e.getMessage()).doesNotContain("Exception", "urn:ipmpd", "org.opendaylight", "revision=");
            return e.problems().stream().map(LocatedProblem::toString).toList();
        }
        throw new AssertionError("accepted: " + text);
    }

    @Test
    void aGoodFileLoadsWithInMpathdsWarningForATooSmallFailureDetectionTime() throws Exception {
        LoadedConfig loaded = ConfigFile.parse(GOOD, "t.json");
        EngineConfig c = loaded.config();
        assertThat(c.failureDetectionTimeMs()).isEqualTo(100);
        assertThat(loaded.warnings()).extracting(Object::toString).containsExactly(
                "t.json:3: /ipmp/failure-detection-time: Too small failure detection time of 50 ms, assuming minimum 100 ms");
        var g = c.groups().getFirst();
        assertThat(g.members()).extracting(m -> m.interfaceName()).containsExactly("eth0", "eth1");
        assertThat(g.members().get(1).standby()).isTrue();
        assertThat(g.members().get(1).ipv6Test().orElseThrow().prefixLength()).as("module default").isEqualTo(64);
        assertThat(g.dataAddresses()).extracting(Object::toString).containsExactly("198.18.0.100/24", "2001:2::100/64");
        assertThat(g.staticTargets()).containsExactly(EngineConfigFixtures.ip("198.18.0.254"));
        assertThat(c.failback()).isTrue();
        assertThat(c.damping()).isEqualTo(net.ipmpd.engine.config.DampingConfig.DEFAULT);
    }

    @Test
    void anEmptyFileOrObjectMeansInMpathdsDefaults() throws Exception {
        assertThat(ConfigFile.parse("", "t.json").config()).isEqualTo(EngineConfig.defaults());
        assertThat(ConfigFile.parse("{ }", "t.json").config()).isEqualTo(EngineConfig.defaults());
        assertThat(ConfigFile.parse("{\"ipmp:ipmp\": {}}", "t.json").config()).isEqualTo(EngineConfig.defaults());
    }

    @Test
    void anUnknownLeafIsNamedWithItsPathAndLine() {
        assertThat(problems(GOOD.replace("\"standby\": true", "\"standbye\": true"))).containsExactly(
                "t.json:9: /ipmp/group[name='g0']/member[interface='eth1']/standbye: unknown node 'standbye' in member");
    }

    @Test
    void aStringWhereANumberIsExpected() {
        assertThat(problems(GOOD.replace("\"prefix-length\": 24}", "\"prefix-length\": \"x\"}"))).containsExactly(
                "t.json:8: /ipmp/group[name='g0']/member[interface='eth0']/ipv4-test-address/prefix-length: 'x' is not an integer");
    }

    @Test
    void aNumberOutOfRange() {
        assertThat(problems(GOOD.replace("\"prefix-length\": 24}", "\"prefix-length\": 33}"))).containsExactly(
                "t.json:8: /ipmp/group[name='g0']/member[interface='eth0']/ipv4-test-address/prefix-length: 33 is out of range (allowed: 0..32)");
    }

    @Test
    void aBadAddress() {
        assertThat(problems(GOOD.replace("198.18.0.100", "198.18.0.300"))).containsExactly(
                "t.json:11: /ipmp/group[name='g0']/data-address[address='198.18.0.300']/address: '198.18.0.300' is not an IPv4 or IPv6 address");
    }

    @Test
    void addressesThatYangtoolsLetsThroughAreStillRefused() {
        // yangtools 14.0.23 checks only the last pattern of inet:ipv4-address-no-zone ([0-9.]*), so
        // these reach our code; the Java check catches them with the same path.
        assertThat(problems(GOOD.replace("198.18.0.1\"", "198.18.0.999\"").replace("198.18.0.254", "1.2.3.4.5"))).containsExactly(
                "t.json:8: /ipmp/group[name='g0']/member[interface='eth0']/ipv4-test-address/address: '198.18.0.999' is not an IPv4 or IPv6 address",
                "t.json:13: /ipmp/group[name='g0']/static-target[.='1.2.3.4.5']: '1.2.3.4.5' is not an IPv4 or IPv6 address");
    }

    @Test
    void aHomeMemberThatIsNotAMember() {
        assertThat(problems(GOOD.replace("\"home-member\": \"eth1\"", "\"home-member\": \"eth9\""))).containsExactly(
                "t.json:12: /ipmp/group[name='g0']/data-address[address='2001:2::100']/home-member: home member eth9 is not a member of group g0");
    }

    @Test
    void missingMandatoryLeavesAreEachNamed() {
        String text = GOOD.replace(", \"home-member\": \"eth1\"", "").replace(", \"prefix-length\": 24}}", "}}");
        assertThat(problems(text)).containsExactly(
                "t.json:8: /ipmp/group[name='g0']/member[interface='eth0']/ipv4-test-address/prefix-length: the mandatory leaf prefix-length is missing",
                "t.json:12: /ipmp/group[name='g0']/data-address[address='2001:2::100']/home-member: the mandatory leaf home-member is missing");
    }

    @Test
    void anInterfaceNameWithASlash() {
        assertThat(problems(GOOD.replace("eth1", "eth/1")).getFirst())
                .startsWith("t.json:9: /ipmp/group[name='g0']/member[interface='eth/1']/interface: 'eth/1' is not valid here");
    }

    @Test
    void operationalStateCannotBeConfigured() {
        assertThat(problems(GOOD.replace("\"standby\": true", "\"standby\": true, \"active\": true"))).containsExactly(
                "t.json:9: /ipmp/group[name='g0']/member[interface='eth1']/active: active is operational state (config false) and cannot be configured");
    }

    @Test
    void malformedJsonNamesTheLine() {
        assertThat(problems(GOOD.replace("\"standby\": true,", "\"standby\": true,,"))).containsExactly(
                "t.json:9: /ipmp/group[1]/member[2]: malformed JSON: expected a member name");
    }

    @Test
    void aListEntryGivenTwiceIsRefusedNotMerged() {
        assertThat(problems(GOOD.replace("\"interface\": \"eth1\"", "\"interface\": \"eth0\""))).first().isEqualTo(
                "t.json:8: /ipmp/group[name='g0']/member[interface='eth0']: member eth0 is listed twice");
    }

    @Test
    void everySemanticProblemIsListedAtOnce() {
        String text = GOOD.replace("\"name\": \"g0\",", "\"name\": \"g1\"}, {\"name\": \"g0\",")
                .replace("\"home-member\": \"eth1\"", "\"home-member\": \"eth9\"")
                .replace("\"failure-detection-time\": 50,", "\"flap-damping\": {\"reuse-threshold\": 3000},");
        assertThat(problems(text)).containsExactlyInAnyOrder(
                "t.json:3: /ipmp/flap-damping/reuse-threshold: reuse-threshold 3000 must be below suppress-threshold 2500",
                "t.json:5: /ipmp/group[name='g1']: group 'g1' has no member interfaces",
                "t.json:12: /ipmp/group[name='g0']/data-address[address='2001:2::100']/home-member: home member eth9 is not a member of group g0");
    }

    @Test
    void anIpv4DataAddressWithAnIpv6PrefixLength() {
        assertThat(problems(GOOD.replace("\"prefix-length\": 24, \"home", "\"prefix-length\": 40, \"home"))).containsExactly(
                "t.json:11: /ipmp/group[name='g0']/data-address[address='198.18.0.100']/prefix-length: prefix length 40 is too long for 198.18.0.100 (at most 32)");
    }

    @Test
    void aFileThatIsNotTheIpmpContainer() {
        assertThat(problems("{\"ipmp:foo\": {}}")).containsExactly(
                "t.json:1: /foo: unknown top-level node 'foo'; the file must hold {\"ipmp:ipmp\": {...}}");
        assertThat(problems("[1]")).containsExactly("t.json:1: /: the file must be a JSON object: {\"ipmp:ipmp\": {...}}");
    }

    @Test
    void aMissingFileIsAProblemNotACrash() {
        assertThatThrownBy(() -> ConfigFile.load(dir.resolve("nope.json"))).isInstanceOf(ConfigFileException.class)
                .hasMessageEndingWith("nope.json: /: the configuration file does not exist");
    }

    @Test
    void writeThenLoadGivesTheSameConfiguration() throws Exception {
        Path file = dir.resolve("ipmpd.json");
        EngineConfig c = EngineConfigFixtures.sample();
        ConfigFile.write(file, c);
        assertThat(ConfigFile.load(file).config()).isEqualTo(c);
        assertThat(ConfigFile.load(file).warnings()).isEmpty();
        assertThat(Files.readString(file)).startsWith("{\n  \"ipmp:ipmp\": {").contains("\"2001:2::100\"");
    }

    @Test
    void writeLeavesOutWhatEqualsItsYangDefaultAsAnOperatorWouldWriteIt() throws Exception {
        Path file = dir.resolve("ipmpd.json");
        ConfigFile.write(file, EngineConfig.defaults());
        // every leaf at its default: the explicit "no groups" form ConfigSource asks operators for
        assertThat(Files.readString(file).replaceAll("\\s", "")).isEqualTo("{\"ipmp:ipmp\":{}}");

        EngineConfig tunables = EngineConfig.defaults().withFailureDetectionTimeMs(5_000).withFailback(false);
        ConfigFile.write(file, tunables);
        assertThat(Files.readString(file)).contains("\"failure-detection-time\": 5000").contains("\"failback\": false")
                .doesNotContain("track-interfaces-only-with-groups").doesNotContain("flap-damping");
        assertThat(ConfigFile.load(file).config()).isEqualTo(tunables);

        EngineConfig sample = EngineConfigFixtures.sample();
        ConfigFile.write(file, sample);
        assertThat(Files.readString(file)).contains("\"standby\": true").doesNotContain("\"standby\": false")
                .contains("\"interface\": \"eth0\"");
        assertThat(ConfigFile.load(file).config()).isEqualTo(sample);
    }

    @Test
    void writeKeepsTheFilesPermissionsAndLeavesNoTemporaryFile() throws Exception {
        Path file = dir.resolve("ipmpd.json");
        Files.writeString(file, "{}");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r-----"));
        ConfigFile.write(file, EngineConfig.defaults());
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-r-----");
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("ipmpd.json");
        }
        assertThat(ConfigFile.load(file).config()).isEqualTo(EngineConfig.defaults());
    }

    @Test
    void problemsFormatAsFileLinePathMessage() {
        assertThat(new LocatedProblem("a.json", OptionalInt.of(3), "/ipmp", "bad").toString()).isEqualTo("a.json:3: /ipmp: bad");
        assertThat(new LocatedProblem("a.json", OptionalInt.empty(), "/ipmp", "bad").toString()).isEqualTo("a.json: /ipmp: bad");
    }
}
