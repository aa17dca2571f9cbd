#!/bin/bash
# Trap latency of the running daemon: carrier failures and repairs of veth members in a namespace
# lab, each timed from the carrier change (what `ip link set sw-mK down|up` in the switch's
# namespace does, sent on rtnetlink by the harness) to the arrival of ipmpd's v2c traps
# (ipmpInterfaceFailed/Repaired, ipmpAddressMoved, linkDown/linkUp) at a UDP receiver, beside the
# time to the kernel's notice and to the data address on its new member.
# Usage (root): mib/bench/run-trap-latency.sh [ROUNDS]   (default 40; a round each 2.1-2.3 s)
# Lab: namespace H (ipmpd, members m0..m15, the trap receiver on H's loopback) and namespace S (a
# bridge with each member's veth peer sw-mK); group g0, link-only detection, failback on, flap
# damping off, data address 198.18.0.(100+K)/24 at home on mK. Per-run namespace names, deleted at the
# end; nothing is added to the root namespace. The measuring is mib/bench/trap-latency.py.
# Needs: iproute2, snmp (snmpget), the project's JDK and a packaged agent (mvn -DskipTests package).
set -euo pipefail
cd "$(dirname "$0")/../.."
if [ "$(id -u)" -ne 0 ]; then
  echo "run-trap-latency: builds network namespaces: run it as root" >&2
  exit 1
fi
rounds=${1:-40}
if ! [[ $rounds =~ ^[0-9]+$ ]] || [ "$rounds" -lt 2 ] || [ "$rounds" -gt 1000 ]; then
  echo "run-trap-latency: ROUNDS must be 2..1000" >&2
  exit 2
fi
. scripts/java-env.sh
work=$(mktemp -d /tmp/ipmpd-trapbench.XXXXXX)
host="ipmpd-traph-$$"
switch="ipmpd-traps-$$"
daemon=""
cleanup() {
  if [ -n "$daemon" ]; then kill "$daemon" 2>/dev/null || true; wait "$daemon" 2>/dev/null || true; fi
  ip netns del "$host" 2>/dev/null || true
  ip netns del "$switch" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
members=(m0 m1 m2 m3 m4 m5 m6 m7 m8 m9 m10 m11 m12 m13 m14 m15)
agent_port=16100
trap_port=16162
ip netns add "$host"
ip netns add "$switch"
ip -n "$host" link set lo up
ip -n "$switch" link set lo up
ip -n "$switch" link add br0 type bridge
ip -n "$switch" link set br0 up
homes=""
for i in "${!members[@]}"; do
  m=${members[$i]}
  # created in the switch's namespace with its peer moved straight into the host's: never in root's
  ip -n "$switch" link add "sw-$m" type veth peer name "$m" netns "$host"
  ip -n "$switch" link set "sw-$m" master br0 up
  ip -n "$host" link set "$m" up
  homes+="${homes:+,}$m=198.18.0.$((100 + i))"
done
/usr/bin/python3 - "$work" "$agent_port" "$trap_port" "${members[@]}" <<'PY'
import json, sys
work, agent_port, trap_port, members = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4:]
json.dump({"ipmp:ipmp": {
    "failure-detection-time": 10000, "failback": True, "track-interfaces-only-with-groups": True,
    "flap-damping": {"enabled": False},
    "group": [{"name": "g0", "member": [{"interface": m} for m in members],
               "data-address": [{"address": "198.18.0.%d" % (100 + i), "prefix-length": 24, "home-member": m}
                                for i, m in enumerate(members)]}]}},
    open(work + "/ipmpd.json", "w"))
json.dump({"listen": {"address": "127.0.0.1", "port": agent_port}, "stateDirectory": work + "/snmp-state",
           "system": {"name": "bench", "contact": "bench", "location": "bench"},
           "communities": [{"community": "public", "sources": ["127.0.0.1/32"]}],
           "trapTargets": [{"address": "127.0.0.1", "port": trap_port, "community": "public", "type": "trap"}]},
          open(work + "/snmp.json", "w"))
PY
# its own --state-dir: the event history the daemon writes (as it does on a host) stays in this run's directory
ip netns exec "$host" bin/ipmpd -c "$work/ipmpd.json" -m /dev/null -s "$work/ipmpd.sock" -l warn \
  --state-dir "$work/state" --snmp-config "$work/snmp.json" 2>"$work/ipmpd.log" &
daemon=$!
ready=""
for _ in $(seq 300); do
  if ! kill -0 "$daemon" 2>/dev/null; then break; fi
  if ip netns exec "$host" env SNMPCONFPATH=/nonexistent snmpget -v2c -c public -m "" -t 1 -r 0 \
      "udp:127.0.0.1:$agent_port" .1.3.6.1.2.1.1.1.0 >/dev/null 2>&1 \
      && [ "$(ip -n "$host" -4 -o addr show | grep -c ' 198\.18\.0\.1[0-9][0-9]/24 ')" -eq "${#members[@]}" ]; then
    ready=yes; break
  fi
  sleep 0.2
done
if [ -z "$ready" ]; then
  echo "run-trap-latency: the daemon did not come up with its data addresses in 60 s; its log:" >&2
  cat "$work/ipmpd.log" >&2
  exit 1
fi
echo "$(date -u '+%Y-%m-%d %H:%M:%S UTC'), $(uptime | sed 's/.*load average/load average/')"
echo "ipmpd (pid $daemon) with bin/jvm/daemon.options ${IPMPD_JAVA_OPTS:-}; $rounds rounds over ${members[*]}"
ip netns exec "$host" /usr/bin/python3 mib/bench/trap-latency.py "$switch" "$rounds" "$trap_port" \
  "$(IFS=,; echo "${members[*]}")" "$homes"
echo "$(date -u '+%Y-%m-%d %H:%M:%S UTC'), $(uptime | sed 's/.*load average/load average/')"
if grep -q . "$work/ipmpd.log"; then
  echo "daemon log (warn and above):"
  tail -n 20 "$work/ipmpd.log"
fi
