package net.ipmpd.agent.snmp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.snmp4j.agent.NotificationOriginator;
import org.snmp4j.mp.SnmpConstants;
import org.snmp4j.smi.OID;
import org.snmp4j.smi.OctetString;
import org.snmp4j.smi.TimeTicks;
import org.snmp4j.smi.VariableBinding;

/** The notification queue: callers never wait for the sender, and wrong credentials do not become a trap flood. */
class SnmpNotificationQueueTest {
    static final OID IPMP_FAILED = new OID("1.3.6.1.4.1.32473.1.0.1");
    static final long SECOND = TimeUnit.SECONDS.toNanos(1);

    /** Records what the sender thread was given; optionally blocks it until released. */
    static final class Recorder implements NotificationOriginator {
        final List<OID> sent = new CopyOnWriteArrayList<>();
        final List<Long> upTimes = new CopyOnWriteArrayList<>();
        final CountDownLatch release;

        Recorder(boolean blocked) {
            release = new CountDownLatch(blocked ? 1 : 0);
        }

        @Override
        public Object notify(OctetString context, OID id, VariableBinding[] vbs) {
            throw new AssertionError("the queue passes the sysUpTime it stamped");
        }

        @Override
        public Object notify(OctetString context, OID id, TimeTicks sysUpTime, VariableBinding[] vbs) {
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            sent.add(id);
            upTimes.add(sysUpTime.getValue());
            return null;
        }

        void awaitSent(int n) throws InterruptedException {
            for (int i = 0; i < 500 && sent.size() < n; i++) {
                Thread.sleep(10);
            }
        }
    }

    @Test
    void authenticationFailureGoesOutOncePerIntervalWhileOtherNotificationsAllGoOut() throws Exception {
        AtomicLong now = new AtomicLong(1000 * SECOND);
        Recorder r = new Recorder(false);
        NotificationQueue q = new NotificationQueue(r, () -> 42, 64, SECOND, now::get);
        try {
            for (int i = 0; i < 20; i++) {
                q.notify(new OctetString(), SnmpConstants.authenticationFailure, new VariableBinding[0]);
                q.notify(new OctetString(), IPMP_FAILED, new VariableBinding[0]);
                now.addAndGet(SECOND / 10);
            }
            // 2 s of flood: the first, then the one at 1.0 s; the 20 IPMP notifications all go out
            r.awaitSent(22);
            Thread.sleep(50);
            assertThat(r.sent.stream().filter(SnmpConstants.authenticationFailure::equals)).hasSize(2);
            assertThat(r.sent.stream().filter(IPMP_FAILED::equals)).hasSize(20);
            assertThat(q.authFailuresLeftOut()).isEqualTo(18);
            assertThat(r.upTimes).as("sysUpTime stamped when queued").containsOnly(42L);
        } finally {
            q.close();
        }
    }

    @Test
    void aSenderThatHangsNeverBlocksTheCallerAndAFullQueueDropsTheNewest() throws Exception {
        Recorder r = new Recorder(true);
        NotificationQueue q = new NotificationQueue(r, () -> 0, 4, SECOND, System::nanoTime);
        try {
            // The sender takes the first and hangs; 4 more fill the queue; the other 5 are dropped.
            for (int i = 0; i < 10; i++) {
                assertThat(q.notify(new OctetString(), IPMP_FAILED, new VariableBinding[0])).isNull();
            }
            assertThat(q.droppedFull()).isBetween(5L, 6L);
            r.release.countDown();
            r.awaitSent(4);
            assertThat(r.sent.size()).isBetween(4, 5);
        } finally {
            r.release.countDown();
            q.close();
        }
    }
}
