#!/bin/bash
# Side-by-side NETCONF benchmark on loopback: ipmpd's server (real engine, simulated network)
# against OpenDaylight's netconf-testtool 10.0.2 serving the same YANG modules and the same data.
# Usage (from the worktree root, after `mvn -o -pl agent -am test-compile`):
#   agent/src/test/python/netconf/run_bench.sh TESTTOOL_JAR [GROUPS] [ROUNDS] [SESSIONS]
# The testtool jar: mvn dependency:copy -Dartifact=org.opendaylight.netconf:netconf-testtool:10.0.2:jar:executable
set -euo pipefail
JAR=$1; GROUPS_N=${2:-50}; ROUNDS=${3:-300}; SESSIONS=${4:-20}
ROOT=$(pwd)
source "$ROOT/scripts/java-env.sh"
WORK=$(mktemp -d /tmp/ncbench.XXXXXX)
OURS_PORT=$(/usr/bin/python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
TT_PORT=$(/usr/bin/python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
CP="$ROOT/agent/target/test-classes:$ROOT/agent/target/classes:$ROOT/yang/target/classes:$ROOT/engine/target/classes:$ROOT/mib/target/classes"
# every module writes the file in reactor order; the agent comes last
mvn -B -o -q -pl agent -am test-compile dependency:build-classpath -Dmdep.outputFile="$WORK/cp.txt" -Dmdep.includeScope=test >/dev/null 2>&1
CP="$CP:$(tr ':' '\n' < "$WORK/cp.txt" | grep -v -e '/net/ipmpd/' -e '/target/classes' -e '/target/test-classes' | paste -sd:)"
BENCH="$ROOT/agent/src/test/python/netconf/nc_bench.py"
OURS_PID=""; TT_PID=""
cleanup() {
  [ -n "$OURS_PID" ] && kill "$OURS_PID" 2>/dev/null || true
  [ -n "$TT_PID" ] && kill "$TT_PID" 2>/dev/null || true
  rm -rf "$WORK"
}
trap cleanup EXIT
# ipmpd: its stdin is a FIFO we hold open (fd 4); the java process itself is killed by PID at the end
mkfifo "$WORK/stdin"
java -Xmx256m --enable-native-access=ALL-UNNAMED -cp "$CP" net.ipmpd.agent.netconf.NetconfBenchmarkMain \
   "$WORK" "$OURS_PORT" "$GROUPS_N" 900 < "$WORK/stdin" > "$WORK/ours.log" 2>&1 &
OURS_PID=$!
exec 4>"$WORK/stdin"
for i in $(seq 1 120); do grep -q READY "$WORK/ours.log" 2>/dev/null && break; sleep 0.5; done
grep -q READY "$WORK/ours.log" || { echo "ipmpd server did not start"; cat "$WORK/ours.log"; exit 1; }
java -Xmx256m -jar "$JAR" --ip 127.0.0.1 --starting-port "$TT_PORT" --device-count 1 --ssh true \
   --schemas-dir "$WORK/schemas" --initial-config-xml-file "$WORK/initial-config.xml" > "$WORK/testtool.log" 2>&1 &
TT_PID=$!
for i in $(seq 1 120); do (exec 3<>/dev/tcp/127.0.0.1/$TT_PORT) 2>/dev/null && break; sleep 0.5; done
grep READY "$WORK/ours.log"
echo "groups=$GROUPS_N rounds=$ROUNDS sessions=$SESSIONS ours=127.0.0.1:$OURS_PORT testtool=127.0.0.1:$TT_PORT"
for run in 1 2; do
  /usr/bin/python3 "$BENCH" ipmpd 127.0.0.1 "$OURS_PORT" admin admin "$ROUNDS" "$SESSIONS" $([ $run = 2 ] && echo 1 || echo 0) | tee -a "$WORK/results"
  /usr/bin/python3 "$BENCH" testtool 127.0.0.1 "$TT_PORT" admin admin "$ROUNDS" "$SESSIONS" | tee -a "$WORK/results"
done
/usr/bin/python3 - "$WORK/results" <<'PY'
import json, statistics, sys
rows = [json.loads(l) for l in open(sys.argv[1]) if l.strip()]
def m(server, key):
    return statistics.median(r[key] for r in rows if r["server"] == server)
for key, better in (("get_config_median_ms", "lower"), ("get_config_p99_ms", "lower"), ("sessions_per_s", "higher")):
    o, t = m("ipmpd", key), m("testtool", key)
    ratio = t / o if better == "lower" else o / t
    print("%-22s ipmpd %8.3f  testtool %8.3f  ratio %.2f (>1: ipmpd better)" % (key, o, t, ratio))
PY
