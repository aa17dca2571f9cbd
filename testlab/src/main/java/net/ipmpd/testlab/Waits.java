package net.ipmpd.testlab;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import java.util.function.Supplier;

/** Bounded polling: every wait has a deadline and a small fixed sleep, and says what it waited for when it fails. */
public final class Waits {
    public static final Duration POLL = Duration.ofMillis(20);

    private Waits() {
    }

    public static void until(String what, Duration timeout, BooleanSupplier condition) {
        until(what, timeout, condition::getAsBoolean, Boolean::booleanValue);
    }

    /** Polls probe until done accepts its value; returns that value or throws naming the last one seen. */
    public static <T> T until(String what, Duration timeout, Supplier<T> probe, Predicate<? super T> done) {
        long deadline = System.nanoTime() + timeout.toNanos();
        T last = null;
        RuntimeException lastError = null;
        while (true) {
            try {
                last = probe.get();
                lastError = null;
                if (done.test(last)) {
                    return last;
                }
            } catch (LabException e) {
                // E.g. the interface does not exist (yet): keep polling, report it if it lasts.
                lastError = e;
            }
            if (System.nanoTime() >= deadline) {
                LabTimeoutException t = new LabTimeoutException("waited " + timeout.toMillis() + " ms for " + what
                        + "; last seen: " + (lastError != null ? lastError.getMessage() : last));
                if (lastError != null) {
                    t.addSuppressed(lastError);
                }
                throw t;
            }
            try {
                Thread.sleep(POLL);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new LabException("interrupted while waiting for " + what, e);
            }
        }
    }
}
