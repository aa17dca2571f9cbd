package net.ipmpd.agent.log;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class LogSetupTest {
    @Test
    void journaldPrioritiesOnlyWhenStderrIsTheJournalsOwnStream() {
        assertThat(LogSetup.choose("8:1234", Optional.of("8:1234"))).isEqualTo(LogSetup.JOURNAL);
        // inherited from a parent whose stderr was the journal, but ours goes elsewhere
        assertThat(LogSetup.choose("8:1234", Optional.of("8:999"))).isEqualTo(LogSetup.TERMINAL);
        assertThat(LogSetup.choose(null, Optional.of("8:1234"))).isEqualTo(LogSetup.TERMINAL);
        assertThat(LogSetup.choose("8:1234", Optional.empty())).isEqualTo(LogSetup.TERMINAL);
    }

    @Test
    void bothConfigurationsAreShipped() {
        assertThat(LogSetup.class.getClassLoader().getResource(LogSetup.JOURNAL)).isNotNull();
        assertThat(LogSetup.class.getClassLoader().getResource(LogSetup.TERMINAL)).isNotNull();
    }
}
