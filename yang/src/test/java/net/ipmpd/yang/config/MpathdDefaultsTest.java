package net.ipmpd.yang.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalLong;
import net.ipmpd.engine.config.EngineConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MpathdDefaultsTest {
    @TempDir
    Path dir;

    @Test
    void theSolarisStyleSampleFileSetsAllThreeKeysWithoutWarnings() throws Exception {
        MpathdDefaults d = MpathdDefaults.read(Path.of("examples/mpathd"));
        assertThat(d.failureDetectionTimeMs()).hasValue(10_000);
        assertThat(d.failback()).contains(true);
        assertThat(d.trackInterfacesOnlyWithGroups()).contains(true);
        assertThat(d.warnings()).isEmpty();
    }

    @Test
    void valuesOverlayTheConfigurationOnlyWhereSet() {
        MpathdDefaults d = MpathdDefaults.parse("  FAILBACK = no  \n# FAILURE_DETECTION_TIME=5\n\n", "mpathd");
        assertThat(d.failureDetectionTimeMs()).isEmpty();
        EngineConfig base = EngineConfig.defaults().withFailureDetectionTimeMs(2000);
        EngineConfig c = d.applyTo(base);
        assertThat(c.failback()).isFalse();
        assertThat(c.failureDetectionTimeMs()).as("comment and absent key leave the base value").isEqualTo(2000);
        assertThat(c.trackInterfacesOnlyWithGroups()).isTrue();
    }

    @Test
    void inMpathdsWarningsForBadValuesWithFileAndLine() {
        MpathdDefaults d = MpathdDefaults.parse("""
                FAILURE_DETECTION_TIME=50
                FAILBACK=maybe
                TRACK_INTERFACES_ONLY_WITH_GROUPS=No
                """, "/etc/default/mpathd");
        assertThat(d.failureDetectionTimeMs()).hasValue(100);
        assertThat(d.failback()).contains(true);
        assertThat(d.trackInterfacesOnlyWithGroups()).as("case-insensitive like in.mpathd").contains(false);
        assertThat(d.warnings()).containsExactly(
                "/etc/default/mpathd:1: Too small failure detection time of 50 ms, assuming minimum 100 ms",
                "/etc/default/mpathd:2: Invalid value for FAILBACK maybe, assuming yes");
    }

    @Test
    void zeroNegativeOrGarbageTimeFallsBackToTheDefault() {
        assertThat(MpathdDefaults.parse("FAILURE_DETECTION_TIME=0", "f").warnings())
                .containsExactly("f:1: Invalid failure detection time of 0 ms, assuming default 10000 ms");
        assertThat(MpathdDefaults.parse("FAILURE_DETECTION_TIME=ten", "f").failureDetectionTimeMs()).hasValue(10_000);
        assertThat(MpathdDefaults.parse("FAILURE_DETECTION_TIME=ten", "f").warnings())
                .containsExactly("f:1: Invalid failure detection time of ten, assuming default 10000 ms");
        assertThat(MpathdDefaults.parse("FAILURE_DETECTION_TIME=-5", "f").failureDetectionTimeMs()).hasValue(10_000);
    }

    @Test
    void strtolBaseZeroAsInMpathdReadsIt() {
        assertThat(MpathdDefaults.strtol("0x3e8")).hasValue(1000);
        assertThat(MpathdDefaults.strtol("010")).hasValue(8);
        assertThat(MpathdDefaults.strtol("2000")).hasValue(2000);
        assertThat(MpathdDefaults.strtol("2000ms")).isEmpty();
        assertThat(MpathdDefaults.strtol("")).isEmpty();
    }

    @Test
    void unknownKeysMalformedLinesAndRepeatsAreWarnedAboutAndIgnored() {
        MpathdDefaults d = MpathdDefaults.parse("""
                # tuned for the lab
                FAILBACK=no
                TRANSITIVE_PROBING=yes
                just some words
                FAILBACK=yes
                """, "mpathd");
        assertThat(d.failback()).as("the first setting wins, as with defread(3C)").contains(false);
        assertThat(d.warnings()).containsExactly(
                "mpathd:3: ignoring unknown key TRANSITIVE_PROBING (known: FAILURE_DETECTION_TIME, FAILBACK, TRACK_INTERFACES_ONLY_WITH_GROUPS)",
                "mpathd:4: ignoring a line that is not KEY=value: just some words",
                "mpathd:5: ignoring FAILBACK, already set on line 2");
    }

    @Test
    void aMissingFileSetsNothing() throws Exception {
        MpathdDefaults d = MpathdDefaults.read(dir.resolve("mpathd"));
        assertThat(d).isEqualTo(new MpathdDefaults(OptionalLong.empty(), Optional.empty(), Optional.empty(), java.util.List.of()));
        assertThat(d.applyTo(EngineConfig.defaults())).isEqualTo(EngineConfig.defaults());
        Files.writeString(dir.resolve("mpathd"), "FAILBACK=no\r\n");
        assertThat(MpathdDefaults.read(dir.resolve("mpathd")).failback()).as("CRLF tolerated").contains(false);
    }
}
