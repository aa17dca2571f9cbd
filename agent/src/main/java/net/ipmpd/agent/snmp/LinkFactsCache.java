package net.ipmpd.agent.snmp;

import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * {@link LinkFacts} of each member link, read from sysfs on demand (on the SNMP request thread,
 * never the engine's) and reused for {@link #MAX_AGE_NANOS}: a walk of ifTable and ifXTable reads
 * each link's files once, not once per cell, and a manager polling every few seconds still sees
 * fresh counters. sysfs reads are served from kernel memory and never wait on the network.
 */
final class LinkFactsCache {
    static final long MAX_AGE_NANOS = 1_000_000_000L;
    static final Path SYS_CLASS_NET = Path.of("/sys/class/net");

    private record Entry(long readAtNanos, Optional<LinkFacts> facts) {
    }

    private final Path sysClassNet;
    private final LongSupplier nanoTime;
    private final ConcurrentHashMap<String, Entry> entries = new ConcurrentHashMap<>();

    LinkFactsCache(Path sysClassNet, LongSupplier nanoTime) {
        this.sysClassNet = sysClassNet;
        this.nanoTime = nanoTime;
    }

    /** The facts of a link, or empty when it is not (any more) in this namespace. */
    Optional<LinkFacts> get(String name) {
        long now = nanoTime.getAsLong();
        Entry e = entries.get(name);
        if (e == null || now - e.readAtNanos() >= MAX_AGE_NANOS) {
            e = new Entry(now, LinkFacts.read(sysClassNet, name));
            if (entries.size() > 4096) {
                entries.clear();   // links come and go; never let names of long-gone links pile up
            }
            entries.put(name, e);
        }
        return e.facts();
    }
}
