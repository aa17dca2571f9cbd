#!/usr/bin/python3
"""NETCONF round-trip benchmark with ncclient (TICK lowered, see pitfall P15).

Usage: nc_bench.py NAME HOST PORT USER PASSWORD ROUNDS SESSIONS [EDIT]
Prints one JSON line: get-config median/p99 in ms, sessions per second, and with EDIT=1 the
time from sending an edit-config that moves a data address (home-member change) to receiving
the address-moved notification (median over a few rounds).
"""
import json
import statistics
import sys
import threading
import time

import ncclient.transport.ssh as ssh_transport
ssh_transport.TICK = 0.0005

from ncclient import manager  # noqa: E402

NS = "urn:ipmpd:yang:ipmp"


def connect(host, port, user, password):
    return manager.connect(host=host, port=port, username=user, password=password, hostkey_verify=False,
                           allow_agent=False, look_for_keys=False, timeout=30)


def pct(values, p):
    s = sorted(values)
    return s[min(len(s) - 1, int(round(p / 100.0 * (len(s) - 1))))]


def main():
    name, host, port, user, password = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4], sys.argv[5]
    rounds, sessions = int(sys.argv[6]), int(sys.argv[7])
    edit = len(sys.argv) > 8 and sys.argv[8] == "1"
    m = connect(host, port, user, password)
    size = len(m.get_config(source="running").data_xml)
    for _ in range(50):
        m.get_config(source="running")
    times = []
    for _ in range(rounds):
        t0 = time.perf_counter()
        m.get_config(source="running")
        times.append((time.perf_counter() - t0) * 1000)
    m.close_session()
    t0 = time.perf_counter()
    for _ in range(sessions):
        s = connect(host, port, user, password)
        s.close_session()
    per_s = sessions / (time.perf_counter() - t0)
    out = {"server": name, "reply_bytes": size, "get_config_median_ms": round(statistics.median(times), 3),
           "get_config_p99_ms": round(pct(times, 99), 3), "sessions_per_s": round(per_s, 2)}
    if edit:
        out["edit_to_address_moved_ms"] = edit_to_moved(host, port, user, password)
    print(json.dumps(out), flush=True)


def edit_to_moved(host, port, user, password):
    """Moves 198.18.0.100 between eth0 and eth1 by changing its home member (FAILBACK=yes)."""
    listener = connect(host, port, user, password)
    listener.create_subscription()
    editor = connect(host, port, user, password)
    results = []
    home = "eth1"
    for _ in range(21):
        cfg = ('<config xmlns="urn:ietf:params:xml:ns:netconf:base:1.0"><ipmp xmlns="%s"><group><name>g0</name>'
               '<data-address><address>198.18.0.100</address><home-member>%s</home-member></data-address>'
               '</group></ipmp></config>' % (NS, home))
        t0 = time.perf_counter()
        editor.edit_config(target="running", config=cfg)
        while True:
            n = listener.take_notification(block=True, timeout=5)
            if n is None:
                return None
            if "address-moved" in n.notification_xml:
                results.append((time.perf_counter() - t0) * 1000)
                break
        home = "eth0" if home == "eth1" else "eth1"
    editor.close_session()
    listener.close_session()
    return {"median": round(statistics.median(results[1:]), 3), "p99": round(pct(results[1:], 99), 3), "n": len(results) - 1}


if __name__ == "__main__":
    main()
