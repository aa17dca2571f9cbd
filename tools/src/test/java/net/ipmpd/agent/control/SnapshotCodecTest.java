package net.ipmpd.agent.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Map;
import net.ipmpd.engine.config.Family;
import net.ipmpd.engine.notify.Cause;
import net.ipmpd.engine.notify.Notification.ProbeCompleted;
import net.ipmpd.engine.state.EngineSnapshot;
import org.junit.jupiter.api.Test;

class SnapshotCodecTest {

    private static EngineSnapshot roundTrip(EngineSnapshot s) {
        String text = JsonWriter.write(SnapshotCodec.encode(s));
        return SnapshotCodec.decode(JsonObject.of(JsonParser.parse(text), "snapshot"));
    }

    @Test
    void everyStateFieldSurvivesTheTripThroughJson() {
        EngineSnapshot s = SampleSnapshot.sample();
        EngineSnapshot back = roundTrip(s);
        assertThat(back.version()).isEqualTo(s.version());
        assertThat(back.atNanos()).isEqualTo(s.atNanos());
        assertThat(back.groups()).isEqualTo(s.groups());
        assertThat(back.anonymous()).isEqualTo(s.anonymous());
    }

    @Test
    void onlyTheGlobalTunablesOfTheConfigurationTravel() {
        EngineSnapshot s = SampleSnapshot.sample();
        EngineSnapshot back = roundTrip(s);
        assertThat(back.config().failureDetectionTimeMs()).isEqualTo(s.config().failureDetectionTimeMs());
        assertThat(back.config().failback()).isEqualTo(s.config().failback());
        assertThat(back.config().trackInterfacesOnlyWithGroups()).isEqualTo(s.config().trackInterfacesOnlyWithGroups());
        assertThat(back.config().groups()).isEmpty();
    }

    @Test
    void aMalformedSnapshotIsReportedWithThePathOfTheBadMember() {
        String text = JsonWriter.write(SnapshotCodec.encode(SampleSnapshot.sample()))
                .replaceFirst("\"state\":\"ok\",\"active\"", "\"state\":\"sleepy\",\"active\"");
        assertThatThrownBy(() -> SnapshotCodec.decode(JsonObject.of(JsonParser.parse(text), "snapshot")))
                .isInstanceOf(ProtocolException.class)
                .hasMessage("snapshot.groups[0].members[0].state: unknown value \"sleepy\" for MemberState");
        String missing = JsonWriter.write(SnapshotCodec.encode(SampleSnapshot.sample())).replace("\"ifindex\":3,", "");
        assertThatThrownBy(() -> SnapshotCodec.decode(JsonObject.of(JsonParser.parse(missing), "snapshot")))
                .hasMessage("snapshot.groups[0].members[0]: member 'ifindex' is missing");
    }

    @Test
    void aProbeLineCarriesTheWallClockTimeAndEveryProbeField() {
        ProbeCompleted p = new ProbeCompleted(5_000_000_000L, "g0", "net0", Family.IPV6, SampleSnapshot.ip("fe80::1"),
                65535, 120, 180, 150, 20, Cause.NONE);
        Instant wall = Instant.parse("2026-11-25T12:00:05.000000123Z");
        Map<String, Object> m = ProbeCodec.encode(p, wall);
        ProbeCodec.ProbeLine back = ProbeCodec.decode(JsonObject.of(JsonParser.parse(JsonWriter.write(m)), "probe"));
        assertThat(back.probe()).isEqualTo(p);
        assertThat(back.wallClock()).isEqualTo(wall);

        // a lost probe's start is its own (it was judged lost later), not derivable from an RTT
        ProbeCompleted lost = new ProbeCompleted(5_000_000_000L, "g0", "net0", Family.IPV4, SampleSnapshot.ip("198.18.0.1"),
                7, 4_100_000_000L, -1, -1, 150, 20, Cause.NONE);
        ProbeCodec.ProbeLine lostBack = ProbeCodec.decode(JsonObject.of(JsonParser.parse(JsonWriter.write(
                ProbeCodec.encode(lost, wall))), "probe"));
        assertThat(lostBack.probe().startedAtNanos()).isEqualTo(4_100_000_000L);
    }
}
