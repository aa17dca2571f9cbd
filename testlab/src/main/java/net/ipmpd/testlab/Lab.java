package net.ipmpd.testlab;

import net.ipmpd.testlab.LabSpec.HostSpec;
import net.ipmpd.testlab.LabSpec.MemberSpec;
import net.ipmpd.testlab.flow.FlowOptions;
import net.ipmpd.testlab.flow.TcpFlows;
import net.ipmpd.testlab.junit.RequiresRootExtension;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A network-namespace lab for one test run: the ipmpd host with its members, a switch (Linux bridge) and target and
 * client hosts, each in its own namespace named {@code ipl<runId>-<role>}. Nothing is created in the root namespace
 * except the namespace names themselves.
 *
 * <p>Lifecycle: {@link #start(LabSpec)} first removes leftovers of killed runs (see {@link StaleLabSweeper}),
 * writes this run's marker, then builds the topology. {@link #close()} stops flaps and spawned processes and deletes
 * every namespace of the run; a JVM shutdown hook does the same if close() is never reached. If the JVM is
 * SIGKILLed, the next run's sweep cleans up.
 *
 * <pre>{@code
 * try (Lab lab = Lab.start(LabSpec.standard(3, 2))) {
 *     lab.faults().carrierDown("m0");
 *     lab.awaitCarrier(lab.hostNs(), "m0", false, Duration.ofSeconds(2));
 * }
 * }</pre>
 */
public final class Lab implements AutoCloseable {
    private static final Logger LOG = LogManager.getLogger(Lab.class);
    /** Where run markers live: tmpfs, like /run/netns, so both vanish together on reboot. */
    public static final Path MARKER_DIR = Path.of("/run/ipmpd-lab");
    public static final String BRIDGE = "br0";
    public static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(15);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final LabSpec spec;
    private final String runId;
    private final String hostNs;
    private final String switchNs;
    private final Map<String, String> hostNamespaces = new LinkedHashMap<>();
    private final String ip;
    private final Faults faults;
    private LabRun run;

    private Lab(LabSpec spec, String runId) {
        this.spec = spec;
        this.runId = runId;
        this.ip = Tools.require("ip");
        this.hostNs = nsName("h");
        this.switchNs = nsName("sw");
        for (HostSpec h : spec.hosts()) {
            hostNamespaces.put(h.name(), nsName(h.name()));
        }
        this.faults = new Faults(this);
    }

    /** Builds a lab as described; on any failure, removes what was already created and rethrows. */
    public static Lab start(LabSpec spec) {
        for (String tool : List.of("ip", "nft", "sysctl")) {
            Tools.require(tool);
        }
        StaleLabSweeper.sweep(MARKER_DIR);
        Lab lab = new Lab(spec, newRunId());
        lab.run = LabRun.begin(lab.runId, MARKER_DIR, lab.namespaces());
        try {
            long t0 = System.nanoTime();
            new LabTopology(lab).build();
            LOG.info("lab {} up in {} ms: namespaces {}", lab.runId, (System.nanoTime() - t0) / 1_000_000,
                    lab.namespaces());
            return lab;
        } catch (RuntimeException | Error e) {
            try {
                lab.close();
            } catch (RuntimeException c) {
                e.addSuppressed(c);
            }
            throw e;
        }
    }

    /**
     * Skips the calling test (JUnit assumption) when not root, fails it when CI is set and not root or when a tool
     * is missing; see {@link LabRequirements}.
     */
    public static void assumeRoot() {
        RequiresRootExtension.assumeLabAvailable();
    }

    /** base36(pid) + 2 random base36 digits: short, unique among live runs, and names the owner for a human. */
    private static String newRunId() {
        String pid = Long.toString(ProcessHandle.current().pid(), 36);
        Set<String> existing = Netns.list();
        for (int attempt = 0; attempt < 100; attempt++) {
            String id = pid + Integer.toString(36 * 36 + RANDOM.nextInt(36 * 36 * 35), 36).substring(1);
            String prefix = RunMarker.namespacePrefix(id);
            boolean taken = Files.exists(RunMarker.file(MARKER_DIR, id))
                    || existing.stream().anyMatch(n -> n.startsWith(prefix));
            if (!taken) {
                return id;
            }
        }
        throw new LabException("no free lab run id for pid " + pid + " after 100 attempts");
    }

    private String nsName(String role) {
        return RunMarker.namespacePrefix(runId) + role;
    }

    // ---- names ------------------------------------------------------------------------------------------------

    public LabSpec spec() {
        return spec;
    }

    public String runId() {
        return runId;
    }

    /** The namespace of the ipmpd host (the one with the members): run the daemon here. */
    public String hostNs() {
        return hostNs;
    }

    public String switchNs() {
        return switchNs;
    }

    /** The namespace of a target or client host, by its name in the spec (e.g. "t1", "c"). */
    public String ns(String hostName) {
        String ns = hostNamespaces.get(hostName);
        if (ns == null) {
            throw new IllegalArgumentException("no host '" + hostName + "' in this lab; hosts: "
                    + hostNamespaces.keySet());
        }
        return ns;
    }

    /** Every namespace of this run: host, switch, then the target/client hosts in spec order. */
    public List<String> namespaces() {
        List<String> all = new ArrayList<>(List.of(hostNs, switchNs));
        all.addAll(hostNamespaces.values());
        return all;
    }

    public List<String> memberNames() {
        return spec.members().stream().map(MemberSpec::name).toList();
    }

    /** The bridge port that a member or a host is plugged into: "sw-" + its name. */
    public String switchPort(String attached) {
        if (spec.member(attached).isEmpty() && spec.host(attached).isEmpty()) {
            throw new IllegalArgumentException("nothing named '" + attached + "' is plugged into the switch; members "
                    + memberNames() + ", hosts " + hostNamespaces.keySet());
        }
        return "sw-" + attached;
    }

    /** Fixed, readable MACs: member i = 02:00:00:00:01:ii, host j = 02:00:00:00:02:jj; their ports f1/f2. */
    public String mac(String attached) {
        return mac(attached, false);
    }

    String mac(String attached, boolean switchSide) {
        int i = memberNames().indexOf(attached);
        int kind = 1;
        if (i < 0) {
            i = new ArrayList<>(hostNamespaces.keySet()).indexOf(attached);
            kind = 2;
        }
        if (i < 0) {
            throw new IllegalArgumentException("no member or host '" + attached + "'");
        }
        return String.format("02:00:00:00:%s%d:%02x", switchSide ? "f" : "0", kind, i);
    }

    // ---- running commands in the lab --------------------------------------------------------------------------

    /** Runs argv inside a namespace of this lab (`ip netns exec NS argv...`) with the default timeout. */
    public ExecResult exec(String ns, String... argv) {
        return exec(ns, COMMAND_TIMEOUT, argv);
    }

    public ExecResult exec(String ns, Duration timeout, String... argv) {
        requireOwn(ns);
        List<String> cmd = new ArrayList<>(List.of(ip, "netns", "exec", ns));
        cmd.addAll(List.of(argv));
        return ProcessRunner.run(cmd, timeout, null);
    }

    /** `ip -n NS args...`; throws with ip's message when it fails. */
    public ExecResult ip(String ns, String... args) {
        return ipCommand(ns, args).orThrow();
    }

    ExecResult ipCommand(String ns, String... args) {
        requireOwn(ns);
        List<String> cmd = new ArrayList<>(List.of(ip, "-n", ns));
        cmd.addAll(List.of(args));
        return ProcessRunner.run(cmd, COMMAND_TIMEOUT, null);
    }

    /** Runs several ip commands in one process inside a namespace (`ip -n NS -batch -`); stops at the first error. */
    void ipBatch(String ns, List<String> lines) {
        requireOwn(ns);
        if (lines.isEmpty()) {
            return;
        }
        ExecResult r = ProcessRunner.run(List.of(ip, "-n", ns, "-batch", "-"), COMMAND_TIMEOUT,
                String.join("\n", lines) + "\n");
        if (!r.ok()) {
            throw new LabException("lab " + runId + ": in " + ns + ": " + r.describeFailure()
                    + " (batch: " + String.join("; ", lines) + ")");
        }
    }

    /** Applies an nft script (one transaction) in the switch namespace. */
    void nft(String script) {
        ExecResult r = ProcessRunner.run(List.of(ip, "netns", "exec", switchNs, Tools.require("nft"), "-f", "-"),
                COMMAND_TIMEOUT, script);
        if (!r.ok()) {
            throw new LabException("lab " + runId + ": nft in " + switchNs + ": " + r.describeFailure()
                    + "\nscript:\n" + script);
        }
    }

    /**
     * Starts argv in the background inside a namespace; the lab ends it by pid on close (and a later run's sweep
     * does, should this JVM be killed).
     */
    public LabProcess spawn(String ns, String... argv) {
        requireOwn(ns);
        List<String> cmd = new ArrayList<>(List.of(ip, "netns", "exec", ns));
        cmd.addAll(List.of(argv));
        LabProcess lp = run.start(ns, cmd, List.of(argv));
        LOG.info("lab {}: spawned pid {} in {}: {}", runId, lp.pid(), ns, String.join(" ", argv));
        return lp;
    }

    /** Starts a Java main class of this JVM's classpath in a namespace (see {@link JavaCommand}). */
    public LabProcess spawnJava(String ns, Class<?> mainClass, String... args) {
        return spawnJava(ns, List.of(), mainClass, args);
    }

    public LabProcess spawnJava(String ns, List<String> jvmOptions, Class<?> mainClass, String... args) {
        return spawn(ns, JavaCommand.argv(jvmOptions, mainClass, List.of(args)).toArray(String[]::new));
    }

    private void requireOwn(String ns) {
        if (!namespaces().contains(ns)) {
            throw new IllegalArgumentException("namespace '" + ns + "' is not part of lab " + runId + " " + namespaces()
                    + ": a lab only ever touches its own namespaces");
        }
    }

    // ---- configuration helpers --------------------------------------------------------------------------------

    /** Adds an address (lab ranges only) with optional ip flags such as "noprefixroute" or "nodad". */
    public void addAddress(String ns, String ifname, String cidr, String... flags) {
        LabAddresses.Cidr c = LabAddresses.cidr(cidr, ns + " " + ifname);
        List<String> args = new ArrayList<>(List.of("addr", "add", c.text(), "dev", ifname));
        args.addAll(List.of(flags));
        ip(ns, args.toArray(String[]::new));
    }

    public void deleteAddress(String ns, String ifname, String cidr) {
        LabAddresses.Cidr c = LabAddresses.cidr(cidr, ns + " " + ifname);
        ip(ns, "addr", "del", c.text(), "dev", ifname);
    }

    /** Adds a route through a gateway in a lab namespace; destination "default" or a lab prefix. */
    public void addRoute(String ns, String destination, String via) {
        if (!destination.equals("default")) {
            LabAddresses.cidr(destination, ns + " route");
        }
        LabAddresses.address(via, ns + " route via");
        ip(ns, "route", "add", destination, "via", via);
    }

    public String sysctl(String ns, String key) {
        return exec(ns, Tools.require("sysctl"), "-n", key).orThrow().stdout().strip();
    }

    public void setSysctls(String ns, List<String> keyValues) {
        if (keyValues.isEmpty()) {
            return;
        }
        List<String> argv = new ArrayList<>(List.of(Tools.require("sysctl"), "-q", "-w"));
        argv.addAll(keyValues);
        exec(ns, argv.toArray(String[]::new)).orThrow();
    }

    // ---- observation ------------------------------------------------------------------------------------------

    public List<IfAddress> addresses(String ns, String ifname) {
        return IpOutput.addresses(ip(ns, "-j", "addr", "show", "dev", ifname).stdout());
    }

    public boolean hasAddress(String ns, String ifname, String address) {
        return addresses(ns, ifname).stream().anyMatch(a -> a.address().equals(address));
    }

    public List<LinkInfo> links(String ns) {
        return IpOutput.links(ip(ns, "-j", "-s", "-s", "link", "show").stdout());
    }

    public Optional<LinkInfo> findLink(String ns, String ifname) {
        return links(ns).stream().filter(l -> l.name().equals(ifname)).findFirst();
    }

    public LinkInfo link(String ns, String ifname) {
        return findLink(ns, ifname).orElseThrow(() -> new LabException("no interface " + ifname + " in " + ns));
    }

    public List<Neighbour> neighbours(String ns, String ifname) {
        return IpOutput.neighbours(ip(ns, "-j", "neigh", "show", "dev", ifname).stdout());
    }

    /** `ping -c count -w deadline dst` from a namespace; deadline is rounded up to whole seconds (ping's unit). */
    public PingResult ping(String ns, String destination, int count, Duration deadline) {
        return runPing(ns, null, destination, count, deadline);
    }

    /** Like {@link #ping} but bound to one interface (`-I ifname`), as the daemon's probes are. */
    public PingResult pingVia(String ns, String ifname, String destination, int count, Duration deadline) {
        return runPing(ns, ifname, destination, count, deadline);
    }

    private PingResult runPing(String ns, String ifname, String destination, int count, Duration deadline) {
        if (count < 1 || count > 1000) {
            throw new IllegalArgumentException("ping count must be 1..1000, got " + count);
        }
        String dst = destination.contains("%") ? destination.substring(0, destination.indexOf('%')) : destination;
        LabAddresses.destination(dst, "ping from " + ns);
        long seconds = Math.max(1, (deadline.toMillis() + 999) / 1000);
        List<String> argv = new ArrayList<>(List.of(Tools.require("ping"), "-n", "-q", "-c", Integer.toString(count),
                "-i", "0.05", "-w", Long.toString(seconds)));
        if (ifname != null) {
            argv.addAll(List.of("-I", ifname));
        }
        argv.add(destination);
        ExecResult r = exec(ns, deadline.plusSeconds(5), argv.toArray(String[]::new));
        return IpOutput.ping(ns + (ifname == null ? "" : "/" + ifname), destination, r.exitCode(),
                r.stdout() + r.stderr());
    }

    /** Waits until the interface's carrier (LOWER_UP) is as wanted. */
    public LinkInfo awaitCarrier(String ns, String ifname, boolean carrier, Duration timeout) {
        return Waits.until(ifname + " in " + ns + " carrier " + (carrier ? "up" : "down"), timeout,
                () -> findLink(ns, ifname).orElse(null), l -> l != null && l.hasCarrier() == carrier);
    }

    /**
     * Waits until a neighbour entry for address on ifname has the given link-layer address, e.g. a target that
     * learned the data address's new MAC from a gratuitous ARP or unsolicited NA after a failover.
     */
    public Neighbour awaitNeighbour(String ns, String ifname, String address, String lladdr, Duration timeout) {
        return Waits.until(address + " -> " + lladdr + " in the neighbour table of " + ifname + " in " + ns, timeout,
                () -> neighbours(ns, ifname).stream().filter(n -> address.equals(n.address())).findFirst()
                        .orElse(null),
                n -> n != null && lladdr.equalsIgnoreCase(n.lladdr()));
    }

    public void awaitAddress(String ns, String ifname, String address, boolean present, Duration timeout) {
        Waits.until(address + (present ? " on " : " gone from ") + ifname + " in " + ns, timeout,
                () -> addresses(ns, ifname), as -> as.stream().anyMatch(a -> a.address().equals(address)) == present);
    }

    // ---- faults and flows -------------------------------------------------------------------------------------

    public Faults faults() {
        return faults;
    }

    /** Holds long-lived TCP connections to a data address; see {@link TcpFlows}. */
    public TcpFlows holdTcpFlows(FlowOptions options) {
        return TcpFlows.start(this, options);
    }

    void register(Flap flap) {
        run.register(flap);
    }

    // ---- teardown ---------------------------------------------------------------------------------------------

    public boolean isClosed() {
        return run.isClosed();
    }

    /**
     * Stops flaps and spawned processes, deletes every namespace of this run (which deletes their veths) and the
     * marker. Safe to call twice. Throws if a namespace could not be deleted (the marker then stays for a sweep).
     */
    @Override
    public void close() {
        run.close();
    }

    @Override
    public String toString() {
        return "lab " + runId + " " + namespaces();
    }
}
