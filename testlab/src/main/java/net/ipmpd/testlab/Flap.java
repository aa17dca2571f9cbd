package net.ipmpd.testlab;

import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A bounded sequence of carrier down/up cycles on one member, run on its own thread. Ends with carrier up, whether it
 * finishes, is cancelled or stopped by the lab.
 */
public final class Flap {
    private static final Logger LOG = LogManager.getLogger(Flap.class);
    private static final int MAX_CYCLES = 1000;
    private static final Duration MIN_PERIOD = Duration.ofMillis(10);

    private final Faults faults;
    private final String member;
    private final int cycles;
    private final Duration down;
    private final Duration up;
    private final CountDownLatch stopRequested = new CountDownLatch(1);
    private final CountDownLatch finished = new CountDownLatch(1);
    private final AtomicInteger transitions = new AtomicInteger();
    private volatile RuntimeException failure;
    private Thread thread;

    private Flap(Faults faults, String member, int cycles, Duration down, Duration up) {
        this.faults = faults;
        this.member = member;
        this.cycles = cycles;
        this.down = down;
        this.up = up;
    }

    static Flap start(Faults faults, String member, int cycles, Duration down, Duration up) {
        if (cycles < 1 || cycles > MAX_CYCLES) {
            throw new IllegalArgumentException("flap cycles must be 1.." + MAX_CYCLES + ", got " + cycles);
        }
        if (down.compareTo(MIN_PERIOD) < 0 || up.compareTo(MIN_PERIOD) < 0) {
            throw new IllegalArgumentException("flap periods must be at least " + MIN_PERIOD.toMillis() + " ms");
        }
        Flap f = new Flap(faults, member, cycles, down, up);
        f.thread = new Thread(f::run, "lab-flap-" + member);
        f.thread.setDaemon(true);
        f.thread.start();
        return f;
    }

    private void run() {
        boolean isDown = false;
        try {
            for (int i = 0; i < cycles && stopRequested.getCount() > 0; i++) {
                faults.carrierDown(member);
                isDown = true;
                transitions.incrementAndGet();
                pause(down);
                faults.carrierUp(member);
                isDown = false;
                transitions.incrementAndGet();
                if (i + 1 < cycles) {
                    pause(up);
                }
            }
        } catch (RuntimeException e) {
            failure = e;
            LOG.warn("lab {}: flap on {} failed: {}", faults.lab().runId(), member, e.getMessage());
        } finally {
            if (isDown && !faults.lab().isClosed()) {
                try {
                    faults.carrierUp(member);
                    transitions.incrementAndGet();
                } catch (RuntimeException e) {
                    failure = failure == null ? e : failure;
                }
            }
            finished.countDown();
        }
    }

    private void pause(Duration d) {
        try {
            stopRequested.await(d.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stopRequested.countDown();
        }
    }

    /** Carrier transitions made so far (a down and an up per completed cycle). */
    public int transitions() {
        return transitions.get();
    }

    public boolean isDone() {
        return finished.getCount() == 0;
    }

    /** Waits for the flap to finish; true if it did. Rethrows the failure of an ip command, if any. */
    public boolean await(Duration timeout) {
        try {
            boolean done = finished.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
            if (failure != null) {
                throw new LabException("flap on " + member + " failed: " + failure.getMessage(), failure);
            }
            return done;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Ends the flap early (carrier left up) and waits for its thread. */
    public void stop() {
        stopRequested.countDown();
        try {
            finished.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String toString() {
        return "flap " + member + " " + cycles + "x(" + down.toMillis() + " ms down, " + up.toMillis() + " ms up)";
    }
}
