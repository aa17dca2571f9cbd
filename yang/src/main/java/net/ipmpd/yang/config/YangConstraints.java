package net.ipmpd.yang.config;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import net.ipmpd.engine.config.ConfigLocation;
import net.ipmpd.engine.config.ConfigProblem;

/**
 * Rules of the ipmp module that are written in its descriptions rather than as {@code must}
 * (yangtools does not evaluate must/when, see the module's description), and that the engine's
 * ConfigValidator does not check because its records cannot even be built without them. They are
 * checked on the raw values before the records are built, so the operator gets a YANG path
 * instead of an exception.
 */
public final class YangConstraints {
    private YangConstraints() {
    }

    /** The raw flap-damping values as configured (defaults filled in). */
    public record Damping(long penaltyPerFailure, long suppressThreshold, long reuseThreshold, long halfLifeMs,
                          long maxPenalty) {
    }

    /**
     * RFC 2439 damping only works when the penalty can fall from above the suppress threshold to
     * below the reuse threshold, and the ceiling lets it rise above the suppress threshold.
     */
    public static List<ConfigProblem> checkDamping(Damping d) {
        List<ConfigProblem> problems = new ArrayList<>();
        if (d.reuseThreshold() >= d.suppressThreshold()) {
            problems.add(new ConfigProblem(ConfigPaths.DAMPING.child("reuse-threshold"),
                    "reuse-threshold " + d.reuseThreshold() + " must be below suppress-threshold " + d.suppressThreshold()));
        }
        if (d.maxPenalty() < d.suppressThreshold()) {
            problems.add(new ConfigProblem(ConfigPaths.DAMPING.child("max-penalty"),
                    "max-penalty " + d.maxPenalty() + " must be at least suppress-threshold " + d.suppressThreshold()));
        }
        for (long v : new long[] {d.penaltyPerFailure(), d.suppressThreshold(), d.reuseThreshold(), d.maxPenalty()}) {
            if (v > Integer.MAX_VALUE) {
                // The engine keeps penalties in an int; uint32 allows more than that.
                problems.add(new ConfigProblem(ConfigPaths.DAMPING, "damping values must not exceed " + Integer.MAX_VALUE));
                break;
            }
        }
        return problems;
    }

    /** A data address's prefix-length is typed 0..128; an IPv4 address allows only 0..32. */
    public static List<ConfigProblem> checkPrefixLength(ConfigLocation path, InetAddress address, int prefixLength) {
        int max = address instanceof Inet4Address ? 32 : 128;
        if (prefixLength > max) {
            return List.of(new ConfigProblem(path.child("prefix-length"), "prefix length " + prefixLength
                    + " is too long for " + YangValues.format(address) + " (at most " + max + ")"));
        }
        return List.of();
    }
}
