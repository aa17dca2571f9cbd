package net.ipmpd.agent.netconf;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.opendaylight.netconf.api.xml.XmlUtil;
import org.w3c.dom.Document;

/** The seam between replay and live delivery: nothing lost, nothing twice, replayComplete between. */
class SubscriptionTest {
    private final List<String> sent = new ArrayList<>();
    private final Instant t0 = Instant.parse("2026-12-05T10:00:00Z");

    private static Document doc(String name) {
        Document d = XmlUtil.newDocument();
        d.appendChild(d.createElementNS("urn:test", name));
        return d;
    }

    private static Subscription.Key key(Instant at, String member) {
        return new Subscription.Key(at, "failure", "g0", member);
    }

    private Subscription subscription(Optional<Instant> stop, boolean replaying) {
        return new Subscription((d, at) -> sent.add(d.getDocumentElement().getLocalName() + "@" + at.getEpochSecond() % 100),
                stop, replaying);
    }

    @Test
    void liveNotificationsWaitForTheReplayAndThoseItSentAreNotSentTwice() {
        Subscription s = subscription(Optional.empty(), true);
        // live, during the replay: one the history also holds (written before it was read), one it does not
        s.deliver(doc("both"), t0.plusSeconds(5), Optional.of(key(t0.plusSeconds(5), "eth0")));
        s.deliver(doc("liveOnly"), t0.plusSeconds(6), Optional.of(key(t0.plusSeconds(6), "eth1")));
        s.deliver(doc("configChange"), t0.plusSeconds(7), Optional.empty());
        s.replayed(doc("old"), t0.plusSeconds(1));
        s.replayed(doc("both"), t0.plusSeconds(5));
        s.replayDone(doc("replayComplete"), Set.of(key(t0.plusSeconds(1), "eth0"), key(t0.plusSeconds(5).plusNanos(300), "eth0")));
        s.deliver(doc("after"), t0.plusSeconds(8), Optional.empty());
        assertThat(sent).containsExactly("old@1", "both@5", "replayComplete@" + sent.get(2).split("@")[1], "liveOnly@6",
                "configChange@7", "after@8");
    }

    @Test
    void nothingAfterStopTimeAndNothingAfterNotificationComplete() {
        Subscription s = subscription(Optional.of(t0.plusSeconds(10)), false);
        s.deliver(doc("inTime"), t0.plusSeconds(10), Optional.empty());
        s.deliver(doc("late"), t0.plusSeconds(11), Optional.empty());
        s.complete(doc("notificationComplete"));
        s.deliver(doc("afterEnd"), t0.plusSeconds(9), Optional.empty());
        assertThat(sent).hasSize(2);
        assertThat(sent.get(0)).isEqualTo("inTime@10");
        assertThat(sent.get(1)).startsWith("notificationComplete@");
    }
}
