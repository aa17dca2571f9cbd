#!/usr/bin/python3
"""Talks RFC 6242 framing by hand over paramiko, to check what ncclient never sends.

Usage: nc_raw.py HOST PORT USER PASSWORD [hostile | hostile-hello | unfinished SECONDS]
Prints one line per check: "<name> <what the server answered, abbreviated>".
With "hostile": one line per hostile message (XXE, billion laughs, deep nesting, invalid UTF-8):
"<name> answer=<the answer> then=<the answer to a get-config on the same session>".
With "hostile-hello": the same messages (and one over 64 KiB) sent in place of the hello:
"<name> closed=<whether the server closed the session> answer=<what it sent before>".
With "unfinished SECONDS" (the server's message-idle-timeout): a chunk shorter than its header
says and a message without its end marker, "<name> closed=<...>"; then "idle-between answer=<...>":
a get-config answered after the session stayed idle between two messages for longer than SECONDS.
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
    # not XML at all: answered with malformed-message
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


NS = 'xmlns="urn:ietf:params:xml:ns:netconf:base:1.0"'
LAUGHS = ('<!ENTITY lol "lol">' + "".join(
    '<!ENTITY lol%d "%s">' % (i, ("&lol%s;" % ("" if i == 1 else i - 1)) * 10) for i in range(1, 10)))
HOSTILE = [
    ("xxe", ('<?xml version="1.0"?><!DOCTYPE rpc [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
             '<rpc message-id="1" %s><get-config><source><running/></source><filter type="subtree">&xxe;</filter>'
             '</get-config></rpc>' % NS).encode()),
    ("billion-laughs", ('<?xml version="1.0"?><!DOCTYPE rpc [%s]><rpc message-id="1" %s>&lol9;</rpc>'
                        % (LAUGHS, NS)).encode()),
    ("deep-nesting", ('<rpc message-id="1" %s>' % NS + "<a>" * 5000 + "</a>" * 5000 + "</rpc>").encode()),
    ("invalid-utf8", b'<rpc message-id="1" ' + NS.encode() + b'><get-config><source><running/></source>'
                     b'<filter>\xff\xfe\xc3</filter></get-config></rpc>'),
]


def hostile(host, port, user, password):
    for name, payload in HOSTILE:
        t, ch = open_channel(host, port, user, password)
        read_until(ch, b"]]>]]>")
        ch.sendall(HELLO_10)
        ch.sendall(payload + b"]]>]]>")
        answer = read_until(ch, b"]]>]]>")
        then = ""
        if not ch.closed and not ch.exit_status_ready():
            ch.sendall(GET_CONFIG.format(id=9) + "]]>]]>")
            then = read_until(ch, b"]]>]]>")
        print("%s answer=%s then=%s" % (name, short(answer), short(then)), flush=True)
        t.close()


def send_until_closed(ch, payload):
    """Sends PAYLOAD; a server that closes the channel part-way (as it should once a hello passes
    max-message-size) ends the send instead of raising: what it answered is still in the buffer."""
    try:
        ch.sendall(payload)
    except (OSError, EOFError, paramiko.SSHException):
        pass


def wait_closed(ch, seconds):
    """Reads until the server closes the channel (True) or SECONDS pass (False); returns (closed, text)."""
    ch.settimeout(1)
    buf = b""
    deadline = time.time() + seconds
    while time.time() < deadline:
        try:
            data = ch.recv(65536)
        except socket.timeout:
            continue
        if not data:
            return True, buf.decode("utf-8", "replace")
        buf += data
    return False, buf.decode("utf-8", "replace")


def hostile_hello(host, port, user, password):
    big = ('<?xml version="1.0" encoding="UTF-8"?><hello %s><capabilities>' % NS
           + "<capability>urn:ietf:params:netconf:base:1.0</capability>" * 2000 + "</capabilities></hello>").encode()
    for name, payload in HOSTILE + [("big-hello", big)]:
        t, ch = open_channel(host, port, user, password)
        read_until(ch, b"]]>]]>")
        send_until_closed(ch, payload + b"]]>]]>")
        closed, answer = wait_closed(ch, 30)
        print("%s closed=%s answer=%s" % (name, closed, short(answer)), flush=True)
        t.close()


def unfinished(host, port, user, password, bound):
    msg = GET_CONFIG.format(id=5).encode()
    cases = [("short-chunk", b"\n#100\n" + msg[:40]),
             ("no-end", b"\n#%d\n" % len(msg) + msg)]
    for name, payload in cases:
        t, ch = open_channel(host, port, user, password)
        read_until(ch, b"]]>]]>")
        ch.sendall(HELLO_11)
        ch.sendall(payload)
        closed, _ = wait_closed(ch, bound + 30)
        print("%s closed=%s" % (name, closed), flush=True)
        t.close()
    t, ch = open_channel(host, port, user, password)
    read_until(ch, b"]]>]]>")
    ch.sendall(HELLO_11)
    ch.sendall(b"\n#%d\n" % len(msg) + msg + b"\n##\n")
    read_chunked(ch)
    time.sleep(bound + 1.5)
    again = GET_CONFIG.format(id=6).encode()
    ch.sendall(b"\n#%d\n" % len(again) + again + b"\n##\n")
    print("idle-between answer=%s" % short(read_chunked(ch)), flush=True)
    t.close()


if __name__ == "__main__":
    mode = sys.argv[5] if len(sys.argv) > 5 else ""
    if mode == "hostile":
        hostile(sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4])
    elif mode == "hostile-hello":
        hostile_hello(sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4])
    elif mode == "unfinished":
        unfinished(sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4], float(sys.argv[6]))
    else:
        main()
