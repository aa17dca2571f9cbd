package net.ipmpd.agent.snmp;

import net.ipmpd.testkit.FakeIpmpService;
import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import net.ipmpd.agent.snmp.SnmpSettings.Access;
import net.ipmpd.agent.snmp.SnmpSettings.AuthProtocol;
import net.ipmpd.agent.snmp.SnmpSettings.Community;
import net.ipmpd.agent.snmp.SnmpSettings.Network;
import net.ipmpd.agent.snmp.SnmpSettings.PrivProtocol;
import net.ipmpd.agent.snmp.SnmpSettings.TrapTarget;
import net.ipmpd.agent.snmp.SnmpSettings.User;
import net.ipmpd.engine.IpmpService;

/** Starts the agent on a free loopback port and builds Net-SNMP command lines against it. */
final class AgentFixture implements AutoCloseable {
    static final String ADMIN = "ipmpAdmin";
    static final String READER = "ipmpReader";
    static final String TRAP_USER = "ipmpTrap";
    static final String STRONG = "ipmpStrong";
    static final String AUTH_PASS = "auth-secret-1";
    static final String PRIV_PASS = "priv-secret-1";
    static final String COMMUNITY = "public";

    /** The fake engine, or null when the fixture runs over another IpmpService. */
    final FakeIpmpService ipmp;
    final Path stateDir;
    final int port;
    final SnmpAgentService agent;

    AgentFixture(FakeIpmpService ipmp, List<TrapTarget> targets, List<Community> extraCommunities, int burst,
                 Duration refill) throws IOException {
        this(ipmp, Files.createTempDirectory("ipmpd-snmp-state"), targets, extraCommunities, burst, refill);
    }

    AgentFixture(IpmpService service, Path stateDir, List<TrapTarget> targets, List<Community> extraCommunities,
                 int burst, Duration refill) throws IOException {
        this(service, stateDir, targets, extraCommunities, burst, refill, LinkFactsCache.SYS_CLASS_NET);
    }

    /** @param sysClassNet the sysfs directory the IF-MIB rows read link facts from (a fake one in tests) */
    AgentFixture(IpmpService service, Path stateDir, List<TrapTarget> targets, List<Community> extraCommunities,
                 int burst, Duration refill, Path sysClassNet) throws IOException {
        this.ipmp = service instanceof FakeIpmpService fake ? fake : null;
        this.stateDir = stateDir;
        this.port = freeUdpPort();
        List<Community> communities = new ArrayList<>();
        communities.add(new Community(COMMUNITY, List.of(new Network(InetAddress.getLoopbackAddress(), 8))));
        communities.addAll(extraCommunities);
        SnmpSettings settings = new SnmpSettings(InetAddress.getLoopbackAddress(), port, stateDir, "lab-host",
                "noc@example.org", "rack 4", List.of(
                        new User(ADMIN, AuthProtocol.SHA256, AUTH_PASS, PrivProtocol.AES128, PRIV_PASS, Access.READ_WRITE),
                        new User(READER, AuthProtocol.SHA256, AUTH_PASS, PrivProtocol.AES128, PRIV_PASS, Access.READ_ONLY),
                        new User(STRONG, AuthProtocol.SHA512, AUTH_PASS, PrivProtocol.AES256, PRIV_PASS, Access.READ_ONLY),
                        new User(TRAP_USER, AuthProtocol.SHA256, AUTH_PASS, PrivProtocol.AES128, PRIV_PASS,
                                Access.NOTIFY_ONLY)),
                communities, targets);
        this.agent = new SnmpAgentService(settings, service, burst, refill, sysClassNet);
        agent.start();
    }

    AgentFixture(FakeIpmpService ipmp) throws IOException {
        this(ipmp, List.of(), List.of(), 4, Duration.ofSeconds(2));
    }

    static int freeUdpPort() throws IOException {
        try (DatagramSocket s = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    String target() {
        return "udp:127.0.0.1:" + port;
    }

    /** Common options: the MIB loaded by name, numeric-free output, short timeouts. */
    List<String> base(String tool) {
        return new ArrayList<>(List.of(tool, "-m", "+IPMP-MIB", "-M", Cli.MIB_PATH, "-t", "2", "-r", "1"));
    }

    List<String> v3(String tool, String user) {
        List<String> c = base(tool);
        c.addAll(List.of("-v3", "-l", "authPriv", "-u", user, "-a", "SHA-256", "-A", AUTH_PASS, "-x", "AES",
                "-X", PRIV_PASS, target()));
        return c;
    }

    List<String> v2c(String tool, String community) {
        List<String> c = base(tool);
        c.addAll(List.of("-v2c", "-c", community, target()));
        return c;
    }

    Cli.Result run(List<String> command, String... args) throws Exception {
        return Cli.run(Cli.concat(command, args), 20_000);
    }

    @Override
    public void close() {
        agent.close();
        Cli.deleteTree(stateDir);
    }
}
