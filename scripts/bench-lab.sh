#!/usr/bin/env bash
# Lab benchmark of the real daemon (net.ipmpd.testlab.bench.FailoverBenchmark): carrier failover
# latency against the kernel's own notice, probe-based detection time at FDT 10000/1000/100 ms,
# the 64-member footprint; --idle-minutes M adds the false-failure run at FDT 100 ms. Prints
# figures, asserts nothing. Needs root (network namespaces). Options: see the class comment.
#   scripts/bench-lab.sh                       everything (about 10 minutes)
#   scripts/bench-lab.sh --only carrier --failovers 100
#   scripts/bench-lab.sh --only idle --idle-minutes 10
set -euo pipefail
cd "$(dirname "$0")/.."
if [ "$(id -u)" -ne 0 ]; then
  echo "ipmpd bench: the benchmark builds network namespaces: run it as root" >&2
  exit 1
fi
scripts/install-test-deps.sh
source scripts/java-env.sh
build_log=$(mktemp)
trap 'rm -f "$build_log"' EXIT
if ! mvn -B -q -ntp -DskipTests package dependency:build-classpath \
    -Dmdep.outputFile=target/classpath.txt -Dmdep.includeScope=runtime >"$build_log" 2>&1; then
  cat "$build_log" >&2
  echo "ipmpd bench: the build failed (above)" >&2
  exit 1
fi
rm -f "$build_log"
trap - EXIT
exec java -XX:+UseSerialGC --enable-native-access=ALL-UNNAMED -Dlog4j2.disable.jmx=true \
  -Dipmpd.home="$PWD" -cp "testlab/target/classes:$(cat testlab/target/classpath.txt)" \
  net.ipmpd.testlab.bench.FailoverBenchmark "$@"
