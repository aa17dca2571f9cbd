package net.ipmpd.engine.core;

/**
 * The last {@link Rules#PROBE_STATS_COUNT} unicast probes of one probe instance and what became of
 * each (in.mpathd: pii_probes[], mpd_tables.h). Failure, repair and target failure are all read
 * from this history, walking back from the newest probe (probe_fail_info, probe_success_info), so
 * a late reply that turns a lost probe into an answered one changes every later verdict.
 *
 * <p>Times are kept in nanoseconds; the loss rule compares whole milliseconds, as in.mpathd does.
 */
final class ProbeHistory {
    enum Status { UNUSED, UNACKED, ACKED, LOST }

    /** One probe slot; reused, never reallocated. */
    static final class Probe {
        Status status = Status.UNUSED;
        int sequence;
        Target target;
        long startNanos;
        long lostAtMs;
        long ackedAtNanos;
    }

    /** Consecutive losses from the newest probe back (probe_fail_info). */
    record Failures(int probes, int toTarget, long firstLossMs) {
    }

    /** Consecutive answers from the newest probe back, and the newest answer's time (probe_success_info). */
    record Successes(int probes, int toTarget, long lastAnswerNanos) {
        boolean answeredEver() {
            return lastAnswerNanos != Long.MIN_VALUE;
        }
    }

    private final Probe[] probes = new Probe[Rules.PROBE_STATS_COUNT];
    /** Index of the slot the next probe will use. */
    private int next;

    ProbeHistory() {
        for (int i = 0; i < probes.length; i++) {
            probes[i] = new Probe();
        }
    }

    static long ms(long nanos) {
        return Math.floorDiv(nanos, Rules.NANOS_PER_MS);
    }

    private static int previous(int index) {
        return (index + Rules.PROBE_STATS_COUNT - 1) % Rules.PROBE_STATS_COUNT;
    }

    /** The probe {@code back} places before the newest (0: the newest). */
    Probe recent(int back) {
        int i = next;
        for (int k = 0; k <= back; k++) {
            i = previous(i);
        }
        return probes[i];
    }

    /** Records a sent probe; returns the slot whose earlier probe it replaces. */
    Probe sent(int sequence, Target target, long startNanos) {
        Probe p = probes[next];
        p.status = Status.UNACKED;
        p.sequence = sequence;
        p.target = target;
        p.startNanos = startNanos;
        p.lostAtMs = 0;
        p.ackedAtNanos = 0;
        next = (next + 1) % Rules.PROBE_STATS_COUNT;
        return p;
    }

    /** The probe with this sequence number among the last {@code PROBE_STATS_COUNT}, or null. */
    Probe find(int sequence) {
        for (int back = 0, i = previous(next); back < probes.length; back++, i = previous(i)) {
            Probe p = probes[i];
            if (p.status == Status.UNUSED) {
                return null;
            }
            if (p.sequence == sequence) {
                return p;
            }
        }
        return null;
    }

    /** highest_ack_tg: no newer probe to the same target has been answered (only those update the CRTT). */
    boolean newestAnswerTo(Probe answered) {
        for (int back = 0, i = previous(next); back < probes.length; back++, i = previous(i)) {
            Probe p = probes[i];
            if (p == answered) {
                return true;
            }
            if (p.target == answered.target && p.status == Status.ACKED) {
                return false;
            }
        }
        return true;
    }

    /**
     * in.mpathd's loss rule: an unanswered probe is lost once its start (in whole ms) plus the
     * target's CRTT (in whole ms; 0 means "use the probe interval") lies before now.
     */
    static boolean overdue(Probe p, long nowMs, long intervalMs) {
        return lossTimeMs(p, intervalMs) < nowMs;
    }

    static long lossTimeMs(Probe p, long intervalMs) {
        long crttMs = p.target == null ? 0 : p.target.crtt.crttMs();
        return ms(p.startNanos) + (crttMs != 0 ? crttMs : intervalMs);
    }

    /** A deleted target's probes can no longer be answered: unanswered ones are lost (reset_pii_probes). */
    void forget(Target t) {
        for (Probe p : probes) {
            if (p.target == t) {
                if (p.status == Status.UNACKED) {
                    p.status = Status.LOST;
                }
                p.target = null;
            }
        }
    }

    /** Forgets everything (clear_pii_probe_stats): link down, no more targets. */
    void clear() {
        for (Probe p : probes) {
            p.status = Status.UNUSED;
            p.target = null;
        }
        next = 0;
    }

    /**
     * probe_fail_info: consecutive lost probes from the newest back, for all targets and for
     * {@code target}; unanswered probes whose time is up are marked lost on the way.
     */
    Failures failures(Target target, long nowMs, long intervalMs) {
        int all = 0;
        int toTarget = 0;
        long firstLossMs = 0;
        boolean successSeen = false;
        boolean targetSuccessSeen = target == null;
        for (int back = 0, i = previous(next); back < probes.length; back++, i = previous(i)) {
            Probe p = probes[i];
            if (p.status == Status.UNACKED && overdue(p, nowMs, intervalMs)) {
                p.status = Status.LOST;
                p.lostAtMs = lossTimeMs(p, intervalMs);
            }
            if (p.status == Status.LOST) {
                if (!successSeen) {
                    all++;
                    firstLossMs = p.lostAtMs;
                }
                if (!targetSuccessSeen && p.target == target) {
                    toTarget++;
                }
            } else if (p.status != Status.UNACKED) {
                successSeen = true;
                if (p.target == target) {
                    targetSuccessSeen = true;
                }
            }
            if (successSeen && targetSuccessSeen) {
                break;
            }
        }
        return new Failures(all, toTarget, firstLossMs);
    }

    /** probe_success_info: consecutive answered probes from the newest back, and the last answer's time. */
    Successes successes(Target target, long nowMs, long intervalMs) {
        int all = 0;
        int toTarget = 0;
        long lastAnswerNanos = Long.MIN_VALUE;
        boolean failureSeen = false;
        boolean targetFailureSeen = target == null;
        for (int back = 0, i = previous(next); back < probes.length; back++, i = previous(i)) {
            Probe p = probes[i];
            if (p.status == Status.UNUSED) {
                break;
            }
            if (p.status == Status.UNACKED && overdue(p, nowMs, intervalMs)) {
                p.status = Status.LOST;
                p.lostAtMs = lossTimeMs(p, intervalMs);
            }
            if (p.status == Status.LOST) {
                failureSeen = true;
                if (p.target == target) {
                    targetFailureSeen = true;
                }
            } else if (p.status == Status.ACKED) {
                if (!failureSeen) {
                    all++;
                }
                if (!targetFailureSeen && p.target == target) {
                    toTarget++;
                }
                if (lastAnswerNanos == Long.MIN_VALUE) {
                    lastAnswerNanos = p.ackedAtNanos;
                }
            }
            if (failureSeen && targetFailureSeen && lastAnswerNanos != Long.MIN_VALUE) {
                break;
            }
        }
        return new Successes(all, toTarget, lastAnswerNanos);
    }
}
