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
