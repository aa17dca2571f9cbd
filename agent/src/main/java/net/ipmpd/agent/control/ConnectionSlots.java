package net.ipmpd.agent.control;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Who may hold how many control connections. Queries are open to every local user, so one user
 * looping on connect must not lock out the others, and above all not root's if_mpadm: each
 * unprivileged user holds at most {@code perUser} connections of the {@code shared} pool, and
 * privileged users (root, ipmpd's own user) have {@code reserved} slots of their own on top of
 * the shared pool. The user is the kernel's SO_PEERCRED, known at accept before a byte is read.
 */
final class ConnectionSlots {
    static final int SHARED = 64;
    static final int RESERVED_FOR_PRIVILEGED = 8;
    static final int PER_USER = 8;

    private final int shared;
    private final int reserved;
    private final int perUser;
    private int sharedInUse;
    private int reservedInUse;
    private final Map<String, Integer> byUser = new HashMap<>();

    ConnectionSlots(int shared, int reserved, int perUser) {
        this.shared = shared;
        this.reserved = reserved;
        this.perUser = perUser;
    }

    static ConnectionSlots defaults() {
        return new ConnectionSlots(SHARED, RESERVED_FOR_PRIVILEGED, PER_USER);
    }

    /** A held slot; release it once, when the connection ends. */
    interface Slot {
        void release();
    }

    /** A slot for this user, or empty when the user (or everyone) has too many connections. */
    synchronized Optional<Slot> claim(String user, boolean privileged) {
        if (!privileged && byUser.getOrDefault(user, 0) >= perUser) {
            return Optional.empty();
        }
        boolean fromReserve;
        if (sharedInUse < shared) {
            sharedInUse++;
            fromReserve = false;
        } else if (privileged && reservedInUse < reserved) {
            reservedInUse++;
            fromReserve = true;
        } else {
            return Optional.empty();
        }
        byUser.merge(user, 1, Integer::sum);
        return Optional.of(new Slot() {
            private boolean released;

            @Override
            public void release() {
                synchronized (ConnectionSlots.this) {
                    if (released) {
                        return;
                    }
                    released = true;
                    if (fromReserve) {
                        reservedInUse--;
                    } else {
                        sharedInUse--;
                    }
                    byUser.computeIfPresent(user, (u, n) -> n == 1 ? null : n - 1);
                }
            }
        });
    }

    synchronized int inUse(String user) {
        return byUser.getOrDefault(user, 0);
    }
}
