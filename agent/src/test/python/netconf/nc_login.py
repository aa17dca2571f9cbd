#!/usr/bin/python3
"""SSH login behaviour of a NETCONF server under load, with paramiko and ncclient.

Usage: nc_login.py MODE HOST PORT ARGS...  Prints one JSON object (figures) on stdout.
  concurrent HOST PORT N USER:PASSWORD[,USER:PASSWORD...]
      N logins at once (users taken in turn), each followed by a get-config.
  flood HOST PORT SECONDS FLOODERS USER:PASSWORD BADUSER
      one open session runs get-config in a loop while FLOODERS threads send wrong
      passwords for BADUSER, each from its own 127.0.0.x source address.
  refusals HOST PORT KNOWN_USERS UNKNOWN_COUNT
      times refusals of wrong passwords for known users (comma list, 3 tries each: the
      per-user back-off starts after 3) and for unknown names, alternating, each attempt
      from a fresh 127.0.x.y source so the per-source back-off never applies.
  tries HOST PORT USER ATTEMPTS
      wrong passwords on one connection until the server disconnects.
  algorithms HOST PORT USER:PASSWORD
      which offers the server refuses (SHA-1 MACs, pre-auth zlib).
"""
import json
import socket
import statistics
import sys
import threading
import time

import paramiko

import ncclient.transport.ssh as ssh_transport
ssh_transport.TICK = 0.001
from ncclient import manager  # noqa: E402

GET_CONFIG_TIMEOUT = 30


def connect_nc(host, port, user, password, source=None):
    sock = None
    if source:
        sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        sock.bind((source, 0))
        sock.settimeout(30)
        sock.connect((host, port))
    return manager.connect(host=host, port=port, username=user, password=password, hostkey_verify=False,
                           allow_agent=False, look_for_keys=False, timeout=60, sock=sock)


def transport(host, port, source=None):
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    if source:
        sock.bind((source, 0))
    sock.settimeout(60)
    sock.connect((host, port))
    t = paramiko.Transport(sock)
    t.banner_timeout = 60
    t.auth_timeout = 60
    return t


def pct(values, p):
    if not values:
        return None
    s = sorted(values)
    return round(s[min(len(s) - 1, int(round(p / 100.0 * (len(s) - 1))))], 1)


def concurrent(host, port, n, creds):
    pairs = [c.split(":", 1) for c in creds.split(",")]
    results = [None] * n
    barrier = threading.Barrier(n)

    def one(i):
        user, password = pairs[i % len(pairs)]
        barrier.wait()
        t0 = time.perf_counter()
        try:
            m = connect_nc(host, port, user, password)
            m.get_config(source="running")
            results[i] = ("ok", time.perf_counter() - t0)
            m.close_session()
        except Exception as e:  # noqa: BLE001
            results[i] = (type(e).__name__ + ": " + str(e), time.perf_counter() - t0)

    t0 = time.perf_counter()
    threads = [threading.Thread(target=one, args=(i,)) for i in range(n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(120)
    total = time.perf_counter() - t0
    ok = [r for r in results if r and r[0] == "ok"]
    failed = [r[0] for r in results if not r or r[0] != "ok"]
    return {"logins": n, "succeeded": len(ok), "total_s": round(total, 2),
            "slowest_s": round(max(r[1] for r in ok), 2) if ok else None, "failures": failed[:5]}


def flood(host, port, seconds, flooders, creds, bad_user):
    user, password = creds.split(":", 1)
    m = connect_nc(host, port, user, password)
    m.get_config(source="running")
    stop = threading.Event()
    counts = {"attempts": 0, "refused": 0, "disconnected": 0, "errors": 0}
    lock = threading.Lock()

    def flooder(k):
        source = "127.0.%d.%d" % (9, k + 1)
        guess = 0
        while not stop.is_set():
            try:
                t = transport(host, port, source)
                t.start_client(timeout=60)
                while not stop.is_set():
                    guess += 1
                    try:
                        with lock:
                            counts["attempts"] += 1
                        t.auth_password(bad_user, "guess-%d" % guess)
                    except paramiko.AuthenticationException:
                        with lock:
                            counts["refused"] += 1
                    if not t.is_active():
                        with lock:
                            counts["disconnected"] += 1
                        break
                t.close()
            except Exception:  # noqa: BLE001 - closed under us: the server disconnected
                with lock:
                    counts["disconnected"] += 1

    threads = [threading.Thread(target=flooder, args=(k,), daemon=True) for k in range(flooders)]
    for t in threads:
        t.start()
    time.sleep(1.0)
    latencies = []
    end = time.time() + seconds
    while time.time() < end:
        t0 = time.perf_counter()
        m.get_config(source="running")
        latencies.append((time.perf_counter() - t0) * 1000)
        time.sleep(0.02)
    stop.set()
    m.close_session()
    return {"get_config": len(latencies), "p50_ms": pct(latencies, 50), "p99_ms": pct(latencies, 99),
            "max_ms": round(max(latencies), 1), **counts}


def refuse_ms(host, port, user, source):
    t = transport(host, port, source)
    t.start_client(timeout=60)
    t0 = time.perf_counter()
    try:
        t.auth_password(user, "not the password")
        refused = False
    except paramiko.AuthenticationException:
        refused = True
    ms = (time.perf_counter() - t0) * 1000
    t.close()
    if not refused:
        raise RuntimeError("a wrong password was accepted for " + user)
    return ms


def refusals(host, port, known, unknown_count):
    known_users = [u for u in known.split(",") for _ in range(3)]
    unknown_users = ["ghost%d" % i for i in range(unknown_count)]
    k_ms, u_ms = [], []
    n = 0
    for i in range(max(len(known_users), len(unknown_users))):
        if i < len(known_users):
            n += 1
            k_ms.append(refuse_ms(host, port, known_users[i], "127.0.%d.%d" % (20 + n // 200, n % 200 + 1)))
        if i < len(unknown_users):
            n += 1
            u_ms.append(refuse_ms(host, port, unknown_users[i], "127.0.%d.%d" % (20 + n // 200, n % 200 + 1)))
    return {"known_median_ms": round(statistics.median(k_ms), 1), "unknown_median_ms": round(statistics.median(u_ms), 1),
            "known_ms": [round(x) for x in k_ms], "unknown_ms": [round(x) for x in u_ms]}


def tries(host, port, user, attempts):
    t = transport(host, port, "127.0.30.1")
    t.start_client(timeout=60)
    refused = 0
    outcome = "still connected"
    for i in range(attempts):
        # the server's disconnect follows its last refusal: give it time to arrive before the next try
        deadline = time.time() + 2
        while t.is_active() and i > 0 and time.time() < deadline:
            time.sleep(0.05)
        if not t.is_active():
            outcome = "disconnected"
            break
        try:
            t.auth_password(user, "wrong-%d" % i)
            outcome = "accepted"
            break
        except paramiko.AuthenticationException:
            refused += 1
        except (paramiko.SSHException, EOFError, OSError) as e:
            outcome = "disconnected: " + type(e).__name__
            break
    t.close()
    return {"refused": refused, "outcome": outcome}


def algorithms(host, port, creds):
    user, password = creds.split(":", 1)
    out = {}

    def attempt(name, macs=None, compression=None):
        t = transport(host, port)
        opts = t.get_security_options()
        if macs:
            opts.digests = macs
        if compression:
            opts.compression = compression
        try:
            t.start_client(timeout=30)
            t.auth_password(user, password)
            out[name] = "accepted: mac=%s compression=%s" % (getattr(t, "remote_mac", "?"), getattr(t, "remote_compression", "?"))
        except Exception as e:  # noqa: BLE001
            out[name] = "refused: " + type(e).__name__
        finally:
            t.close()

    attempt("hmac-sha1", macs=("hmac-sha1",))
    attempt("hmac-sha2-256", macs=("hmac-sha2-256",))
    attempt("zlib-before-auth", compression=("zlib",))
    attempt("zlib-after-auth", compression=("zlib@openssh.com",))
    return out


def main():
    mode, host, port = sys.argv[1], sys.argv[2], int(sys.argv[3])
    a = sys.argv[4:]
    if mode == "concurrent":
        r = concurrent(host, port, int(a[0]), a[1])
    elif mode == "flood":
        r = flood(host, port, float(a[0]), int(a[1]), a[2], a[3])
    elif mode == "refusals":
        r = refusals(host, port, a[0], int(a[1]))
    elif mode == "tries":
        r = tries(host, port, a[0], int(a[1]))
    elif mode == "algorithms":
        r = algorithms(host, port, a[0])
    else:
        raise SystemExit("unknown mode " + mode)
    print(json.dumps(r), flush=True)


if __name__ == "__main__":
    main()
