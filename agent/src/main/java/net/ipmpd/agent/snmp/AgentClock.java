package net.ipmpd.agent.snmp;

import java.time.Duration;
import java.time.Instant;
import java.util.function.LongSupplier;
import net.ipmpd.engine.IpmpService;
import org.snmp4j.smi.TimeTicks;

/**
 * Converts engine times to the agent's sysUpTime (for TimeStamp, RFC 2579: the sysUpTime at which
 * something happened, 0 when that was before the agent started).
 */
final class AgentClock {
    private final IpmpService ipmp;
    private final LongSupplier sysUpTimeCentis;

    AgentClock(IpmpService ipmp, LongSupplier sysUpTimeCentis) {
        this.ipmp = ipmp;
        this.sysUpTimeCentis = sysUpTimeCentis;
    }

    long sysUpTime() {
        return sysUpTimeCentis.getAsLong();
    }

    /** engineNanos 0 means "never changed": TimeStamp 0. */
    TimeTicks timeStamp(long engineNanos) {
        if (engineNanos == 0) {
            return new TimeTicks(0);
        }
        long ageCentis = Duration.between(ipmp.wallClock(engineNanos), Instant.now()).toMillis() / 10;
        long ticks = sysUpTime() - Math.max(0, ageCentis);
        return new TimeTicks(Math.max(0, ticks));
    }

    Instant wallClock(long engineNanos) {
        return ipmp.wallClock(engineNanos);
    }
}
