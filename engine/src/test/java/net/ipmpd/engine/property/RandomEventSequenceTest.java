package net.ipmpd.engine.property;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.SplittableRandom;
import net.ipmpd.engine.CommandResult;
import net.ipmpd.engine.config.DampingConfig;
import net.ipmpd.engine.config.DataAddressConfig;
import net.ipmpd.engine.config.EngineConfig;
import net.ipmpd.engine.config.GroupConfig;
import net.ipmpd.engine.config.MemberConfig;
import net.ipmpd.engine.config.TestAddress;
import net.ipmpd.engine.sim.Simulation;
import net.ipmpd.engine.state.DataAddressSnapshot;
import net.ipmpd.engine.state.GroupSnapshot;
import net.ipmpd.engine.state.MemberSnapshot;
import net.ipmpd.engine.state.Presence;
import org.junit.jupiter.api.Test;

/**
 * Property tests over random sequences of link flaps, switch-port failures, target deaths, NIC
 * removals, offline/online and configuration changes, checking the invariants after every step.
 * Seeded and deterministic: a failure names the seed and step that reproduce it. (jqwik is not
 * used: its 1.10 release asks AI agents not to use it.)
 */
class RandomEventSequenceTest {
    private static final int SEQUENCES = 500;
    private static final int STEPS = 220;
    private static final String[] MEMBERS = {"m0", "m1", "m2", "m3"};
    private static final InetAddress[] TARGETS = {ip("198.18.7.1"), ip("198.18.7.2"), ip("198.18.7.3")};

    private static InetAddress ip(String s) {
        try {
            return InetAddress.getByName(s);
        } catch (java.net.UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** A group of 2-4 members, some probe-based, some link-only, maybe a standby, 1-3 addresses. */
    private static EngineConfig randomConfig(SplittableRandom r) {
        int n = 2 + r.nextInt(3);
        List<MemberConfig> members = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            boolean probed = r.nextInt(4) != 0;
            members.add(new MemberConfig(MEMBERS[i], i > 0 && r.nextInt(3) == 0,
                    probed ? Optional.of(new TestAddress(ip("198.18.7." + (10 + i)), 24)) : Optional.empty(), Optional.empty()));
        }
        List<DataAddressConfig> addresses = new ArrayList<>();
        int a = 1 + r.nextInt(3);
        for (int i = 0; i < a; i++) {
            addresses.add(new DataAddressConfig(ip("198.18.7." + (100 + i)), 24, randomHome(members, r)));
        }
        GroupConfig g = new GroupConfig("g", OptionalLong.empty(), members, addresses, List.of());
        long fdt = new long[] {1_000, 2_000, 10_000}[r.nextInt(3)];
        return new EngineConfig(fdt, r.nextBoolean(), true, r.nextBoolean() ? DampingConfig.DEFAULT : DampingConfig.DISABLED, List.of(g));
    }

    @Test
    void everyDataAddressLivesOnExactlyOneUsableMemberWheneverTheGroupHasOne() {
        long steps = 0;
        for (int seq = 0; seq < SEQUENCES; seq++) {
            SplittableRandom r = new SplittableRandom(1000 + seq);
            EngineConfig cfg = randomConfig(r);
            Simulation sim = new Simulation(cfg, seq);
            for (InetAddress t : TARGETS) {
                sim.network().addHost(t, 100_000 + r.nextInt(900_000));
            }
            sim.start();
            int n = cfg.groups().get(0).members().size();
            for (int step = 0; step < STEPS; step++) {
                String what = randomStep(sim, r, n);
                steps++;
                checkInvariants(sim, "seed " + (1000 + seq) + " step " + step + " after " + what);
            }
            restoreEverything(sim, n);
            sim.advanceMs(200_000);   // past the damping, flap guard, quiet period and repairs
            checkInvariants(sim, "seed " + (1000 + seq) + " after repair");
            if (sim.snapshot().config().failback()) {
                for (DataAddressSnapshot d : group(sim).dataAddresses()) {
                    assertThat(d.currentMember()).as("seed %d: %s back home with FAILBACK=yes; members %s", 1000 + seq,
                            d.address(), describe(group(sim))).contains(d.homeMember());
                }
            }
        }
        assertThat(steps).isGreaterThanOrEqualTo(100_000);
    }

    private static String randomStep(Simulation sim, SplittableRandom r, int n) {
        String m = MEMBERS[r.nextInt(n)];
        int kind = r.nextInt(100);
        String what;
        if (kind < 20) {
            sim.carrierDown(m);
            what = "carrier down " + m;
        } else if (kind < 40) {
            sim.carrierUp(m);
            what = "carrier up " + m;
        } else if (kind < 50) {
            boolean block = r.nextBoolean();
            sim.portBlocked(m, block);
            what = (block ? "port blocked " : "port unblocked ") + m;
        } else if (kind < 56) {
            InetAddress t = TARGETS[r.nextInt(TARGETS.length)];
            boolean alive = r.nextInt(3) != 0;
            sim.targetAlive(t, alive);
            what = "target " + t.getHostAddress() + (alive ? " alive" : " dead");
        } else if (kind < 68) {
            int usableBefore = usable(sim);
            CommandResult res = sim.offline(m);
            what = "offline " + m + " -> " + res;
            if (res.ok() && usableBefore > 0) {
                assertThat(usable(sim)).as("an accepted offline must leave a usable member (%s)", what).isPositive();
            }
        } else if (kind < 78) {
            what = "online " + m + " -> " + sim.online(m);
        } else if (kind < 82) {
            if (r.nextBoolean()) {
                sim.removeNic(m);
                what = "remove " + m;
            } else {
                sim.insertNic(m);
                what = "insert " + m;
            }
        } else if (kind < 86) {
            EngineConfig c = sim.snapshot().config();
            EngineConfig next = switch (r.nextInt(3)) {
                case 0 -> c.withFailback(!c.failback());
                case 1 -> c.withFailureDetectionTimeMs(new long[] {1_000, 2_000, 10_000}[r.nextInt(3)]);
                default -> c.withGroups(List.of(moveHome(c.groups().get(0), r, n)));
            };
            what = "config " + sim.configure(next);
        } else {
            double ms = r.nextInt(4) == 0 ? r.nextInt(20_000) : r.nextInt(2_000);
            sim.advanceMs(ms);
            what = "wait " + ms + " ms";
        }
        return what;
    }

    /**
     * Homes are non-standby members: a standby home is allowed, but an INACTIVE standby carries
     * nothing, so "back home after repair" holds only for non-standby homes.
     */
    private static String randomHome(List<MemberConfig> members, SplittableRandom r) {
        List<String> active = members.stream().filter(m -> !m.standby()).map(MemberConfig::interfaceName).toList();
        return active.get(r.nextInt(active.size()));
    }

    private static GroupConfig moveHome(GroupConfig g, SplittableRandom r, int n) {
        List<DataAddressConfig> moved = new ArrayList<>();
        for (DataAddressConfig d : g.dataAddresses()) {
            moved.add(new DataAddressConfig(d.address(), d.prefixLength(), randomHome(g.members(), r)));
        }
        return g.withDataAddresses(moved);
    }

    private static String describe(GroupSnapshot g) {
        StringBuilder b = new StringBuilder();
        for (MemberSnapshot m : g.members()) {
            b.append(m.name()).append('=').append(m.state()).append(m.flags()).append(" link=").append(m.link())
                    .append(" probe=").append(m.probe()).append(" pen=").append(m.flapPenalty()).append("; ");
        }
        return b.toString();
    }

    private static GroupSnapshot group(Simulation sim) {
        return sim.snapshot().group("g").orElseThrow();
    }

    private static int usable(Simulation sim) {
        return (int) group(sim).members().stream().filter(MemberSnapshot::usable).count();
    }

    private static void checkInvariants(Simulation sim, String where) {
        GroupSnapshot g = group(sim);
        boolean anyUsable = g.members().stream().anyMatch(MemberSnapshot::usable);
        for (DataAddressSnapshot d : g.dataAddresses()) {
            List<String> on = sim.network().interfacesWith(d.address());
            if (anyUsable) {
                if (on.size() != 1) {
                    fail("%s: %s is on %s, not on exactly one member", where, d.address().getHostAddress(), on);
                }
                MemberSnapshot holder = g.member(on.get(0)).orElseThrow();
                if (!holder.active()) {
                    fail("%s: %s sits on %s, which is %s while the group has a usable member",
                            where, d.address().getHostAddress(), holder.name(), holder.state());
                }
                assertThat(d.currentMember()).as(where).contains(on.get(0));
            } else if (on.size() > 1) {
                fail("%s: %s is on several members %s", where, d.address().getHostAddress(), on);
            } else if (on.isEmpty() && g.members().stream().anyMatch(m -> m.presence() == Presence.PRESENT
                    && m.state() != net.ipmpd.engine.state.MemberState.OFFLINE)) {
                // kept while nothing works: on the wire the moment a member does
                fail("%s: %s is on no member although member interfaces exist", where, d.address().getHostAddress());
            }
        }
    }

    private static void restoreEverything(Simulation sim, int n) {
        for (InetAddress t : TARGETS) {
            sim.targetAlive(t, true);
        }
        for (int i = 0; i < n; i++) {
            String m = MEMBERS[i];
            sim.insertNic(m);
            sim.portBlocked(m, false);
            sim.carrierUp(m);
        }
        sim.advanceMs(1_000);
        for (int i = 0; i < n; i++) {
            sim.online(MEMBERS[i]);
        }
    }
}
