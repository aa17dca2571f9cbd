package net.ipmpd.agent.linux;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.StandardProtocolFamily;
import java.nio.channels.DatagramChannel;
import java.nio.channels.MembershipKey;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import net.ipmpd.engine.action.Action.SetNominees;
import net.ipmpd.engine.config.EngineConfig;
import net.ipmpd.engine.config.GroupConfig;
import net.ipmpd.engine.config.MemberConfig;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * Multicast and broadcast failover the Solaris way, with nominees. (1) Only each group's
 * nominees receive multicast and broadcast ({@link NomineeRules}, applied with nftables), so a
 * packet flooded to every member is received once. (2) The group memberships that applications
 * hold on any member are joined on the nominee by ipmpd (proxy memberships), so receivers keep
 * receiving when their interface fails: Linux delivers to every socket that joined the group
 * (IP_MULTICAST_ALL, on by default) once the arrival interface has joined it. Proxies no longer
 * needed are withdrawn.
 *
 * <p>Runs on the dataplane's timer thread (the daemon's network namespace), off the unicast
 * failover path: the nft transaction costs a few milliseconds of a child process. Memberships
 * are re-read every second, since the kernel sends no netlink event for IGMP/MLD joins.
 */
final class MulticastNominees implements AutoCloseable {
    private static final Logger LOG = LogManager.getLogger(MulticastNominees.class);
    private static final long REFRESH_MS = 1_000;

    private final ScheduledExecutorService timer;
    private final Map<String, List<String>> membersOfGroup = new LinkedHashMap<>();
    private final Map<String, SetNominees> nominees = new LinkedHashMap<>();
    /** What was last logged per group, so that only changes are logged. */
    private final Map<String, SetNominees> logged = new HashMap<>();
    /** Our proxy memberships: (interface, group address) to the key that holds it. */
    private final Map<String, Map<InetAddress, MembershipKey>> proxies = new HashMap<>();
    private DatagramChannel v4;
    private DatagramChannel v6;
    private String appliedRuleset = "";
    private boolean nftMissingReported;
    private ScheduledFuture<?> refresher;

    MulticastNominees(ScheduledExecutorService timer) {
        this.timer = timer;
    }

    void start() {
        refresher = timer.scheduleWithFixedDelay(this::refreshSafely, REFRESH_MS, REFRESH_MS, TimeUnit.MILLISECONDS);
    }

    /** The groups and their members (any thread). */
    void configure(EngineConfig config) {
        Map<String, List<String>> m = new LinkedHashMap<>();
        for (GroupConfig g : config.groups()) {
            m.put(g.name(), g.members().stream().map(MemberConfig::interfaceName).toList());
        }
        timer.execute(() -> {
            membersOfGroup.clear();
            membersOfGroup.putAll(m);
            nominees.keySet().retainAll(m.keySet());
            refreshSafely();
        });
    }

    /** The engine's new nominees for a group (any thread; applied on the timer thread). */
    void nominate(SetNominees n) {
        timer.execute(() -> {
            nominees.put(n.group(), n);
            refreshSafely();
        });
    }

    private void refreshSafely() {
        try {
            applyRules();
            refreshProxies();
        } catch (RuntimeException e) {
            LOG.warn("multicast nominees: {}", e.toString());
        }
    }

    private void applyRules() {
        Map<String, NomineeRules.GroupNominees> groups = new LinkedHashMap<>();
        for (var e : nominees.entrySet()) {
            List<String> members = membersOfGroup.getOrDefault(e.getKey(), List.of());
            SetNominees n = e.getValue();
            groups.put(e.getKey(), new NomineeRules.GroupNominees(members, n.ipv4Multicast(), n.ipv4Broadcast(), n.ipv6Multicast()));
        }
        String ruleset = NomineeRules.ruleset(groups);
        if (!ruleset.equals(appliedRuleset) && nft(ruleset)) {
            appliedRuleset = ruleset;
            for (var e : nominees.entrySet()) {
                SetNominees n = e.getValue();
                if (n.equals(logged.put(e.getKey(), n))) {
                    continue;   // this group's nominees did not change
                }
                if (n.ipv4Multicast() == null) {
                    LOG.info("group {}: no usable member, so no nominees: multicast and broadcast are not filtered", e.getKey());
                } else {
                    LOG.info("group {}: multicast and broadcast received on nominees IPv4 multicast {}, IPv4 broadcast {}, IPv6 multicast {}",
                            e.getKey(), n.ipv4Multicast(), n.ipv4Broadcast(), n.ipv6Multicast());
                }
            }
        }
    }

    /** Joins on each nominee what applications joined on any member; drops what is not needed. */
    private void refreshProxies() {
        GroupMemberships now = read();
        Map<String, Set<InetAddress>> wanted = new HashMap<>();
        for (var e : nominees.entrySet()) {
            List<String> members = membersOfGroup.getOrDefault(e.getKey(), List.of());
            SetNominees n = e.getValue();
            for (String m : members) {
                for (InetAddress g : now.groupsOn(m)) {
                    String nominee = g instanceof Inet4Address ? n.ipv4Multicast() : n.ipv6Multicast();
                    if (nominee == null) {
                        continue;
                    }
                    int appUsersOnNominee = now.users(nominee, g) - (holds(nominee, g) ? 1 : 0);
                    boolean isOurs = m.equals(nominee) ? appUsersOnNominee <= 0 : now.users(m, g) - (holds(m, g) ? 1 : 0) <= 0;
                    if (!isOurs && appUsersOnNominee <= 0) {
                        wanted.computeIfAbsent(nominee, k -> new HashSet<>()).add(g);
                    }
                }
            }
        }
        for (var byIf : new ArrayList<>(proxies.entrySet())) {
            for (var it = byIf.getValue().entrySet().iterator(); it.hasNext(); ) {
                var p = it.next();
                if (!wanted.getOrDefault(byIf.getKey(), Set.of()).contains(p.getKey())) {
                    p.getValue().drop();
                    it.remove();
                    LOG.info("multicast group {} no longer joined for applications on {}", p.getKey().getHostAddress(), byIf.getKey());
                }
            }
        }
        for (var w : wanted.entrySet()) {
            for (InetAddress g : w.getValue()) {
                if (!holds(w.getKey(), g)) {
                    join(w.getKey(), g);
                }
            }
        }
    }

    private boolean holds(String ifname, InetAddress g) {
        return proxies.getOrDefault(ifname, Map.of()).containsKey(g);
    }

    private void join(String ifname, InetAddress g) {
        try {
            NetworkInterface nif = NetworkInterface.getByName(ifname);
            if (nif == null) {
                return;
            }
            MembershipKey key = channel(g instanceof Inet4Address).join(g, nif);
            proxies.computeIfAbsent(ifname, k -> new HashMap<>()).put(g, key);
            LOG.info("multicast group {} joined on nominee {} for the applications that joined it on another member",
                    g.getHostAddress(), ifname);
        } catch (IOException e) {
            LOG.warn("cannot join multicast group {} on {}: {}", g.getHostAddress(), ifname, e.getMessage());
        }
    }

    private DatagramChannel channel(boolean ipv4) throws IOException {
        if (ipv4) {
            if (v4 == null) {
                v4 = DatagramChannel.open(StandardProtocolFamily.INET);
            }
            return v4;
        }
        if (v6 == null) {
            v6 = DatagramChannel.open(StandardProtocolFamily.INET6);
        }
        return v6;
    }

    /** /proc/thread-self: the files of this thread's network namespace. */
    private static GroupMemberships read() {
        return GroupMemberships.of(lines("/proc/thread-self/net/igmp"), lines("/proc/thread-self/net/igmp6"));
    }

    private static List<String> lines(String file) {
        try {
            return Files.readAllLines(Path.of(file));
        } catch (IOException e) {
            return List.of();
        }
    }

    private boolean nft(String script) {
        try {
            Process p = new ProcessBuilder("nft", "-f", "-").redirectErrorStream(true).start();
            p.getOutputStream().write(script.getBytes(StandardCharsets.UTF_8));
            p.getOutputStream().close();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (!p.waitFor(5, TimeUnit.SECONDS) || p.exitValue() != 0) {
                LOG.warn("nftables refused the nominee rules: {}", out);
                return false;
            }
            return true;
        } catch (IOException e) {
            if (!nftMissingReported) {
                nftMissingReported = true;
                LOG.warn("nft (nftables) is not available ({}): multicast and broadcast are received on every member;"
                        + " install nftables", e.getMessage());
            }
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Removes the rules and the proxy memberships (on the timer thread, if it still runs). */
    @Override
    public void close() {
        if (refresher != null) {
            refresher.cancel(false);
        }
        Runnable cleanup = () -> {
            if (!appliedRuleset.isEmpty()) {
                nft(NomineeRules.deleteTable());
            }
            proxies.values().forEach(m -> m.values().forEach(MembershipKey::drop));
            proxies.clear();
            closeQuietly(v4);
            closeQuietly(v6);
        };
        try {
            timer.submit(cleanup).get(5, TimeUnit.SECONDS);
        } catch (Exception e) {
            LOG.warn("removing the nominee rules failed: {}", e.toString());
        }
    }

    private static void closeQuietly(DatagramChannel c) {
        if (c != null) {
            try {
                c.close();
            } catch (IOException ignored) {
                // closing: nothing more to do
            }
        }
    }
}
