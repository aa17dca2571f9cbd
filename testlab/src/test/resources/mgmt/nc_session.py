#!/usr/bin/python3
"""One interactive NETCONF session with ncclient, for lab tests that act between NETCONF steps.

Usage: nc_session.py HOST PORT USER PASSWORD
Connects, prints {"connected": SESSION_ID}, then reads one JSON step per line from stdin and prints one JSON line
per step, {"n": N, "ok": true, "result": ...} or {"n": N, "error": {...}} (an rpc-error) or
{"n": N, "exception": "..."}; N counts the steps from 0. Steps:
  {"op": "subscribe"}                       RFC 5277 create-subscription (default NETCONF stream)
  {"op": "notification", "timeout": 5}      the next notification's XML, or null after the timeout
  {"op": "get", "filter": "<ipmp .../>"}   {"op": "get-config", "source": "running", "filter": "..."}
  {"op": "edit-config", "target": "candidate", "config": "<config>...</config>"}
  {"op": "commit"}  {"op": "close"}
An empty line or end of input closes the session.
"""
import json
import sys
import time

import ncclient.transport.ssh as ssh_transport
# ncclient polls its send queue every TICK seconds (0.1 by default), which would add 100 ms to every step.
ssh_transport.TICK = 0.001

from ncclient import manager  # noqa: E402
from ncclient.operations import RPCError  # noqa: E402


def step(m, s):
    op = s["op"]
    if op == "subscribe":
        m.create_subscription()
        return None
    if op == "notification":
        n = m.take_notification(block=True, timeout=s.get("timeout", 5))
        return None if n is None else n.notification_xml
    if op == "get":
        f = ("subtree", s["filter"]) if "filter" in s else None
        return m.get(filter=f).data_xml
    if op == "get-config":
        f = ("subtree", s["filter"]) if "filter" in s else None
        return m.get_config(source=s.get("source", "running"), filter=f).data_xml
    if op == "edit-config":
        m.edit_config(target=s.get("target", "running"), config=s["config"])
        return None
    if op == "commit":
        m.commit()
        return None
    if op == "close":
        m.close_session()
        return None
    raise ValueError("unknown step " + op)


def main():
    host, port, user, password = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4]
    m = manager.connect(host=host, port=port, username=user, password=password, hostkey_verify=False,
                        allow_agent=False, look_for_keys=False, timeout=20)
    print(json.dumps({"connected": m.session_id}), flush=True)
    n = 0
    for line in sys.stdin:
        if not line.strip():
            break
        s = json.loads(line)
        out = {"n": n, "op": s["op"]}
        t0 = time.monotonic()
        try:
            result = step(m, s)
            out["ok"] = True
            if result is not None:
                out["result"] = result
        except RPCError as e:
            out["error"] = {"tag": e.tag, "type": e.type, "path": (e.path or "").strip(),
                            "message": (e.message or "").strip(), "app_tag": e.app_tag}
        except Exception as e:  # noqa: BLE001 - reported to the Java test, which decides
            out["exception"] = type(e).__name__ + ": " + str(e)
        out["ms"] = round((time.monotonic() - t0) * 1000, 1)
        print(json.dumps(out), flush=True)
        n += 1
        if s["op"] == "close":
            return
    if m.connected:
        m.close_session()


if __name__ == "__main__":
    main()
