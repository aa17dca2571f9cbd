package net.ipmpd.testlab.mgmt;

import net.ipmpd.testlab.ExecResult;
import net.ipmpd.testlab.Lab;
import net.ipmpd.testlab.LabException;
import net.ipmpd.testlab.LabProcess;
import net.ipmpd.testlab.LabTimeoutException;

import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * The manager side of SNMP in a lab: net-snmp's snmptrapd and snmpwalk, run in the lab's host namespace where the
 * daemon's agent listens on 127.0.0.1, with IPMP-MIB (and the vendored IETF modules) loaded by name, so every trap
 * and every walked object is printed with its MIB name as an operator would see it.
 */
final class SnmpManager implements AutoCloseable {
    private static final Logger LOG = LogManager.getLogger(SnmpManager.class);
    static final String COMMUNITY = "public";
    /** The SNMPv3 user the agent sends informs as (access none: notifications only). */
    static final String TRAP_USER = "ipmpTrap";
    /** An SNMPv3 user that may write (SET), with the same keys as the trap user. */
    static final String ADMIN_USER = "ipmpAdmin";
    private static final String AUTH_PASS = "lab-auth-secret";
    private static final String PRIV_PASS = "lab-priv-secret";
    static final String V2C_TRAP = "TRAP2, SNMP v2c, community " + COMMUNITY + "|";
    static final String V3_INFORM = "INFORM, SNMP v3, user " + TRAP_USER + ",";
    static final int AGENT_PORT = 1161;
    static final int TRAP_PORT = 1162;
    /** The MIB folders (the tests run in the testlab module): ours, then the vendored IETF modules. */
    static final Path MIB_DIR = Path.of("..", "mib", "src", "main", "mib").toAbsolutePath().normalize();
    static final String MIB_PATH = "+" + MIB_DIR + ":" + MIB_DIR.resolve("ietf");

    private final Lab lab;
    private final Path dir;
    private LabProcess trapd;

    SnmpManager(Lab lab, Path dir) {
        this.lab = lab;
        this.dir = dir;
    }

    /**
     * The daemon's snmp.json: v2c reads from loopback; every notification goes to our snmptrapd twice, as a v2c trap
     * and as an SNMPv3 authPriv inform (SHA-256/AES-128, acknowledged by snmptrapd); state kept in dir.
     */
    Path writeAgentSettings() {
        String json = """
                {
                  "listen": { "address": "127.0.0.1", "port": %d },
                  "stateDirectory": "%s",
                  "system": { "name": "lab-host", "contact": "noc@example.org", "location": "lab" },
                  "users": [ { "name": "%s", "auth": "SHA-256", "authPassphrase": "%s",
                               "priv": "AES-128", "privPassphrase": "%s", "access": "none" },
                             { "name": "%s", "auth": "SHA-256", "authPassphrase": "%s",
                               "priv": "AES-128", "privPassphrase": "%s", "access": "rw" } ],
                  "communities": [ { "community": "%s", "sources": [ "127.0.0.1/32" ] } ],
                  "trapTargets": [
                    { "address": "127.0.0.1", "port": %d, "community": "%s", "type": "trap" },
                    { "address": "127.0.0.1", "port": %d, "user": "%s", "type": "inform", "retries": 2, "timeoutMs": 1000 }
                  ]
                }
                """.formatted(AGENT_PORT, dir.resolve("snmp-state"), TRAP_USER, AUTH_PASS, PRIV_PASS, ADMIN_USER, AUTH_PASS,
                PRIV_PASS, COMMUNITY,
                TRAP_PORT, COMMUNITY, TRAP_PORT, TRAP_USER);
        Path file = dir.resolve("snmp.json");
        write(file, json);
        return file;
    }

    /** The real daemon of the management labs (MgmtLabs.twoGroups) with this agent's settings. */
    ManagedDaemon startDaemon() {
        return ManagedDaemon.start(lab, dir, MgmtLabs.twoGroups().render(), "--snmp-config",
                writeAgentSettings().toString());
    }

    /**
     * Starts snmptrapd on 127.0.0.1:TRAP_PORT of the host namespace, one line per notification on stdout:
     * {@code PDU-type, version, community|varbind<TAB>varbind...}.
     */
    void startTrapReceiver() {
        Path conf = dir.resolve("snmptrapd.conf");
        // for informs snmptrapd is the authoritative engine (RFC 3414), so the user needs no engine ID here
        write(conf, "authCommunity log " + COMMUNITY + "\n"
                + "createUser " + TRAP_USER + " SHA-256 " + AUTH_PASS + " AES " + PRIV_PASS + "\n"
                + "authUser log " + TRAP_USER + " priv\n");
        // stdbuf: snmptrapd's stdout is a pipe, line buffering makes each trap visible when it arrives
        trapd = lab.spawn(lab.hostNs(), "env", "SNMP_PERSISTENT_DIR=" + dir.resolve("trapd-persist"),
                "SNMPCONFPATH=" + dir, "stdbuf", "-oL", "snmptrapd", "-f", "-Lo", "-C", "-c", conf.toString(),
                "-m", "+IPMP-MIB", "-M", MIB_PATH, "-F", "%P|%v\n", "udp:127.0.0.1:" + TRAP_PORT);
        if (trapd.stdout().await(0, l -> l.contains("NET-SNMP version"), Duration.ofSeconds(10)).isEmpty()) {
            throw new LabTimeoutException("snmptrapd did not start: " + trapd.stderr() + trapd.stdout());
        }
    }

    long mark() {
        return trapd.stdout().mark();
    }

    /**
     * Waits until the notification whose line contains every fragment has arrived both ways, as v2c trap and as v3
     * inform; returns the v2c trap's line.
     */
    String awaitTrap(long mark, Duration timeout, String... fragments) {
        return awaitTrap(mark, () -> timeout, fragments);
    }

    /**
     * As {@link #awaitTrap(long, Duration, String...)}, with a time budget (from the call) that is re-read while
     * waiting: ipmpd may raise the group's failure detection time meanwhile, and detection and repair follow it.
     */
    String awaitTrap(long mark, Supplier<Duration> budget, String... fragments) {
        long start = System.nanoTime();
        String v2c = awaitOne(mark, start, budget, V2C_TRAP, fragments);
        awaitOne(mark, start, budget, V3_INFORM, fragments);
        return v2c;
    }

    private String awaitOne(long mark, long start, Supplier<Duration> budget, String prefix, String... fragments) {
        Predicate<String> match = l -> l.startsWith(prefix) && List.of(fragments).stream().allMatch(l::contains);
        for (int slice = 0; slice < 1000; slice++) {
            Optional<String> line = trapd.stdout().await(mark, match, Duration.ofMillis(200));
            if (line.isPresent()) {
                return line.get();
            }
            if (System.nanoTime() - start > budget.get().toNanos()) {
                break;
            }
        }
        throw new LabTimeoutException("no " + prefix + " notification with " + List.of(fragments) + " within "
                + budget.get().toMillis() + " ms; notifications since the mark:\n" + String.join("\n", traps(mark)));
    }

    List<String> traps(long mark) {
        return trapd.stdout().since(mark).stream().filter(l -> l.contains("|")).toList();
    }

    /**
     * snmpwalk -v2c of a subtree (a MIB name), one "name.index = value" line per object, values without type
     * prefix and enums printed by label (-OQ quick print, -Os module-less names would hide the module).
     */
    List<String> walk(String subtree) {
        List<String> argv = new ArrayList<>(List.of("env", "SNMPCONFPATH=/nonexistent",
                "SNMP_PERSISTENT_DIR=" + dir.resolve("walk-persist"), "snmpwalk", "-m", "+IPMP-MIB", "-M", MIB_PATH,
                "-v2c", "-c", COMMUNITY, "-t", "2", "-r", "1", "-OQ", "udp:127.0.0.1:" + AGENT_PORT, subtree));
        ExecResult r = lab.exec(lab.hostNs(), Duration.ofSeconds(20), argv.toArray(String[]::new));
        // Debian's net-snmp lists default modules it does not ship (snmp-mibs-downloader is non-free) and complains
        // about those; a complaint about our modules, though, means IPMP-MIB did not load cleanly.
        boolean ourMibComplains = r.stderr().lines().anyMatch(l -> l.contains("IPMP")
                || (l.contains(MIB_DIR.toString()) && !l.startsWith("MIB search path")));
        if (!r.ok() || ourMibComplains || r.stdout().contains("No Such")) {
            throw new LabException("snmpwalk " + subtree + ": " + r.describeFailure() + "\n" + r.stdout() + r.stderr());
        }
        return r.stdout().lines().filter(l -> !l.isBlank()).toList();
    }

    /**
     * Runs a Net-SNMP command-line tool against the agent (the target is appended after the options), with IPMP-MIB
     * loaded by name and no user configuration read; returns what it printed, whatever the exit code.
     */
    ExecResult tool(String tool, List<String> options, String... oids) {
        List<String> argv = new ArrayList<>(List.of("env", "SNMPCONFPATH=/nonexistent",
                "SNMP_PERSISTENT_DIR=" + dir.resolve("tool-persist"), tool, "-m", "+IPMP-MIB", "-M", MIB_PATH));
        argv.addAll(options);
        argv.add("udp:127.0.0.1:" + AGENT_PORT);
        argv.addAll(List.of(oids));
        return lab.exec(lab.hostNs(), Duration.ofSeconds(30), argv.toArray(String[]::new));
    }

    /** The v3 user's options with the configured keys, or with a wrong authentication key. */
    static List<String> v3(String user, boolean rightKey) {
        return List.of("-v3", "-l", "authPriv", "-u", user, "-a", "SHA-256", "-A",
                rightKey ? AUTH_PASS : "not-the-auth-key", "-x", "AES", "-X", PRIV_PASS);
    }

    private static void write(Path file, String text) {
        try {
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        if (trapd != null) {
            trapd.stop();
            LOG.info("snmptrapd received:\n{}", String.join("\n", trapd.stdout().all()));
        }
    }
}
