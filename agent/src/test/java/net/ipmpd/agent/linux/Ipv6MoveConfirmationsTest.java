package net.ipmpd.agent.linux;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import net.ipmpd.agent.linux.netlink.RtnetlinkMessage;
import net.ipmpd.agent.linux.netlink.Rtnl;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The old copy of a moved IPv6 address goes only when the kernel has confirmed the new one, or after the bound. */
class Ipv6MoveConfirmationsTest {
    private static final long NEVER_MS = 600_000;
    private final ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1);
    private final List<Boolean> deletes = new CopyOnWriteArrayList<>();

    @AfterEach
    void stop() {
        timer.shutdownNow();
    }

    private static InetAddress ip(String s) throws Exception {
        return InetAddress.getByName(s);
    }

    private static RtnetlinkMessage.Address newAddress(int index, String a) throws Exception {
        return new RtnetlinkMessage.Address(0, Rtnl.RTM_NEWADDR, index, 64, 0, 0, ip(a));
    }

    private static RtnetlinkMessage.Route localRoute(int index, String a) throws Exception {
        return new RtnetlinkMessage.Route(0, Rtnl.RTM_NEWROUTE, LibC.AF_INET6, 128, Rtnl.RT_TABLE_LOCAL, 2, 0,
                Rtnl.RTN_LOCAL, ip(a), null, 0, List.of(new RtnetlinkMessage.NextHop(index, null, 1)));
    }

    /** Everything queued on the timer before now has run. */
    private void drain() throws Exception {
        timer.submit(() -> { }).get(30, TimeUnit.SECONDS);
    }

    @Test
    void theOldCopyIsDeletedOnlyAfterTheNewCopysAddressEventAndLocalRoute() throws Exception {
        Ipv6MoveConfirmations c = new Ipv6MoveConfirmations(timer, NEVER_MS);
        c.expect(ip("2001:2::100"), 3, "m0", deletes::add);
        c.observe(newAddress(2, "2001:2::100"));       // the old copy's interface: not a confirmation
        c.observe(localRoute(3, "2001:2::101"));       // another address
        c.observe(newAddress(3, "2001:2::100"));       // the address alone is not enough: no local route yet
        drain();
        assertThat(deletes).isEmpty();
        c.observe(localRoute(3, "2001:2::100"));
        drain();
        assertThat(deletes).containsExactly(true);
        c.observe(localRoute(3, "2001:2::100"));       // once only
        drain();
        assertThat(deletes).containsExactly(true);
    }

    @Test
    void withoutAConfirmationTheOldCopyIsDeletedAfterTheBound() throws Exception {
        Ipv6MoveConfirmations c = new Ipv6MoveConfirmations(timer, 50);
        c.expect(ip("2001:2::100"), 3, "m0", deletes::add);
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (deletes.isEmpty() && System.nanoTime() < end) {
            Thread.sleep(5);
        }
        assertThat(deletes).containsExactly(false);
    }

    @Test
    void aNewActionForTheAddressSettlesThePendingDeleteFirst() throws Exception {
        Ipv6MoveConfirmations c = new Ipv6MoveConfirmations(timer, NEVER_MS);
        c.expect(ip("2001:2::100"), 3, "m0", deletes::add);
        c.settle(ip("2001:2::100"), "m0");   // moved back to m0 before the kernel confirmed m1: m0's copy stays
        assertThat(deletes).isEmpty();
        c.expect(ip("2001:2::100"), 3, "m0", deletes::add);
        c.settle(ip("2001:2::100"), "m2");   // on to m2: m0's copy goes now, before the next step
        assertThat(deletes).containsExactly(false);
        c.observe(newAddress(3, "2001:2::100"));
        c.observe(localRoute(3, "2001:2::100"));
        drain();
        assertThat(deletes).containsExactly(false);
    }
}
