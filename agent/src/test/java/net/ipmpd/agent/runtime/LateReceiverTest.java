package net.ipmpd.agent.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import net.ipmpd.engine.action.Action;
import net.ipmpd.engine.config.DampingConfig;
import net.ipmpd.engine.config.DataAddressConfig;
import net.ipmpd.engine.config.EngineConfig;
import net.ipmpd.engine.config.GroupConfig;
import net.ipmpd.engine.config.MemberConfig;
import net.ipmpd.engine.config.TestAddress;
import net.ipmpd.engine.event.EngineEvent;
import net.ipmpd.engine.notify.Notification;
import org.junit.jupiter.api.Test;

/**
 * A receive thread that never gets a CPU must not make probes count as lost: every reply is
 * answered at once into a shared "socket" queue that only the runner's drain hook reads (the
 * receive thread is never scheduled), and at FDT 100 ms not one probe may be judged lost.
 */
class LateReceiverTest {
    private static final InetAddress ROUTER = ip("198.18.0.1");

    private static InetAddress ip(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (java.net.UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static EngineConfig config() {
        GroupConfig g = new GroupConfig("g", OptionalLong.empty(),
                List.of(new MemberConfig("a", false, Optional.of(new TestAddress(ip("198.18.0.10"), 24)), Optional.empty()),
                        new MemberConfig("b", false, Optional.of(new TestAddress(ip("198.18.0.11"), 24)), Optional.empty())),
                List.of(new DataAddressConfig(ip("198.18.0.100"), 24, "a")), List.of());
        return new EngineConfig(100, true, true, DampingConfig.DEFAULT, List.of(g));
    }

    @Test
    void repliesWaitingInTheSocketAreReadBeforeALossIsJudgedEvenIfTheReceiverNeverRuns() throws Exception {
        // the socket: a reply is queued by the "kernel" the moment its probe is sent, stamped then
        ConcurrentLinkedQueue<EngineEvent.ProbeReplied> socket = new ConcurrentLinkedQueue<>();
        List<Notification> heard = new CopyOnWriteArrayList<>();
        try (EngineRunner runner = new EngineRunner(config(), action -> {
            if (action instanceof Action.SendProbe p) {
                InetAddress from = p.kind() == Action.ProbeKind.UNICAST ? p.target() : ROUTER;
                socket.add(new EngineEvent.ProbeReplied(p.member(), p.family(), from, p.sequence(), System.nanoTime()));
            }
        }, new SplittableRandom(1))) {
            runner.subscribe(heard::add);
            runner.drainBeforeTimers(() -> {
                EngineEvent.ProbeReplied r;
                while ((r = socket.poll()) != null) {
                    runner.accept(r);
                }
            });
            runner.start();
            runner.accept(new EngineEvent.LinkReported("a", 2, true));
            runner.accept(new EngineEvent.LinkReported("b", 3, true));
            runner.accept(new EngineEvent.LinkDumpCompleted());
            runner.accept(new EngineEvent.RoutersReported(List.of(new EngineEvent.Router(ROUTER, "a"),
                    new EngineEvent.Router(ROUTER, "b"))));
            long giveUp = System.nanoTime() + 60_000_000_000L;   // a bound for a stuck runner, not a timing claim
            while (completed(heard) < 100 && System.nanoTime() < giveUp) {
                Thread.sleep(20);
            }
            assertThat(completed(heard)).isGreaterThanOrEqualTo(100);
            assertThat(heard).noneMatch(n -> n instanceof Notification.ProbeCompleted p && p.lost());
            assertThat(heard).noneMatch(n -> n instanceof Notification.InterfaceFailed || n instanceof Notification.GroupFailed);
        }
    }

    private static long completed(List<Notification> heard) {
        return heard.stream().filter(n -> n instanceof Notification.ProbeCompleted).count();
    }
}
