package net.ipmpd.agent.netconf;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import net.ipmpd.agent.history.EventHistory;
import net.ipmpd.agent.history.EventKind;
import net.ipmpd.agent.history.HistoryLimits;
import net.ipmpd.agent.history.HistoryReader;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * RFC 5277 replay through ncclient: create-subscription with startTime gets the event history's
 * notifications (as the live ones look, with their own eventTime), then replayComplete, then live
 * ones; stopTime ends with notificationComplete; bad times are bad-element.
 */
class NetconfReplayTest extends NetconfServerTest {
    /** Whole seconds, so the eventTime ODL prints is the same text whatever its fraction digits. */
    private final Instant base = Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(100);
    private final Instant failed = base.plusSeconds(10);
    private final Instant moved = base.plusSeconds(11);
    private final Instant repaired = base.plusSeconds(40);

    @BeforeEach
    void history() throws Exception {
        Files.createDirectories(nc.historyDir);
        Files.writeString(nc.historyDir.resolve("events-00000001.jsonl"), String.join("\n",
                line(base, "failure", "eth1", "link-down", ""),
                line(failed, "failure", "eth0", "link-down", ""),
                line(moved, "address-moved", "eth1", "link-down",
                        ",\"details\":{\"address\":\"198.18.0.100\",\"from\":\"eth0\",\"to\":\"eth1\"}"),
                // a step, not a YANG notification: never replayed
                line(moved.plusMillis(5), "probe-lost", "eth1", "", ",\"details\":{\"probe\":\"7\",\"target\":\"198.18.0.1\"}"),
                "{\"time\":\"torn", // a crash's torn line
                line(repaired, "repair", "eth0", "repaired", "")) + "\n");
    }

    private static String line(Instant at, String event, String member, String cause, String more) {
        return "{\"time\":\"" + at + "\",\"event\":\"" + event + "\",\"group\":\"g0\",\"interface\":\"" + member + "\""
                + (cause.isEmpty() ? "" : ",\"cause\":\"" + cause + "\"") + more + "}";
    }

    private static String time(Instant t) {
        return t.toString();
    }

    @Test
    void theNetconfStreamSaysItReplaysSinceTheOldestEventTheHistoryHolds() throws Exception {
        List<String> out = nc.client().connect("a", "admin", NetconfTestServer.ADMIN_PASSWORD)
                .step("a", "get", "filter", "<netconf xmlns=\"urn:ietf:params:xml:ns:netmod:notification\"><streams/></netconf>")
                .run(nc.port);
        // RFC 5277 section 3.2.5.1
        assertThat(out).hasSize(2);
        assertThat(out.get(1)).contains("<name>NETCONF</name>", "<replaySupport>true</replaySupport>",
                "<replayLogCreationTime>" + time(base) + "</replayLogCreationTime>").doesNotContain("<ipmp");
    }

    @Test
    void replayGivesTheHistorysNotificationsInOrderThenReplayCompleteThenLiveOnes() throws Exception {
        List<String> out = nc.client().connect("a", "admin", NetconfTestServer.ADMIN_PASSWORD)
                .step("a", "subscribe", "start", time(base.plusSeconds(1)))
                .step("a", "notification", "timeout", 10)
                .step("a", "notification", "timeout", 10)
                .step("a", "notification", "timeout", 10)
                .step("a", "notification", "timeout", 10)
                .step("a", "notification", "timeout", 10)
                .run(nc.port, line -> {
                    if (line.contains("replayComplete")) {
                        nc.ipmp.carrierDown("eth1");
                    }
                });
        assertThat(out.get(1)).contains("\"ok\": true");
        // the entry before startTime is not replayed; eth0's failure comes first, with its own time
        assertThat(out.get(2)).contains("interface-failed", "<member>eth0</member>", "<cause>link-down</cause>",
                "<group>g0</group>", "<eventTime>" + eventTime(failed) + "</eventTime>");
        assertThat(out.get(3)).contains("address-moved", "<address>198.18.0.100</address>", "<from-member>eth0</from-member>",
                "<to-member>eth1</to-member>", "<eventTime>" + eventTime(moved) + "</eventTime>");
        // probe-lost and the torn line are skipped
        assertThat(out.get(4)).contains("interface-repaired", "<member>eth0</member>", "<cause>repaired</cause>",
                "<eventTime>" + eventTime(repaired) + "</eventTime>");
        assertThat(out.get(5)).contains("replayComplete", "urn:ietf:params:xml:ns:netmod:notification");
        // then live: eth1's carrier loss now
        assertThat(out.get(6)).contains("interface-failed", "<member>eth1</member>").doesNotContain(eventTime(base));
    }

    @Test
    void aFailureTheDaemonsHistoryRecordedIsReplayedAsTheLiveSubscriberSawIt() throws Exception {
        Instant before = Instant.now().minusSeconds(1);
        HistoryReader reader = new HistoryReader(nc.historyDir);
        try (EventHistory history = EventHistory.start(dir, HistoryLimits.ofTotalBytes(1 << 20), nc.ipmp)) {
            List<String> out = nc.client().connect("a", "admin", NetconfTestServer.ADMIN_PASSWORD)
                    .step("a", "subscribe")
                    .step("a", "notification", "timeout", 10)
                    .step("a", "notification", "timeout", 10)
                    .connect("b", "admin", NetconfTestServer.ADMIN_PASSWORD)
                    .step("b", "subscribe", "start", time(before))
                    .step("b", "notification", "timeout", 10)
                    .step("b", "notification", "timeout", 10)
                    .step("b", "notification", "timeout", 10)
                    .run(nc.port, line -> {
                        if (line.contains("\"op\": \"subscribe\"") && line.contains("\"s\": \"a\"")) {
                            nc.ipmp.carrierDown("eth0");
                        } else if (line.contains("\"step\": 3,")) {
                            awaitRecorded(reader, before);
                        }
                    });
            assertThat(out.get(2)).contains("interface-failed", "<member>eth0</member>");
            // the replay is the live notifications, eventTime and all
            assertThat(result(out.get(6))).isEqualTo(result(out.get(2)));
            assertThat(result(out.get(7))).isEqualTo(result(out.get(3)));
            assertThat(out.get(8)).contains("replayComplete");
        }
    }

    /** Waits (bounded) until the history's writer thread has the address move on disk. */
    private static void awaitRecorded(HistoryReader reader, Instant since) {
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(30);
        try {
            while (reader.read(since, Instant.MAX).events().stream().noneMatch(e -> e.kind() == EventKind.ADDRESS_MOVED)) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("the history did not record the address move within 30 s");
                }
                Thread.sleep(20);
            }
        } catch (HistoryReader.UnreadableHistoryException | InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    private static String result(String line) {
        int at = line.indexOf("\"result\"");
        return at < 0 ? "" : line.substring(at, line.lastIndexOf("\"ms\""));
    }

    @Test
    void stopTimeEndsTheReplayAndTheSubscriptionWithNotificationComplete() throws Exception {
        List<String> out = nc.client().connect("a", "admin", NetconfTestServer.ADMIN_PASSWORD)
                .step("a", "subscribe", "start", time(failed), "stop", time(moved.plusSeconds(1)))
                .step("a", "notification", "timeout", 10)
                .step("a", "notification", "timeout", 10)
                .step("a", "notification", "timeout", 10)
                .step("a", "notification", "timeout", 10)
                .step("a", "notification", "timeout", 2)
                .step("a", "get-config", "source", "running")
                .run(nc.port, line -> {
                    if (line.contains("notificationComplete")) {
                        nc.ipmp.carrierDown("eth1");
                    }
                });
        // startTime is inclusive: the failure at exactly startTime is replayed
        assertThat(out.get(2)).contains("interface-failed", "<member>eth0</member>");
        assertThat(out.get(3)).contains("address-moved");
        assertThat(out.get(4)).contains("replayComplete");
        assertThat(out.get(5)).contains("notificationComplete", "urn:ietf:params:xml:ns:netmod:notification");
        // nothing after notificationComplete: neither the repair (after stopTime) nor the live failure
        assertThat(out.get(6)).contains("\"ok\": true").doesNotContain("result");
        assertThat(out.get(7)).contains("<name>g0</name>");
    }

    @Test
    void aStopTimeInTheFutureLetsLiveNotificationsThroughUntilItPasses() throws Exception {
        Instant stop = Instant.now().plusSeconds(8);
        NcClient client = nc.client().connect("a", "admin", NetconfTestServer.ADMIN_PASSWORD)
                .step("a", "subscribe", "start", time(repaired), "stop", time(stop));
        for (int i = 0; i < 6; i++) {
            client.step("a", "notification", "timeout", 15);
        }
        List<String> out = client.run(nc.port, line -> {
            if (line.contains("replayComplete")) {
                nc.ipmp.carrierDown("eth1");
            }
        });
        assertThat(out.get(2)).contains("interface-repaired");
        assertThat(out.get(3)).contains("replayComplete");
        assertThat(out.get(4)).contains("interface-failed", "<member>eth1</member>");
        int complete = indexOf(out, "notificationComplete");
        assertThat(complete).isGreaterThan(4);
        // the live notifications came before it, nothing after it
        out.subList(complete + 1, out.size()).forEach(l -> assertThat(l).doesNotContain("\"result\""));
        assertThat(Instant.now()).isAfter(stop);
    }

    private static int indexOf(List<String> lines, String text) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(text)) {
                return i;
            }
        }
        return -1;
    }

    @Test
    void badTimesAreBadElementAndSubscribeNothing() throws Exception {
        String ns = "urn:ietf:params:xml:ns:netconf:notification:1.0";
        List<String> out = nc.client().connect("a", "admin", NetconfTestServer.ADMIN_PASSWORD)
                .step("a", "subscribe", "start", time(Instant.now().plusSeconds(3600)))
                .step("a", "rpc", "xml", "<create-subscription xmlns=\"" + ns + "\"><stopTime>" + time(moved)
                        + "</stopTime></create-subscription>")
                .step("a", "subscribe", "start", time(repaired), "stop", time(failed))
                .step("a", "subscribe", "start", "yesterday")
                // none of them subscribed: a plain subscription still works
                .step("a", "subscribe", "start", time(repaired))
                .step("a", "notification", "timeout", 10)
                .run(nc.port);
        assertThat(out.get(1)).contains("\"tag\": \"bad-element\"", "in the future", "startTime");
        assertThat(out.get(2)).contains("\"tag\": \"bad-element\"", "needs a startTime");
        assertThat(out.get(3)).contains("\"tag\": \"bad-element\"", "is before startTime");
        assertThat(out.get(4)).contains("\"tag\": \"bad-element\"", "not a date-and-time");
        assertThat(out.get(5)).contains("\"ok\": true");
        assertThat(out.get(6)).contains("interface-repaired");
    }

    /** How ODL prints an eventTime of whole seconds (RFC 3339, UTC). */
    private static String eventTime(Instant t) {
        return t.toString();
    }
}
