package net.ipmpd.agent.log;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Proxy;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.Logger;
import org.junit.jupiter.api.Test;

/** The dataplane's own warnings (a route someone deleted) are limited per subject as the event log's lines are. */
class RateLimitedLogTest {

    @Test
    void aToolDeletingARouteInALoopGetsTheEventLogsBurstPerSubjectAndNoMore() {
        List<String> written = new CopyOnWriteArrayList<>();
        Logger logger = (Logger) Proxy.newProxyInstance(Logger.class.getClassLoader(), new Class<?>[] {Logger.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("log") && args.length == 2 && args[0] == Level.WARN) {
                        written.add((String) args[1]);
                    }
                    return null;
                });
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
        try {
            RateLimitedLog log = new RateLimitedLog(logger, timer);
            for (int i = 0; i < 50; i++) {
                log.warn("route default", "changes by others", "route default deleted by pid 7 (loop), " + i);
            }
            log.warn("route 198.18.0.0/24", "changes by others", "route 198.18.0.0/24 deleted by pid 7 (loop)");

            assertThat(written).filteredOn(l -> l.startsWith("route default")).hasSize(NotificationLog.BURST);
            assertThat(written).as("another subject is not held back").contains("route 198.18.0.0/24 deleted by pid 7 (loop)");
        } finally {
            timer.shutdownNow();
        }
    }
}
