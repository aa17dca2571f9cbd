package net.ipmpd.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import net.ipmpd.agent.ConfigSource.Purpose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a file that says nothing means at start and on reload: never "remove every group". */
class ConfigSourceTest {
    private static final String ONE_GROUP = """
            {"ipmp:ipmp": {"group": [{"name": "g0", "member": [{"interface": "eth0"}, {"interface": "eth1"}]}]}}
            """;

    @TempDir
    Path dir;

    private ConfigSource source(Path file, boolean given) {
        String[] args = given ? new String[] {"-c", file.toString(), "-m", "/dev/null"} : new String[] {"-m", "/dev/null"};
        DaemonOptions o = DaemonOptions.parse(args);
        if (!given) {
            o = new DaemonOptions(file, false, o.mpathdDefaults(), o.controlSocket(), o.logLevel(), o.snmpConfig(),
                    o.netconfConfig(), o.stateDirectory(), o.historyBytes(), o.mode());
        }
        return new ConfigSource(o);
    }

    @Test
    void anEmptyFileIsRefusedOnReloadAndAtStart() throws Exception {
        Path f = Files.writeString(dir.resolve("ipmpd.json"), "");
        for (Purpose p : Purpose.values()) {
            ConfigSource.Result r = source(f, true).read(p);
            assertThat(r.ok()).as(p.name()).isFalse();
            assertThat(r.problems()).singleElement().asString().contains("it is empty").contains(ConfigSource.EXPLICIT_EMPTY);
        }
        Files.writeString(f, "  \n\n");
        assertThat(source(f, true).read(Purpose.RELOAD).ok()).isFalse();
    }

    @Test
    void aBareEmptyObjectIsRefused() throws Exception {
        Path f = Files.writeString(dir.resolve("ipmpd.json"), "{ }\n");
        ConfigSource.Result r = source(f, true).read(Purpose.RELOAD);
        assertThat(r.ok()).isFalse();
        assertThat(r.problems()).singleElement().asString().contains("only {}");
    }

    @Test
    void aFileThatSaysNoGroupsIsExplicitAndAccepted() throws Exception {
        Path f = Files.writeString(dir.resolve("ipmpd.json"), ConfigSource.EXPLICIT_EMPTY + "\n");
        ConfigSource.Result r = source(f, true).read(Purpose.RELOAD);
        assertThat(r.problems()).isEmpty();
        assertThat(r.config().groups()).isEmpty();
    }

    @Test
    void aMissingFileIsRefusedOnReloadEvenAtTheDefaultPath() {
        Path f = dir.resolve("gone.json");
        assertThat(source(f, true).read(Purpose.RELOAD).ok()).isFalse();
        ConfigSource.Result r = source(f, false).read(Purpose.RELOAD);
        assertThat(r.ok()).isFalse();
        assertThat(r.problems()).singleElement().asString().contains("no such file");
    }

    @Test
    void aMissingFileNamedWithDashCIsFatalAtStartButTheMissingDefaultMeansNoGroupsYet() {
        Path f = dir.resolve("gone.json");
        ConfigSource.Result named = source(f, true).read(Purpose.START);
        assertThat(named.ok()).isFalse();
        assertThat(named.problems()).singleElement().asString().contains("named with -c");
        ConfigSource.Result dflt = source(f, false).read(Purpose.START);
        assertThat(dflt.ok()).isTrue();
        assertThat(dflt.config().groups()).isEmpty();
        assertThat(dflt.warnings()).singleElement().asString().contains("no such file");
    }

    @Test
    void anUnreadableFileIsRefusedNamingTheFile() throws Exception {
        Path f = Files.writeString(dir.resolve("ipmpd.json"), ONE_GROUP);
        assertThat(source(f, true).read(Purpose.RELOAD).config().groups()).hasSize(1);
        // a directory where the file should be reads as an I/O error even for root
        Path d = Files.createDirectory(dir.resolve("dir.json"));
        ConfigSource.Result r = source(d, true).read(Purpose.RELOAD);
        assertThat(r.ok()).isFalse();
        assertThat(r.problems()).singleElement().asString().contains("cannot read").contains("dir.json");
        Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("---------"));
        if (!"root".equals(System.getProperty("user.name"))) {
            assertThat(source(f, true).read(Purpose.RELOAD).ok()).isFalse();
        }
    }
}
