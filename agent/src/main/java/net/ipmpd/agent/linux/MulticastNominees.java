package net.ipmpd.agent.linux;

import java.net.Inet4Address;
import java.net.InetAddress;
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
import net.ipmpd.engine.config.AddressText;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * Multicast and broadcast failover the Solaris way, with nominees. (1) Only each group's
 * nominees receive multicast and broadcast ({@link NomineeRules}, applied with nftables), so a
 * packet flooded to every member is received once. (2) The group memberships that applications
 * hold on any member are joined on the nominee by ipmpd (proxy memberships), so receivers keep
 * receiving when their interface fails: Linux delivers to every socket that joined the group
 * (IP_MULTICAST_ALL, on by default) once the arrival interface has joined it. Proxies no longer
 * needed are withdrawn. (3) A new nominee, and a nominee whose carrier returns, sends
 * unsolicited membership reports for everything it has joined, so a snooping switch (which
 * forgot the port's groups when its link went down) forwards again at once instead of at the
 * querier's next query.
 *
 * <p>Runs on the dataplane's timer thread (the daemon's network namespace), off the unicast
 * failover path: the nft transaction costs a few milliseconds of a child process. Memberships
 * are re-read every second, since the kernel sends no netlink event for IGMP/MLD joins. No
 * failure stops that refresh: a join, leave or report that fails is logged once and retried at
 * the next refresh, and anything thrown by a refresh is caught (Java once turned a failed leave
 * into an AssertionError that killed the periodic task for good).
 */
final class MulticastNominees implements AutoCloseable {
    private static final Logger LOG = LogManager.getLogger(MulticastNominees.class);
    static final long REFRESH_MS = 1_000;
    /** A second copy of each report, for a switch that lost the first (RFC 3376 robustness). */
    static final long REPORT_REPEAT_MS = 500;

    private final ScheduledExecutorService timer;
    private final MulticastKernel kernel;
    private final long refreshMs;
    private final Map<String, List<String>> membersOfGroup = new LinkedHashMap<>();
    private final Map<String, SetNominees> nominees = new LinkedHashMap<>();
    /** What was last logged per group, so that only changes are logged. */
    private final Map<String, SetNominees> logged = new HashMap<>();
    /** Our proxy memberships: interface to group address to the membership. */
    private final Map<String, Map<InetAddress, MulticastKernel.Membership>> proxies = new HashMap<>();
    /** Per group and family ("ipmp0/4"), the nominee that has sent its reports. */
    private final Map<String, String> reported = new HashMap<>();
    /** Failures logged and not yet overcome, by what failed: each is logged once. */
    private final Map<String, String> failures = new HashMap<>();
    private String appliedRuleset = "";
    private ScheduledFuture<?> refresher;

    MulticastNominees(ScheduledExecutorService timer) {
        this(timer, new LinuxMulticastKernel(), REFRESH_MS);
    }

    MulticastNominees(ScheduledExecutorService timer, MulticastKernel kernel, long refreshMs) {
        this.timer = timer;
        this.kernel = kernel;
        this.refreshMs = refreshMs;
    }

    void start() {
        refresher = timer.scheduleWithFixedDelay(this::refreshSafely, refreshMs, refreshMs, TimeUnit.MILLISECONDS);
    }

    /** A group's members, as the engine's SetMembers says (any thread); none: the group was removed. */
    void members(String group, List<String> members) {
        List<String> copy = List.copyOf(members);
        timer.execute(() -> {
            if (copy.isEmpty()) {
                membersOfGroup.remove(group);
                nominees.remove(group);
            } else {
                membersOfGroup.put(group, copy);
            }
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

    /**
     * A member's carrier returned (any thread). The switch dropped what the port had joined
     * when the link went down, and Linux does not report again on carrier up: if the member is a
     * nominee, it reports now.
     */
    void linkRunning(String ifname) {
        timer.execute(() -> {
            reported.values().removeIf(ifname::equals);
            refreshSafely();
        });
    }

    /** One refresh; never throws, so the periodic task is never cancelled. */
    void refreshSafely() {
        try {
            applyRules();
            refreshProxies();
            reportOnNewNominees();
            overcome("refresh");
        } catch (Throwable t) {   // NOPMD: whatever it is, the next refresh must still run
            failed("refresh", "multicast refresh failed (retried in " + refreshMs + " ms): " + t);
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
        if (!ruleset.equals(appliedRuleset) && kernel.nft(ruleset)) {
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
        GroupMemberships now = kernel.memberships();
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
                if (!wanted.getOrDefault(byIf.getKey(), Set.of()).contains(p.getKey()) && leave(byIf.getKey(), p.getKey(), p.getValue())) {
                    it.remove();
                }
            }
        }
        proxies.values().removeIf(Map::isEmpty);
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
        String what = "join " + AddressText.of(g) + " on " + ifname;
        try {
            MulticastKernel.Membership m = kernel.join(ifname, g);
            proxies.computeIfAbsent(ifname, k -> new HashMap<>()).put(g, m);
            overcome(what);
            LOG.info("multicast group {} joined on nominee {} for the applications that joined it on another member",
                    AddressText.of(g), ifname);
        } catch (Throwable t) {   // NOPMD: retried at the next refresh
            failed(what, "cannot join multicast group " + AddressText.of(g) + " on " + ifname + " (retried every "
                    + refreshMs + " ms): " + t.getMessage());
        }
    }

    /** True if left; a failed leave keeps the membership on the books, to be retried. */
    private boolean leave(String ifname, InetAddress g, MulticastKernel.Membership m) {
        String what = "leave " + AddressText.of(g) + " on " + ifname;
        try {
            m.leave();
            overcome(what);
            LOG.info("multicast group {} no longer joined for applications on {}", AddressText.of(g), ifname);
            return true;
        } catch (Throwable t) {   // NOPMD: retried at the next refresh
            failed(what, "cannot leave multicast group " + AddressText.of(g) + " on " + ifname + " (retried every "
                    + refreshMs + " ms): " + t.getMessage());
            return false;
        }
    }

    /** Each nominee not yet reported (new, or its carrier returned) reports its groups, twice. */
    private void reportOnNewNominees() {
        for (var e : nominees.entrySet()) {
            reportIfNew(e.getKey() + "/4", e.getValue().ipv4Multicast(), true);
            reportIfNew(e.getKey() + "/6", e.getValue().ipv6Multicast(), false);
        }
    }

    private void reportIfNew(String key, String nominee, boolean ipv4) {
        if (nominee == null) {
            reported.remove(key);
            return;
        }
        if (nominee.equals(reported.get(key))) {
            return;
        }
        if (report(nominee, ipv4, true)) {
            reported.put(key, nominee);
            timer.schedule(() -> {
                try {
                    report(nominee, ipv4, false);
                } catch (Throwable t) {   // NOPMD: a lost repeat is not worth a dead timer task
                    LOG.debug("repeated report on {}: {}", nominee, t.toString());
                }
            }, REPORT_REPEAT_MS, TimeUnit.MILLISECONDS);
        }
    }

    private boolean report(String nominee, boolean ipv4, boolean first) {
        String what = "report " + (ipv4 ? "IGMP" : "MLD") + " on " + nominee;
        List<InetAddress> groups = kernel.memberships().groupsOn(nominee).stream()
                .filter(g -> (g instanceof Inet4Address) == ipv4).sorted(java.util.Comparator.comparing(InetAddress::getHostAddress)).toList();
        if (groups.isEmpty()) {
            return true;
        }
        try {
            kernel.report(nominee, groups);
            overcome(what);
            if (first) {
                LOG.info("nominee {} reported its {} multicast groups {} to the switch", nominee, ipv4 ? "IPv4" : "IPv6",
                        groups.stream().map(AddressText::of).toList());
            }
            return true;
        } catch (Throwable t) {   // NOPMD: retried at the next refresh
            failed(what, "cannot send " + (ipv4 ? "IGMP" : "MLD") + " membership reports on " + nominee
                    + " (retried every " + refreshMs + " ms): " + t.getMessage());
            return false;
        }
    }

    /** Logs a failure once, however often it repeats; a different message is logged again. */
    private void failed(String what, String message) {
        if (!message.equals(failures.put(what, message))) {
            LOG.warn("{}", message);
        }
    }

    private void overcome(String what) {
        if (failures.remove(what) != null) {
            LOG.info("{}: works again", what);
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
                kernel.nft(NomineeRules.deleteTable());
            }
            proxies.forEach((ifname, byGroup) -> byGroup.forEach((g, m) -> leave(ifname, g, m)));
            proxies.clear();
        };
        try {
            timer.submit(cleanup).get(5, TimeUnit.SECONDS);
        } catch (Exception e) {
            LOG.warn("removing the nominee rules failed: {}", e.toString());
        }
    }
}
