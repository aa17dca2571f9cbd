package net.ipmpd.engine.config;

import java.util.List;
import java.util.Objects;

/**
 * The whole configuration the engine runs with: in.mpathd's three global tunables
 * (/etc/default/mpathd), the flap damper and the groups. Immutable; a change is a new instance
 * handed to the engine as one {@code Command.ReplaceConfig} or {@code Command.EditConfig}.
 *
 * @param failureDetectionTimeMs in.mpathd FAILURE_DETECTION_TIME, already clamped by {@link Tunables}
 * @param failback in.mpathd FAILBACK: move data addresses back to a repaired home member
 * @param trackInterfacesOnlyWithGroups in.mpathd TRACK_INTERFACES_ONLY_WITH_GROUPS; when false,
 *        interfaces outside every group form the anonymous group (detection only, no failover)
 * @param damping the flap damper; see {@link DampingConfig}
 * @param groups the IPMP groups, unique by name; an interface belongs to at most one group
 */
public record EngineConfig(
        long failureDetectionTimeMs,
        boolean failback,
        boolean trackInterfacesOnlyWithGroups,
        DampingConfig damping,
        List<GroupConfig> groups) {

    public static final long DEFAULT_FDT_MS = 10_000;   // in.mpathd mpd_defs.h FAILURE_DETECTION_TIME
    public static final long MIN_FDT_MS = 100;          // in.mpathd mpd_defs.h MIN_FAILURE_DETECTION_TIME

    public EngineConfig {
        Objects.requireNonNull(damping, "damping");
        groups = List.copyOf(groups);
        if (failureDetectionTimeMs < MIN_FDT_MS) {
            throw new IllegalArgumentException("failure detection time " + failureDetectionTimeMs
                    + " ms is below the minimum of " + MIN_FDT_MS + " ms; clamp it with Tunables first");
        }
    }

    /** in.mpathd's defaults with no groups. */
    public static EngineConfig defaults() {
        return new EngineConfig(DEFAULT_FDT_MS, true, true, DampingConfig.DEFAULT, List.of());
    }

    public EngineConfig withGroups(List<GroupConfig> newGroups) {
        return new EngineConfig(failureDetectionTimeMs, failback, trackInterfacesOnlyWithGroups, damping, newGroups);
    }

    public EngineConfig withFailback(boolean newFailback) {
        return new EngineConfig(failureDetectionTimeMs, newFailback, trackInterfacesOnlyWithGroups, damping, groups);
    }

    public EngineConfig withFailureDetectionTimeMs(long fdtMs) {
        return new EngineConfig(fdtMs, failback, trackInterfacesOnlyWithGroups, damping, groups);
    }

    public EngineConfig withTrackInterfacesOnlyWithGroups(boolean value) {
        return new EngineConfig(failureDetectionTimeMs, failback, value, damping, groups);
    }

    public EngineConfig withDamping(DampingConfig newDamping) {
        return new EngineConfig(failureDetectionTimeMs, failback, trackInterfacesOnlyWithGroups, newDamping, groups);
    }
}
