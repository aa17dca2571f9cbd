package net.ipmpd.agent;

import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * A pause after a named start-up step, for the lab tests that send SIGTERM at that moment
 * ({@code -Dipmpd.test.holdAfter=dataplane}). Without the property it does nothing.
 */
final class StartupHold {
    private static final Logger LOG = LogManager.getLogger(StartupHold.class);
    private static final String STEP = System.getProperty("ipmpd.test.holdAfter");
    private static final long HOLD_MS = Long.getLong("ipmpd.test.holdMs", 3000);

    private StartupHold() {
    }

    static void after(String step) {
        if (!step.equals(STEP)) {
            return;
        }
        LOG.info("start-up held after step {} for {} ms (ipmpd.test.holdAfter)", step, HOLD_MS);
        try {
            Thread.sleep(HOLD_MS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
