#!/usr/bin/env bash
# Mutation testing of the engine core with PIT (not part of the build or CI: it takes many
# minutes on two cores). Prints the mutation score; the HTML report is written to
# engine/target/pit-reports/index.html.
#   scripts/mutation.sh            # whole core
#   scripts/mutation.sh -o         # offline, once the plugin is in the local repository
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/java-env.sh
mkdir -p engine/target
mvn -B -ntp "$@" -pl engine test-compile org.pitest:pitest-maven:mutationCoverage \
  -Dthreads=2 -DtargetClasses='net.ipmpd.engine.core.*' | tee engine/target/pit.log | grep -E "Generated|Killed|mutation score|Line Coverage|Test strength|BUILD" || true
