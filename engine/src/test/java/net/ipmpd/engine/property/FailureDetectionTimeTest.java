package net.ipmpd.engine.property;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.SplittableRandom;
import net.ipmpd.engine.config.DampingConfig;
import net.ipmpd.engine.config.DataAddressConfig;
import net.ipmpd.engine.config.EngineConfig;
import net.ipmpd.engine.config.GroupConfig;
import net.ipmpd.engine.config.MemberConfig;
import net.ipmpd.engine.config.TestAddress;
import net.ipmpd.engine.sim.Simulation;
import net.ipmpd.engine.state.MemberState;
import org.junit.jupiter.api.Test;

/**
 * A probe-detected failure is always detected within the effective failure detection time plus
 * half a probe interval, whatever the FDT, the targets' round-trip times, their number, and when
 * the fault strikes. The half interval is in.mpathd's own: a CRTT under 1 ms counts as the whole
 * probe interval, so the fifth lost probe may only be judged at the second tick after it.
 */
class FailureDetectionTimeTest {

    private static InetAddress ip(String s) {
        try {
            return InetAddress.getByName(s);
        } catch (java.net.UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }

    @Test
    void aBrokenSwitchPortIsAlwaysDetectedWithinTheEffectiveFdt() {
        int trials = 0;
        for (int seed = 0; seed < 400; seed++) {
            SplittableRandom r = new SplittableRandom(seed);
            long fdt = 100 + r.nextLong(20_000);
            int members = 2 + r.nextInt(3);
            List<MemberConfig> ms = new ArrayList<>();
            for (int i = 0; i < members; i++) {
                ms.add(new MemberConfig("m" + i, false, Optional.of(new TestAddress(ip("198.18.9." + (10 + i)), 24)), Optional.empty()));
            }
            GroupConfig g = new GroupConfig("g", OptionalLong.empty(), ms,
                    List.of(new DataAddressConfig(ip("198.18.9.100"), 24, "m0")), List.of());
            Simulation sim = new Simulation(new EngineConfig(fdt, true, true, DampingConfig.DEFAULT, List.of(g)), seed);
            int targets = 1 + r.nextInt(5);
            for (int t = 0; t < targets; t++) {
                // RTTs from 20 us to a tenth of the probe interval
                sim.network().addHost(ip("198.18.9." + (1 + t)), 20_000 + r.nextLong(fdt * 1_000_000 / 70));
            }
            sim.start();
            sim.advanceMs(41_000 + r.nextInt(20_000));   // past the quiet period, at a random phase
            String victim = "m" + r.nextInt(members);
            long effective = sim.snapshot().group("g").orElseThrow().effectiveFdtMs();
            sim.portBlocked(victim, true);
            double took = sim.runUntil(s -> s.snapshot().member(victim).orElseThrow().state() == MemberState.FAILED, 3.0 * effective);
            assertThat(took).as("seed %d: FDT %d ms (effective %d), %d targets: detection took %s ms", seed, fdt, effective, targets, took)
                    .isPositive().isLessThanOrEqualTo(effective * 15 / 14.0);
            trials++;
        }
        assertThat(trials).isEqualTo(400);
    }
}
