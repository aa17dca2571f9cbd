package net.ipmpd.agent.history.timeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import net.ipmpd.agent.history.Outages;
import net.ipmpd.agent.history.SampleHistory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TimelinePageTest {
    @TempDir
    Path dir;

    @Test
    void incidentsAreFailoverRepairOfflineAndOnlineWithTheirStepsInOrder() {
        List<Incident> incidents = Incident.of(SampleHistory.events());
        assertEquals(List.of("Failover: m0 failed (link-down)", "Repair: m0 repaired", "Offline: m1 (admin-offline)",
                "Online: m1 (admin-online)"), incidents.stream().map(Incident::title).toList());
        List<String> failover = incidents.getFirst().steps().stream().map(Incident.Step::label).toList();
        assertEquals(List.of("kernel: link down", "engine: failure detected (link-down)",
                "engine: move 198.18.7.100 m0 \u2192 m1", "address 198.18.7.100 on m1", "gratuitous ARP sent",
                "SNMP notification sent (member)", "NETCONF notification sent (InterfaceFailed)"), failover);
    }

    @Test
    void lostProbesDoNotChainIncidentsButLeadUpToAProbeBasedFailure() {
        java.time.Instant t0 = SampleHistory.T0;
        java.util.List<net.ipmpd.agent.history.HistoryEvent> events = new java.util.ArrayList<>();
        // a lost probe every second on m1 (a busy host), and m0 failing by probes at 20 s after losses from 15 s
        for (int s = 0; s < 40; s++) {
            events.add(lost(t0.plusSeconds(s), "m1"));
        }
        events.add(lost(t0.plusSeconds(10), "m0"));   // an isolated loss, not part of the streak
        for (int s = 15; s < 20; s++) {
            events.add(lost(t0.plusSeconds(s).plusMillis(500), "m0"));
        }
        events.add(new net.ipmpd.agent.history.HistoryEvent(t0.plusSeconds(20), net.ipmpd.agent.history.EventKind.FAILURE,
                "g0", "m0", "probes-lost", java.util.Map.of()));
        events.add(new net.ipmpd.agent.history.HistoryEvent(t0.plusSeconds(35), net.ipmpd.agent.history.EventKind.REPAIR,
                "g0", "m0", "repaired", java.util.Map.of()));
        events.sort(java.util.Comparator.comparing(net.ipmpd.agent.history.HistoryEvent::at));
        List<Incident> incidents = Incident.of(events);
        assertEquals(List.of("Failover: m0 failed (probes-lost)", "Repair: m0 repaired"),
                incidents.stream().map(Incident::title).toList());
        assertEquals(List.of("first probe lost (to 198.18.0.1)", "engine: failure detected (probes-lost)"),
                incidents.getFirst().steps().stream().map(Incident.Step::label).toList());
        assertEquals(t0.plusSeconds(15).plusMillis(500), incidents.getFirst().start());
    }

    private static net.ipmpd.agent.history.HistoryEvent lost(java.time.Instant at, String member) {
        return new net.ipmpd.agent.history.HistoryEvent(at, net.ipmpd.agent.history.EventKind.PROBE_LOST, "g0", member, "",
                java.util.Map.of("target", "198.18.0.1", "probe", "1"));
    }

    @Test
    void thePageHoldsEveryGapBetweenStepsAndNoExternalResource() throws IOException {
        Path page = dir.resolve("timeline.html");
        TimelinePage.Summary s = TimelinePage.write(page, Outages.annotate(SampleHistory.events()));
        assertEquals(3, s.members());
        assertEquals(4, s.incidents());
        String html = Files.readString(page);
        // kernel notice -> detection 0.180 ms, -> GARP 0.050 ms after the address was added
        assertTrue(html.contains("<td class=\"num gap\">+0.180 ms</td>"), "the detection gap is missing");
        assertTrue(html.contains("<td class=\"num gap\">+0.050 ms</td>"), "the GARP gap is missing");
        assertFalse(html.matches("(?s).*(src|href)=\"(https?:)?//.*"), "the page loads something from elsewhere");
        assertFalse(html.contains("</script>\n</script>"));
    }
}
