package net.ipmpd.engine.state;

/**
 * @param failures times the whole group failed
 * @param repairs times it became usable again after a group failure
 * @param failovers data address moves within the group (failover and failback)
 */
public record GroupCounters(long failures, long repairs, long failovers) {
    public static final GroupCounters ZERO = new GroupCounters(0, 0, 0);
}
