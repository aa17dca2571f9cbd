#!/usr/bin/env bash
# Mutation testing of the engine core with PIT (not part of the build or CI: it takes many
# minutes on two cores). Prints the mutation score and the surviving mutants per class; the HTML
# report is written to engine/target/pit-reports/index.html, every mutant to mutations.csv.
#   scripts/mutation.sh            # whole core
#   scripts/mutation.sh -o         # offline, once the plugin is in the local repository
#   PIT_TARGETS='net.ipmpd.engine.core.ActiveSet,net.ipmpd.engine.core.EngineCore' scripts/mutation.sh -o
#                                  # only these classes (comma-separated globs), much faster
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/java-env.sh
mkdir -p engine/target
mvn -B -ntp "$@" -pl engine test-compile org.pitest:pitest-maven:mutationCoverage \
  -Dthreads=2 -DtargetClasses="${PIT_TARGETS:-net.ipmpd.engine.core.*}" | tee engine/target/pit.log | grep -E "Generated|Killed|mutation score|Line Coverage|Test strength|BUILD" || true
csv=engine/target/pit-reports/mutations.csv
if [[ -f $csv ]]; then
  echo "surviving or uncovered mutants per class (details: $csv):"
  awk -F, '$6=="SURVIVED" || $6=="NO_COVERAGE" {n[$2]++} END {for (c in n) printf "%5d %s\n", n[c], c}' "$csv" | sort -rn
fi
