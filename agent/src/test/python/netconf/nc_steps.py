#!/usr/bin/python3
"""Runs NETCONF steps against a server with ncclient and prints one JSON line per step.

Usage: nc_steps.py HOST PORT STEPS.json
STEPS is a list of objects; "s" names the session a step runs on (default "a").
  {"op": "connect", "user": "admin", "password": "..."}  or  {"op": "connect", "user": "u", "key": "/path"}
  {"op": "hello"}  {"op": "get-config", "source": "running", "filter": "<ipmp .../>"}
  {"op": "get", "filter": "..."}  {"op": "edit-config", "target": "running", "config": "<config>..</config>",
   "default_operation": "merge", "test_option": "...", "error_option": "..."}
  {"op": "lock"|"unlock", "target": "candidate"}  {"op": "validate", "source": "candidate"}
  {"op": "commit"}  {"op": "discard-changes"}  {"op": "kill-session", "id": 3}  {"op": "close"}
  {"op": "get-schema", "identifier": "ipmp", "version": "..."}  {"op": "subscribe", "start": "2026-...Z", "stop": "..."}
  {"op": "notification", "timeout": 5}  {"op": "sleep", "seconds": 1.5}  {"op": "rpc", "xml": "<copy-config>...</copy-config>"}
Stops at the first step that raises something other than an rpc-error.
"""
import json
import sys
import time

import ncclient.transport.ssh as ssh_transport
# ncclient polls its send queue every TICK seconds (0.1 by default): every round trip would
# take 100 ms whatever the server does.
ssh_transport.TICK = 0.001

from ncclient import manager  # noqa: E402
from ncclient.operations import RPCError  # noqa: E402
from ncclient.xml_ import to_ele  # noqa: E402


def main():
    host, port, steps_file = sys.argv[1], int(sys.argv[2]), sys.argv[3]
    with open(steps_file) as f:
        steps = json.load(f)
    sessions = {}
    for i, step in enumerate(steps):
        s = step.get("s", "a")
        out = {"step": i, "op": step["op"], "s": s}
        t0 = time.perf_counter()
        try:
            result = run(host, port, sessions, s, step)
            out["ok"] = True
            if result is not None:
                out["result"] = result
        except RPCError as e:
            out["error"] = {"tag": e.tag, "type": e.type, "path": (e.path or "").strip(),
                            "message": (e.message or "").strip(), "app_tag": e.app_tag,
                            "info": e.info}
        except Exception as e:  # noqa: BLE001 - reported to the Java test, which decides
            out["exception"] = type(e).__name__ + ": " + str(e)
            print(json.dumps(out), flush=True)
            if step.get("may_fail"):
                continue
            break
        out["ms"] = round((time.perf_counter() - t0) * 1000, 1)
        print(json.dumps(out), flush=True)
    for m in sessions.values():
        try:
            if m.connected:
                m.close_session()
        except Exception:  # noqa: BLE001
            pass


def run(host, port, sessions, s, step):
    op = step["op"]
    if op == "connect":
        args = dict(host=host, port=port, username=step["user"], hostkey_verify=False,
                    allow_agent=False, look_for_keys=False, timeout=20)
        if "key" in step:
            args["key_filename"] = step["key"]
        else:
            args["password"] = step["password"]
        sessions[s] = manager.connect(**args)
        return {"session_id": sessions[s].session_id}
    m = sessions[s]
    if op == "hello":
        return {"session_id": m.session_id, "capabilities": sorted(m.server_capabilities)}
    if op == "get-config":
        f = ("subtree", step["filter"]) if "filter" in step else None
        return m.get_config(source=step.get("source", "running"), filter=f).data_xml
    if op == "get":
        f = ("subtree", step["filter"]) if "filter" in step else None
        return m.get(filter=f).data_xml
    if op == "edit-config":
        kw = {k: step[k] for k in ("default_operation", "test_option", "error_option") if k in step}
        m.edit_config(target=step.get("target", "running"), config=step["config"], **kw)
        return None
    if op == "lock":
        m.lock(step["target"])
        return None
    if op == "unlock":
        m.unlock(step["target"])
        return None
    if op == "validate":
        m.validate(source=step["source"])
        return None
    if op == "commit":
        m.commit()
        return None
    if op == "discard-changes":
        m.discard_changes()
        return None
    if op == "kill-session":
        m.kill_session(str(step["id"]))
        return None
    if op == "close":
        m.close_session()
        return None
    if op == "get-schema":
        return m.get_schema(step["identifier"], version=step.get("version")).data
    if op == "subscribe":
        # start/stop: RFC 5277 replay (startTime, stopTime), date-and-time strings
        m.create_subscription(start_time=step.get("start"), stop_time=step.get("stop"))
        return None
    if op == "notification":
        n = m.take_notification(block=True, timeout=step.get("timeout", 5))
        return None if n is None else n.notification_xml
    if op == "rpc":
        return str(m.dispatch(to_ele(step["xml"])))
    if op == "sleep":
        time.sleep(step["seconds"])
        return None
    if op == "connected":
        return m.connected
    raise ValueError("unknown step " + op)


if __name__ == "__main__":
    main()
