#!/usr/bin/env bash
# Engine throughput benchmark: 10,000 interfaces in 2,500 groups; prints events/s and bytes/event.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/java-env.sh
mvn -B -q -o -pl engine test-compile 2>/dev/null || mvn -B -q -pl engine test-compile
exec java -Xmx2g -XX:+UseParallelGC -cp engine/target/classes:engine/target/test-classes \
  net.ipmpd.engine.bench.EngineBenchmark "$@"
