#!/usr/bin/python3
"""One session's edit-config waits on the engine while N other sessions read.

Usage: nc_concurrent.py HOST PORT USER PASSWORD READERS CONFIG_XML
Prints JSON lines: {"event": "connected"}, {"event": "edit-sent"}, then, after the driver writes
a line "go" on stdin, one {"event": "read", "i": i, ...} per reader (get-config running and
get on its own session, each in its own thread), and {"event": "edit", ...} when the edit answers.
The driver decides when the engine answers the edit; this script never waits on a timer.
"""
import json
import sys
import threading
import time

import ncclient.transport.ssh as ssh_transport
ssh_transport.TICK = 0.001

from ncclient import manager  # noqa: E402
from ncclient.operations import RPCError  # noqa: E402

lock = threading.Lock()


def say(obj):
    with lock:
        print(json.dumps(obj), flush=True)


def connect(host, port, user, password):
    return manager.connect(host=host, port=port, username=user, password=password, hostkey_verify=False,
                           allow_agent=False, look_for_keys=False, timeout=60)


def main():
    host, port, user, password, readers, config = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4], \
        int(sys.argv[5]), sys.argv[6]
    editor = connect(host, port, user, password)
    sessions = [connect(host, port, user, password) for _ in range(readers)]
    for m in [editor] + sessions:
        m.timeout = 120
    say({"event": "connected"})
    edit_done = threading.Event()

    def edit():
        out = {"event": "edit"}
        try:
            editor.edit_config(target="running", config=config)
            out["ok"] = True
        except RPCError as e:
            out["error"] = {"tag": e.tag, "message": (e.message or "").strip()}
        except Exception as e:  # noqa: BLE001 - reported to the Java test
            out["exception"] = type(e).__name__ + ": " + str(e)
        edit_done.set()
        say(out)

    threading.Thread(target=edit, daemon=True).start()
    say({"event": "edit-sent"})
    if sys.stdin.readline().strip() != "go":
        return

    def read(i, m):
        out = {"event": "read", "i": i}
        t0 = time.perf_counter()
        try:
            cfg = m.get_config(source="running").data_xml
            state = m.get().data_xml
            out["ok"] = "<ipmp" in cfg and "<data" in state
        except Exception as e:  # noqa: BLE001
            out["exception"] = type(e).__name__ + ": " + str(e)
        out["ms"] = round((time.perf_counter() - t0) * 1000, 1)
        out["edit_pending"] = not edit_done.is_set()
        say(out)

    threads = [threading.Thread(target=read, args=(i, m), daemon=True) for i, m in enumerate(sessions)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    edit_done.wait()
    for m in [editor] + sessions:
        try:
            m.close_session()
        except Exception:  # noqa: BLE001
            pass


if __name__ == "__main__":
    main()
