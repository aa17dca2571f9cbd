package net.ipmpd.agent.linux;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import net.ipmpd.engine.config.DataAddressConfig;
import net.ipmpd.engine.config.EngineConfig;
import net.ipmpd.engine.config.GroupConfig;
import net.ipmpd.engine.config.MemberConfig;
import net.ipmpd.engine.config.TestAddress;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * Start-up and resync: reads the kernel's addresses back and compares them with the
 * configuration and the engine's placement. A restart must never take a data address that is up
 * off the wire, so the daemon first asks where the addresses are and lets the engine adopt that.
 */
final class AddressReconciler {
    private static final Logger LOG = LogManager.getLogger(AddressReconciler.class);
    private final InterfaceTable table;
    private final KernelMonitor monitor;
    private final AddressOps addresses;
    private final Announcer announcer;
    private final OutboundRoutes routes;

    AddressReconciler(InterfaceTable table, KernelMonitor monitor, AddressOps addresses, Announcer announcer, OutboundRoutes routes) {
        this.table = table;
        this.monitor = monitor;
        this.addresses = addresses;
        this.announcer = announcer;
        this.routes = routes;
    }

    /**
     * Configured data addresses present on a member of their group, by member. An address on
     * several members (a crash mid-move) is reported on the first member whose link is running.
     */
    Map<InetAddress, String> present(EngineConfig config) throws NativeException {
        table.resyncAddresses(monitor.dumpAddresses());
        return presentInTable(config);
    }

    /** Like {@link #present} from what the table holds now, without a dump. */
    Map<InetAddress, String> presentInTable(EngineConfig config) {
        Map<InetAddress, String> out = new LinkedHashMap<>();
        for (GroupConfig g : config.groups()) {
            Set<String> members = memberNames(g);
            for (DataAddressConfig d : g.dataAddresses()) {
                List<String> holders = table.holders(d.address()).stream().filter(members::contains).toList();
                holders.stream().filter(h -> table.link(h).map(InterfaceTable.Link::running).orElse(false)).findFirst()
                        .or(() -> holders.stream().findFirst())
                        .ifPresent(h -> out.put(d.address(), h));
            }
        }
        return out;
    }

    /**
     * Each data address of {@code placement} on its member (added and announced first) and on no
     * other member of its group (deleted after: make-before-break), and each configured test
     * address on its member when that interface exists.
     */
    List<String> reconcile(EngineConfig config, Map<InetAddress, String> placement) throws NativeException {
        table.resyncAddresses(monitor.dumpAddresses());
        List<String> corrections = new ArrayList<>();
        for (GroupConfig g : config.groups()) {
            for (MemberConfig m : g.members()) {
                for (TestAddress t : List.of(m.ipv4Test(), m.ipv6Test()).stream().flatMap(Optional::stream).toList()) {
                    if (table.index(m.interfaceName()).isPresent() && !table.has(m.interfaceName(), t.address())) {
                        addresses.add(m.interfaceName(), t.address(), t.prefixLength());
                        corrections.add("test address " + t + " added on " + m.interfaceName());
                    }
                }
            }
            Set<String> members = memberNames(g);
            for (DataAddressConfig d : g.dataAddresses()) {
                String where = placement.get(d.address());
                if (where == null) {
                    continue;
                }
                if (!table.has(where, d.address())) {
                    addresses.add(where, d.address(), d.prefixLength());
                    announcer.announce(where, d.address());
                    corrections.add("group " + g.name() + ": data address " + d + " added on " + where);
                }
                for (String other : table.holders(d.address())) {
                    if (!other.equals(where) && members.contains(other)) {
                        addresses.delete(other, d.address(), d.prefixLength());
                        corrections.add("group " + g.name() + ": data address " + d + " deleted from " + other);
                    }
                }
            }
            routes.refresh(g.name());
        }
        corrections.forEach(c -> LOG.info("reconcile: {}", c));
        return corrections;
    }

    private static Set<String> memberNames(GroupConfig g) {
        return g.members().stream().map(MemberConfig::interfaceName).collect(Collectors.toSet());
    }
}
