package net.ipmpd.agent.linux;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import net.ipmpd.agent.linux.netlink.RtnetlinkMessage;
import net.ipmpd.agent.linux.netlink.Rtnl;
import net.ipmpd.engine.event.EngineEvent;

/**
 * What the kernel told us about interfaces and addresses: name ↔ ifindex, flags, MAC, and every
 * local address. Fed by the link dump and RTM_NEWLINK/DELLINK/NEWADDR/DELADDR events; turns them
 * into engine events by edge-detecting IFF_RUNNING per ifindex, because ifi_change is 0 for
 * carrier changes (observed on veth) and Solaris IPMP keys on RUNNING too. Thread-safe.
 */
public final class InterfaceTable {

    /** One interface as last reported. */
    public record Link(int index, String name, int flags, byte[] mac) {
        public boolean running() {
            return (flags & Rtnl.IFF_RUNNING) != 0;
        }

        /**
         * IFLA_ADDRESS as {@code ip link} prints it ("02:00:00:00:00:10"); empty when the link has
         * none or an all-zero one (loopback), which identifies nothing.
         */
        public String hardwareAddress() {
            StringBuilder b = new StringBuilder(mac.length * 3);
            boolean allZero = true;
            for (byte x : mac) {
                allZero &= x == 0;
            }
            for (byte x : allZero ? new byte[0] : mac) {
                b.append(b.isEmpty() ? "" : ":").append(Character.forDigit((x >> 4) & 0xf, 16)).append(Character.forDigit(x & 0xf, 16));
            }
            return b.toString();
        }

        EngineEvent.LinkReported report() {
            return new EngineEvent.LinkReported(name, index, running(), hardwareAddress());
        }
    }

    /** One address on one interface. */
    public record LocalAddress(int index, InetAddress address, int prefixLength, int flags) {
    }

    private final Map<Integer, Link> byIndex = new HashMap<>();
    private final Map<String, Integer> indexByName = new HashMap<>();
    private final List<LocalAddress> addresses = new ArrayList<>();

    /**
     * Applies one link message; returns the events it causes (none when neither RUNNING nor the
     * hardware address changed: in.mpathd watches both, DL_NOTE_PHYS_ADDR for the latter).
     */
    public synchronized List<EngineEvent> apply(RtnetlinkMessage.Link m) {
        if (m.deleted()) {
            Link gone = byIndex.remove(m.index());
            if (gone == null) {
                return List.of();
            }
            indexByName.remove(gone.name(), gone.index());
            addresses.removeIf(a -> a.index() == gone.index());
            return List.of(new EngineEvent.InterfaceRemoved(gone.name()));
        }
        Link before = byIndex.get(m.index());
        String name = m.name() != null ? m.name() : before != null ? before.name() : null;
        if (name == null) {
            return List.of();
        }
        byte[] mac = m.mac().length > 0 ? m.mac() : before != null ? before.mac() : m.mac();
        Link now = new Link(m.index(), name, m.flags(), mac);
        byIndex.put(m.index(), now);
        List<EngineEvent> events = new ArrayList<>(2);
        if (before != null && !before.name().equals(name)) {
            // A rename is, for the engine, the old name leaving and a new one arriving.
            indexByName.remove(before.name(), before.index());
            events.add(new EngineEvent.InterfaceRemoved(before.name()));
            before = null;
        }
        indexByName.put(name, m.index());
        if (before == null || before.running() != now.running() || !java.util.Arrays.equals(before.mac(), now.mac())) {
            events.add(now.report());
        }
        return events;
    }

    /**
     * Replaces the table with a full dump (start-up, or after ENOBUFS lost events): reports every
     * change against what we knew and removes interfaces that are gone.
     */
    public synchronized List<EngineEvent> resync(List<RtnetlinkMessage.Link> dump) {
        List<EngineEvent> events = new ArrayList<>();
        Set<Integer> seen = new HashSet<>();
        for (RtnetlinkMessage.Link m : dump) {
            seen.add(m.index());
            events.addAll(apply(m));
        }
        for (Link gone : List.copyOf(byIndex.values())) {
            if (!seen.contains(gone.index())) {
                byIndex.remove(gone.index());
                indexByName.remove(gone.name(), gone.index());
                addresses.removeIf(a -> a.index() == gone.index());
                events.add(new EngineEvent.InterfaceRemoved(gone.name()));
            }
        }
        return events;
    }

    /** A LinkReported for every interface known now (the initial report to the engine). */
    public synchronized List<EngineEvent> report() {
        List<EngineEvent> events = new ArrayList<>();
        byIndex.values().stream().sorted(java.util.Comparator.comparingInt(Link::index))
                .forEach(l -> events.add(l.report()));
        return events;
    }

    /**
     * Applies one address message; returns whether the interface gained or lost the address (a
     * new lifetime or flags, or the echo of a change already recorded, is no change).
     */
    public synchronized boolean apply(RtnetlinkMessage.Address m) {
        if (m.address() == null) {
            return false;
        }
        InetAddress a = plain(m.address());
        boolean had = addresses.removeIf(x -> x.index() == m.index() && x.address().equals(a));
        if (!m.deleted()) {
            addresses.add(new LocalAddress(m.index(), a, m.prefixLength(), m.flags()));
        }
        return had == m.deleted();
    }

    /** Every address and the interfaces that hold it, by name: what the engine is told the kernel holds. */
    public synchronized Map<InetAddress, Set<String>> holdersByAddress() {
        Map<InetAddress, Set<String>> out = new HashMap<>();
        for (LocalAddress x : addresses) {
            Link l = byIndex.get(x.index());
            if (l != null) {
                out.computeIfAbsent(x.address(), k -> new HashSet<>()).add(l.name());
            }
        }
        return out;
    }

    public synchronized void resyncAddresses(List<RtnetlinkMessage.Address> dump) {
        addresses.clear();
        dump.forEach(this::apply);
    }

    public synchronized OptionalInt index(String name) {
        Integer i = indexByName.get(name);
        return i == null ? OptionalInt.empty() : OptionalInt.of(i);
    }

    public synchronized Optional<Link> link(String name) {
        Integer i = indexByName.get(name);
        return i == null ? Optional.empty() : Optional.ofNullable(byIndex.get(i));
    }

    public synchronized Optional<String> name(int index) {
        Link l = byIndex.get(index);
        return l == null ? Optional.empty() : Optional.of(l.name());
    }

    /** True when {@code address} is one of this host's addresses (replies from it are our own). */
    public synchronized boolean isLocal(InetAddress address) {
        InetAddress a = plain(address);
        for (LocalAddress x : addresses) {
            if (x.address().equals(a)) {
                return true;
            }
        }
        return false;
    }

    /** The interfaces that carry {@code address} now, by name. */
    public synchronized List<String> holders(InetAddress address) {
        InetAddress a = plain(address);
        List<String> out = new ArrayList<>();
        for (LocalAddress x : addresses) {
            Link l = byIndex.get(x.index());
            if (x.address().equals(a) && l != null) {
                out.add(l.name());
            }
        }
        return out;
    }

    public synchronized boolean has(String interfaceName, InetAddress address) {
        return holders(address).contains(interfaceName);
    }

    public synchronized Map<Integer, Link> links() {
        return new LinkedHashMap<>(byIndex);
    }

    /** Without an IPv6 scope, so that equality is by address bytes only. */
    static InetAddress plain(InetAddress a) {
        try {
            return InetAddress.getByAddress(a.getAddress());
        } catch (java.net.UnknownHostException e) {
            throw new AssertionError(e);
        }
    }
}
