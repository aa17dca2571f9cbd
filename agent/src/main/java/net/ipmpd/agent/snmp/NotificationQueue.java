package net.ipmpd.agent.snmp;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.snmp4j.agent.NotificationOriginator;
import org.snmp4j.mp.SnmpConstants;
import org.snmp4j.smi.OID;
import org.snmp4j.smi.OctetString;
import org.snmp4j.smi.TimeTicks;
import org.snmp4j.smi.VariableBinding;

/**
 * The agent's only way out for notifications: whoever asks (the request thread counting a wrong
 * community, the engine's notification listener, start-up's coldStart) only puts the notification
 * in a bounded queue; one thread of its own encodes and sends it. snmp4j-agent would otherwise
 * send the authenticationFailure trap on the UDP listener thread, and an inform there waits for an
 * acknowledgement that the same, now blocked, thread should read: one wrong community froze the
 * agent for timeout x retries (issue 13).
 *
 * <p>When the queue is full, new notifications are dropped and counted (never the caller
 * blocked). authenticationFailure (RFC 3418 snmpEnableAuthenTraps) is limited to one per
 * {@link #authFailureIntervalNanos}: a flood of wrong credentials must not become a flood of
 * traps, nor push the IPMP notifications out of the queue.
 */
final class NotificationQueue implements NotificationOriginator, AutoCloseable {
    private static final Logger LOG = LogManager.getLogger(NotificationQueue.class);
    static final int CAPACITY = 256;

    private record Pending(OctetString context, OID id, TimeTicks sysUpTime, VariableBinding[] vbs) {
    }

    private final NotificationOriginator sender;
    private final LongSupplier sysUpTimeCentis;
    private final LongSupplier nanoTime;
    private final long authFailureIntervalNanos;
    private final BlockingQueue<Pending> queue;
    private final Thread thread;
    private final AtomicLong droppedFull = new AtomicLong();
    private final AtomicLong authFailuresLeftOut = new AtomicLong();
    /** Guarded by this: when the last authenticationFailure went into the queue. */
    private long lastAuthFailure;
    private boolean anyAuthFailure;
    private volatile boolean closing;

    /**
     * @param sender sends one notification to every target (may wait for the network, never for an acknowledgement)
     * @param sysUpTimeCentis the agent's sysUpTime, stamped when a notification is queued, not when it is sent
     */
    NotificationQueue(NotificationOriginator sender, LongSupplier sysUpTimeCentis, int capacity,
                      long authFailureIntervalNanos, LongSupplier nanoTime) {
        this.sender = sender;
        this.sysUpTimeCentis = sysUpTimeCentis;
        this.nanoTime = nanoTime;
        this.authFailureIntervalNanos = authFailureIntervalNanos;
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.thread = new Thread(this::run, "ipmpd-snmp-sender");
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public Object notify(OctetString context, OID notificationID, VariableBinding[] vbs) {
        return notify(context, notificationID, null, vbs);
    }

    /** Queues the notification and returns at once; the return value is always null (no responses to wait for). */
    @Override
    public Object notify(OctetString context, OID notificationID, TimeTicks sysUpTime, VariableBinding[] vbs) {
        if (closing) {
            LOG.debug("notification {} dropped: the SNMP agent is stopping", notificationID);
            return null;
        }
        if (SnmpConstants.authenticationFailure.equals(notificationID) && !authFailureAllowed()) {
            authFailuresLeftOut.incrementAndGet();
            return null;
        }
        TimeTicks stamp = sysUpTime != null ? sysUpTime : new TimeTicks(sysUpTimeCentis.getAsLong());
        if (!queue.offer(new Pending(context == null ? new OctetString() : context, new OID(notificationID), stamp,
                vbs.clone()))) {
            if (droppedFull.getAndIncrement() % 100 == 0) {
                LOG.warn("SNMP notification queue full ({} waiting): {} dropped; receivers slower than the events",
                        CAPACITY, notificationID);
            }
        }
        return null;
    }

    private synchronized boolean authFailureAllowed() {
        long now = nanoTime.getAsLong();
        if (anyAuthFailure && now - lastAuthFailure < authFailureIntervalNanos) {
            return false;
        }
        anyAuthFailure = true;
        lastAuthFailure = now;
        return true;
    }

    /** authenticationFailure notifications not sent because of the rate limit. */
    long authFailuresLeftOut() {
        return authFailuresLeftOut.get();
    }

    /** Notifications dropped because the queue was full. */
    long droppedFull() {
        return droppedFull.get();
    }

    private void run() {
        while (true) {
            Pending p;
            try {
                p = queue.take();
            } catch (InterruptedException e) {
                return;
            }
            try {
                sender.notify(p.context(), p.id(), p.sysUpTime(), p.vbs());
            } catch (RuntimeException e) {
                LOG.warn("SNMP notification {} could not be sent: {}", p.id(), e.toString());
            }
        }
    }

    /** Sends what is queued (up to a second's wait), then stops the sender thread. */
    @Override
    public void close() {
        closing = true;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(1);
        while (!queue.isEmpty() && System.nanoTime() < deadline) {
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        thread.interrupt();
        if (authFailuresLeftOut.get() > 0) {
            LOG.info("{} authenticationFailure notifications were left out by the rate limit",
                    authFailuresLeftOut.get());
        }
    }
}
