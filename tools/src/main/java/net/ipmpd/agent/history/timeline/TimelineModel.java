package net.ipmpd.agent.history.timeline;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.ipmpd.agent.history.EventKind;
import net.ipmpd.agent.history.HistoryEvent;

/**
 * The timeline's content as plain data for the page's script: one lane per member with its
 * states over time and the data addresses it held, the moves between lanes, a marker per step,
 * ipmpd's restarts and the incidents. Times are microseconds after the first entry, so the
 * page keeps microsecond precision in a JavaScript number.
 */
final class TimelineModel {
    private final Instant origin;
    private final Instant end;
    private final Map<String, Lane> lanes = new LinkedHashMap<>();
    private final List<Map<String, Object>> moves = new ArrayList<>();
    private final List<Map<String, Object>> markers = new ArrayList<>();
    private final List<Map<String, Object>> restarts = new ArrayList<>();

    private final class Lane {
        final String member;
        final String group;
        final List<Map<String, Object>> segments = new ArrayList<>();
        final List<Map<String, Object>> holds = new ArrayList<>();
        String state;
        long stateSince;
        final Map<String, Long> holding = new LinkedHashMap<>();

        Lane(String member, String group) {
            this.member = member;
            this.group = group;
        }

        void state(long t, String s) {
            if (s.equals(state)) {
                return;
            }
            closeState(t);
            state = s;
            stateSince = t;
        }

        void closeState(long t) {
            if (state != null && t > stateSince) {
                segments.add(Map.of("t0", stateSince, "t1", t, "state", state));
            } else if (state != null && !segments.isEmpty() && t == stateSince) {
                // a state replaced at the same instant leaves nothing to draw
            }
        }

        void holdAll(long t, Set<String> addresses) {
            for (String a : List.copyOf(holding.keySet())) {
                if (!addresses.contains(a)) {
                    release(t, a);
                }
            }
            addresses.forEach(a -> hold(t, a));
        }

        void hold(long t, String address) {
            holding.putIfAbsent(address, t);
        }

        void release(long t, String address) {
            Long since = holding.remove(address);
            if (since != null && t >= since) {
                holds.add(Map.of("t0", since, "t1", t, "address", address));
            }
        }

        Map<String, Object> finish(long t) {
            closeState(t);
            state = null;
            for (String a : List.copyOf(holding.keySet())) {
                release(t, a);
            }
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("member", member);
            m.put("group", group);
            m.put("segments", segments);
            m.put("holds", holds);
            return m;
        }
    }

    TimelineModel(List<HistoryEvent> events) {
        this.origin = events.isEmpty() ? Instant.EPOCH : events.getFirst().at();
        this.end = events.isEmpty() ? Instant.EPOCH : events.getLast().at();
        for (HistoryEvent e : events) {
            apply(e);
        }
    }

    private long t(Instant at) {
        return Duration.between(origin, at).toNanos() / 1000;
    }

    private Lane lane(HistoryEvent e) {
        if (e.member().isEmpty()) {
            return null;
        }
        return lanes.computeIfAbsent(e.member(), m -> new Lane(m, e.group()));
    }

    private void apply(HistoryEvent e) {
        long t = t(e.at());
        switch (e.kind()) {
            case MEMBER_STATE -> {
                Lane l = lane(e);
                l.state(t, e.detail("state"));
                String held = e.detail("addresses");
                l.holdAll(t, held.isEmpty() ? Set.of() : new LinkedHashSet<>(Arrays.asList(held.split(" "))));
            }
            case FAILURE -> laneState(e, t, "failed");
            case REPAIR, ONLINE -> laneState(e, t, "ok");
            case OFFLINE -> laneState(e, t, "offline");
            case FLAPPING -> laneState(e, t, "flapping");
            case ADDRESS_MOVED -> {
                String address = e.detail("address");
                if (lanes.containsKey(e.detail("from"))) {
                    lanes.get(e.detail("from")).release(t, address);
                }
                lane(e).hold(t, address);
                moves.add(Map.of("t", t, "address", address, "from", e.detail("from"), "to", e.detail("to"),
                        "cause", e.cause()));
            }
            case DAEMON_STARTED, DAEMON_STOPPED -> {
                for (Lane l : lanes.values()) {
                    l.state(t, "not-running");
                    l.holdAll(t, Set.of());
                }
                restarts.add(Map.of("t", t, "kind", e.kind() == EventKind.DAEMON_STARTED ? "started" : "stopped"));
            }
            default -> {
            }
        }
        if (marked(e.kind()) && lane(e) != null) {
            markers.add(Map.of("t", t, "member", e.member(), "kind", e.kind().word(), "label", Incident.label(e)));
        }
    }

    private void laneState(HistoryEvent e, long t, String state) {
        lane(e).state(t, state);
    }

    private static boolean marked(EventKind k) {
        return switch (k) {
            case PROBE_LOST, KERNEL_NOTICE, FAILURE, REPAIR, OFFLINE, ONLINE, ADDRESS_MOVED, ANNOUNCED, TRAP_SENT,
                 NETCONF_SENT, ADMIN_REQUEST, FLAPPING, FLAPPING_ENDED -> true;
            default -> false;
        };
    }

    int memberCount() {
        return lanes.size();
    }

    Map<String, Object> data(List<Incident> incidents) {
        long last = t(end);
        List<Map<String, Object>> laneData = new ArrayList<>();
        for (Lane l : lanes.values()) {
            laneData.add(l.finish(last));
        }
        List<Map<String, Object>> incidentData = new ArrayList<>();
        for (Incident i : incidents) {
            List<Map<String, Object>> steps = new ArrayList<>();
            for (Incident.Step s : i.steps()) {
                steps.add(Map.of("t", t(s.at()), "label", s.label(), "member", s.member(), "kind", s.kind().word()));
            }
            incidentData.add(Map.of("title", i.title(), "t0", t(i.start()), "t1", t(i.end()), "steps", steps));
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("origin", origin.toString());
        m.put("end", last);
        m.put("lanes", laneData);
        m.put("moves", moves);
        m.put("markers", markers);
        m.put("restarts", restarts);
        m.put("incidents", incidentData);
        return m;
    }
}
