package net.ipmpd.agent.history;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import net.ipmpd.engine.Command;
import net.ipmpd.engine.CommandResult;
import net.ipmpd.engine.Outcome;
import net.ipmpd.engine.config.EngineConfig;
import net.ipmpd.engine.state.EngineSnapshot;
import net.ipmpd.testkit.FakeIpmpService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AttributedServiceTest {
    @TempDir
    Path dir;

    private List<HistoryEvent> record(FakeIpmpService engine, String by, Command... commands) throws Exception {
        HistoryRecorder recorder = new HistoryRecorder(new EventLogWriter(dir, HistoryLimits.DEFAULT), engine::snapshot,
                engine::wallClock);
        recorder.start(java.util.Map.of());
        AttributedService channel = new AttributedService(engine, by);
        for (Command c : commands) {
            channel.execute(c, Duration.ofSeconds(60)).get();
        }
        recorder.close();
        return new HistoryReader(dir).readAll().events().stream()
                .filter(e -> e.kind().family() == EventKind.Family.OPERATOR).toList();
    }

    private static FakeIpmpService engine() {
        return new FakeIpmpService(new EngineSnapshot(1, 0, EngineConfig.defaults(), List.of(), Optional.empty()));
    }

    @Test
    void aConfigurationChangeIsRecordedWithWhoSentItAndWhatItChanged() throws Exception {
        List<HistoryEvent> e = record(engine(), "SIGHUP", new Command.ReplaceConfig(EngineConfig.defaults()
                .withFailback(false).withFailureDetectionTimeMs(1000), Optional.empty(), Command.Save.RUNNING_ONLY));
        assertEquals(1, e.size());
        assertEquals(EventKind.CONFIG_CHANGED, e.getFirst().kind());
        assertEquals("SIGHUP", e.getFirst().detail("by"));
        assertEquals("FDT 10000->1000 ms; failback yes->no", e.getFirst().detail("change"));
    }

    @Test
    void anEditIsRecordedWithWhatItChangedInTheRunningConfiguration() throws Exception {
        List<HistoryEvent> e = record(engine(), "snmp", new Command.EditConfig("FAILURE_DETECTION_TIME=1000",
                c -> c.withFailureDetectionTimeMs(1000), Command.Save.TO_FILE));
        assertEquals(EventKind.CONFIG_CHANGED, e.getFirst().kind());
        assertEquals("FDT 10000->1000 ms", e.getFirst().detail("change"));
    }

    @Test
    void aRefusedCommandIsRecordedAsRefusedWithTheEnginesReason() throws Exception {
        FakeIpmpService engine = engine();
        engine.answerAlways(new CommandResult.Refused(CommandResult.Reason.MIN_REDUNDANCY, "no other functioning interfaces"));
        List<HistoryEvent> e = record(engine, "snmp", new Command.Offline("m1"),
                new Command.EditConfig("FAILBACK=no", c -> c.withFailback(false), Command.Save.TO_FILE));
        assertEquals(List.of(EventKind.ADMIN_REQUEST, EventKind.CONFIG_REFUSED), e.stream().map(HistoryEvent::kind).toList());
        assertEquals("refused: no other functioning interfaces", e.getFirst().detail("result"));
        assertEquals("snmp", e.getFirst().detail("by"));
        assertEquals("offline", e.getFirst().detail("request"));
        assertEquals("FAILBACK=no", e.get(1).detail("change"));
    }

    @Test
    void aFailedOrUnansweredCommandIsRecordedSo() throws Exception {
        FakeIpmpService engine = engine();
        engine.answerAlways(new Outcome.Failed("the change runs but is not saved", null));
        List<HistoryEvent> failed = record(engine, "snmp", new Command.Online("m1"));
        assertEquals("failed: the change runs but is not saved", failed.getFirst().detail("result"));
    }
}
