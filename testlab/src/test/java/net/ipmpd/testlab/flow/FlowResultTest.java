package net.ipmpd.testlab.flow;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FlowResultTest {
    @Test
    void lineRoundTripsIncludingAnErrorWithSpaces() {
        FlowResult r = new FlowResult(3, false, 212, 140, 4480, 1503, "reset: Connection reset by peer");
        assertThat(r.format()).isEqualTo("flow index=3 survived=false maxStallMs=212 echoes=140 bytes=4480"
                + " failedAfterMs=1503 error=reset: Connection reset by peer");
        assertThat(FlowResult.parse(r.format())).isEqualTo(r);
        FlowResult ok = new FlowResult(0, true, 11, 99, 3168, -1, "-");
        assertThat(FlowResult.parse(ok.format())).isEqualTo(ok);
    }

    @Test
    void garbageIsRefused() {
        assertThatThrownBy(() -> FlowResult.parse("ready 4")).hasMessageContaining("not a flow result line");
        assertThatThrownBy(() -> FlowResult.parse("flow index=x survived=true maxStallMs=1 echoes=1 bytes=1"
                + " failedAfterMs=-1 error=-")).hasMessageContaining("bad flow result line");
    }

    @Test
    void reportSummarises() {
        FlowReport rep = new FlowReport(List.of(new FlowResult(0, true, 15, 10, 320, -1, "-"),
                new FlowResult(1, false, 230, 5, 160, 80, "eof: the server closed the connection")));
        assertThat(rep.allSurvived()).isFalse();
        assertThat(rep.survivors()).isEqualTo(1);
        assertThat(rep.maxStallMs()).isEqualTo(230);
        assertThat(rep.failed()).extracting(FlowResult::index).containsExactly(1);
        assertThat(new FlowReport(List.of()).allSurvived()).isFalse();
    }
}
