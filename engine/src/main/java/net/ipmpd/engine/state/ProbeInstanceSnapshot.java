package net.ipmpd.engine.state;

import java.util.List;
import net.ipmpd.engine.config.Family;
import net.ipmpd.engine.config.TestAddress;

/** Probing of one member in one address family (in.mpathd: a phyint instance). */
public record ProbeInstanceSnapshot(
        Family family,
        TestAddress testAddress,
        TargetMode mode,
        ProbeState state,
        List<TargetSnapshot> targets,
        ProbeStats stats) {
    public ProbeInstanceSnapshot {
        targets = List.copyOf(targets);
    }
}
