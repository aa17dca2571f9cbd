#!/usr/bin/env bash
# The main job: ipmpd's story told as it happens. Builds what it needs, then runs the demo.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-test-deps.sh
source scripts/java-env.sh
mvn -B -q -ntp -DskipTests compile -pl engine >/dev/null
exec java -cp engine/target/classes net.ipmpd.engine.sim.ScenarioDemo "$@"
