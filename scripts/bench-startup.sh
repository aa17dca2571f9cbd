#!/usr/bin/env bash
# Start-to-ready of the real daemon with SNMP and NETCONF, with and without the AOT cache, and
# ipmpstat's wall time against it. Each run is in a new, empty network namespace (the group's
# members do not exist there, so nothing is placed and nothing on the host is touched).
# usage: scripts/bench-startup.sh [RUNS [MODES]]   (default 5, "plain aot"). Needs root. Run bin/aot-train.sh first for the AOT rows.
# "ready" is the daemon's "ipmpd ready" line (READY=1 to systemd); launch is the exec of bin/ipmpd.
# Each mode's runs are restarts, as after a reboot: a first start before them (not counted) made the
# SSH host key and the SNMP engine's state; the first start's own figure is printed apart. "CPU" is
# the daemon's user+sys time at ready, which the load of a shared host changes less than the wall time.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
runs="${1:-5}"
t="$(mktemp -d)"
trap 'rm -rf "$t"' EXIT
# one group whose members do not exist in the namespace: nothing is placed
cp "$root/scripts/bench-daemon.json" "$t/ipmpd.json"
cat > "$t/snmp.json" <<JSON
{"listen": {"address": "127.0.0.1", "port": 10161}, "stateDirectory": "$t/snmp",
 "users": [{"name": "bench", "auth": "SHA-256", "authPassphrase": "bench pass phrase",
            "priv": "AES-128", "privPassphrase": "bench privacy", "access": "ro"}]}
JSON
cat > "$t/netconf.json" <<JSON
{"listen-address": "127.0.0.1", "port": 10830, "host-key": "$t/ssh_host_key", "groups": {"monitor": "read-only"},
 "users": [{"name": "bench", "authorized-keys": ["ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIKdlGt6Y8PLB/Hw/CinO+lwsrqoRP0PS/NVskasJlrGT bench"], "groups": ["monitor"]}]}
JSON
one_run() {   # $1: AOT cache to use ("" = none); prints "launch_to_ready_ms ipmpstat_ms cpu_to_ready_ms"
  IPMPD_AOT_CACHE="${1:-/nonexistent}" IPMPD_TOOL_AOT_CACHE="${2:-/nonexistent}" unshare --net -- bash -c '
    ip link set lo up
    t0=$(date +%s%N)
    "$0/bin/ipmpd" -c "$1/ipmpd.json" -m /dev/null -s "$1/ipmpd.sock" --state-dir "$1/state" \
      --snmp-config "$1/snmp.json" --netconf-config "$1/netconf.json" > "$1/log" 2>&1 &
    d=$!
    for _ in $(seq 6000); do grep -q "ipmpd ready" "$1/log" && break; kill -0 $d 2>/dev/null || break; sleep 0.01; done
    t1=$(date +%s%N)
    # utime + stime (fields 14, 15 of /proc/PID/stat, after the command name in parentheses), in clock ticks
    cpu=$(sed "s/.*) //" /proc/$d/stat | awk -v hz="$(getconf CLK_TCK)" "{print int((\$12 + \$13) * 1000 / hz)}")
    s0=$(date +%s%N); "$0/bin/ipmpstat" --socket "$1/ipmpd.sock" -g >/dev/null; s1=$(date +%s%N)
    kill -TERM $d; wait $d || true
    grep -q "ipmpd ready" "$1/log" || { tail -5 "$1/log" >&2; exit 1; }
    echo $(( (t1 - t0) / 1000000 )) $(( (s1 - s0) / 1000000 )) "$cpu"' "$root" "$t"
}
stats() { sort -n | awk '{a[NR]=$1} END {printf "median %d ms, min %d, max %d (n=%d)", a[int((NR+1)/2)], a[1], a[NR], NR}'; }
aot=""
for c in "${IPMPD_AOT_CACHE:-}" "$root/agent/target/ipmpd.aot" /var/cache/ipmpd/ipmpd.aot; do
  [ -n "$c" ] && [ -f "$c" ] && { aot="$c"; break; }
done
echo "load before: $(cut -d' ' -f1-3 /proc/loadavg), $(nproc) cores"
for mode in ${2:-plain aot}; do
  [ "$mode" = aot ] && [ -z "$aot" ] && { echo "aot: no cache (run bin/aot-train.sh)"; continue; }
  : > "$t/ready"; : > "$t/stat"; : > "$t/cpu"
  rm -rf "$t/state" "$t/snmp" "$t/ssh_host_key"
  for run in $(seq 0 "$runs"); do
    if [ "$mode" = aot ]; then r=$(one_run "$aot" "${aot%/*}/ipmpd-tools.aot"); else r=$(one_run "" ""); fi
    read -r ready stat cpu <<< "$r"
    if [ "$run" = 0 ]; then
      echo "$mode: first start (makes the SSH host key): launch to ready $ready ms, CPU $cpu ms"
      continue
    fi
    echo "$ready" >> "$t/ready"; echo "$stat" >> "$t/stat"; echo "$cpu" >> "$t/cpu"
  done
  echo "$mode: launch to ready (SNMP + NETCONF): $(stats < "$t/ready"); CPU to ready: $(stats < "$t/cpu"); ipmpstat -g: $(stats < "$t/stat")"
done
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
