package net.ipmpd.agent;

import java.time.Duration;
import java.time.Instant;
import java.util.function.Consumer;
import java.util.function.Supplier;
import net.ipmpd.engine.state.EngineSnapshot;
import net.ipmpd.engine.state.GroupSnapshot;
import net.ipmpd.engine.state.MemberSnapshot;
import net.ipmpd.engine.state.Presence;

/**
 * When ipmpd is ready (systemd's READY=1): the kernel has reported on every member and every
 * group that has an active member has each of its data addresses placed. Services ordered after
 * ipmpd then find the addresses up. A group without a working member never gets ready, so after
 * {@link #LIMIT} the daemon reports ready anyway, saying what is not placed.
 */
final class Readiness {
    static final Duration LIMIT = Duration.ofSeconds(30);
    private static final long POLL_MS = 5;

    private Readiness() {
    }

    /** Calls {@code ready} with a one-line summary once the groups are placed (on its own thread). */
    static void whenPlaced(Supplier<EngineSnapshot> snapshots, long startedNanos, Consumer<String> ready) {
        Thread.ofPlatform().daemon().name("ipmpd-readiness").start(() -> {
            long deadline = System.nanoTime() + LIMIT.toNanos();
            EngineSnapshot s = snapshots.get();
            while (!placed(s) && System.nanoTime() < deadline) {
                try {
                    Thread.sleep(POLL_MS);
                } catch (InterruptedException e) {
                    return;
                }
                s = snapshots.get();
            }
            ready.accept(summary(s, startedNanos));
        });
    }

    static boolean placed(EngineSnapshot s) {
        for (GroupSnapshot g : s.groups()) {
            boolean anyActive = false;
            for (MemberSnapshot m : g.members()) {
                if (m.presence() == Presence.UNKNOWN) {
                    return false;
                }
                anyActive |= m.active();
            }
            if (anyActive && g.dataAddresses().stream().anyMatch(d -> d.currentMember().isEmpty())) {
                return false;
            }
        }
        return true;
    }

    private static String summary(EngineSnapshot s, long startedNanos) {
        long addresses = s.groups().stream().mapToLong(g -> g.dataAddresses().size()).sum();
        long unplaced = s.groups().stream().flatMap(g -> g.dataAddresses().stream())
                .filter(d -> d.currentMember().isEmpty()).count();
        long sinceMain = (System.nanoTime() - startedNanos) / 1_000_000;
        String sinceLaunch = ProcessHandle.current().info().startInstant()
                .map(t -> ", " + Duration.between(t, Instant.now()).toMillis() + " ms since launch").orElse("");
        return s.groups().size() + " group(s), " + (addresses - unplaced) + " of " + addresses + " data address(es) placed"
                + (placed(s) ? "" : " (waited " + LIMIT.toSeconds() + " s; the others have no working member)")
                + "; start-up took " + sinceMain + " ms" + sinceLaunch;
    }
}
