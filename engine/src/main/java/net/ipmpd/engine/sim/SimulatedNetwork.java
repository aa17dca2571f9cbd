package net.ipmpd.engine.sim;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiConsumer;
import net.ipmpd.engine.action.Action;
import net.ipmpd.engine.action.Action.MoveAddress;
import net.ipmpd.engine.action.Action.PlaceAddress;
import net.ipmpd.engine.action.Action.PlumbTestAddress;
import net.ipmpd.engine.action.Action.ProbeKind;
import net.ipmpd.engine.action.Action.RemoveAddress;
import net.ipmpd.engine.action.Action.SendProbe;
import net.ipmpd.engine.action.Action.SetNominees;
import net.ipmpd.engine.action.Action.SetOutbound;
import net.ipmpd.engine.action.Action.UnplumbTestAddress;
import net.ipmpd.engine.config.Family;
import net.ipmpd.engine.event.EngineEvent;
import net.ipmpd.engine.event.EngineEvent.ProbeReplied;

/**
 * A simulated dataplane: interfaces with carrier, switch ports that may stop forwarding, hosts
 * that answer probes after a round-trip time, and the kernel's address table. It carries out the
 * engine's actions the way the Linux dataplane does (a move adds before it deletes) and reports
 * what it sees as events, scheduled in simulated time.
 */
public final class SimulatedNetwork {
    /** A simulated NIC and the switch port it is cabled to. */
    public static final class Nic {
        public final String name;
        public final int ifIndex;
        boolean present = true;
        boolean carrier = true;
        boolean forwarding = true;
        /** Unique per NIC unless a test gives two the same. */
        String hardwareAddress;

        Nic(String name, int ifIndex) {
            this.name = name;
            this.ifIndex = ifIndex;
            this.hardwareAddress = String.format("02:00:00:00:%02x:%02x", (ifIndex >> 8) & 0xff, ifIndex & 0xff);
        }

        public String hardwareAddress() {
            return hardwareAddress;
        }
    }

    /** A host on the link that can be a probe target. */
    public static final class Host {
        public final InetAddress address;
        boolean alive = true;
        boolean answersMulticast = true;
        long rttNanos;

        Host(InetAddress address, long rttNanos) {
            this.address = address;
            this.rttNanos = rttNanos;
        }
    }

    private final Map<String, Nic> nics = new LinkedHashMap<>();
    private final Map<InetAddress, Host> hosts = new LinkedHashMap<>();
    /** The kernel's addresses: address to the interfaces that carry it (more than one only mid-move). */
    private final Map<InetAddress, List<String>> kernelAddresses = new LinkedHashMap<>();
    private final List<EngineEvent.AddressChange> changesByHand = new ArrayList<>();
    private final Map<String, List<String>> outbound = new HashMap<>();
    private final Map<String, SetNominees> nominees = new HashMap<>();
    private final List<String> announcements = new ArrayList<>();
    private final BiConsumer<Long, EngineEvent> schedule;
    private int nextIfIndex = 2;
    private long probesSent;

    /** @param schedule receives (delay in nanoseconds, event) for events the network will report */
    public SimulatedNetwork(BiConsumer<Long, EngineEvent> schedule) {
        this.schedule = schedule;
    }

    public Nic addNic(String name) {
        Nic n = new Nic(name, nextIfIndex++);
        nics.put(name, n);
        return n;
    }

    public Host addHost(InetAddress address, long rttNanos) {
        Host h = new Host(address, rttNanos);
        hosts.put(address, h);
        return h;
    }

    public Nic nic(String name) {
        Nic n = nics.get(name);
        if (n == null) {
            throw new IllegalArgumentException("no simulated interface " + name);
        }
        return n;
    }

    public Host host(InetAddress address) {
        Host h = hosts.get(address);
        if (h == null) {
            throw new IllegalArgumentException("no simulated host " + address.getHostAddress());
        }
        return h;
    }

    public List<Nic> nics() {
        return List.copyOf(nics.values());
    }

    /** The link state the kernel reports: present, carrier and admin up. */
    public boolean running(String name) {
        Nic n = nic(name);
        return n.present && n.carrier;
    }

    public void setCarrier(String name, boolean carrier) {
        nic(name).carrier = carrier;
    }

    /** {@code ip link set dev NAME address ADDRESS}. */
    public void setHardwareAddress(String name, String address) {
        nic(name).hardwareAddress = address;
    }

    public void setForwarding(String name, boolean forwarding) {
        nic(name).forwarding = forwarding;
    }

    public void setPresent(String name, boolean present) {
        Nic n = nic(name);
        n.present = present;
        if (!present) {
            // the kernel deletes an interface's addresses with it
            kernelAddresses.values().forEach(l -> l.remove(name));
            kernelAddresses.values().removeIf(List::isEmpty);
        }
    }

    public void setAlive(InetAddress host, boolean alive) {
        host(host).alive = alive;
    }

    public void setRtt(InetAddress host, long rttNanos) {
        host(host).rttNanos = rttNanos;
    }

    public void setAnswersMulticast(InetAddress host, boolean answers) {
        host(host).answersMulticast = answers;
    }

    /** Interfaces that carry {@code address} in the simulated kernel. */
    public List<String> interfacesWith(InetAddress address) {
        return List.copyOf(kernelAddresses.getOrDefault(address, List.of()));
    }

    public Optional<String> interfaceOf(InetAddress address) {
        List<String> l = kernelAddresses.getOrDefault(address, List.of());
        return l.isEmpty() ? Optional.empty() : Optional.of(l.get(0));
    }

    public List<String> outbound(String group) {
        return outbound.getOrDefault(group, List.of());
    }

    public Optional<SetNominees> nominees(String group) {
        return Optional.ofNullable(nominees.get(group));
    }

    /** "address@interface" for every gratuitous ARP / unsolicited NA sent, in order. */
    public List<String> announcements() {
        return List.copyOf(announcements);
    }

    public long probesSent() {
        return probesSent;
    }

    /** Carries out one engine action. */
    public void execute(Action action) {
        switch (action) {
            case PlaceAddress p -> {
                if (isUp(p.member())) {
                    add(p.address().address(), p.member());
                    announcements.add(p.address().address().getHostAddress() + "@" + p.member());
                }
            }
            case MoveAddress m -> {
                // make-before-break, as the Linux dataplane does
                if (isUp(m.to())) {
                    add(m.address().address(), m.to());
                }
                remove(m.address().address(), m.from());
                announcements.add(m.address().address().getHostAddress() + "@" + m.to());
            }
            case RemoveAddress r -> remove(r.address().address(), r.member());
            case Action.AnnounceAddress a -> announcements.add(a.address().address().getHostAddress() + "@" + a.member());
            case Action.SetMembers m -> {
            }
            case PlumbTestAddress t -> add(t.testAddress().address(), t.member());
            case UnplumbTestAddress t -> remove(t.testAddress().address(), t.member());
            case SendProbe s -> probe(s);
            case SetOutbound o -> outbound.put(o.group(), o.members());
            case SetNominees n -> nominees.put(n.group(), n);
        }
    }

    /** An operator's {@code ip addr add}: no announcement, no event until {@link #addressesRead}. */
    public void addAddressByHand(InetAddress address, String nic) {
        add(address, nic);
    }

    /** An operator's {@code ip addr del}. */
    public void deleteAddressByHand(InetAddress address, String nic) {
        remove(address, nic);
    }

    /** Another process's {@code ip addr add} or {@code ip addr del}, named as the dataplane names it ({@code by}). */
    public void changeAddressByHand(InetAddress address, String nic, boolean added, String by) {
        if (added) {
            add(address, nic);
        } else {
            remove(address, nic);
        }
        changesByHand.add(new EngineEvent.AddressChange(address, nic, added, by));
    }

    /**
     * What the Linux dataplane reports after reading the kernel's addresses at {@code takenAtNanos},
     * with the changes made by {@link #changeAddressByHand} since the last read.
     */
    public EngineEvent.AddressesObserved addressesRead(long takenAtNanos) {
        Map<InetAddress, java.util.Set<String>> holders = new HashMap<>();
        kernelAddresses.forEach((a, nics) -> holders.put(a, java.util.Set.copyOf(nics)));
        List<EngineEvent.AddressChange> changes = List.copyOf(changesByHand);
        changesByHand.clear();
        return new EngineEvent.AddressesObserved(holders, takenAtNanos, changes);
    }

    private boolean isUp(String name) {
        Nic n = nics.get(name);
        return n != null && n.present;
    }

    private void add(InetAddress a, String nic) {
        List<String> l = kernelAddresses.computeIfAbsent(a, k -> new ArrayList<>());
        if (!l.contains(nic)) {
            l.add(nic);
        }
    }

    private void remove(InetAddress a, String nic) {
        List<String> l = kernelAddresses.get(a);
        if (l != null) {
            l.remove(nic);
            if (l.isEmpty()) {
                kernelAddresses.remove(a);
            }
        }
    }

    private void probe(SendProbe s) {
        probesSent++;
        Nic n = nics.get(s.member());
        if (n == null || !n.present || !n.carrier || !n.forwarding) {
            return;   // lost on the wire: no reply ever comes
        }
        if (s.kind() == ProbeKind.MULTICAST) {
            for (Host h : hosts.values()) {
                if (h.alive && h.answersMulticast && Family.of(h.address) == s.family()) {
                    reply(s, h);
                }
            }
            return;
        }
        Host h = hosts.get(s.target());
        if (h != null && h.alive) {
            reply(s, h);
        }
    }

    private void reply(SendProbe s, Host h) {
        long rtt = h.rttNanos;
        // The reply is reported after the RTT; received-at is filled in by the simulation clock.
        schedule.accept(rtt, new ProbeReplied(s.member(), s.family(), h.address, s.sequence(), -1));
    }
}
