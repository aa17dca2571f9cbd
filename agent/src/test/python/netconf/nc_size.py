#!/usr/bin/python3
"""Sends one NETCONF message of a given size in a given framing and reports what came back.

Usage: nc_size.py HOST PORT USER PASSWORD eom|chunked SIZE
Prints one JSON line: {"too_big": bool, "data": bool, "closed": bool, "reply": "..."}.
The message is a get-config padded with an XML comment up to SIZE bytes.
"""
import json
import socket
import sys
import time

import paramiko

HELLO = ('<?xml version="1.0" encoding="UTF-8"?><hello xmlns="urn:ietf:params:xml:ns:netconf:base:1.0">'
         '<capabilities><capability>urn:ietf:params:netconf:base:{v}</capability></capabilities></hello>]]>]]>')
RPC = ('<rpc message-id="1" xmlns="urn:ietf:params:xml:ns:netconf:base:1.0"><!--{pad}-->'
       '<get-config><source><running/></source></get-config></rpc>')


def main():
    host, port, user, password, framing, size = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4], sys.argv[5], int(sys.argv[6])
    t = paramiko.Transport(socket.create_connection((host, port), timeout=30))
    t.connect(username=user, password=password)
    ch = t.open_session(timeout=30)
    ch.settimeout(30)
    ch.invoke_subsystem("netconf")
    buf = b""
    while b"]]>]]>" not in buf:
        buf += ch.recv(65536)
    ch.sendall(HELLO.format(v="1.1" if framing == "chunked" else "1.0").encode())
    time.sleep(0.2)
    body = RPC.format(pad="x" * max(0, size - len(RPC.format(pad="")))).encode()
    closed = False
    try:
        if framing == "chunked":
            step = 65536
            for i in range(0, len(body), step):
                part = body[i:i + step]
                ch.sendall(b"\n#%d\n" % len(part) + part)
            ch.sendall(b"\n##\n")
        else:
            ch.sendall(body + b"]]>]]>")
    except (OSError, EOFError, paramiko.SSHException):
        closed = True
    reply = b""
    end_marker = b"\n##\n" if framing == "chunked" else b"]]>]]>"
    deadline = time.time() + 30
    while time.time() < deadline:
        try:
            data = ch.recv(65536)
        except socket.timeout:
            break
        if not data:
            closed = True
            break
        reply += data
        if end_marker in reply and b"too-big" not in reply:
            break
    text = reply.decode("utf-8", "replace")
    print(json.dumps({"too_big": "too-big" in text, "data": "<data" in text, "closed": closed or ch.closed,
                      "reply": text[:300]}), flush=True)
    t.close()


if __name__ == "__main__":
    main()
