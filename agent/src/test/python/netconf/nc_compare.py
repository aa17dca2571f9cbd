#!/usr/bin/python3
"""The external clients of scripts/bench-netconf.sh: the same measurements against every server,
alternated, then one table with ratios. Run inside the benchmark's namespace.

  nc_compare.py copy-config WORK IPMPD_PORT NETCONFD_PORT NETCONFD_USER KEY
      reads ipmpd's running configuration, writes WORK/initial-config.xml (netconf-testtool's
      start data) and puts the same configuration into netconfd (candidate, commit).
  nc_compare.py bench WORK/servers.json
      the measurements (see scripts/bench-netconf.sh); prints the table, and the raw figures of
      every run as JSON lines on stderr.

Round trips are timed on a raw paramiko channel (NETCONF 1.1 chunked framing), not through
ncclient, whose reader thread polls every TICK and would add up to a tick to every request.
Logins go through ncclient (a full NETCONF session: SSH, authentication, hello).
"""
import json
import os
import re
import socket
import statistics
import sys
import threading
import time

import paramiko

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import nc_login  # noqa: E402  (sets ncclient's TICK)
from ncclient import manager  # noqa: E402

BASE = "urn:ietf:params:xml:ns:netconf:base:1.0"
IPMP = "urn:ipmpd:yang:ipmp"
HELLO = ('<?xml version="1.0" encoding="UTF-8"?><hello xmlns="%s"><capabilities>'
         '<capability>urn:ietf:params:netconf:base:1.0</capability>'
         '<capability>urn:ietf:params:netconf:base:1.1</capability></capabilities></hello>]]>]]>' % BASE)
GET_CONFIG = '<get-config><source><running/></source></get-config>'
GET_IPMP = '<get><filter type="subtree"><ipmp xmlns="%s"/></filter></get>' % IPMP
TICK_NS = 1_000_000_000 // os.sysconf("SC_CLK_TCK")


class RawSession:
    """One NETCONF session over paramiko: hello, then request/reply in base:1.1 chunked framing."""

    def __init__(self, port, user, password=None, key=None, host="127.0.0.1"):
        sock = socket.create_connection((host, port), timeout=60)
        self.transport = paramiko.Transport(sock)
        self.transport.start_client(timeout=60)
        if key:
            self.transport.auth_publickey(user, paramiko.Ed25519Key.from_private_key_file(key))
        else:
            self.transport.auth_password(user, password)
        self.channel = self.transport.open_session()
        self.channel.invoke_subsystem("netconf")
        # a server that never answers ends the run with an error, not a hang
        self.channel.settimeout(120)
        self.buffer = b""
        self.channel.sendall(HELLO.encode())
        hello = self._read_until(b"]]>]]>")
        if b"urn:ietf:params:netconf:base:1.1" not in hello:
            raise RuntimeError("the server does not offer base:1.1: " + hello[:300].decode(errors="replace"))
        self.capabilities = hello.decode(errors="replace")
        # netconfd drops an RPC that arrives in the same read as the client's hello
        time.sleep(0.05)
        self.message_id = 0

    def _recv(self):
        data = self.channel.recv(1 << 20)
        if not data:
            raise EOFError("the server closed the session")
        self.buffer += data

    def _read_until(self, marker):
        while marker not in self.buffer:
            self._recv()
        message, self.buffer = self.buffer.split(marker, 1)
        return message

    def rpc(self, body):
        self.message_id += 1
        msg = ('<rpc message-id="%d" xmlns="%s">%s</rpc>' % (self.message_id, BASE, body)).encode()
        self.channel.sendall(b"\n#%d\n%s\n##\n" % (len(msg), msg))
        parts = []
        while True:
            while True:
                m = re.match(rb"\n#(\d+)\n|\n##\n", self.buffer)
                if m:
                    break
                if len(self.buffer) > 32 and not self.buffer.startswith(b"\n#"):
                    raise RuntimeError("bad chunk framing: %r" % self.buffer[:40])
                self._recv()
            if m.group(0) == b"\n##\n":
                self.buffer = self.buffer[m.end():]
                break
            size = int(m.group(1))
            while len(self.buffer) < m.end() + size:
                self._recv()
            parts.append(self.buffer[m.end():m.end() + size])
            self.buffer = self.buffer[m.end() + size:]
        reply = b"".join(parts).decode()
        if "<rpc-error" in reply or ":rpc-error" in reply:
            raise RuntimeError("rpc-error for %s: %s" % (body[:60], reply[:600]))
        return reply

    def close(self):
        try:
            self.rpc("<close-session/>")
        except Exception:  # noqa: BLE001 - the server may close first
            pass
        self.transport.close()


# --- process figures, from /proc (CPU: utime+stime, and the reaped children's, in clock ticks)

def tree(roots):
    children = {}
    for d in os.listdir("/proc"):
        if d.isdigit():
            try:
                stat = open("/proc/%s/stat" % d).read()
            except OSError:
                continue
            ppid = int(stat[stat.rindex(")") + 2:].split()[1])
            children.setdefault(ppid, []).append(int(d))
    out, todo = [], list(roots)
    while todo:
        p = todo.pop()
        out.append(p)
        todo.extend(children.get(p, []))
    return out


def cpu_ns(roots):
    total = 0
    for p in tree(roots):
        try:
            stat = open("/proc/%d/stat" % p).read()
        except OSError:
            continue
        f = stat[stat.rindex(")") + 2:].split()
        total += sum(int(x) for x in f[11:15])  # utime stime cutime cstime
    return total * TICK_NS


def rss_kib(pids):
    total = 0
    for p in pids:
        try:
            for line in open("/proc/%d/status" % p):
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1])
        except OSError:
            pass
    return total


def pct(values, p):
    s = sorted(values)
    return s[min(len(s) - 1, int(round(p / 100.0 * (len(s) - 1))))]


# --- copy-config

def strip_data(reply):
    """The children of <data> in a get-config reply."""
    m = re.search(r"<(?:\w+:)?data\b[^>]*>(.*)</(?:\w+:)?data>", reply, re.S)
    if not m:
        raise RuntimeError("no <data> in " + reply[:300])
    return m.group(1)


def copy_config(work, ipmpd_port, netconfd_port, netconfd_user, key):
    ours = RawSession(int(ipmpd_port), "bench", key=key)
    data = strip_data(ours.rpc(GET_CONFIG))
    ours.close()
    ipmp = re.search(r"<ipmp\b.*</ipmp>", data, re.S)
    if not ipmp:
        raise RuntimeError("ipmpd's get-config has no ipmp container: " + data[:300])
    with open(os.path.join(work, "initial-config.xml"), "w") as f:
        f.write('<data xmlns="%s">%s</data>' % (BASE, ipmp.group(0)))
    nc = RawSession(int(netconfd_port), netconfd_user, key=key)
    config = '<config xmlns="%s">%s</config>' % (BASE, ipmp.group(0))
    if ":candidate" in nc.capabilities:
        nc.rpc('<edit-config><target><candidate/></target><config>%s</config></edit-config>' % ipmp.group(0))
        nc.rpc("<commit/>")
    else:
        nc.rpc('<edit-config><target><running/></target>%s</edit-config>' % config)
    theirs = strip_data(nc.rpc(GET_CONFIG))
    nc.close()
    if "<group>" not in theirs and ":group>" not in theirs:
        raise RuntimeError("netconfd did not take the configuration: " + theirs[:300])
    print("configuration copied: ipmpd's ipmp subtree %d bytes, netconfd's get-config data %d bytes"
          % (len(ipmp.group(0)), len(theirs)))


# --- the measurements, one server at a time

def timed_requests(s, body, rounds, warmup):
    session = open_raw(s)
    for _ in range(warmup):
        session.rpc(body)
    size = len(session.rpc(body))
    times = []
    c0 = cpu_ns(s["pids"])
    for _ in range(rounds):
        t0 = time.perf_counter()
        session.rpc(body)
        times.append((time.perf_counter() - t0) * 1000)
    cpu = (cpu_ns(s["pids"]) - c0) / rounds / 1e6
    session.close()
    return {"median_ms": statistics.median(times), "p99_ms": pct(times, 99), "cpu_ms": cpu, "bytes": size}


def open_raw(s):
    if s["key_auth"]:
        return RawSession(s["port"], s["user"], key=s["key"])
    return RawSession(s["port"], s["user"], password=s["password"])


def logins(s, n, with_key):
    c0 = cpu_ns(s["pids"])
    t0 = time.perf_counter()
    for _ in range(n):
        m = manager.connect(host="127.0.0.1", port=s["port"], username=s["user"],
                            password=None if with_key else s["password"],
                            key_filename=s["key"] if with_key else None, hostkey_verify=False,
                            allow_agent=False, look_for_keys=False, timeout=60)
        m.close_session()
    elapsed = time.perf_counter() - t0
    return {"per_s": n / elapsed, "cpu_ms": (cpu_ns(s["pids"]) - c0) / n / 1e6}


def refusals(s, run, tries_per_user, unknown_count):
    """Wrong passwords for known users (3 tries each at most: ipmpd's per-user back-off starts
    after 3) and unknown names, alternating, each from a fresh 127.run.x.y source."""
    known = [u for u in s["known"].format(run=run).split(",") for _ in range(tries_per_user)]
    unknown = ["ghost%d" % i for i in range(unknown_count)]
    k_ms, u_ms, n = [], [], 0
    for i in range(max(len(known), len(unknown))):
        for names, out in ((known, k_ms), (unknown, u_ms)):
            if i < len(names):
                n += 1
                out.append(nc_login.refuse_ms("127.0.0.1", s["port"], names[i],
                                              "127.%d.%d.%d" % (run, 20 + n // 200, n % 200 + 1)))
    return {"known_ms": statistics.median(k_ms), "unknown_ms": statistics.median(u_ms)}


def flood(s, run, seconds, flooders=4):
    """An open session's get-config, one every 20 ms, while FLOODERS connections send wrong
    passwords for a known user as fast as the server answers."""
    session = open_raw(s)
    session.rpc(GET_CONFIG)
    stop = threading.Event()
    attempts = [0] * flooders

    def flooder(k):
        guess = 0
        while not stop.is_set():
            try:
                t = nc_login.transport("127.0.0.1", s["port"], "127.%d.9.%d" % (run, k + 1))
                t.start_client(timeout=60)
                while not stop.is_set() and t.is_active():
                    guess += 1
                    attempts[k] += 1
                    try:
                        t.auth_password(s["flood_user"].format(run=run), "guess-%d" % guess)
                    except paramiko.AuthenticationException:
                        pass
                t.close()
            except Exception:  # noqa: BLE001 - the server closed the connection under us
                time.sleep(0.01)

    threads = [threading.Thread(target=flooder, args=(k,), daemon=True) for k in range(flooders)]
    for t in threads:
        t.start()
    time.sleep(1.0)
    times = []
    end = time.time() + seconds
    while time.time() < end:
        t0 = time.perf_counter()
        session.rpc(GET_CONFIG)
        times.append((time.perf_counter() - t0) * 1000)
        time.sleep(0.02)
    stop.set()
    session.close()
    return {"median_ms": statistics.median(times), "p99_ms": pct(times, 99), "attempts": sum(attempts)}


def footprint(s):
    session = open_raw(s)
    session.rpc(GET_CONFIG)
    out = {"main_mib": rss_kib([s["main"]]) / 1024, "all_mib": rss_kib(tree(s["pids"])) / 1024}
    session.close()
    return out


# --- the run

ROWS = [  # key, label, which way is better ("lower"/"higher"), format
    ("getconfig.median_ms", "get-config median, ms (open session)", "lower", "%.3f"),
    ("getconfig.p99_ms", "get-config p99, ms", "lower", "%.3f"),
    ("getconfig.cpu_ms", "server CPU per get-config, ms", "lower", "%.3f"),
    ("getconfig.bytes", "get-config reply, bytes", None, "%.0f"),
    ("get.median_ms", "<get> ipmp subtree median, ms", "lower", "%.3f"),
    ("get.p99_ms", "<get> p99, ms", "lower", "%.3f"),
    ("get.cpu_ms", "server CPU per <get>, ms", "lower", "%.3f"),
    ("get.bytes", "<get> reply, bytes", None, "%.0f"),
    ("keylogin.per_s", "key logins/s (sequential, full session)", "higher", "%.2f"),
    ("keylogin.cpu_ms", "server CPU per key login, ms", "lower", "%.1f"),
    ("pwlogin.per_s", "password logins/s (production hash cost)", "higher", "%.2f"),
    ("pwlogin.cpu_ms", "server CPU per password login, ms", "lower", "%.1f"),
    ("concurrent.succeeded", "concurrent password logins that got in", "higher", "%.0f"),
    ("concurrent.total_s", "concurrent password logins, all done, s", "lower", "%.2f"),
    ("flood.median_ms", "get-config median during wrong-password flood, ms", "lower", "%.2f"),
    ("flood.p99_ms", "get-config p99 during wrong-password flood, ms", "lower", "%.2f"),
    ("flood.attempts", "wrong passwords the 4 flooders got answered", None, "%.0f"),
    ("refusal.known_ms", "refusal median, known user wrong password, ms", None, "%.1f"),
    ("refusal.unknown_ms", "refusal median, unknown user, ms", None, "%.1f"),
    ("refusal.ratio", "unknown / known refusal time (1 = no leak)", None, "%.2f"),
    ("rss_start.main_mib", "RSS after start, server process, MiB", "lower", "%.1f"),
    ("rss.main_mib", "RSS after the measurements, server process, MiB", "lower", "%.1f"),
    ("rss.all_mib", "RSS, all server processes (one session open), MiB", "lower", "%.1f"),
]


def bench(spec_file):
    spec = json.load(open(spec_file))
    servers = spec["servers"]
    for s in servers:
        s.setdefault("password", spec["password"])
        s["key"] = spec["key"]
    smoke = spec["smoke"] == "yes"
    rounds, n_logins = spec["rounds"], spec["logins"]
    results = {s["name"]: {} for s in servers}

    def record(name, prefix, figures):
        for k, v in figures.items():
            results[name].setdefault(prefix + "." + k, []).append(v)

    for s in servers:
        record(s["name"], "rss_start", footprint(s))
    # C2 alone (bin/ipmpd's JIT) compiles a method after 10,000 calls: the first run must not be the
    # warm-up (10,000 of each request, or 60 s per server with large replies)
    warm = 20 if smoke else 10000
    for s in servers:
        session = open_raw(s)
        end = time.monotonic() + 60
        for _ in range(warm):
            session.rpc(GET_CONFIG)
            session.rpc(GET_IPMP)
            if time.monotonic() > end:
                break
        session.close()
    for run in range(1, spec["runs"] + 1):
        order = servers if run % 2 else list(reversed(servers))
        steps = [
            ("getconfig", lambda s: timed_requests(s, GET_CONFIG, rounds, 20 if smoke else 500)),
            ("get", lambda s: timed_requests(s, GET_IPMP, rounds, 20 if smoke else 500)),
            ("keylogin", lambda s: logins(s, n_logins, True) if s["key_auth"] else None),
            ("pwlogin", lambda s: logins(s, n_logins, False)),
            ("concurrent", lambda s: nc_login.concurrent("127.0.0.1", s["port"], spec["concurrent"],
                                                         "%s:%s" % (s["user"], s["password"]))
             if s["login_security"] else None),
            ("refusal", lambda s: refusals(s, run, 1 if smoke else 3, 1 if smoke else 9)
             if s["login_security"] else None),
            ("flood", lambda s: flood(s, run, spec["flood_seconds"]) if s["login_security"] else None),
            ("rss", footprint),
        ]
        wanted = spec.get("steps", "all")
        for prefix, step in steps:
            if wanted != "all" and prefix not in wanted.split(","):
                continue
            for s in order:
                figures = step(s)
                if figures is None:
                    continue
                if prefix == "refusal":
                    figures["ratio"] = figures["unknown_ms"] / figures["known_ms"]
                if prefix == "concurrent":
                    figures = {"succeeded": figures["succeeded"], "total_s": figures["total_s"],
                               "failures": figures["failures"]}
                print(json.dumps({"run": run, "server": s["name"], "step": prefix, **figures}), file=sys.stderr,
                      flush=True)
                figures.pop("failures", None)
                record(s["name"], prefix, figures)
    print_table(servers, results, spec.get("steps", "all"))


def print_table(servers, results, wanted):
    names = [s["name"] for s in servers]
    head = "%-52s" % "measurement (median of runs; min-max)" + "".join("%-22s" % n for n in names)
    others = [n for n in names if n != "ipmpd"]
    head += "".join("ipmpd/%-12s" % n for n in others)
    print(head)
    missing = []
    for key, label, better, fmt in ROWS:
        if wanted != "all" and key.split(".")[0] not in wanted.split(",") + ["rss_start"]:
            continue
        line = "%-52s" % label
        medians = {}
        for n in names:
            values = results[n].get(key)
            if not values:
                line += "%-22s" % "n/a"
                continue
            medians[n] = statistics.median(values)
            cell = fmt % medians[n]
            if len(values) > 1:
                cell += " (" + fmt % min(values) + "-" + fmt % max(values) + ")"
            line += "%-22s" % cell
        for n in others:
            if better and "ipmpd" in medians and n in medians and medians[n]:
                line += "%-18s" % ("%.2fx" % (medians["ipmpd"] / medians[n]))
            else:
                line += "%-18s" % "-"
        if "ipmpd" not in medians or "netconfd" not in medians:
            missing.append(key)
        print(line)
    print("ratios: ipmpd's figure divided by the other's (times and CPU: < 1 means ipmpd is faster or cheaper;"
          " rates: > 1 means ipmpd does more)")
    if missing:
        print("rows without a figure for ipmpd or netconfd: " + ", ".join(missing))


def main():
    mode = sys.argv[1] if len(sys.argv) > 1 else ""
    if mode == "copy-config" and len(sys.argv) == 7:
        copy_config(*sys.argv[2:])
    elif mode == "bench" and len(sys.argv) == 3:
        bench(sys.argv[2])
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main()
