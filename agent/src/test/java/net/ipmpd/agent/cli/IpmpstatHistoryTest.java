package net.ipmpd.agent.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import net.ipmpd.agent.history.EventLogWriter;
import net.ipmpd.agent.history.HistoryEvent;
import net.ipmpd.agent.history.HistoryFiles;
import net.ipmpd.agent.history.HistoryLimits;
import net.ipmpd.agent.history.SampleHistory;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IpmpstatHistoryTest {
    @TempDir
    Path state;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @BeforeEach
    void writeHistory() throws Exception {
        // written by the daemon's own writer: ipmpstat -e reads what ipmpd writes
        try (EventLogWriter w = new EventLogWriter(HistoryFiles.directoryIn(state), HistoryLimits.DEFAULT)) {
            for (HistoryEvent e : SampleHistory.events()) {
                w.append(e);
            }
        }
    }

    private int run(String... args) {
        String[] all = new String[args.length + 2];
        System.arraycopy(args, 0, all, 0, args.length);
        all[args.length] = "--state-dir";
        all[args.length + 1] = state.toString();
        return Ipmpstat.run(all, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), Map.of());
    }

    private List<String> lines() {
        return out.toString(StandardCharsets.UTF_8).lines().toList();
    }

    @Test
    void repairAndOnlineShowTheLengthOfTheOutageTheyEnded() {
        assertEquals(0, run("-e", "-P", "-o", "event,interface,cause,outage", "-I", "m0"));
        assertEquals(List.of("kernel-notice:m0::", "link-down:m0:link-down:", "failure:m0:link-down:",
                "trap-sent:m0::", "netconf-sent:m0::", "kernel-notice:m0::", "repair:m0:repaired:7.50s",
                "address-moved:m0:failback:", "announced:m0::"), lines());
    }

    @Test
    void theGroupFilterAndTheTimeWindowKeepOnlyWhatWasAskedFor() {
        assertEquals(0, run("-e", "-P", "-o", "event,interface,outage", "-G", "g0", "--since", "2026-12-05T10:00:19Z",
                "--until", "2026-12-05T10:00:27Z"));
        assertEquals(List.of("admin-request:m1:", "offline:m1:", "address-moved:m2:", "admin-request:m1:",
                "online:m1:6.00s", "address-moved:m1:"), lines());
    }

    @Test
    void jsonCarriesMicrosecondTimesAndWhoAsked() {
        assertEquals(0, run("-e", "-j", "-I", "m1", "-o", "time,event,detail"));
        String json = out.toString(StandardCharsets.UTF_8);
        assertTrue(json.startsWith("[{\"time\":\"2026-12-05T10:00:05.000180Z\",\"event\":\"address-moved\""), json);
        assertTrue(json.contains("\"detail\":\"by=if_mpadm request=offline result=done\""), json);
    }

    @Test
    void anUnreadableHistoryIsAClearErrorNotAnEmptyTable() {
        int status = Ipmpstat.run(new String[] {"-e", "--state-dir", state.resolve("elsewhere").toString()},
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                Map.of());
        assertEquals(1, status);
        assertTrue(err.toString(StandardCharsets.UTF_8).startsWith("ipmpstat: cannot read the event history in "), err.toString());
        assertEquals("", out.toString(StandardCharsets.UTF_8));
    }

    @Test
    void optionsThatDoNotGoTogetherAreRefused() {
        assertEquals(1, run("-e", "-g"));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("only one output format may be specified"));
    }
}
