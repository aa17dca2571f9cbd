#!/bin/bash
# ipmpd SNMP agent vs Debian's snmpd on loopback: GET rate, bulk walks, trap latency, RSS.
# Usage: mib/bench/run-benchmark.sh [SECONDS_PER_GET_RUN] [RUNS] [TRAPS]
# Needs: gcc, snmpd, snmptrapd, snmp (snmpbulkwalk, snmpget), the project's JDK and ~/.m2.
set -euo pipefail
cd "$(dirname "$0")/../.."
. scripts/java-env.sh
work=$(mktemp -d /tmp/ipmpd-bench.XXXXXX)
trap 'rm -rf "$work"' EXIT
gcc -O2 -Wall -o "$work/snmpget-load" mib/bench/snmpget-load.c
mvn -B -q -o -pl agent -am test-compile dependency:build-classpath -Dmdep.outputFile="$work/cp.txt" >/dev/null
cp="agent/target/test-classes:agent/target/classes:engine/target/classes:engine/target/test-classes:mib/target/classes:$(cat "$work/cp.txt")"
# The harness starts the agent in a JVM of its own, with IPMPD_AGENT_JVM_OPTS (default: the goal's
# -Xmx64m and the serial collector), so the RSS it reports is the agent's alone.
exec java -Xmx256m -cp "$cp" net.ipmpd.agent.snmp.SnmpBenchmark "$work/snmpget-load" "${1:-4}" "${2:-5}" "${3:-200}"
