package net.ipmpd.agent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import net.ipmpd.agent.control.ProbeCodec.ProbeLine;
import net.ipmpd.agent.control.SampleSnapshot;
import net.ipmpd.engine.config.Family;
import net.ipmpd.engine.notify.Cause;
import net.ipmpd.engine.notify.Notification.ProbeCompleted;
import org.junit.jupiter.api.Test;

class ProbeOutputTest {
    private static final Instant START = Instant.parse("2026-11-25T12:00:00Z");

    private static Rows.ProbeRow row(long millisAfterStart, int seq, long netRtt, long rtt, long avg, long dev) {
        ProbeCompleted p = new ProbeCompleted(0, "g0", "net0", Family.IPV4, SampleSnapshot.ip("198.18.0.1"), seq, netRtt,
                rtt, avg, dev, Cause.NONE);
        return new Rows.ProbeRow(new ProbeLine(START.plusMillis(millisAfterStart), p), START);
    }

    private static Table<Rows.ProbeRow> table(String spec, Table.Format format) throws Exception {
        return new Table<>(IpmpstatRenderer.select(IpmpstatFields.PROBE, spec, format).columns(), format);
    }

    @Test
    void defaultFieldsAreThoseThatFitIn80ColumnsSoRttdevIsLeftOut() throws Exception {
        Table<Rows.ProbeRow> t = table(null, Table.Format.HUMAN);
        assertThat(t.row(row(1234, 589, 510, 760, 760, 90))).isEqualTo("""
                TIME      INTERFACE   PROBE  NETRTT    RTT       RTTAVG    TARGET
                1.23s     net0        589    0.51ms    0.76ms    0.76ms    198.18.0.1
                """);
    }

    @Test
    void aLostProbeHasNoRoundTripTimes() throws Exception {
        Table<Rows.ProbeRow> t = table("time,probe,netrtt,rtt,rttavg,rttdev", Table.Format.PARSABLE);
        assertThat(t.row(row(2000, 590, -1, -1, 760, 90))).isEqualTo("2.00s:590:::0.76ms:0.09ms\n");
    }

    @Test
    void aProbeCompletedBeforeIpmpstatStartedHasANegativeTimeAndZeroAveragesAreEmpty() throws Exception {
        Table<Rows.ProbeRow> t = table("time,rttavg,rttdev", Table.Format.PARSABLE);
        assertThat(t.row(row(-1500, 1, 100, 100, 0, 0))).isEqualTo("-1.50s::\n");
    }

    @Test
    void theProbeNumberIsUnsigned() throws Exception {
        Table<Rows.ProbeRow> t = table("probe", Table.Format.PARSABLE);
        assertThat(t.row(row(0, -1, 1, 1, 1, 1))).isEqualTo("4294967295\n");
    }

    @Test
    void timeIsWhenTheProbeStartedNotWhenItCompleted() throws Exception {
        // completed 1000 ms after ipmpstat started, after an RTT of 400 ms: started at 0.60 s (ipmpstat.c
        // sfunc_probe_time prints IPMP_PROBE_START_TIME)
        Table<Rows.ProbeRow> t = table("time,rtt", Table.Format.PARSABLE);
        assertThat(t.row(row(1000, 7, 390_000, 400_000, 0, 0))).isEqualTo("0.60s:400.00ms\n");
    }

    @Test
    void jsonProbeLinesAreOneObjectEachWithNumbers() throws Exception {
        Table<Rows.ProbeRow> t = table(null, Table.Format.JSON);
        assertThat(t.row(row(500, 3, 1000, 1500, 0, 0))).isEqualTo("{\"time-ms\":498,\"interface\":\"net0\","
                + "\"probe\":3,\"netrtt-us\":1000,\"rtt-us\":1500,\"rttavg-us\":null,\"target\":\"198.18.0.1\","
                + "\"rttdev-us\":null,\"group\":\"g0\",\"family\":\"ipv4\",\"lost\":false}\n");
        assertThat(table("probe,rtt,lost", Table.Format.JSON).row(row(500, 4, -1, -1, 760, 90)))
                .isEqualTo("{\"probe\":4,\"rtt-us\":null,\"lost\":true}\n");
    }

    @Test
    void aLostProbesTimeIsWhenItStartedNotWhenItWasJudgedLost() throws Exception {
        // sent 0.25 s after ipmpstat started, judged lost at the send tick 0.9 s later (at 1.15 s)
        ProbeCompleted lost = new ProbeCompleted(1_150_000_000L, "g0", "net0", Family.IPV4, SampleSnapshot.ip("198.18.0.1"),
                9, 250_000_000L, -1, -1, 760, 90, Cause.NONE);
        Rows.ProbeRow r = new Rows.ProbeRow(new ProbeLine(START.plusMillis(1150), lost), START);
        assertThat(table("time,probe", Table.Format.PARSABLE).row(r)).isEqualTo("0.25s:9\n");
    }
}
