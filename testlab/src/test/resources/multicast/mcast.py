#!/usr/bin/python3
"""Multicast/broadcast sender and receiver for the nominee lab tests (run inside lab namespaces).

send DEST PORT IFNAME SECONDS   -- one datagram "seq" every 10 ms to DEST (multicast group or broadcast)
recv GROUP|- PORT IFNAME SECONDS -- bind the wildcard address, join GROUP on IFNAME ("-": broadcast only),
                                   then print one line per datagram: "<monotonic ms> <seq>", and "done"
"""
import socket
import struct
import sys
import time


def family(addr):
    return socket.AF_INET6 if ":" in addr else socket.AF_INET


def send(dest, port, ifname, seconds):
    fam = family(dest)
    s = socket.socket(fam, socket.SOCK_DGRAM)
    idx = socket.if_nametoindex(ifname)
    if fam == socket.AF_INET:
        s.setsockopt(socket.SOL_SOCKET, socket.SO_BROADCAST, 1)
        s.setsockopt(socket.IPPROTO_IP, socket.IP_MULTICAST_IF, struct.pack("4s4si", b"\0" * 4, b"\0" * 4, idx))
        s.setsockopt(socket.IPPROTO_IP, socket.IP_MULTICAST_TTL, 1)
        target = (dest, port)
    else:
        s.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_MULTICAST_IF, idx)
        s.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_MULTICAST_HOPS, 1)
        target = (dest, port, 0, idx)
    end = time.monotonic() + seconds
    seq = 0
    while time.monotonic() < end:
        s.sendto(str(seq).encode(), target)
        seq += 1
        time.sleep(0.01)
    print("sent", seq, flush=True)


def recv(group, port, ifname, seconds):
    fam = socket.AF_INET if group == "-" or ":" not in group else socket.AF_INET6
    s = socket.socket(fam, socket.SOCK_DGRAM)
    s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    s.bind(("::" if fam == socket.AF_INET6 else "0.0.0.0", port))
    idx = socket.if_nametoindex(ifname)
    if group != "-":
        if fam == socket.AF_INET:
            mreq = struct.pack("4s4si", socket.inet_aton(group), b"\0" * 4, idx)
            s.setsockopt(socket.IPPROTO_IP, socket.IP_ADD_MEMBERSHIP, mreq)
        else:
            mreq = socket.inet_pton(socket.AF_INET6, group) + struct.pack("@I", idx)
            s.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_JOIN_GROUP, mreq)
    print("ready", flush=True)
    s.settimeout(0.2)
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        try:
            data = s.recv(64)
        except socket.timeout:
            continue
        print("%d %s" % (int(time.monotonic() * 1000), data.decode()), flush=True)
    print("done", flush=True)


if __name__ == "__main__":
    cmd = sys.argv[1]
    args = sys.argv[2:]
    if cmd == "send":
        send(args[0], int(args[1]), args[2], float(args[3]))
    else:
        recv(args[0], int(args[1]), args[2], float(args[3]))
