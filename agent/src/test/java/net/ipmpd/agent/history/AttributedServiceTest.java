package net.ipmpd.agent.history;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import net.ipmpd.agent.control.FakeIpmpService;
import net.ipmpd.engine.CommandResult;
import net.ipmpd.engine.config.EngineConfig;
import net.ipmpd.engine.event.EngineEvent;
import net.ipmpd.engine.state.EngineSnapshot;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AttributedServiceTest {
    @TempDir
    Path dir;

    private List<HistoryEvent> record(FakeIpmpService engine, String by, EngineEvent... commands) throws Exception {
        HistoryRecorder recorder = new HistoryRecorder(new EventLogWriter(dir, HistoryLimits.DEFAULT), engine::snapshot,
                engine::wallClock);
        recorder.start(java.util.Map.of());
        AttributedService channel = new AttributedService(engine, by);
        for (EngineEvent c : commands) {
            channel.submit(c).get();
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
        List<HistoryEvent> e = record(engine(), "SIGHUP", new EngineEvent.ConfigChanged(EngineConfig.defaults()
                .withFailback(false).withFailureDetectionTimeMs(1000)));
        assertEquals(1, e.size());
        assertEquals(EventKind.CONFIG_CHANGED, e.getFirst().kind());
        assertEquals("SIGHUP", e.getFirst().detail("by"));
        assertEquals("FDT 10000->1000 ms; failback yes->no", e.getFirst().detail("change"));
    }

    @Test
    void aRefusedCommandIsRecordedAsRefusedWithTheEnginesReason() throws Exception {
        FakeIpmpService engine = engine();
        engine.answerWith(c -> CompletableFuture.completedFuture(new CommandResult.Refused(
                CommandResult.Reason.MIN_REDUNDANCY, "no other functioning interfaces")));
        List<HistoryEvent> e = record(engine, "snmp", new EngineEvent.OfflineRequested("m1"),
                new EngineEvent.ConfigChanged(EngineConfig.defaults().withFailback(false)));
        assertEquals(List.of(EventKind.ADMIN_REQUEST, EventKind.CONFIG_REFUSED), e.stream().map(HistoryEvent::kind).toList());
        assertEquals("refused: no other functioning interfaces", e.getFirst().detail("result"));
        assertEquals("snmp", e.getFirst().detail("by"));
        assertEquals("offline", e.getFirst().detail("request"));
    }
}
