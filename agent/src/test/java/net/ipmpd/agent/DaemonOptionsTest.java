package net.ipmpd.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The command line: whether -c was given decides what a missing file means; the two one-shot modes. */
class DaemonOptionsTest {
    @Test
    void dashCIsRememberedAsGiven() {
        assertThat(DaemonOptions.parse(new String[] {"-c", "/x.json"}).configGiven()).isTrue();
        assertThat(DaemonOptions.parse(new String[] {"--config", "/x.json"}).config()).isEqualTo(Path.of("/x.json"));
        DaemonOptions none = DaemonOptions.parse(new String[] {});
        assertThat(none.configGiven()).isFalse();
        assertThat(none.config()).isEqualTo(Path.of("/etc/ipmpd/ipmpd.json"));
        assertThat(none.mode()).isEqualTo(DaemonOptions.Mode.RUN);
    }

    @Test
    void checkConfigAndVersionAreModes() {
        assertThat(DaemonOptions.parse(new String[] {"--check-config", "-c", "/x.json"}).mode())
                .isEqualTo(DaemonOptions.Mode.CHECK_CONFIG);
        assertThat(DaemonOptions.parse(new String[] {"-t"}).mode()).isEqualTo(DaemonOptions.Mode.CHECK_CONFIG);
        assertThat(DaemonOptions.parse(new String[] {"--version"}).mode()).isEqualTo(DaemonOptions.Mode.VERSION);
        assertThat(DaemonOptions.parse(new String[] {"-V"}).mode()).isEqualTo(DaemonOptions.Mode.VERSION);
        assertThat(Version.get()).matches("\\d+\\.\\d+\\.\\d+.*");
    }

    @Test
    void badCommandLinesAreRefused() {
        assertThatThrownBy(() -> DaemonOptions.parse(new String[] {"-c"})).hasMessage("-c needs a value");
        assertThatThrownBy(() -> DaemonOptions.parse(new String[] {"--bogus"})).hasMessage("unknown option --bogus");
    }
}
