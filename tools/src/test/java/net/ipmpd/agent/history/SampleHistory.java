package net.ipmpd.agent.history;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A history as a daemon writes it for a three-member group (m2 standby) that sees a pulled
 * cable on m0 (failover to m1), the repair (failback), m1 taken offline and back by if_mpadm,
 * and a restart of ipmpd. Used by the ipmpstat -e and timeline tests.
 */
public final class SampleHistory {
    public static final Instant T0 = Instant.parse("2026-12-05T10:00:00Z");

    private SampleHistory() {
    }

    private static Instant at(long micros) {
        return T0.plusNanos(micros * 1000);
    }

    private static HistoryEvent e(long micros, EventKind k, String member, String cause, String... kv) {
        java.util.Map<String, String> d = new java.util.LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            d.put(kv[i], kv[i + 1]);
        }
        return new HistoryEvent(at(micros), k, "g0", member, cause, d);
    }

    public static List<HistoryEvent> events() {
        List<HistoryEvent> l = new ArrayList<>();
        l.add(new HistoryEvent(at(0), EventKind.DAEMON_STARTED, "", "", "", Map.of("pid", "100")));
        l.add(e(1_000, EventKind.MEMBER_STATE, "m0", "", "state", "ok", "addresses", "198.18.7.100"));
        l.add(e(1_000, EventKind.MEMBER_STATE, "m1", "", "state", "ok", "addresses", "198.18.7.101"));
        l.add(e(1_000, EventKind.MEMBER_STATE, "m2", "", "state", "standby", "addresses", ""));
        // failover: the cable of m0 is pulled at 5 s
        long f = 5_000_000;
        l.add(e(f, EventKind.KERNEL_NOTICE, "m0", "", "link", "down"));
        l.add(e(f + 180, EventKind.LINK_DOWN, "m0", "link-down"));
        l.add(e(f + 180, EventKind.FAILURE, "m0", "link-down"));
        l.add(e(f + 180, EventKind.ADDRESS_MOVED, "m1", "link-down", "address", "198.18.7.100", "from", "m0", "to", "m1"));
        l.add(e(f + 260, EventKind.ADDRESS_ADDED, "m1", "", "address", "198.18.7.100"));
        l.add(e(f + 310, EventKind.ANNOUNCED, "m1", "", "address", "198.18.7.100", "packet", "garp"));
        l.add(e(f + 400, EventKind.MEMBER_STATE, "m0", "", "state", "failed", "addresses", ""));
        l.add(e(f + 400, EventKind.MEMBER_STATE, "m1", "", "state", "ok", "addresses", "198.18.7.100 198.18.7.101"));
        l.add(e(f + 1_900, EventKind.TRAP_SENT, "m0", "", "notification", "member"));
        l.add(e(f + 2_300, EventKind.NETCONF_SENT, "m0", "", "notification", "InterfaceFailed", "sessions", "1"));
        // repair and failback at 12.5 s
        long r = 12_500_000;
        l.add(e(r, EventKind.KERNEL_NOTICE, "m0", "", "link", "up"));
        l.add(e(r + 150, EventKind.REPAIR, "m0", "repaired"));
        l.add(e(r + 150, EventKind.ADDRESS_MOVED, "m0", "failback", "address", "198.18.7.100", "from", "m1", "to", "m0"));
        l.add(e(r + 240, EventKind.ANNOUNCED, "m0", "", "address", "198.18.7.100", "packet", "garp"));
        l.add(e(r + 300, EventKind.MEMBER_STATE, "m0", "", "state", "ok", "addresses", "198.18.7.100"));
        l.add(e(r + 300, EventKind.MEMBER_STATE, "m1", "", "state", "ok", "addresses", "198.18.7.101"));
        // if_mpadm -d m1 at 20 s, -r at 26 s
        long o = 20_000_000;
        l.add(e(o, EventKind.ADMIN_REQUEST, "m1", "admin-offline", "by", "if_mpadm", "request", "offline", "result", "done"));
        l.add(e(o + 90, EventKind.OFFLINE, "m1", "admin-offline"));
        l.add(e(o + 90, EventKind.ADDRESS_MOVED, "m2", "admin-offline", "address", "198.18.7.101", "from", "m1", "to", "m2"));
        l.add(e(o + 200, EventKind.MEMBER_STATE, "m1", "", "state", "offline", "addresses", ""));
        l.add(e(o + 200, EventKind.MEMBER_STATE, "m2", "", "state", "ok", "addresses", "198.18.7.101"));
        long on = 26_000_000;
        l.add(e(on, EventKind.ADMIN_REQUEST, "m1", "admin-online", "by", "if_mpadm", "request", "online", "result", "done"));
        l.add(e(on + 80, EventKind.ONLINE, "m1", "admin-online"));
        l.add(e(on + 80, EventKind.ADDRESS_MOVED, "m1", "failback", "address", "198.18.7.101", "from", "m2", "to", "m1"));
        l.add(e(on + 200, EventKind.MEMBER_STATE, "m1", "", "state", "ok", "addresses", "198.18.7.101"));
        l.add(e(on + 200, EventKind.MEMBER_STATE, "m2", "", "state", "standby", "addresses", ""));
        // a restart at 30 s
        l.add(new HistoryEvent(at(30_000_000), EventKind.DAEMON_STOPPED, "", "", "", Map.of()));
        l.add(new HistoryEvent(at(31_000_000), EventKind.DAEMON_STARTED, "", "", "", Map.of("pid", "101")));
        l.add(e(31_001_000, EventKind.MEMBER_STATE, "m0", "", "state", "ok", "addresses", "198.18.7.100"));
        l.add(e(31_001_000, EventKind.MEMBER_STATE, "m1", "", "state", "ok", "addresses", "198.18.7.101"));
        l.add(e(31_001_000, EventKind.MEMBER_STATE, "m2", "", "state", "standby", "addresses", ""));
        return l;
    }
}
