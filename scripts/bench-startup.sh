#!/usr/bin/env bash
# Start-to-ready of the real daemon with SNMP and NETCONF, with and without the AOT cache, and
# ipmpstat's wall time against it. Each run is in a new, empty network namespace (the group's
# members do not exist there, so nothing is placed and nothing on the host is touched).
# usage: scripts/bench-startup.sh [RUNS [MODES [OTHER]]]   (default 5, "plain aot"). Needs root. Run bin/aot-train.sh
#        first for the AOT rows. OTHER: another built checkout (e.g. main's, with its own bin/aot-train.sh run), whose
#        daemon is started alternately with this one's, so that a busy host's load falls on both alike.
# "ready" is the daemon's READY=1 on NOTIFY_SOCKET, as systemd gets it; launch is the exec of bin/ipmpd. The steps of
# start-up (wall time since launch, CPU of the process and of the thread that ended the step) are printed for the
# median run of this checkout (-Dipmpd.startupTimes=true; an older daemon ignores it).
# Each mode's runs are restarts, as after a reboot: a first start before them (not counted) made the
# SSH host key and the SNMP engine's state; the first start's own figure is printed apart. "CPU" is
# the daemon's user+sys time at ready, which the load of a shared host changes less than the wall time.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
runs="${1:-5}"
other="${3:-}"
[ -z "$other" ] || [ -x "$other/bin/ipmpd" ] || { echo "bench-startup: $other/bin/ipmpd not found" >&2; exit 2; }
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
one_run() {   # $1: checkout, $2: AOT cache to use ("" = none), $3: the tools' one; prints "launch_to_ready_ms ipmpstat_ms cpu_to_ready_ms"
  IPMPD_JAVA_OPTS="${IPMPD_JAVA_OPTS:-} -Dipmpd.startupTimes=true" \
  IPMPD_AOT_CACHE="${2:-/nonexistent}" IPMPD_TOOL_AOT_CACHE="${3:-/nonexistent}" unshare --net -- bash -c '
    ip link set lo up
    : > "$1/log"; rm -f "$1/notify" "$1/ready"
    # ready as systemd sees it (Type=notify): READY=1 on NOTIFY_SOCKET, to one listener blocked in recv.
    # A loop that polled the log with grep every 10 ms (200 processes a second) took a share of the
    # 2 cores from the very start it timed: 2.1-2.2 s instead of 1.5-1.7 s.
    /usr/bin/python3 -c "
import socket, sys, time
s = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM); s.bind(sys.argv[1]); s.settimeout(60)
while b\"READY=1\" not in s.recv(4096):
    pass
print(time.time_ns())" "$1/notify" > "$1/ready" &
    listener=$!
    for _ in $(seq 500); do [ -S "$1/notify" ] && break; sleep 0.01; done
    t0=$(date +%s%N)
    NOTIFY_SOCKET="$1/notify" "$0/bin/ipmpd" -c "$1/ipmpd.json" -m /dev/null -s "$1/ipmpd.sock" --state-dir "$1/state" \
      --snmp-config "$1/snmp.json" --netconf-config "$1/netconf.json" > "$1/log" 2>&1 &
    d=$!
    wait $listener || { kill -TERM $d; wait $d; echo "no READY=1 within 60 s:" >&2; tail -5 "$1/log" >&2; exit 1; }
    t1=$(cat "$1/ready")
    # utime + stime (fields 14, 15 of /proc/PID/stat, after the command name in parentheses), in clock ticks
    cpu=$(sed "s/.*) //" /proc/$d/stat | awk -v hz="$(getconf CLK_TCK)" "{print int((\$12 + \$13) * 1000 / hz)}")
    s0=$(date +%s%N); "$0/bin/ipmpstat" --socket "$1/ipmpd.sock" -g >/dev/null; s1=$(date +%s%N)
    kill -TERM $d; wait $d || true
    grep -q "ipmpd ready" "$1/log" || { tail -5 "$1/log" >&2; exit 1; }
    grep -o "start-up steps: .*" "$1/log" > "$1/steps" || : > "$1/steps"
    echo $(( (t1 - t0) / 1000000 )) $(( (s1 - s0) / 1000000 )) "$cpu"' "$1" "$t"
}
stats() { sort -n | awk '{a[NR]=$1} END {printf "median %d ms, min %d, max %d (n=%d)", a[int((NR+1)/2)], a[1], a[NR], NR}'; }
cache_of() {   # $1: checkout; prints its AOT cache, if any
  local c
  for c in "${IPMPD_AOT_CACHE:-}" "$1/agent/target/ipmpd.aot" /var/cache/ipmpd/ipmpd.aot; do
    [ -n "$c" ] && [ -f "$c" ] && { echo "$c"; return; }
  done
}
aot="$(cache_of "$root")"
other_aot="$( [ -z "$other" ] || cache_of "$other")"
echo "load before: $(cut -d' ' -f1-3 /proc/loadavg), $(nproc) cores"
for mode in ${2:-plain aot}; do
  [ "$mode" = aot ] && [ -z "$aot" ] && { echo "aot: no cache (run bin/aot-train.sh)"; continue; }
  [ "$mode" = aot ] && [ -n "$other" ] && [ -z "$other_aot" ] && { echo "aot: no cache in $other (run its bin/aot-train.sh)"; continue; }
  for who in this other; do
    : > "$t/ready.$who"; : > "$t/stat.$who"; : > "$t/cpu.$who"; : > "$t/steps.$who"
  done
  for run in $(seq 0 "$runs"); do
    for who in this other; do
      if [ "$who" = this ]; then dir="$root"; c="$aot"; else dir="$other"; c="$other_aot"; fi
      [ -n "$dir" ] || continue
      [ "$run" = 0 ] && rm -rf "$t/state" "$t/snmp" "$t/ssh_host_key"
      if [ "$mode" = aot ]; then r=$(one_run "$dir" "$c" "${c%/*}/ipmpd-tools.aot"); else r=$(one_run "$dir" "" ""); fi
      read -r ready stat cpu <<< "$r"
      label="$mode"; [ -z "$other" ] || label="$mode, $dir"
      if [ "$run" = 0 ]; then
        echo "$label: first start (makes the SSH host key): launch to ready $ready ms, CPU $cpu ms"
        continue
      fi
      echo "$ready" >> "$t/ready.$who"; echo "$stat" >> "$t/stat.$who"; echo "$cpu" >> "$t/cpu.$who"
      echo "$ready $(cat "$t/steps")" >> "$t/steps.$who"
    done
  done
  for who in this other; do
    if [ "$who" = this ]; then dir="$root"; else dir="$other"; fi
    [ -n "$dir" ] || continue
    label="$mode"; [ -z "$other" ] || label="$mode, $dir"
    echo "$label: launch to ready (SNMP + NETCONF): $(stats < "$t/ready.$who"); CPU to ready: $(stats < "$t/cpu.$who"); ipmpstat -g: $(stats < "$t/stat.$who")"
    # the steps of the median run (by launch to ready)
    steps="$(sort -n "$t/steps.$who" | sed -n "$(( ($(wc -l < "$t/steps.$who") + 1) / 2 ))p" | cut -d' ' -f2-)"
    [ -z "$steps" ] || echo "  median run's $steps"
  done
done
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
