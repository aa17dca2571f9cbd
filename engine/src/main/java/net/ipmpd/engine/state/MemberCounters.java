package net.ipmpd.engine.state;

/**
 * @param failures times the member was detected failed
 * @param repairs times it was detected repaired
 * @param failovers data addresses moved away from it
 * @param flaps times the flap damper suppressed it
 */
public record MemberCounters(long failures, long repairs, long failovers, long flaps) {
    public static final MemberCounters ZERO = new MemberCounters(0, 0, 0, 0);
}
