#!/usr/bin/env bash
# The running daemon's footprint as a managed network element sees it: 64 veth members in 8 groups
# of 8 (each probing two targets at FDT 10000 ms), SNMP and NETCONF on; VmRSS once every member
# probes, again after managers used it (3 SNMP walks of the whole tree, 3 NETCONF sessions
# with get-config and get) and a settling time, and again after heavy NETCONF use: GETS rounds of
# get-config and <get> of everything (about 150 KB each) on one session, 50 concurrent password
# logins at the production hash cost (PBKDF2, 210,000 rounds), then 4 clients sending wrong
# passwords for 5 s beside an open session's get-config (the login clients of
# scripts/bench-netconf.sh: agent/src/test/python/netconf/nc_login.py), then 10 s and 40 s idle.
# Prints figures, asserts nothing.
# usage: scripts/bench-rss.sh [RUNS [GETS]]   (defaults 3, 300). Needs root.
# IPMPD_JAVA_OPTS: JVM options appended to bin/ipmpd's (to try a setting); IPMPD_NMT=1 adds the
# JVM's native memory summary (heap, metaspace, code, threads...) of the last run.
# Two network namespaces of this run (the daemon's host, a switch with the targets), deleted at the end.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
runs="${1:-3}"
gets="${2:-300}"
case "$runs$gets" in ''|*[!0-9]*) echo "bench-rss: RUNS and GETS are whole numbers" >&2; exit 2 ;; esac
[ "$(id -u)" = 0 ] || { echo "bench-rss: needs root (network namespaces)" >&2; exit 1; }
t="$(mktemp -d /tmp/ipmpd-rss.XXXXXX)"
h="ipmpd-rss-$$-h"
s="ipmpd-rss-$$-s"
daemon=""
cleanup() {
  if [ -n "$daemon" ]; then kill -TERM "$daemon" 2>/dev/null || true; wait "$daemon" 2>/dev/null || true; fi
  ip netns del "$h" 2>/dev/null || true
  ip netns del "$s" 2>/dev/null || true
  rm -rf "$t"
}
trap cleanup EXIT
ssh-keygen -q -t ed25519 -N '' -C bench -f "$t/client_key"
password="bench-$$-$(od -An -N6 -tx1 /dev/urandom | tr -d ' \n')"
hash=$(printf '%s\n' "$password" | "$root/bin/ipmpd-passwd")
case "$hash" in '$pbkdf2-sha512$210000$'*) ;; *) echo "bench-rss: bin/ipmpd-passwd gave '$hash'" >&2; exit 1 ;; esac
/usr/bin/python3 - "$t" "$(cat "$t/client_key.pub")" "$hash" <<'PY'
import json, sys
t, pub, hash_ = sys.argv[1], sys.argv[2], sys.argv[3]
groups = []
for g in range(8):
    members = [{"interface": "v%d" % i, "ipv4-test-address": {"address": "198.18.0.%d" % (20 + i), "prefix-length": 24}}
               for i in range(g * 8, g * 8 + 8)]
    groups.append({"name": "ipmp%d" % g, "member": members, "static-target": ["198.18.0.1", "198.18.0.2"],
                   "data-address": [{"address": "198.18.0.%d" % (150 + g), "prefix-length": 24, "home-member": "v%d" % (g * 8)}]})
json.dump({"ipmp:ipmp": {"failure-detection-time": 10000, "group": groups}}, open(t + "/ipmpd.json", "w"))
json.dump({"listen": {"address": "127.0.0.1", "port": 10161}, "stateDirectory": t + "/snmp",
           "communities": [{"community": "public", "sources": ["127.0.0.1/32"]}]}, open(t + "/snmp.json", "w"))
json.dump({"listen-address": "127.0.0.1", "port": 10830, "host-key": t + "/ssh_host_key", "groups": {"monitor": "read-only"},
           "users": [{"name": "bench", "authorized-keys": [pub], "password-hash": hash_, "groups": ["monitor"]},
                     {"name": "flood", "password-hash": hash_, "groups": ["monitor"]}]}, open(t + "/netconf.json", "w"))
PY
# nc.py KEY SESSIONS REQUESTS: key logins, each with REQUESTS get-config and <get> of everything
cat > "$t/nc.py" <<'PY'
import sys
import ncclient.transport.ssh as ssh_transport
ssh_transport.TICK = 0.001  # ncclient polls its channel every TICK (0.1 s): no wait between requests
from ncclient import manager
for _ in range(int(sys.argv[2])):
    with manager.connect(host="127.0.0.1", port=10830, username="bench", key_filename=sys.argv[1], hostkey_verify=False,
                         allow_agent=False, look_for_keys=False, timeout=60) as m:
        for _ in range(int(sys.argv[3])):
            m.get_config("running")
            m.get()
PY

ip netns add "$h"
ip netns add "$s"
ip -n "$h" link set lo up
ip -n "$s" link set lo up
ip -n "$s" link add br0 type bridge
ip -n "$s" link set br0 up
ip -n "$s" addr add 198.18.0.1/24 dev br0
ip -n "$s" addr add 198.18.0.2/24 dev br0
for i in $(seq 0 63); do
  echo "link add v$i type veth peer name sw-v$i netns $s"
  echo "link set v$i up"
done > "$t/host.batch"
for i in $(seq 0 63); do echo "link set sw-v$i master br0"; echo "link set sw-v$i up"; done > "$t/switch.batch"
ip -n "$h" -batch "$t/host.batch"
ip -n "$s" -batch "$t/switch.batch"

rss() { awk '/^VmRSS:/ {print int($2 / 1024)}' "/proc/$1/status"; }
nc_login="$root/agent/src/test/python/netconf/nc_login.py"
# the JVM's own view when IPMPD_NMT=1 (last run): what is committed where
nmt_summary() {
  [ -n "$nmt" ] || return 0
  echo "  -- $1"
  jcmd "$daemon" VM.native_memory summary | grep -E "^(Total|-)" | sed 's/^/  /'
  jcmd "$daemon" GC.heap_info | grep -vE "^[0-9]+:" | sed 's/^/  /'
}
stats() { sort -n | awk '{a[NR]=$1} END {printf "median %d MiB, min %d, max %d (n=%d)", a[int((NR+1)/2)], a[1], a[NR], NR}'; }
echo "load before: $(cut -d' ' -f1-3 /proc/loadavg), $(nproc) cores; JVM options: bin/jvm/daemon.options ${IPMPD_JAVA_OPTS:-}"
: > "$t/probing"; : > "$t/used"; : > "$t/heavy"; : > "$t/idle"
for run in $(seq "$runs"); do
  rm -rf "$t/state" "$t/snmp"
  nmt=""
  [ "${IPMPD_NMT:-}" = 1 ] && [ "$run" = "$runs" ] && nmt="-XX:NativeMemoryTracking=summary"
  IPMPD_JAVA_OPTS="${IPMPD_JAVA_OPTS:-} $nmt" ip netns exec "$h" "$root/bin/ipmpd" -c "$t/ipmpd.json" -m /dev/null \
    -s "$t/ipmpd.sock" --state-dir "$t/state" --snmp-config "$t/snmp.json" --netconf-config "$t/netconf.json" \
    > "$t/log" 2>&1 &
  daemon=$!   # ip netns exec and bin/ipmpd exec the JVM: the daemon's own pid
  ok=0
  for _ in $(seq 240); do
    if grep -q "ipmpd ready" "$t/log"; then
      ok=$("$root/bin/ipmpstat" --socket "$t/ipmpd.sock" -P -o INTERFACE,PROBE -i 2>/dev/null | grep -c ':ok$' || true)
      [ "$ok" -ge 64 ] && break
    fi
    kill -0 "$daemon" 2>/dev/null || { echo "bench-rss: the daemon exited:" >&2; tail -20 "$t/log" >&2; exit 1; }
    sleep 0.5
  done
  [ "$ok" -ge 64 ] || { echo "bench-rss: only $ok of 64 members probing after 120 s" >&2; tail -20 "$t/log" >&2; exit 1; }
  sleep 5
  r0=$(rss "$daemon")
  for _ in 1 2 3; do
    ip netns exec "$h" snmpbulkwalk -v2c -c public -m "" -Cr50 -t 10 127.0.0.1:10161 .1.3.6.1 > "$t/walk"
  done
  ip netns exec "$h" /usr/bin/python3 "$t/nc.py" "$t/client_key" 3 1
  sleep 10
  r1=$(rss "$daemon")
  nmt_summary "after light use"
  ip netns exec "$h" /usr/bin/python3 "$t/nc.py" "$t/client_key" 1 "$gets"
  logins=$(ip netns exec "$h" /usr/bin/python3 "$nc_login" concurrent 127.0.0.1 10830 50 "bench:$password")
  # paramiko reports the connections the server closes on stderr: kept out of the figures
  flood=$(ip netns exec "$h" /usr/bin/python3 "$nc_login" flood 127.0.0.1 10830 5 4 "bench:$password" flood 2>> "$t/clients.log")
  sleep 10
  r2=$(rss "$daemon")
  nmt_summary "10 s after $gets get-config and <get>, 50 password logins and the flood"
  sleep 30
  r3=$(rss "$daemon")
  peak=$(awk '/^VmHWM:/ {print int($2 / 1024)}' "/proc/$daemon/status")
  echo "run $run: VmRSS ${r0} MiB with 64 members probing, ${r1} MiB after 3 SNMP walks ($(wc -l < "$t/walk") objects) and 3 NETCONF sessions;"
  echo "  $gets get-config and <get>; 50 password logins: $(echo "$logins" | /usr/bin/python3 -c 'import json,sys; r=json.load(sys.stdin); print("%d/50 in %.1f s" % (r["succeeded"], r["total_s"]))');" \
    "wrong-password flood: $(echo "$flood" | /usr/bin/python3 -c 'import json,sys; r=json.load(sys.stdin); print("%d attempts, get-config p99 %s ms" % (r["attempts"], r["p99_ms"]))')"
  echo "  VmRSS ${r2} MiB 10 s after them, ${r3} MiB 40 s after (peak VmHWM ${peak} MiB)"
  echo "$r0" >> "$t/probing"; echo "$r1" >> "$t/used"; echo "$r2" >> "$t/heavy"; echo "$r3" >> "$t/idle"
  nmt_summary "40 s after"
  kill -TERM "$daemon"; wait "$daemon" || true; daemon=""
done
echo "VmRSS with 64 members probing, SNMP and NETCONF on: $(stats < "$t/probing")"
echo "VmRSS after SNMP walks and NETCONF sessions: $(stats < "$t/used")"
echo "VmRSS 10 s after $gets get-config and <get>, 50 password logins and a wrong-password flood: $(stats < "$t/heavy")"
echo "VmRSS 40 s after them: $(stats < "$t/idle")"
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
