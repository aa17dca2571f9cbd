package net.ipmpd.engine.bench;

import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.SplittableRandom;
import net.ipmpd.engine.Engine;
import net.ipmpd.engine.EngineOutput;
import net.ipmpd.engine.action.Action;
import net.ipmpd.engine.action.Action.SendProbe;
import net.ipmpd.engine.config.DampingConfig;
import net.ipmpd.engine.config.DataAddressConfig;
import net.ipmpd.engine.config.EngineConfig;
import net.ipmpd.engine.config.GroupConfig;
import net.ipmpd.engine.config.MemberConfig;
import net.ipmpd.engine.config.TestAddress;
import net.ipmpd.engine.event.EngineEvent;
import net.ipmpd.engine.event.EngineEvent.LinkDumpCompleted;
import net.ipmpd.engine.event.EngineEvent.LinkReported;
import net.ipmpd.engine.event.EngineEvent.ProbeReplied;
import net.ipmpd.engine.notify.Notification;

/**
 * Throughput benchmark (not a test): 10,000 interfaces in 2,500 groups of four, probing at the
 * 100 ms minimum FDT with host targets that answer after 200 us, plus a link flap every 1,000
 * events. Prints events per second (external events handed to the engine; timer firings counted
 * separately) and bytes allocated per event.
 *
 * <p>Run: {@code scripts/bench-engine.sh} (or this class's main with the engine's test classpath).
 */
public final class EngineBenchmark {
    private static final int GROUPS = 2_500;
    private static final int MEMBERS = 4;
    private static final long RTT = 200_000;

    /** Probe replies waiting for their arrival time, in send order (all RTTs are equal). */
    private static final class ReplyQueue {
        long[] at = new long[1 << 16];
        SendProbe[] probe = new SendProbe[1 << 16];
        int head;
        int tail;

        void add(long when, SendProbe p) {
            if (tail - head == at.length) {
                grow();
            }
            int i = tail++ & (at.length - 1);
            at[i] = when;
            probe[i] = p;
        }

        private void grow() {
            long[] a = new long[at.length * 2];
            SendProbe[] p = new SendProbe[at.length * 2];
            for (int i = head; i < tail; i++) {
                a[i - head] = at[i & (at.length - 1)];
                p[i - head] = probe[i & (at.length - 1)];
            }
            tail -= head;
            head = 0;
            at = a;
            probe = p;
        }

        boolean isEmpty() {
            return head == tail;
        }

        long peekTime() {
            return at[head & (at.length - 1)];
        }

        SendProbe poll() {
            int i = head++ & (at.length - 1);
            SendProbe p = probe[i];
            probe[i] = null;
            return p;
        }
    }

    public static void main(String[] args) throws Exception {
        long events = args.length > 0 ? Long.parseLong(args[0]) : 20_000_000;
        EngineConfig config = config();
        long now = 1_000_000_000L;
        Engine engine = new Engine(config, new SplittableRandom(1), now);
        ReplyQueue replies = new ReplyQueue();
        long[] timerCount = {0};
        long[] notifications = {0};
        long[] nowRef = {now};
        EngineOutput out = new EngineOutput() {
            @Override
            public void act(Action action) {
                if (action instanceof SendProbe p) {
                    replies.add(nowRef[0] + RTT, p);
                }
            }

            @Override
            public void notify(Notification notification) {
                notifications[0]++;
            }
        };
        for (GroupConfig g : config.groups()) {
            int i = 0;
            for (MemberConfig m : g.members()) {
                engine.handle(new LinkReported(m.interfaceName(), 2 + i++, true), now, out);
            }
        }
        engine.handle(new LinkDumpCompleted(), now, out);
        String[] names = config.groups().stream().flatMap(g -> g.members().stream()).map(MemberConfig::interfaceName)
                .toArray(String[]::new);
        SplittableRandom r = new SplittableRandom(7);

        // warm up, then measure
        run(engine, out, replies, nowRef, timerCount, names, r, events / 4);
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long tid = Thread.currentThread().threadId();
        for (int round = 1; round <= 3; round++) {
            long bytes0 = threads.getThreadAllocatedBytes(tid);
            long timers0 = timerCount[0];
            long sim0 = nowRef[0];
            long cpu0 = threads.getCurrentThreadCpuTime();
            long t0 = System.nanoTime();
            run(engine, out, replies, nowRef, timerCount, names, r, events);
            long wall = System.nanoTime() - t0;
            long cpu = threads.getCurrentThreadCpuTime() - cpu0;
            long bytes = threads.getThreadAllocatedBytes(tid) - bytes0;
            // per CPU second too: on a loaded host the wall-clock rate mostly measures the wait for a CPU
            System.out.printf("round %d: %,d events in %.2f s = %,.0f events/s (%,.0f per CPU second, %.0f%% of the wall time"
                            + " on a CPU); %,d timer firings; %.1f bytes allocated per event; %.1f s of simulated time%n",
                    round, events, wall / 1e9, events / (wall / 1e9), events / (cpu / 1e9), 100.0 * cpu / wall,
                    timerCount[0] - timers0, (double) bytes / events, (nowRef[0] - sim0) / 1e9);
        }
        var snap = engine.snapshot();
        long failed = snap.allMembers().stream().filter(m -> !m.usable()).count();
        System.out.printf("interfaces %,d in %,d groups; %,d notifications; %d members unusable at the end%n",
                snap.allMembers().size(), snap.groups().size(), notifications[0], failed);
    }

    private static void run(Engine engine, EngineOutput out, ReplyQueue replies, long[] nowRef, long[] timers,
                            String[] names, SplittableRandom r, long events) {
        long handled = 0;
        while (handled < events) {
            long deadline = engine.nextDeadline();
            if (!replies.isEmpty() && replies.peekTime() <= deadline) {
                long at = replies.peekTime();
                nowRef[0] = Math.max(nowRef[0], at);
                SendProbe p = replies.poll();
                EngineEvent e = new ProbeReplied(p.member(), p.family(), p.target(), p.sequence(), at);
                engine.handle(e, nowRef[0], out);
                handled++;
                if (handled % 1_000 == 0) {
                    String n = names[r.nextInt(names.length)];
                    engine.handle(new LinkReported(n, 2, false), nowRef[0], out);
                    engine.handle(new LinkReported(n, 2, true), nowRef[0], out);
                    handled += 2;
                }
            } else {
                nowRef[0] = Math.max(nowRef[0], deadline);
                engine.advance(nowRef[0], out);
                timers[0]++;
            }
        }
    }

    private static InetAddress address(int offset) throws Exception {
        int v = (198 << 24) | (18 << 16) + offset;
        return InetAddress.getByAddress(new byte[] {(byte) (v >>> 24), (byte) (v >>> 16), (byte) (v >>> 8), (byte) v});
    }

    private static EngineConfig config() throws Exception {
        List<GroupConfig> groups = new ArrayList<>(GROUPS);
        for (int g = 0; g < GROUPS; g++) {
            List<MemberConfig> members = new ArrayList<>(MEMBERS);
            // one /28 per group inside 198.18.0.0/15: .1 target, .2-.5 test addresses, .10 data
            int base = g * 16;
            for (int m = 0; m < MEMBERS; m++) {
                members.add(new MemberConfig("g" + g + "m" + m, m == MEMBERS - 1,
                        Optional.of(new TestAddress(address(base + 2 + m), 28)), Optional.empty()));
            }
            List<DataAddressConfig> data = List.of(new DataAddressConfig(address(base + 10), 28, "g" + g + "m0"));
            InetAddress target = address(base + 1);
            groups.add(new GroupConfig("ipmp" + g, OptionalLong.empty(), members, data, List.of(target)));
        }
        return new EngineConfig(100, true, true, DampingConfig.DEFAULT, groups);
    }
}
