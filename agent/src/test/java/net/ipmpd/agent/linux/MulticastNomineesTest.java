package net.ipmpd.agent.linux;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import net.ipmpd.engine.action.Action.SetNominees;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The nominees' multicast bookkeeping against a fake kernel: the periodic refresh survives
 * whatever a join or leave throws (the AssertionError Java once threw for a leave by a moved
 * address included) and retries it; new nominees and nominees whose carrier returned report
 * their groups.
 */
class MulticastNomineesTest {
    private static final long WAIT_S = 30;
    private final ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1);
    private final FakeKernel kernel = new FakeKernel();

    @AfterEach
    void stop() {
        timer.shutdownNow();
    }

    private MulticastNominees started() {
        MulticastNominees n = new MulticastNominees(timer, kernel, 20);
        n.members("g", List.of("m0", "m1"));
        n.start();
        return n;
    }

    @Test
    void aJoinThatThrowsAnAssertionErrorIsRetriedByTheNextRefresh() throws Exception {
        kernel.appJoined("m0", "239.1.2.3");
        // fails three times: at least one of them in the periodic refresh, which it used to kill
        kernel.joinFailures.put("m1", 3);
        MulticastNominees n = started();
        n.nominate(new SetNominees("g", "m1", "m1", "m1"));
        await(() -> kernel.joins.size() >= 4, "a join attempt after three threw");
        await(() -> kernel.held("m1").contains(ip("239.1.2.3")), "the proxy membership on m1 after the retry");
    }

    @Test
    void aLeaveThatThrowsKeepsTheRefreshAliveAndIsRetriedWhileTheNewNomineeJoins() throws Exception {
        kernel.appJoined("m2", "239.1.2.3");   // m2 is not in the group: nothing to proxy for it
        kernel.appJoined("m0", "239.9.9.9");
        MulticastNominees n = new MulticastNominees(timer, kernel, 20);
        n.members("g", List.of("m0", "m1", "m2"));
        n.start();
        n.nominate(new SetNominees("g", "m1", "m1", "m1"));
        await(() -> kernel.held("m1").contains(ip("239.9.9.9")), "the proxy on m1");
        kernel.leaveFailures.set(3);   // the old failure, three times: at least once in the periodic refresh
        n.nominate(new SetNominees("g", "m2", "m2", "m2"));
        await(() -> kernel.held("m2").contains(ip("239.9.9.9")), "the proxy on the new nominee m2");
        await(() -> !kernel.held("m1").contains(ip("239.9.9.9")), "the stale proxy on m1 left after its failed leave");
        assertThat(kernel.leaveAttempts.get()).isGreaterThanOrEqualTo(4);
    }

    @Test
    void aNewNomineeReportsItsGroupsAndSoDoesANomineeWhoseCarrierReturned() throws Exception {
        kernel.appJoined("m0", "239.1.2.3");
        kernel.appJoined("m0", "ff0e::1234");
        MulticastNominees n = started();
        n.nominate(new SetNominees("g", "m0", "m0", "m0"));
        // each report is sent twice (now and a repeat); counting both keeps the stages apart
        await(() -> kernel.reportsOn("m0", "239.1.2.3") >= 2 && kernel.reportsOn("m0", "ff0e::1234") >= 2, "reports from the first nominee m0");
        n.nominate(new SetNominees("g", "m1", "m1", "m1"));
        await(() -> kernel.reportsOn("m1", "239.1.2.3") >= 2, "reports from the new nominee m1 (its proxy)");
        int before = kernel.reportsOn("m0", "239.1.2.3");
        int before6 = kernel.reportsOn("m0", "ff0e::1234");
        n.nominate(new SetNominees("g", "m0", "m0", "m0"));   // failback: the switch forgot m0's groups
        // both copies (now and the repeat), so that the next count owes nothing to this nomination
        await(() -> kernel.reportsOn("m0", "239.1.2.3") >= before + 2 && kernel.reportsOn("m0", "ff0e::1234") >= before6 + 2,
                "two reports of each family after failback to m0");
        int beforeCarrier = kernel.reportsOn("m0", "239.1.2.3");
        n.linkRunning("m0");
        await(() -> kernel.reportsOn("m0", "239.1.2.3") > beforeCarrier, "reports after m0's carrier returned");
    }

    @Test
    void aFailedReportIsRetried() throws Exception {
        kernel.appJoined("m0", "239.1.2.3");
        kernel.reportFailures.add(new IOException("No such device"));
        kernel.reportFailures.add(new IOException("No such device"));
        MulticastNominees n = started();
        n.nominate(new SetNominees("g", "m0", "m0", "m0"));
        await(() -> kernel.reportsOn("m0", "239.1.2.3") >= 1, "a report after the first one failed");
    }

    private static void await(java.util.function.BooleanSupplier condition, String what) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_S);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("never happened: " + what);
            }
            Thread.sleep(5);
        }
    }

    private static InetAddress ip(String s) {
        try {
            return InetAddress.getByName(s);
        } catch (java.net.UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    /** Memberships as the kernel would count them: applications' plus ours. */
    private static final class FakeKernel implements MulticastKernel {
        final Map<String, Map<InetAddress, Integer>> apps = new ConcurrentHashMap<>();
        final Map<String, List<InetAddress>> ours = new ConcurrentHashMap<>();
        /** Per interface, how many more joins throw what Java threw for a leave by a moved address. */
        final Map<String, Integer> joinFailures = new ConcurrentHashMap<>();
        final java.util.concurrent.atomic.AtomicInteger leaveFailures = new java.util.concurrent.atomic.AtomicInteger();
        final List<IOException> reportFailures = new CopyOnWriteArrayList<>();
        final List<String> joins = new CopyOnWriteArrayList<>();
        final List<String> reports = new CopyOnWriteArrayList<>();
        final java.util.concurrent.atomic.AtomicInteger leaveAttempts = new java.util.concurrent.atomic.AtomicInteger();

        void appJoined(String ifname, String group) {
            apps.computeIfAbsent(ifname, k -> new ConcurrentHashMap<>()).merge(ip(group), 1, Integer::sum);
        }

        List<InetAddress> held(String ifname) {
            return ours.getOrDefault(ifname, List.of());
        }

        int reportsOn(String ifname, String group) {
            return (int) reports.stream().filter((ifname + " " + ip(group).getHostAddress())::equals).count();
        }

        @Override
        public GroupMemberships memberships() {
            Map<String, Map<InetAddress, Integer>> all = new HashMap<>();
            apps.forEach((i, m) -> all.computeIfAbsent(i, k -> new HashMap<>()).putAll(m));
            ours.forEach((i, l) -> l.forEach(g -> all.computeIfAbsent(i, k -> new HashMap<>()).merge(g, 1, Integer::sum)));
            return new GroupMemberships(all);
        }

        @Override
        public Membership join(String ifname, InetAddress group) {
            joins.add(ifname + " " + group.getHostAddress());
            if (joinFailures.getOrDefault(ifname, 0) > 0) {
                joinFailures.merge(ifname, -1, Integer::sum);
                throw new AssertionError("Cannot assign requested address");
            }
            ours.computeIfAbsent(ifname, k -> new CopyOnWriteArrayList<>()).add(group);
            return () -> {
                leaveAttempts.incrementAndGet();
                if (leaveFailures.getAndDecrement() > 0) {
                    throw new AssertionError("Cannot assign requested address");
                }
                ours.get(ifname).remove(group);
            };
        }

        @Override
        public void report(String ifname, Collection<InetAddress> groups) throws IOException {
            if (!reportFailures.isEmpty()) {
                throw reportFailures.remove(0);
            }
            List<String> r = new ArrayList<>();
            groups.forEach(g -> r.add(ifname + " " + g.getHostAddress()));
            reports.addAll(r);
        }

        @Override
        public boolean nft(String script) {
            return true;
        }
    }
}
