package net.ipmpd.agent.linux;

import static net.ipmpd.agent.linux.NamespaceLab.ip;
import static net.ipmpd.agent.linux.NamespaceLab.on;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.ipmpd.agent.linux.netlink.RtnetlinkMessage;
import net.ipmpd.agent.linux.netlink.Rtnl;
import net.ipmpd.engine.action.Action;
import net.ipmpd.engine.config.Family;
import net.ipmpd.engine.event.EngineEvent;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The engine thread's drain reads replies already queued in the probe sockets: it delivers them
 * with their kernel stamps when the receive thread never runs, and beside a running receive
 * thread every reply arrives exactly once. Root lab: namespaces h (member h0) and t1 (the target).
 */
class ProberDrainLabTest {
    private static final InetAddress TEST = addr("198.18.0.10");
    private static final InetAddress TARGET = addr("198.18.0.1");
    private static NamespaceLab lab;
    private static ExecutorService hThread;
    private static InterfaceTable table;

    @BeforeAll
    static void setUp() throws Exception {
        NamespaceLab.assumeRoot();
        lab = new NamespaceLab();
        String h = lab.add("h");
        String t1 = lab.add("t1");
        ip("-n", h, "link", "add", "h0", "type", "veth", "peer", "name", "t1", "netns", t1);
        ip("-n", h, "addr", "add", "198.18.0.10/24", "dev", "h0");
        ip("-n", t1, "addr", "add", "198.18.0.1/24", "dev", "t1");
        ip("-n", h, "link", "set", "h0", "up");
        ip("-n", t1, "link", "set", "t1", "up");
        Matcher m = Pattern.compile("^(\\d+):").matcher(ip("-n", h, "-o", "link", "show", "h0"));
        assertThat(m.find()).isTrue();
        table = new InterfaceTable();
        table.apply(new RtnetlinkMessage.Link(0, Rtnl.RTM_NEWLINK, Integer.parseInt(m.group(1)),
                Rtnl.IFF_UP | Rtnl.IFF_RUNNING | Rtnl.IFF_LOWER_UP, "h0", new byte[] {2, 0, 0, 0, 0, 0x10}, 0));
        hThread = lab.thread(h);
    }

    @AfterAll
    static void tearDown() {
        if (lab != null) {
            lab.close();
        }
    }

    @Test
    void repliesAreDeliveredByTheDrainWhenTheReceiveThreadNeverRuns() throws Exception {
        ConcurrentLinkedQueue<EngineEvent> sink = new ConcurrentLinkedQueue<>();
        Prober prober = on(hThread, () -> {
            Prober p = new Prober(table, sink::add);   // never started: its receive thread never reads
            p.open("h0", TEST);
            return p;
        });
        try {
            long sent = System.nanoTime();
            for (int seq = 1; seq <= 5; seq++) {
                prober.send(probe(seq));
            }
            List<EngineEvent.ProbeReplied> got = collect(sink, 5, prober::drainPending);
            long drained = System.nanoTime();
            assertThat(got).extracting(EngineEvent.ProbeReplied::sequence).containsExactlyInAnyOrder(1, 2, 3, 4, 5);
            for (EngineEvent.ProbeReplied r : got) {
                assertThat(r.interfaceName()).isEqualTo("h0");
                assertThat(r.from()).isEqualTo(TARGET);
                // the kernel's stamp, not the moment the drain read it
                assertThat(r.receivedAtNanos()).isBetween(sent, drained);
                assertThat(r.sentAtNanos()).isBetween(sent, r.receivedAtNanos());
            }
        } finally {
            prober.close();
        }
    }

    @Test
    void besideARunningReceiveThreadEveryReplyArrivesExactlyOnce() throws Exception {
        ConcurrentLinkedQueue<EngineEvent> sink = new ConcurrentLinkedQueue<>();
        Prober prober = on(hThread, () -> {
            Prober p = new Prober(table, sink::add);
            p.open("h0", TEST);
            p.start();
            return p;
        });
        try {
            int probes = 300;
            for (int seq = 1; seq <= probes; seq++) {
                prober.send(probe(seq));
                prober.drainPending();   // the engine thread reads too, racing the receive thread
            }
            List<EngineEvent.ProbeReplied> got = collect(sink, probes, prober::drainPending);
            Map<Integer, Integer> timesSeen = new TreeMap<>();
            for (EngineEvent.ProbeReplied r : got) {
                timesSeen.merge(r.sequence(), 1, Integer::sum);
            }
            assertThat(timesSeen).hasSize(probes);
            assertThat(timesSeen.values()).allMatch(n -> n == 1);
        } finally {
            prober.close();
        }
    }

    private static Action.SendProbe probe(int seq) {
        return new Action.SendProbe("h0", Family.IPV4, TEST, TARGET, seq, Action.ProbeKind.UNICAST);
    }

    /** Runs {@code read} until {@code count} replies came (bounded: a lab that never answers fails). */
    private static List<EngineEvent.ProbeReplied> collect(ConcurrentLinkedQueue<EngineEvent> sink, int count, Runnable read)
            throws InterruptedException {
        List<EngineEvent.ProbeReplied> got = new ArrayList<>();
        long giveUp = System.nanoTime() + 20_000_000_000L;
        while (got.size() < count && System.nanoTime() < giveUp) {
            read.run();
            EngineEvent e;
            while ((e = sink.poll()) != null) {
                got.add((EngineEvent.ProbeReplied) e);
            }
            if (got.size() < count) {
                Thread.sleep(10);
            }
        }
        // a duplicate read would show up late: give both readers one more chance
        Thread.sleep(200);
        read.run();
        EngineEvent e;
        while ((e = sink.poll()) != null) {
            got.add((EngineEvent.ProbeReplied) e);
        }
        return got;
    }

    private static InetAddress addr(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (java.net.UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
