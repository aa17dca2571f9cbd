package net.ipmpd.engine.state;

import java.net.InetAddress;

/**
 * A probe target of one member and family.
 *
 * @param rttAverageMicros the smoothed round-trip time (Jacobson/Karels SRTT), 0 before any sample
 * @param rttDeviationMicros the mean deviation of the round-trip time
 */
public record TargetSnapshot(
        InetAddress address,
        TargetMode mode,
        TargetState state,
        long rttAverageMicros,
        long rttDeviationMicros) {
}
