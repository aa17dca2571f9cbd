#!/usr/bin/env bash
# The main job: ipmpd's story told as it happens, in a network-namespace lab with the real daemon
# (net.ipmpd.testlab.demo.LabDemo): a 3-member group (one standby), a cable pulled and plugged back
# (failover, TCP flows surviving, failback), a switch port that stops forwarding (probe-based
# detection), if_mpadm offline/online. Builds what it needs first. Needs root (network namespaces).
#   scripts/demo.sh               the lab demo (root)
#   scripts/demo.sh --simulated   the engine alone on a simulated network (no root, no kernel)
set -euo pipefail
cd "$(dirname "$0")/.."
if [ "${1:-}" = "--simulated" ]; then
  shift
  source scripts/java-env.sh
  mvn -B -q -ntp -DskipTests compile -pl engine >/dev/null
  exec java -cp engine/target/classes net.ipmpd.engine.sim.ScenarioDemo "$@"
fi
if [ "$(id -u)" -ne 0 ]; then
  echo "ipmpd demo: the demo builds network namespaces: run it as root (sudo $0)" >&2
  echo "ipmpd demo: without root, '$0 --simulated' shows the engine alone on a simulated network (no kernel, no daemon)" >&2
  exit 1
fi
scripts/install-test-deps.sh
source scripts/java-env.sh
echo "ipmpd demo: building (mvn package)..."
# package builds bin/'s runtime (agent/target/lib); build-classpath writes each module's runtime
# class path (reactor modules resolve to their jars in target/, nothing is installed in ~/.m2)
build_log=$(mktemp)
trap 'rm -f "$build_log"' EXIT
if ! mvn -B -q -ntp -DskipTests package dependency:build-classpath \
    -Dmdep.outputFile=target/classpath.txt -Dmdep.includeScope=runtime >"$build_log" 2>&1; then
  cat "$build_log" >&2
  echo "ipmpd demo: the build failed (above)" >&2
  exit 1
fi
rm -f "$build_log"
trap - EXIT
exec java -XX:+UseSerialGC -XX:TieredStopAtLevel=1 --enable-native-access=ALL-UNNAMED -Dlog4j2.disable.jmx=true \
  -Dipmpd.home="$PWD" -cp "testlab/target/classes:$(cat testlab/target/classpath.txt)" \
  net.ipmpd.testlab.demo.LabDemo "$@"
