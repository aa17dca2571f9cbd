#!/usr/bin/env bash
# ipmpstat's wall time against one running daemon, and which libraries its JVM loads.
# One daemon (no SNMP, no NETCONF) in a new, empty network namespace (its members do not exist,
# nothing is placed, nothing on the host is touched); then RUNS times bin/ipmpstat -g against it.
# usage: scripts/bench-tools.sh [RUNS]   (default 20). Needs root.
# Uses the tools' AOT cache only if IPMPD_TOOL_AOT_CACHE names one (default: none, the plain start).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
runs="${1:-20}"
t="$(mktemp -d)"
trap 'rm -rf "$t"' EXIT
# one group whose members do not exist in the namespace: nothing is placed
cp "$root/scripts/bench-daemon.json" "$t/ipmpd.json"
echo "load before: $(cut -d' ' -f1-3 /proc/loadavg), $(nproc) cores"
IPMPD_TOOL_AOT_CACHE="${IPMPD_TOOL_AOT_CACHE:-/nonexistent}" TIMEFORMAT="%3U %3S" unshare --net -- bash -c '
  ip link set lo up
  "$0/bin/ipmpd" -c "$1/ipmpd.json" -m /dev/null -s "$1/ipmpd.sock" > "$1/log" 2>&1 &
  d=$!
  for _ in $(seq 6000); do grep -q "ipmpd ready" "$1/log" && break; kill -0 $d 2>/dev/null || break; sleep 0.01; done
  grep -q "ipmpd ready" "$1/log" || { tail -5 "$1/log" >&2; kill -TERM $d 2>/dev/null; exit 1; }
  for _ in $(seq "$2"); do
    s0=$(date +%s%N)
    # bash'"'"'s time: the CPU the tool used (user + sys), which the load of the host changes less than its wall time
    { time "$0/bin/ipmpstat" --socket "$1/ipmpd.sock" -g >/dev/null; } 2>> "$1/cpu" \
      || { echo "ipmpstat failed" >&2; kill -TERM $d; exit 1; }
    s1=$(date +%s%N)
    echo $(( (s1 - s0) / 1000000 )) >> "$1/times"
  done
  JAVA_TOOL_OPTIONS="-Xlog:class+load=info:file=$1/classes" "$0/bin/ipmpstat" --socket "$1/ipmpd.sock" -g \
    > /dev/null 2>&1
  kill -TERM $d; wait $d || true' "$root" "$t" "$runs"
sort -n "$t/times" | awk '{a[NR]=$1} END {printf "ipmpstat -g: median %d ms, min %d, max %d (n=%d)\n", a[int((NR+1)/2)], a[1], a[NR], NR}'
awk '{print int(($1 + $2) * 1000)}' "$t/cpu" | sort -n \
  | awk '{a[NR]=$1} END {printf "ipmpstat -g CPU (user+sys): median %d ms, min %d, max %d\n", a[int((NR+1)/2)], a[1], a[NR]}'
echo "ipmpstat -g loads $(grep -c 'source:' "$t/classes") classes; of log4j, ODL, snmp4j, netty, jnr:" \
  "$(grep -cE ' (org\.apache\.logging|org\.opendaylight|org\.snmp4j|io\.netty|jnr)\.' "$t/classes" || true)"
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
