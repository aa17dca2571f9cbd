#!/usr/bin/python3
"""Trap latency of the running daemon, run by run-trap-latency.sh inside the daemon's namespace.

Each round takes one member's carrier away, waits for what follows, gives the carrier back and
waits again. The carrier change is what `ip -n SWITCH link set sw-mK down` does, sent from this
process on an rtnetlink socket opened in the switch's namespace (no fork and exec to wait for):
the veth peer goes down, so mK loses its carrier. The kernel applies it inside sendto, so the
change lies between the monotonic clock read before sendto and the one read after it returns
(both printed; latencies count from the second). Observers:
  - a UDP socket on 127.0.0.1 that ipmpd sends its v2c traps to: each trap's arrival is the
    kernel's receive stamp (SO_TIMESTAMPNS), so this process's own wake-up delay is not in it;
  - an rtnetlink socket (RTMGRP_LINK, RTMGRP_IPV4_IFADDR) in this namespace, a thread blocked in
    recv that reads the clock when recv returns (netlink has no receive stamps): when this
    process saw the kernel's notice of the carrier change (the daemon reads the same one) and
    the data address on the member it moved to; a late wake-up of this thread makes these later.
Prints figures, asserts nothing; every wait is bounded.
"""
import ctypes
import os
import random
import socket
import struct
import subprocess
import sys
import threading
import time

IPMP_NOTIFICATIONS = (1, 3, 6, 1, 4, 1, 32473, 1, 0)
NAMES = {IPMP_NOTIFICATIONS + (1,): "ipmpInterfaceFailed", IPMP_NOTIFICATIONS + (2,): "ipmpInterfaceRepaired",
         IPMP_NOTIFICATIONS + (7,): "ipmpAddressMoved",
         (1, 3, 6, 1, 6, 3, 1, 1, 5, 3): "linkDown", (1, 3, 6, 1, 6, 3, 1, 1, 5, 4): "linkUp"}
SNMP_TRAP_OID = (1, 3, 6, 1, 6, 3, 1, 1, 4, 1, 0)
IFF_LOWER_UP = 0x10000
RTM_NEWLINK, RTM_NEWADDR = 16, 20
RTMGRP_LINK, RTMGRP_IPV4_IFADDR = 0x1, 0x10
SO_TIMESTAMPNS = 35
RTM_SETLINK = 19
NLM_F_REQUEST, NLM_F_ACK = 0x1, 0x4
IFF_UP = 0x1
CLONE_NEWNET = 0x40000000


class LinkSetter:
    """`ip link set DEV up|down` in another namespace, on an rtnetlink socket opened there once."""

    def __init__(self, netns):
        libc = ctypes.CDLL(None, use_errno=True)
        home = os.open("/proc/thread-self/ns/net", os.O_RDONLY)
        there = os.open("/run/netns/" + netns, os.O_RDONLY)
        try:
            if libc.setns(there, CLONE_NEWNET) != 0:
                raise OSError(ctypes.get_errno(), "setns " + netns)
            try:
                self.sock = socket.socket(socket.AF_NETLINK, socket.SOCK_RAW, socket.NETLINK_ROUTE)
                self.sock.bind((0, 0))
            finally:
                if libc.setns(home, CLONE_NEWNET) != 0:
                    raise OSError(ctypes.get_errno(), "setns back")
        finally:
            os.close(home)
            os.close(there)
        self.netns = netns
        self.seq = 0

    def set(self, index, up):
        """Returns the monotonic clock before sendto and after it returned; raises on a refusal."""
        self.seq += 1
        body = struct.pack("=BxHiII", socket.AF_UNSPEC, 0, index, IFF_UP if up else 0, IFF_UP)
        msg = struct.pack("=IHHII", 16 + len(body), RTM_SETLINK, NLM_F_REQUEST | NLM_F_ACK, self.seq, 0) + body
        t0 = time.monotonic_ns()
        self.sock.send(msg)
        t1 = time.monotonic_ns()
        reply = self.sock.recv(4096)
        error = struct.unpack_from("=i", reply, 16)[0]
        if error != 0:
            raise OSError(-error, f"RTM_SETLINK of index {index} in {self.netns}")
        return t0, t1


def indexes_in(netns, names):
    out = subprocess.run(["ip", "-n", netns, "-o", "link", "show"], check=True, capture_output=True, text=True).stdout
    found = {}
    for line in out.splitlines():
        number, name = line.split(":")[0:2]
        found[name.strip().split("@")[0]] = int(number)
    return {n: found[n] for n in names}


def ber(data, i):
    """One BER TLV at i: (tag, value bytes, index after it)."""
    tag = data[i]
    n = data[i + 1]
    i += 2
    if n & 0x80:
        k = n & 0x7F
        n = int.from_bytes(data[i:i + k], "big")
        i += k
    return tag, data[i:i + n], i + n


def ber_all(data):
    i, out = 0, []
    while i < len(data):
        tag, value, i = ber(data, i)
        out.append((tag, value))
    return out


def oid(value):
    first = value[0]
    parts, n = [first // 40, first % 40], 0
    for b in value[1:]:
        n = (n << 7) | (b & 0x7F)
        if not b & 0x80:
            parts.append(n)
            n = 0
    return tuple(parts)


def parse_trap(packet):
    """A v2c trap's notification OID and its varbind values as (tag, bytes)."""
    _, message, _ = ber(packet, 0)
    version, community, pdu = ber_all(message)
    if pdu[0] != 0xA7:
        return None, []
    varbinds = ber_all(ber_all(pdu[1])[3][1])
    trap_oid, values = None, []
    for _, vb in varbinds:
        (_, name), (tag, value) = ber_all(vb)
        if oid(name) == SNMP_TRAP_OID:
            trap_oid = oid(value)
        else:
            values.append((tag, value))
    return trap_oid, values


class Events:
    """Everything both observers saw, in arrival order, and a way to wait for one."""

    def __init__(self):
        self.items = []
        self.cond = threading.Condition()

    def add(self, item):
        with self.cond:
            self.items.append(item)
            self.cond.notify_all()

    def wait(self, since, match, timeout):
        """The first event at or after index since that matches, or None after timeout seconds."""
        deadline = time.monotonic() + timeout
        with self.cond:
            while True:
                for item in self.items[since:]:
                    if match(item):
                        return item
                left = deadline - time.monotonic()
                if left <= 0:
                    return None
                self.cond.wait(left)

    def mark(self):
        with self.cond:
            return len(self.items)


def netlink_reader(events):
    s = socket.socket(socket.AF_NETLINK, socket.SOCK_RAW, socket.NETLINK_ROUTE)
    s.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 1 << 20)
    s.bind((0, RTMGRP_LINK | RTMGRP_IPV4_IFADDR))
    while True:
        data = s.recv(65536)
        now = time.monotonic_ns()
        i = 0
        while i + 16 <= len(data):
            length, kind = struct.unpack_from("=IH", data, i)
            if length < 16:
                break
            body = data[i + 16:i + length]
            if kind == RTM_NEWLINK and len(body) >= 16:
                _, _, index, flags, _ = struct.unpack_from("=BxHiII", body)
                events.add(("link", now, index, bool(flags & IFF_LOWER_UP)))
            elif kind == RTM_NEWADDR and len(body) >= 8:
                family, _, _, _, index = struct.unpack_from("=BBBBi", body)
                j = 8
                while j + 4 <= len(body):
                    alen, atype = struct.unpack_from("=HH", body, j)
                    if alen < 4:
                        break
                    if atype == 2 and family == socket.AF_INET:  # IFA_LOCAL
                        events.add(("addr", now, index, socket.inet_ntoa(body[j + 4:j + 8])))
                    j += (alen + 3) & ~3
            i += (length + 3) & ~3


def trap_reader(events, sock):
    while True:
        packet, ancillary, _, _ = sock.recvmsg(65535, 256)
        now = time.monotonic_ns()
        kernel = None
        for level, kind, data in ancillary:
            if level == socket.SOL_SOCKET and kind == SO_TIMESTAMPNS:
                sec, nsec = struct.unpack("=qq", data[:16])
                # the stamp is CLOCK_REALTIME: carried over to the monotonic clock at this moment
                kernel = sec * 10**9 + nsec - time.time_ns() + time.monotonic_ns()
        try:
            trap_oid, values = parse_trap(packet)
        except (IndexError, ValueError):
            continue
        events.add(("trap", now, NAMES.get(trap_oid, str(trap_oid)), values, kernel))


def trap_names(values):
    """The octet strings a trap carries (group, member and address names) and its integers."""
    texts = {v for tag, v in values if tag == 0x04}
    ints = {int.from_bytes(v, "big", signed=True) for tag, v in values if tag == 0x02}
    return texts, ints


def pct(values, p):
    s = sorted(values)
    return s[min(len(s) - 1, max(0, round(p / 100 * len(s) + 0.5) - 1))]


def main():
    switch_ns, rounds, port = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    members = sys.argv[4].split(",")
    homes = dict(pair.split("=") for pair in sys.argv[5].split(","))
    index = {m: socket.if_nametoindex(m) for m in members}
    events = Events()
    sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    sock.setsockopt(socket.SOL_SOCKET, SO_TIMESTAMPNS, 1)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 1 << 20)
    sock.bind(("127.0.0.1", port))
    setter = LinkSetter(switch_ns)
    peer_index = indexes_in(switch_ns, ["sw-" + m for m in members])
    threading.Thread(target=netlink_reader, args=(events,), daemon=True).start()
    threading.Thread(target=trap_reader, args=(events, sock), daemon=True).start()
    time.sleep(0.5)

    figures = {}   # name -> list of ms
    missing = {}

    def record(name, value_ns):
        figures.setdefault(name, []).append(value_ns / 1e6)

    def step(member, up):
        """One carrier change of member and what follows; returns after everything came or 5 s passed."""
        mark = events.mark()
        t0, t1 = setter.set(peer_index["sw-" + member], up)
        what = "repair" if up else "failure"
        record(f"{what}: carrier change (RTM_SETLINK sendto, its duration)", t1 - t0)
        kernel = events.wait(mark, lambda e: e[0] == "link" and e[2] == index[member] and e[3] == up, 5)
        if kernel is None:
            missing[what + ": kernel notice"] = missing.get(what + ": kernel notice", 0) + 1
        else:
            record(f"{what}: kernel notice seen by the harness (RTM_NEWLINK)", kernel[1] - t1)
        address = homes.get(member)
        address_bytes = socket.inet_aton(address) if address else None
        wanted = {
            ("ipmpInterfaceRepaired" if up else "ipmpInterfaceFailed"):
                lambda e: member.encode() in trap_names(e[3])[0],
            ("linkUp" if up else "linkDown"): lambda e: index[member] in trap_names(e[3])[1],
        }
        if address:
            wanted["ipmpAddressMoved"] = lambda e: address_bytes in trap_names(e[3])[0]
        for name, match in wanted.items():
            trap = events.wait(mark, lambda e: e[0] == "trap" and e[2] == name and match(e), 5)
            label = f"{what}: {name} trap at the receiver"
            if trap is None:
                missing[label] = missing.get(label, 0) + 1
                continue
            record(label, (trap[4] if trap[4] is not None else trap[1]) - t1)
        if address:
            # failover: the address appears on another member; failback: on its home member again
            moved = events.wait(mark, lambda e: e[0] == "addr" and e[3] == address
                                and (e[2] == index[member]) == up, 5)
            if moved is None:
                missing[f"{what}: address moved"] = missing.get(f"{what}: address moved", 0) + 1
            else:
                where = "back on its home member" if up else "on another member"
                record(f"{what}: data address {where} (RTM_NEWADDR seen)", moved[1] - t1)

    first = None
    period = max(1.1, 31.0 / len(members))
    for k in range(rounds):
        member = members[k % len(members)]
        started = time.monotonic()
        step(member, False)
        time.sleep(0.2)
        step(member, True)
        if k == 0:
            first = {n: v[-1] for n, v in figures.items()}
            figures.clear()
        # in.mpathd's rule: a link that comes up more than twice in a minute is not repaired until it
        # settles; rounds rotate over the members so each comes up at most twice a minute (this
        # also keeps each trap subject under the agent's rate limit of one per 2 s)
        time.sleep(max(0.0, period - (time.monotonic() - started)) + random.uniform(0.1, 0.3))

    print(f"first round (cold, not in the figures below), member {members[0]}:")
    for name, v in first.items():
        print(f"  {name:<72} {v:8.2f} ms")
    print(f"{rounds - 1} further rounds, ms from the carrier change (after RTM_SETLINK's sendto returned):")
    print(f"  {'':<72} {'n':>4} {'median':>8} {'p99':>8} {'max':>8}")
    for name, v in figures.items():
        print(f"  {name:<72} {len(v):4d} {pct(v, 50):8.2f} {pct(v, 99):8.2f} {max(v):8.2f}")
    for name, n in missing.items():
        print(f"  MISSING within 5 s: {name}: {n} of {rounds}")


if __name__ == "__main__":
    main()
