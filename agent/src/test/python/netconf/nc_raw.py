#!/usr/bin/python3
"""Talks RFC 6242 framing by hand over paramiko, to check what ncclient never sends.

Usage: nc_raw.py HOST PORT USER PASSWORD
Prints one line per check: "<name> <what the server answered, abbreviated>".
"""
import re
import socket
import sys
import time

import paramiko

HELLO_10 = ('<?xml version="1.0" encoding="UTF-8"?><hello xmlns="urn:ietf:params:xml:ns:netconf:base:1.0">'
            '<capabilities><capability>urn:ietf:params:netconf:base:1.0</capability></capabilities></hello>]]>]]>')
HELLO_11 = ('<?xml version="1.0" encoding="UTF-8"?><hello xmlns="urn:ietf:params:xml:ns:netconf:base:1.0">'
            '<capabilities><capability>urn:ietf:params:netconf:base:1.1</capability></capabilities></hello>]]>]]>')
GET_CONFIG = ('<rpc message-id="{id}" xmlns="urn:ietf:params:xml:ns:netconf:base:1.0">'
              '<get-config><source><running/></source></get-config></rpc>')


def open_channel(host, port, user, password):
    t = paramiko.Transport(socket.create_connection((host, port), timeout=20))
    t.connect(username=user, password=password)
    ch = t.open_session(timeout=20)
    ch.settimeout(20)
    ch.invoke_subsystem("netconf")
    return t, ch


def read_until(ch, marker):
    buf = b""
    deadline = time.time() + 20
    while marker not in buf and time.time() < deadline:
        data = ch.recv(65536)
        if not data:
            break
        buf += data
    return buf.decode("utf-8", "replace")


def read_chunked(ch):
    """Reads one chunked message (RFC 6242 section 4.2) and returns its body."""
    buf = b""
    deadline = time.time() + 20
    while not buf.endswith(b"\n##\n") and time.time() < deadline:
        data = ch.recv(65536)
        if not data:
            break
        buf += data
    text = buf.decode("utf-8", "replace")
    return "".join(re.findall(r"\n#\d+\n(.*?)(?=\n#)", text, re.S))


def short(s):
    s = re.sub(r"\s+", " ", s)
    return s[:2000]


def main():
    host, port, user, password = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4]
    # base:1.0 only: end-of-message framing throughout
    t, ch = open_channel(host, port, user, password)
    hello = read_until(ch, b"]]>]]>")
    sid = re.search(r"<session-id>(\d+)</session-id>", hello)
    print("hello10 session-id=%s base11=%s" % (sid.group(1) if sid else None,
                                               "urn:ietf:params:netconf:base:1.1" in hello), flush=True)
    ch.sendall(HELLO_10 + GET_CONFIG.format(id=1) + "]]>]]>")
    print("eom-get-config", short(read_until(ch, b"]]>]]>")), flush=True)
    ch.sendall('<rpc message-id="3" xmlns="urn:ietf:params:xml:ns:netconf:base:1.0"><frobnicate/></rpc>]]>]]>')
    print("eom-unknown-rpc", short(read_until(ch, b"]]>]]>")), flush=True)
    # not XML at all: ODL ends the session (it cannot tell where the next message starts)
    ch.sendall('<rpc message-id="2" xmlns="urn:ietf:params:xml:ns:netconf:base:1.0"><get-config><source>]]>]]>')
    answer = read_until(ch, b"]]>]]>")
    print("eom-malformed closed=%s %s" % (ch.closed or ch.exit_status_ready() or answer == "", short(answer)), flush=True)
    t.close()
    # base:1.1: chunked framing; one request split into three chunks
    t, ch = open_channel(host, port, user, password)
    read_until(ch, b"]]>]]>")
    ch.sendall(HELLO_11)
    msg = GET_CONFIG.format(id=7).encode()
    parts = [msg[:10], msg[10:50], msg[50:]]
    ch.sendall(b"".join(b"\n#%d\n" % len(p) + p for p in parts) + b"\n##\n")
    print("chunked-get-config", short(read_chunked(ch)), flush=True)
    t.close()


if __name__ == "__main__":
    main()
