package net.ipmpd.testlab;

import net.ipmpd.testlab.LabAddresses.Cidr;
import net.ipmpd.testlab.LabSpec.HostSpec;
import net.ipmpd.testlab.LabSpec.MemberSpec;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds the lab topology (research note linux-dataplane §7): veths are created inside a lab namespace with the
 * peer placed straight into the switch namespace, so no interface ever appears in the root namespace.
 */
final class LabTopology {
    static final String FAULT_TABLE = "ipl_faults";
    /** Not "fwd": that is an nft keyword. */
    static final String FAULT_CHAIN = "fw";
    static final String DROP_FROM_SET = "drop_from";
    static final String DROP_TO_SET = "drop_to";

    private final Lab lab;

    LabTopology(Lab lab) {
        this.lab = lab;
    }

    void build() {
        Netns.add(lab.namespaces());
        // Global sysctls first: interfaces created afterwards inherit the "default" values.
        lab.setSysctls(lab.hostNs(), LabSysctls.ipmpdHostGlobal());
        lab.setSysctls(lab.switchNs(), LabSysctls.switchGlobal());
        for (HostSpec h : lab.spec().hosts()) {
            lab.setSysctls(lab.ns(h.name()), LabSysctls.hostGlobal(h));
        }

        lab.ipBatch(lab.switchNs(), List.of(
                "link set lo up",
                // No STP and no forwarding delay: a port forwards the moment it is up, as a test wants.
                // No multicast snooping: without a querier, snooping would make ND/IGMP delivery depend on timing.
                "link add " + Lab.BRIDGE + " type bridge stp_state 0 forward_delay 0 mcast_snooping 0",
                "link set " + Lab.BRIDGE + " up"));

        List<String> hostLines = new ArrayList<>(List.of("link set lo up"));
        for (MemberSpec m : lab.spec().members()) {
            hostLines.add(vethLine(m.name()));
        }
        lab.ipBatch(lab.hostNs(), hostLines);

        for (HostSpec h : lab.spec().hosts()) {
            List<String> lines = new ArrayList<>(List.of("link set lo up", vethLine(h.name())));
            for (Cidr c : h.addresses()) {
                lines.add("addr add " + c.text() + " dev " + h.name());
            }
            lines.add("link set " + h.name() + " up");
            if (h.router()) {
                // Something behind the router to route to. A veth pair inside the router's namespace, because
                // this kernel has no dummy driver; up0p only gives up0 its carrier.
                lines.add("link add up0 type veth peer name up0p");
                lines.add("link set up0p up");
                for (Cidr c : h.beyond()) {
                    lines.add("addr add " + c.text() + " dev up0");
                }
                lines.add("link set up0 up");
            }
            lab.ipBatch(lab.ns(h.name()), lines);
        }

        List<String> ports = new ArrayList<>();
        for (MemberSpec m : lab.spec().members()) {
            ports.add(lab.switchPort(m.name()));
        }
        for (HostSpec h : lab.spec().hosts()) {
            ports.add(lab.switchPort(h.name()));
        }
        List<String> swLines = new ArrayList<>();
        for (String p : ports) {
            swLines.add("link set " + p + " master " + Lab.BRIDGE);
            swLines.add("link set " + p + " up");
        }
        lab.ipBatch(lab.switchNs(), swLines);

        for (MemberSpec m : lab.spec().members()) {
            configureMember(m);
        }
        installFaultTable();
        for (MemberSpec m : lab.spec().members()) {
            lab.awaitCarrier(lab.hostNs(), m.name(), true, Duration.ofSeconds(5));
        }
    }

    /** Creates (or re-creates) the member's veth pair, plugs it into the bridge and configures the host side. */
    void createMember(MemberSpec m) {
        lab.ipBatch(lab.hostNs(), List.of(vethLine(m.name())));
        String port = lab.switchPort(m.name());
        lab.ipBatch(lab.switchNs(), List.of("link set " + port + " master " + Lab.BRIDGE, "link set " + port + " up"));
        configureMember(m);
    }

    private void configureMember(MemberSpec m) {
        lab.setSysctls(lab.hostNs(), LabSysctls.ipmpdMember(m.name()));
        List<String> lines = new ArrayList<>();
        for (Cidr c : m.addresses()) {
            lines.add("addr add " + c.text() + " dev " + m.name());
        }
        lines.add("link set " + m.name() + " up");
        lab.ipBatch(lab.hostNs(), lines);
    }

    /** `link add NAME address MAC type veth peer name sw-NAME address MAC' netns SWITCH`, run in NAME's namespace. */
    private String vethLine(String name) {
        return "link add " + name + " address " + lab.mac(name) + " type veth peer name " + lab.switchPort(name)
                + " address " + lab.mac(name, true) + " netns " + lab.switchNs();
    }

    /**
     * The bridge filter for "port up but not forwarding" (tc netem is not in this kernel, §4.3): a port in
     * drop_from loses what it receives from its host, a port in drop_to loses what the bridge sends to it.
     */
    private void installFaultTable() {
        String script = "table bridge " + FAULT_TABLE + " {\n"
                + "  set " + DROP_FROM_SET + " { type ifname; }\n"
                + "  set " + DROP_TO_SET + " { type ifname; }\n"
                + "  chain " + FAULT_CHAIN + " {\n"
                + "    type filter hook forward priority 0; policy accept;\n"
                + "    iifname @" + DROP_FROM_SET + " drop\n"
                + "    oifname @" + DROP_TO_SET + " drop\n"
                + "  }\n"
                + "}\n";
        lab.nft(script);
    }
}
