#!/bin/bash
# The running ipmpd daemon's SNMP agent vs Debian's snmpd, same external clients (snmpget-load.c,
# Net-SNMP's snmpbulkwalk), alternated in one run: GET rate and CPU per GET, bulk walk of a
# 14 x 1,000 table (ipmpd: ipmpMemberTable of 1,000 configured members; snmpd: 14 extend outputs
# of 1,000 lines), agent CPU per walk, RSS.
# Usage (root): mib/bench/run-daemon-benchmark.sh [SECONDS_PER_GET_RUN] [RUNS]
# The daemon runs with bin/ipmpd's options and IPMPD_JAVA_OPTS after them (to try others), in a network
# namespace of its own (deleted at the end) with only loopback; the members do not exist there, so
# ipmpd probes nothing and touches no interface.
# Needs: gcc, snmpd, snmp, the project's JDK, ~/.m2, and a packaged agent (mvn -DskipTests package).
set -euo pipefail
cd "$(dirname "$0")/../.."
. scripts/java-env.sh
work=$(mktemp -d /tmp/ipmpd-dbench.XXXXXX)
ns="ipmpd-snmpbench-$$"
daemon=""
cleanup() {
  if [ -n "$daemon" ]; then kill "$daemon" 2>/dev/null || true; wait "$daemon" 2>/dev/null || true; fi
  ip netns del "$ns" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
gcc -O2 -Wall -o "$work/snmpget-load" mib/bench/snmpget-load.c
mvn -B -q -o -pl agent -am test-compile dependency:build-classpath -Dmdep.outputFile="$work/cp.txt" >/dev/null
cp="agent/target/test-classes:agent/target/classes:engine/target/classes:engine/target/test-classes:mib/target/classes:$(cat "$work/cp.txt")"
port=16100
/usr/bin/python3 - "$work" "$port" <<'PY'
import json, sys
work, port = sys.argv[1], int(sys.argv[2])
members = [{"interface": "m%d" % i} for i in range(1000)]
json.dump({"ipmp:ipmp": {"failure-detection-time": 10000, "group": [{"name": "big", "member": members}]}},
          open(work + "/ipmpd.json", "w"))
json.dump({"listen": {"address": "127.0.0.1", "port": port}, "stateDirectory": work + "/snmp-state",
           "system": {"name": "bench", "contact": "bench", "location": "bench"},
           "communities": [{"community": "public", "sources": ["127.0.0.1/32"]}]},
          open(work + "/snmp.json", "w"))
PY
ip netns add "$ns"
ip netns exec "$ns" ip link set lo up
# its own --state-dir, so the event history is not written to the host's /var/lib/ipmpd
ip netns exec "$ns" bin/ipmpd -c "$work/ipmpd.json" -m /dev/null -s "$work/ipmpd.sock" -l warn \
  --state-dir "$work/state" --snmp-config "$work/snmp.json" 2>"$work/ipmpd.log" &
daemon=$!
for _ in $(seq 100); do
  if ip netns exec "$ns" env SNMPCONFPATH=/nonexistent snmpget -v2c -c public -m "" -t 1 -r 0 \
      "udp:127.0.0.1:$port" .1.3.6.1.2.1.1.1.0 >/dev/null 2>&1; then break; fi
  sleep 0.2
done
# ip netns exec and bin/ipmpd exec the JVM: $daemon is the daemon's own pid
echo "ipmpd (pid $daemon) with bin/jvm/daemon.options ${IPMPD_JAVA_OPTS:-}"
ip netns exec "$ns" java -Xmx256m -cp "$cp" net.ipmpd.agent.snmp.SnmpBenchmark --daemon "$port" "$daemon" \
  "$work/snmpget-load" "${1:-4}" "${2:-5}"
